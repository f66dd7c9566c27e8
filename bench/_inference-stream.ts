/**
 * The whole-file case of bench/inference: a 1,000,000-row CSV (the credit-risk example's rows repeated, header and
 * target column included) written to a temp file, scored by `scoreFile` into a results CSV on disk. End-to-end rows/s
 * (read, parse, preprocess, run, write) and the RSS growth over all rounds (the peak, sampled after every chunk, over
 * the RSS before the first round).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExperimentSettings } from '../core/src/inference/experiment-settings';
import { scoreFile } from '../core/src/inference/score-file';
import { fileSink } from '../core/src/inference/score-sink';
import type { SessionCache } from '../core/src/inference/session-cache';
import { csvRows } from './_inference-setup';

export interface StreamFigures {
  readonly rows: number;
  readonly mb: number;
  readonly ms: number;
  /** CPU time of the process (all threads) over the same round. */
  readonly cpuMs: number;
  readonly rowsPerS: number;
  readonly rssGrowthMb: number;
  readonly outMb: number;
}

/** A CSV file of `rows` data rows, written 100,000 rows at a time. */
function writeInput(file: string, rows: number): void {
  const block = csvRows(100_000);
  const header = block.slice(0, block.indexOf('\n') + 1);
  const body = block.slice(header.length);
  writeFileSync(file, header);
  for (let done = 0; done < rows; done += 100_000) {
    const n = Math.min(100_000, rows - done);
    appendFileSync(file, n === 100_000 ? body : csvRows(n).slice(header.length));
  }
}

export async function streamCase(
  cache: SessionCache,
  model: string,
  experiment: ExperimentSettings,
  rows: number,
  rounds: number,
): Promise<StreamFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-bench-score-'));
  try {
    const input = path.join(dir, 'input.csv');
    const output = path.join(dir, 'results.csv');
    writeInput(input, rows);
    const times: number[] = [];
    const cpu: number[] = [];
    const before = process.memoryUsage.rss();
    let peak = before;
    for (let i = 0; i < rounds; i++) {
      const sink = fileSink(output);
      let chunks = 0;
      const t = performance.now();
      const c = process.cpuUsage();
      const summary = await scoreFile(cache, {
        model,
        input,
        sink,
        experiment,
        topK: 1,
        // Every 4th chunk (1 MiB of input): reading the RSS costs ~0.1 ms, part of the timed work.
        onProgress: () => {
          if (++chunks % 4 === 0) peak = Math.max(peak, process.memoryUsage.rss());
        },
      });
      await sink.close();
      peak = Math.max(peak, process.memoryUsage.rss());
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      if (summary.rows !== rows || summary.failed !== 0)
        throw new Error(`scored ${summary.rows} rows, ${summary.failed} failed, of ${rows}`);
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ms = mid(times);
    return {
      rows,
      mb: statSync(input).size / 2 ** 20,
      ms,
      cpuMs: mid(cpu),
      rowsPerS: rows / (ms / 1000),
      rssGrowthMb: (peak - before) / 2 ** 20,
      outMb: statSync(output).size / 2 ** 20,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
