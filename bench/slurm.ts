/**
 * `npm run bench -- slurm [seconds=90]`: the Slurm launcher against a real Slurm 22.05 on localhost (started and stopped
 * by test/support/slurm-cluster.ts; needs root and scripts/setup-integration.sh's packages).
 * - Train → first metric: from the call "▶ Train" makes (submit + track, core's submitSlurmRun and SlurmJobTracker)
 *   to the job's first metric point in the series store; and from the job writing a line to its point in the store
 *   (each line carries its write time). Target: within 2 s of the job writing it.
 * - Polling cost: Slurm calls Liftoff makes per minute for one running job, over a job that writes a metric every
 *   second for `seconds`; and the most calls in any 60 s window. Target: ≤ 12 a minute.
 * A warm-up job runs first: the first job after a cluster starts waits ~3 s for the node, which no live cluster does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createSlurmRunner, SlurmJobTracker, submitSlurmRun } from '../core/src/launchers/slurm';
import type { RunRecord } from '../core/src/runs/run-record';
import { SeriesStore } from '../core/src/metrics/series-store';
import { SlurmCluster, slurmUnavailable } from '../test/support/slurm-cluster';

const WRITER = `
const fs = require('node:fs');
const n = Number(process.argv[2]);
const file = process.env.LIFTOFF_METRICS_FILE;
let step = 0;
const tick = () => {
  step++;
  fs.appendFileSync(file, JSON.stringify({ step, loss: 1 / step, written_ms: Date.now() }) + '\\n');
  if (step < n) setTimeout(tick, 1000);
};
tick();
`;

interface JobResult {
  trainToFirstMetricMs: number;
  writeToStoreMs: { p50: number; p95: number; max: number; n: number };
  runningSeconds: number;
  callsWhileRunning: number;
  callsPerMinuteRunning: number;
  maxCallsInAnyMinute: number;
  totalCalls: number;
  final: string;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

async function runJob(cluster: SlurmCluster, seconds: number): Promise<JobResult> {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-bench-slurm-'));
  try {
    const writer = path.join(ws, 'writer.js');
    writeFileSync(writer, WRITER);
    const text = [
      'apiVersion: liftoff/v1',
      'kind: Experiment',
      'metadata: {name: bench-slurm}',
      'task: {type: classification}',
      'resources: {cpus: 1, memory_gb: 0.5}',
      'run:',
      '  trainer: command',
      `  command: ${JSON.stringify([process.execPath, writer, String(seconds)])}`,
      '  launcher: slurm',
      '',
    ].join('\n');
    const experimentPath = path.join(ws, 'bench.experiment.yaml');
    writeFileSync(experimentPath, text);
    const calls: number[] = [];
    const runner = createSlurmRunner({ env: cluster.processEnv(), onCall: () => calls.push(Date.now()) });
    const series = new SeriesStore();
    const latencies: number[] = [];
    let firstMetricAt: number | undefined;
    let seen = 0;
    let runningAt: number | undefined;
    let endedAt: number | undefined;
    const trainAt = Date.now();
    const submitted = await submitSlurmRun({
      workspace: ws,
      experimentPath,
      experimentText: text,
      builtinTrainer: '',
      nodePath: process.execPath,
      runner,
    });
    series.onChange(() => {
      const written = series.series(submitted.record.id, 'written_ms');
      if (!written) return;
      const now = Date.now();
      firstMetricAt ??= now;
      for (; seen < written.length; seen++) latencies.push(now - written.values[seen]!);
    });
    const tracker = await SlurmJobTracker.track({
      runner,
      store: submitted.store,
      dir: submitted.dir,
      series,
      onChange: (r: RunRecord) => {
        if (r.state === 'running') runningAt ??= Date.now();
        if (r.endedAt) endedAt = Date.now();
      },
    });
    const final = await tracker.done;
    const end = endedAt ?? Date.now();
    const start = runningAt ?? trainAt;
    const running = calls.filter((c) => c >= start && c <= end);
    const maxInMinute = Math.max(0, ...calls.map((c) => calls.filter((d) => d >= c && d < c + 60_000).length));
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      trainToFirstMetricMs: (firstMetricAt ?? NaN) - trainAt,
      writeToStoreMs: {
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        max: sorted[sorted.length - 1] ?? NaN,
        n: sorted.length,
      },
      runningSeconds: (end - start) / 1000,
      callsWhileRunning: running.length,
      callsPerMinuteRunning: running.length / ((end - start) / 60_000),
      maxCallsInAnyMinute: maxInMinute,
      totalCalls: calls.length,
      final: `${final.state} (${final.reason ?? ''})`,
    };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 90);
  const why = slurmUnavailable();
  if (why) {
    console.log(`slurm bench skipped: ${why}`);
    console.log(JSON.stringify({ bench: 'slurm', skipped: why }));
    return;
  }
  const cluster = await SlurmCluster.start({ nodes: 1 });
  try {
    await runJob(cluster, 1); // warm-up: the node's first job after a start is slow
    const r = await runJob(cluster, seconds);
    const ok = { firstMetric: r.writeToStoreMs.max <= 2000, polling: r.maxCallsInAnyMinute <= 12 };
    const rows: Array<[string, string, string]> = [
      ['Train → first metric in the store', `${r.trainToFirstMetricMs} ms`, '—'],
      [
        'job writes a metric → in the store (p50 / p95 / max)',
        `${r.writeToStoreMs.p50} / ${r.writeToStoreMs.p95} / ${r.writeToStoreMs.max} ms (${r.writeToStoreMs.n} lines)`,
        `≤ 2000 ms ${ok.firstMetric ? '✔' : '✘'}`,
      ],
      [
        'Slurm calls per minute while running',
        `${r.callsPerMinuteRunning.toFixed(1)} (${r.callsWhileRunning} in ${r.runningSeconds.toFixed(0)} s)`,
        '≤ 12',
      ],
      ['most Slurm calls in any 60 s', String(r.maxCallsInAnyMinute), `≤ 12 ${ok.polling ? '✔' : '✘'}`],
      ['Slurm calls for the whole job', String(r.totalCalls), '—'],
      ['final state', r.final, '—'],
    ];
    const w = Math.max(...rows.map((x) => x[0].length));
    console.log(`\nSlurm launcher (Slurm 22.05 on localhost, one job writing a metric a second for ${seconds} s)\n`);
    for (const [k, v, t] of rows) console.log(`${k.padEnd(w)}  ${v.padEnd(42)}  ${t}`);
    console.log(JSON.stringify({ bench: 'slurm', seconds, ...r, targetsMet: ok }));
  } finally {
    await cluster.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
