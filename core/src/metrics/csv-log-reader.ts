/**
 * CSV metrics logs, read incrementally:
 * - PyTorch Lightning's `CSVLogger` (`metrics.csv`): `epoch`, `step` and one column per metric, sorted; a row has
 *   cells only for what was logged at that step (the rest empty). When a new metric appears, Lightning rewrites the
 *   whole file with the wider header: the header is this reader's signature, so a changed header makes the tail start
 *   over and the file is read again (its points replace the old ones).
 * - Keras' `CSVLogger`: `epoch` and one column per metric, one row per epoch (`NA` for a value not available); the
 *   step is the epoch.
 * - Any other CSV with a header: the step is the `step` column, else `epoch`, else the row number.
 * `time` or `wall_time` columns are wall times. Empty, `NA` and text cells are skipped; `nan`/`inf` are kept as
 * values (counted by the store). A row with the wrong number of cells is corrupt.
 */
import { NumberScanner } from './number-scan';
import { LineFileReader, type ReaderOptions } from './reader';
import type { Series, SeriesStore } from './series-store';

export type CsvFlavor = 'lightning' | 'keras' | 'generic';

const ROLE_METRIC = 0;
const ROLE_STEP = 1;
const ROLE_EPOCH = 2;
const ROLE_TIME = 3;

interface Column {
  readonly name: string;
  readonly role: number;
  series: Series | undefined;
}

export class CsvLogReader extends LineFileReader {
  private columns: Column[] | undefined;
  private flavorValue: CsvFlavor | undefined;
  private stepCol = -1;
  private epochCol = -1;
  private timeCol = -1;
  private lastStep = -1;
  private values = new Float64Array(0);
  /** present[k] === row: cell k of this row holds a number (no clearing per row). */
  private present = new Uint32Array(0);
  private row = 0;
  private readonly num = new NumberScanner();

  constructor(store: SeriesStore, run: string, path: string, options: ReaderOptions = {}) {
    super(store, run, path, options, { quotes: true });
  }

  /** What the header says the file is (undefined before the header was read). */
  get flavor(): CsvFlavor | undefined {
    return this.flavorValue;
  }
  get header(): readonly string[] | undefined {
    return this.columns?.map((c) => c.name);
  }

  protected line(b: Buffer, start: number, end: number, next: number): void {
    if (!this.columns) {
      if (isBlank(b, start, end)) return;
      this.readHeader(b, start, end);
      // The header line with its line end must stay the file's first bytes; if they change, the file was rewritten.
      if (this.lines.lineOffset === 0 && next > end) this.tail.setSignature(b.subarray(start, next));
      return;
    }
    if (isBlank(b, start, end)) return;
    const cols = this.columns;
    const n = cols.length;
    const values = this.values;
    const present = this.present;
    const row = (this.row = (this.row + 1) >>> 0 || 1);
    let k = 0;
    let i = start;
    for (;;) {
      let fs = i;
      let fe: number;
      let after: number;
      if (b[i] === 34 /* " */) {
        // Quoted cell: ends at a quote not doubled.
        let j = i + 1;
        for (;;) {
          while (j < end && b[j] !== 34) j++;
          if (j >= end) {
            this.stats.corrupt++;
            return;
          }
          if (j + 1 < end && b[j + 1] === 34) {
            j += 2;
            continue;
          }
          fs = i + 1;
          fe = j;
          after = j + 1;
          break;
        }
        if (after < end && b[after] !== 44) {
          this.stats.corrupt++;
          return;
        }
      } else {
        let j = i;
        while (j < end && b[j] !== 44 /* , */) j++;
        fe = after = j;
      }
      if (k < n && fe > fs) this.cell(b, fs, fe, k, row);
      k++;
      if (after >= end) break;
      i = after + 1;
    }
    if (k !== n) {
      this.stats.corrupt++;
      return;
    }
    let step: number;
    if (this.stepCol >= 0 && present[this.stepCol] === row) step = values[this.stepCol] as number;
    else if (this.stepCol < 0 && this.epochCol >= 0 && present[this.epochCol] === row)
      step = values[this.epochCol] as number;
    else step = this.stepCol >= 0 ? Math.max(this.lastStep, 0) : this.lastStep + 1;
    this.lastStep = step;
    let time = NaN;
    let points = 0;
    if (this.timeCol >= 0 && present[this.timeCol] === row) time = values[this.timeCol] as number;
    for (let c = 0; c < n; c++) {
      if (present[c] !== row) continue;
      const col = cols[c] as Column;
      if (col.role === ROLE_STEP || col.role === ROLE_TIME) continue;
      (col.series ??= this.seriesFor(col.name)).push(step, time, values[c] as number);
      points++;
    }
    this.stats.records++;
    this.stats.points += points;
  }

  protected override restart(): void {
    super.restart();
    this.columns = undefined;
    this.flavorValue = undefined;
    this.stepCol = this.epochCol = this.timeCol = -1;
    this.lastStep = -1;
  }

  /** A numeric cell sets values[k]; empty, NA and text cells stay absent. */
  private cell(b: Buffer, s: number, e: number, k: number, row: number): void {
    while (s < e && b[s] === 32) s++;
    while (e > s && b[e - 1] === 32) e--;
    if (s >= e) return;
    const v = this.num.scan(b, s, e);
    if (this.num.end !== e) return;
    if (k === this.stepCol && v - v !== 0) return; // a step must be a number
    this.values[k] = v;
    this.present[k] = row;
  }

  private readHeader(b: Buffer, start: number, end: number): void {
    let text = b.toString('utf8', start, end);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const names = splitCsv(text).map((s) => s.trim());
    this.columns = names.map((name) => {
      const lower = name.toLowerCase();
      const role =
        lower === 'step'
          ? ROLE_STEP
          : lower === 'epoch'
            ? ROLE_EPOCH
            : lower === 'time' || lower === 'wall_time'
              ? ROLE_TIME
              : ROLE_METRIC;
      return { name: role === ROLE_EPOCH ? 'epoch' : name, role, series: undefined };
    });
    this.stepCol = this.columns.findIndex((c) => c.role === ROLE_STEP);
    this.epochCol = this.columns.findIndex((c) => c.role === ROLE_EPOCH);
    this.timeCol = this.columns.findIndex((c) => c.role === ROLE_TIME);
    this.flavorValue = this.stepCol >= 0 && this.epochCol >= 0 ? 'lightning' : this.epochCol >= 0 ? 'keras' : 'generic';
    this.values = new Float64Array(names.length);
    this.present = new Uint32Array(names.length);
  }
}

function isBlank(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 32 && b[i] !== 9 && b[i] !== 13) return false;
  return true;
}

/** Splits one CSV record (RFC 4180 quoting). */
export function splitCsv(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let cell = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          cell += line.slice(j);
          j = line.length;
          break;
        }
        cell += line.slice(j, q);
        if (line[q + 1] === '"') {
          cell += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      out.push(cell);
      const comma = line.indexOf(',', j);
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      out.push(comma < 0 ? line.slice(i) : line.slice(i, comma));
      if (comma < 0) return out;
      i = comma + 1;
    }
  }
}
