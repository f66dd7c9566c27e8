import { StringDecoder } from 'node:string_decoder';
import { watchFile, type FileWatch } from '../../metrics/ingest';
import type { SeriesStore } from '../../metrics/series-store';
import { Tail, type TailChunk, type TailWatcher } from '../../metrics/tail';
import { OutputMarks, type LogStream } from '../../runs/timeline';

export interface JobFiles {
  readonly runId: string;
  readonly stdoutFile: string;
  /** The job's stderr (`#SBATCH --error`); absent for runs submitted before stderr had its own file. */
  readonly stderrFile?: string;
  readonly metricsFile: string;
  /** Metrics go here as the job writes them (the panel's store, the bench's). */
  readonly series?: SeriesStore;
  readonly onOutput?: (text: string) => void;
  /**
   * The run folder: when given, the growth of stdout.log and stderr.log seen here is recorded in its timeline.jsonl
   * (timeline.ts), so the two logs can be interleaved later. The tracker, the writer of a Slurm run's run.json, gives it.
   */
  readonly timelineDir?: string;
  /** Poll interval of the tails: the bound on latency where file-system events do not come (NFS). Default 100 ms. */
  readonly pollMs?: number;
}

interface LogTail {
  readonly stream: LogStream;
  readonly tail: Tail;
  readonly watcher: TailWatcher;
  readonly decoder: StringDecoder;
}

/**
 * Follows the job's stdout.log, stderr.log and metrics.jsonl on the shared file system while it runs. Reading files
 * costs the cluster nothing, so this is what makes metrics and logs live; Slurm is asked only about the job's state.
 */
export class JobFileTails {
  private readonly metrics: FileWatch | undefined;
  private readonly logs: LogTail[] = [];
  private readonly marks: OutputMarks | undefined;

  constructor(private readonly files: JobFiles) {
    const pollMs = files.pollMs ?? 100;
    if (files.series) this.metrics = watchFile(files.series, files.runId, files.metricsFile, 'jsonl', { pollMs });
    if (files.timelineDir) this.marks = new OutputMarks(files.timelineDir);
    if (!files.onOutput && !this.marks) return;
    const streams: Array<[LogStream, string | undefined]> = [
      ['stdout', files.stdoutFile],
      ['stderr', files.stderrFile],
    ];
    for (const [stream, file] of streams) {
      if (!file) continue;
      const tail = new Tail(file);
      const decoder = new StringDecoder('utf8');
      const watcher = tail.watch((c) => this.take(stream, decoder, c), { pollMs });
      this.logs.push({ stream, tail, watcher, decoder });
    }
  }

  private take(stream: LogStream, decoder: StringDecoder, c: TailChunk): void {
    if (c.data.length) this.marks?.grew(stream, c.from + c.data.length);
    const s = decoder.write(c.data);
    if (s) this.files.onOutput?.(s);
  }

  /** Records the output seen so far in the timeline (before a state change is written after it). */
  flushMarks(): void {
    this.marks?.flush();
  }

  /** Reads what the job wrote last (its final lines, a last line without a line end) and stops following. */
  async finish(): Promise<void> {
    if (this.metrics) {
      await this.metrics.idle();
      await this.metrics.reader.read();
      this.metrics.reader.finish();
      this.metrics.close();
    }
    for (const log of this.logs) {
      await log.watcher.idle();
      log.watcher.close();
      const rest = await log.tail.read();
      if (rest.data.length) this.marks?.grew(log.stream, rest.from + rest.data.length);
      const s = log.decoder.write(rest.data) + log.decoder.end();
      if (s) this.files.onOutput?.(s);
    }
    this.marks?.close();
  }

  close(): void {
    this.metrics?.close();
    for (const log of this.logs) log.watcher.close();
    this.marks?.close();
  }
}
