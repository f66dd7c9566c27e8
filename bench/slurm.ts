/**
 * `npm run bench -- slurm [seconds=90]`: the Slurm launcher against a real Slurm 22.05 on localhost (started and stopped
 * by test/support/slurm-cluster.ts; needs root and scripts/setup-integration.sh's packages).
 * - Train → first metric: from the call "▶ Train" makes (submit + track, core's submitSlurmRun and SlurmJobTracker)
 *   to the job's first metric point in the series store; and from the job writing a line to its point in the store
 *   (each line carries its write time). Target: within 2 s of the job writing it.
 * - Polling cost: every Slurm command Liftoff starts while one job writes a metric every second for `seconds` and the
 *   Runs view's Slurm queue section is open beside it — the tracker (core's SlurmJobTracker) and the queue section
 *   (core's QueuePoller, the extension's own schedule, asked as the view asks: every 2 s while a run is active, plus
 *   Refresh Runs pressed every 15 s). Counted by a PATH shim in front of the real sbatch/squeue/scontrol/sacct/…
 *   that logs each process it starts (only those Liftoff started, not the job's own srun), and checked against the
 *   runners' own counts. Targets: ≤ 12 calls in any 60 s in total; the queue section ≤ 2 in any 60 s (its share).
 * A warm-up job runs first: the first job after a cluster starts waits ~3 s for the node, which no live cluster does.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createSlurmRunner,
  QUEUE_SHARE,
  QueuePoller,
  SlurmJobTracker,
  submitSlurmRun,
  userQueue,
} from '../core/src/launchers/slurm';
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

/** The Slurm commands Liftoff may start; each gets a shim that logs `<µs since epoch> <parent pid> <tool> <args>`. */
const SLURM_TOOLS = ['sbatch', 'squeue', 'scontrol', 'sacct', 'scancel', 'sinfo', 'srun'];

/** A folder of shims, first on PATH, each logging its start to `log` and then running the real command. */
function slurmShims(dir: string, log: string): string {
  const bin = path.join(dir, 'shim-bin');
  mkdirSync(bin);
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/sbin', '/usr/bin', '/sbin', '/bin']);
  for (const tool of SLURM_TOOLS) {
    const real = dirs.map((d) => path.join(d, tool)).find((p) => existsSync(p));
    if (!real) continue;
    const file = path.join(bin, tool);
    writeFileSync(
      file,
      `#!/bin/bash\nprintf '%s %s %s %s\\n' "\${EPOCHREALTIME/./}" "$PPID" ${tool} "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(real)} "$@"\n`,
    );
    chmodSync(file, 0o755);
  }
  return bin;
}

interface LoggedCall {
  readonly at: number;
  readonly tool: string;
  readonly queue: boolean;
}

/** The shim log's lines for commands this process started (the job's own srun has another parent). */
function readShimLog(log: string): LoggedCall[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .map((l) => /^(\d+) (\d+) (\S+) ?(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[2]) === process.pid)
    .map((m) => ({ at: Number(m[1]) / 1000, tool: m[3]!, queue: m[3] === 'squeue' && m[4]!.startsWith('--me') }));
}

function maxInAnyMinute(calls: readonly number[]): number {
  return Math.max(0, ...calls.map((c) => calls.filter((d) => d >= c && d < c + 60_000).length));
}

interface JobResult {
  trainToFirstMetricMs: number;
  writeToStoreMs: { p50: number; p95: number; max: number; n: number };
  runningSeconds: number;
  callsWhileRunning: number;
  callsPerMinuteRunning: number;
  maxCallsInAnyMinute: number;
  totalCalls: number;
  /** The queue section's calls (`squeue --me`): in all, while the job ran, and the most in any 60 s. */
  queueCalls: number;
  queueCallsWhileRunning: number;
  queueMaxInAnyMinute: number;
  /** The tracker's calls alone (everything but the queue section's), the most in any 60 s. */
  trackerMaxInAnyMinute: number;
  /** Calls by tool, as the shim saw them. */
  byTool: Record<string, number>;
  /** What the runners themselves counted (onCall), which the shim's count must equal. */
  runnerCounted: number;
  /** How often the emulated view asked the poller (each refresh, each Refresh Runs, each onChange). */
  viewAsks: number;
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
    const log = path.join(ws, 'slurm-calls.log');
    const env = cluster.processEnv();
    env.PATH = `${slurmShims(ws, log)}${path.delimiter}${env.PATH ?? ''}`;
    let runnerCounted = 0;
    const runner = createSlurmRunner({ env, onCall: () => runnerCounted++ });
    // The Runs view's queue section: the extension's own schedule, asked as the view asks while a run is active.
    let viewAsks = 0;
    let lastAnswer: Promise<unknown> | undefined;
    const poller = new QueuePoller({ fetch: () => userQueue(runner), onChange: () => ask() });
    const ask = () => {
      viewAsks++;
      lastAnswer = poller.jobs()?.catch(() => undefined);
    };
    ask();
    const viewRefresh = setInterval(ask, 2000); // RunsController.tick while a run is active
    const refreshRuns = setInterval(() => {
      poller.invalidate(); // Refresh Runs pressed
      ask();
    }, 15_000);
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
    clearInterval(viewRefresh);
    clearInterval(refreshRuns);
    poller.dispose();
    await lastAnswer; // its squeue has ended (the shim logs before it starts the real one)
    const end = endedAt ?? Date.now();
    const start = runningAt ?? trainAt;
    const logged = readShimLog(log);
    const calls = logged.map((c) => c.at);
    const queueCalls = logged.filter((c) => c.queue).map((c) => c.at);
    const trackerCalls = logged.filter((c) => !c.queue).map((c) => c.at);
    const running = calls.filter((c) => c >= start && c <= end);
    const byTool: Record<string, number> = {};
    for (const c of logged) byTool[c.tool] = (byTool[c.tool] ?? 0) + 1;
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
      maxCallsInAnyMinute: maxInAnyMinute(calls),
      totalCalls: calls.length,
      queueCalls: queueCalls.length,
      queueCallsWhileRunning: queueCalls.filter((c) => c >= start && c <= end).length,
      queueMaxInAnyMinute: maxInAnyMinute(queueCalls),
      trackerMaxInAnyMinute: maxInAnyMinute(trackerCalls),
      byTool,
      runnerCounted,
      viewAsks,
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
    const ok = {
      firstMetric: r.writeToStoreMs.max <= 2000,
      polling: r.maxCallsInAnyMinute <= 12,
      queueShare: r.queueMaxInAnyMinute <= QUEUE_SHARE.maxCalls,
      counted: r.runnerCounted === r.totalCalls,
    };
    const mark = (met: boolean) => (met ? 'met' : 'MISS');
    const rows: Array<[string, string, string]> = [
      ['Train → first metric in the store', `${r.trainToFirstMetricMs} ms`, '—'],
      [
        'job writes a metric → in the store (p50 / p95 / max)',
        `${r.writeToStoreMs.p50} / ${r.writeToStoreMs.p95} / ${r.writeToStoreMs.max} ms (${r.writeToStoreMs.n} lines)`,
        `≤ 2000 ms ${mark(ok.firstMetric)}`,
      ],
      [
        'Slurm calls per minute while running (all)',
        `${r.callsPerMinuteRunning.toFixed(1)} (${r.callsWhileRunning} in ${r.runningSeconds.toFixed(0)} s)`,
        '—',
      ],
      ['most Slurm calls in any 60 s (tracker + queue)', String(r.maxCallsInAnyMinute), `≤ 12 ${mark(ok.polling)}`],
      ['  of which the tracker alone, most in any 60 s', String(r.trackerMaxInAnyMinute), '—'],
      [
        '  the queue section (squeue --me), most in any 60 s',
        `${r.queueMaxInAnyMinute} (${r.queueCalls} calls, ${r.viewAsks} asks by the view)`,
        `≤ ${QUEUE_SHARE.maxCalls} ${mark(ok.queueShare)}`,
      ],
      [
        'Slurm calls for the whole job (shim / runners)',
        `${r.totalCalls} / ${r.runnerCounted} (${Object.entries(r.byTool)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`,
        `equal ${mark(ok.counted)}`,
      ],
      ['final state', r.final, '—'],
    ];
    const w = Math.max(...rows.map((x) => x[0].length));
    console.log(
      `\nSlurm launcher (Slurm 22.05 on localhost, one job writing a metric a second for ${seconds} s, the Runs view's queue section open)\n`,
    );
    for (const [k, v, t] of rows) console.log(`${k.padEnd(w)}  ${v.padEnd(52)}  ${t}`);
    console.log(JSON.stringify({ bench: 'slurm', seconds, ...r, targetsMet: ok }));
  } finally {
    await cluster.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
