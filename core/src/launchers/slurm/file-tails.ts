import { StringDecoder } from 'node:string_decoder';
import { watchFile, type FileWatch } from '../../metrics/ingest';
import type { SeriesStore } from '../../metrics/series-store';
import { Tail, type TailWatcher } from '../../metrics/tail';

export interface JobFiles {
  readonly runId: string;
  readonly stdoutFile: string;
  readonly metricsFile: string;
  /** Metrics go here as the job writes them (the panel's store, the bench's). */
  readonly series?: SeriesStore;
  readonly onOutput?: (text: string) => void;
  /** Poll interval of the tails: the bound on latency where file-system events do not come (NFS). Default 100 ms. */
  readonly pollMs?: number;
}

/**
 * Follows the job's stdout.log and metrics.jsonl on the shared file system while it runs. Reading files costs the
 * cluster nothing, so this is what makes metrics live; Slurm is asked only about the job's state.
 */
export class JobFileTails {
  private readonly metrics: FileWatch | undefined;
  private readonly stdout: TailWatcher | undefined;
  private readonly stdoutTail: Tail | undefined;
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly files: JobFiles) {
    const pollMs = files.pollMs ?? 100;
    if (files.series) this.metrics = watchFile(files.series, files.runId, files.metricsFile, 'jsonl', { pollMs });
    if (files.onOutput) {
      const onOutput = files.onOutput;
      this.stdoutTail = new Tail(files.stdoutFile);
      this.stdout = this.stdoutTail.watch(
        (c) => {
          const s = this.decoder.write(c.data);
          if (s) onOutput(s);
        },
        { pollMs },
      );
    }
  }

  /** Reads what the job wrote last (its final lines, a last line without a line end) and stops following. */
  async finish(): Promise<void> {
    if (this.metrics) {
      await this.metrics.idle();
      await this.metrics.reader.read();
      this.metrics.reader.finish();
      this.metrics.close();
    }
    if (this.stdout && this.stdoutTail) {
      await this.stdout.idle();
      this.stdout.close();
      const rest = await this.stdoutTail.read();
      const s = this.decoder.write(rest.data) + this.decoder.end();
      if (s) this.files.onOutput?.(s);
    }
  }

  close(): void {
    this.metrics?.close();
    this.stdout?.close();
  }
}
