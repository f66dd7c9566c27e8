/**
 * Our metrics JSON-lines files (`LIFTOFF_METRICS_FILE`): one flat object per line, read incrementally. A partial last
 * line waits for its line end (or `finish()`); a corrupt line is skipped and counted.
 */
import { BLANK, CORRUPT, JsonRecordParser } from './json-record';
import { LineFileReader, type ReaderOptions } from './reader';
import type { SeriesStore } from './series-store';

export class JsonlReader extends LineFileReader {
  private readonly parser: JsonRecordParser;

  constructor(store: SeriesStore, run: string, path: string, options: ReaderOptions = {}) {
    super(store, run, path, options);
    this.parser = new JsonRecordParser((name) => this.seriesFor(name));
  }

  protected line(buf: Buffer, start: number, end: number): void {
    const n = this.parser.parse(buf, start, end);
    if (n === CORRUPT) this.stats.corrupt++;
    else if (n !== BLANK) {
      this.stats.records++;
      this.stats.points += n;
    }
  }

  protected override restart(): void {
    super.restart();
    this.parser.reset();
  }
}
