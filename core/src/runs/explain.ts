/**
 * A finished run, explained: gathers what a run folder holds (run.json, the tail of its log, its last metrics, the
 * config snapshot) into the facts `diagnoseRun` reads, so the Runs view, its tooltip, notifications, `liftoff runs`
 * and `liftoff train` all say the same cause with the same evidence. Every file is the workspace's: read bounded,
 * without following links or blocking on FIFOs; what cannot be read is simply not evidence.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'yaml';
import { t, type Locale } from '../l10n';
import { diagnoseRun, diagnosisIn, type Diagnosis, type FixPlan, type RunFacts } from './diagnose';
import { FixEditError, fixEdit, type TextSpanEdit } from './fix-edit';
import type { RunRecord } from './run-record';
import { RunStore, type RunHandle } from './run-store';
import { parseRunConfig } from './run-config';
import { readRunFile } from './safe-read';

/** How much of the end of a log or metrics file is read: the failure is at the end. */
export const TAIL_BYTES = 64 * 1024;

/** The last `bytes` of a file as text (from the first whole line), or undefined when it is not a readable file. */
export async function readTail(file: string, bytes = TAIL_BYTES): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (!st.isFile()) return undefined;
    const start = Math.max(0, st.size - bytes);
    // From one byte earlier: a window that starts exactly at a line start keeps that line.
    const from = Math.max(0, start - 1);
    const buf = Buffer.alloc(st.size - from);
    const { bytesRead } = await handle.read(buf, 0, buf.length, from);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    if (start === 0) return text;
    const cut = text.indexOf('\n');
    return cut < 0 ? text.slice(1) : text.slice(cut + 1);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

const NON_FINITE: Record<string, number> = {
  nan: NaN,
  '-nan': NaN,
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

/**
 * The last value of every metric in a metrics JSON-lines tail, NaN and Infinity kept: Python's json.dumps writes
 * them as bare `NaN` / `Infinity` (not JSON), other writers as strings ("nan", "inf"). Also the highest `epoch` seen.
 */
export function lastMetricValues(tail: string): { values: Record<string, number>; epoch?: number } {
  const values: Record<string, number> = Object.create(null) as Record<string, number>;
  let epoch: number | undefined;
  for (const raw of tail.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('{')) continue;
    let row: unknown;
    try {
      row = JSON.parse(line.replace(/([:,[]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g, '$1"$2"'));
    } catch {
      continue;
    }
    if (!row || typeof row !== 'object' || Array.isArray(row)) continue;
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      const n = typeof v === 'number' ? v : typeof v === 'string' ? NON_FINITE[v.trim().toLowerCase()] : undefined;
      if (n === undefined) continue;
      values[k] = n;
      if ((k === 'epoch' || k === 'step_epoch') && Number.isFinite(n)) epoch = Math.max(epoch ?? 0, n);
    }
  }
  return epoch === undefined ? { values } : { values, epoch };
}

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  6: 'SIGABRT',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  15: 'SIGTERM',
};

/** The signal that ended a run, from its record: `killed by SIGKILL`, `killed by signal 9`, exit status 128+n. */
export function signalOf(r: Pick<RunRecord, 'reason' | 'exitCode'>): string | undefined {
  const named = /killed by (SIG[A-Z]+)/.exec(r.reason ?? '');
  if (named) return named[1];
  const n = /killed by signal (\d+)/.exec(r.reason ?? '');
  if (n) return SIGNALS[Number(n[1])] ?? `signal ${n[1]}`;
  if (typeof r.exitCode === 'number' && r.exitCode > 128 && r.exitCode < 160) return SIGNALS[r.exitCode - 128];
  return undefined;
}

/** Slurm's final state word from a Slurm run's reason ("TIMEOUT (time limit …): …" → TIMEOUT). */
export function slurmStateOf(r: Pick<RunRecord, 'launcher' | 'reason'>): string | undefined {
  if (r.launcher !== 'slurm') return undefined;
  return /^([A-Z][A-Z_]+)\b/.exec(r.reason ?? '')?.[1];
}

/** Everything a run folder says about how the run ended, as `diagnoseRun` reads it. */
export async function runFacts(run: RunHandle, now = Date.now()): Promise<RunFacts> {
  const r = run.record;
  const [log, stderr, metricsTail, configText] = await Promise.all([
    readTail(RunStore.file(run, 'stdout')),
    readTail(RunStore.file(run, 'stderr')),
    readTail(RunStore.file(run, 'metrics')),
    readRunFile(RunStore.file(run, 'config')),
  ]);
  const experiment = parseRunConfig(configText);
  const metrics = metricsTail ? lastMetricValues(metricsTail) : { values: {} };
  const training = (experiment as { training?: { epochs?: unknown } } | null | undefined)?.training;
  const total = typeof training?.epochs === 'number' && training.epochs > 0 ? training.epochs : undefined;
  const start = Date.parse(r.startedAt);
  const end = r.endedAt ? Date.parse(r.endedAt) : now;
  const elapsedSec = Number.isFinite(start) && Number.isFinite(end) && end >= start ? (end - start) / 1000 : undefined;
  const signal = signalOf(r);
  const slurmState = slurmStateOf(r);
  return {
    state: r.state,
    exitCode: r.exitCode,
    ...(signal ? { signal } : {}),
    ...(slurmState ? { slurmState } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    // Liftoff keeps a run's stdout and stderr apart (stdout.log, stderr.log); a run from before that has no stderr
    // file, and its stdout.log holds both, interleaved as they came.
    ...(stderr !== undefined
      ? { ...(log ? { stdoutTail: log } : {}), ...(stderr ? { stderrTail: stderr } : {}) }
      : log
        ? { logTail: log }
        : {}),
    lastMetrics: metrics.values,
    experiment,
    ...(elapsedSec !== undefined ? { elapsedSec } : {}),
    ...(total && metrics.epoch !== undefined ? { progress: { done: metrics.epoch, total } } : {}),
  };
}

/** The cause of a failed or cancelled run with its evidence and fix; undefined for a run that did not fail. */
export async function explainRun(run: RunHandle, overrides: Partial<RunFacts> = {}): Promise<Diagnosis | undefined> {
  if (run.record.state !== 'failed' && run.record.state !== 'cancelled') return undefined;
  return diagnoseRun({ ...(await runFacts(run)), ...overrides });
}

export interface ProposedFix {
  readonly plan: FixPlan;
  /** The experiment text with the fix applied, and the one edit that makes it; absent with `error`. */
  readonly result?: { readonly text: string; readonly edit: TextSpanEdit };
  /** Why the edit cannot be made automatically (what to do by hand). */
  readonly error?: string;
}

/**
 * The fixes of a failed run as edits of the experiment as it is now (`experimentText`, the file the user edits, not
 * the run's snapshot): values are scaled from the current file, so a fix applied twice halves twice, as asked.
 */
export async function proposeFixes(
  run: RunHandle,
  experimentText: string,
): Promise<{ diagnosis?: Diagnosis; fixes: ProposedFix[] }> {
  let experiment: unknown;
  try {
    experiment = parse(experimentText, { maxAliasCount: 100 });
  } catch {
    experiment = undefined;
  }
  const diagnosis = await explainRun(run, experiment === undefined ? {} : { experiment });
  const plans = diagnosis ? [...(diagnosis.fix ? [diagnosis.fix] : []), ...(diagnosis.alternatives ?? [])] : [];
  const fixes = plans.map((plan): ProposedFix => {
    try {
      return { plan, result: fixEdit(experimentText, plan) };
    } catch (err) {
      if (!(err instanceof FixEditError)) throw err;
      return { plan, error: err.message };
    }
  });
  return { ...(diagnosis ? { diagnosis } : {}), fixes };
}

/**
 * A diagnosis as plain text lines for a terminal: the cause, what to do, the evidence, and the fix; in `locale`
 * (its words and the diagnosis, `diagnosisIn`), English by default.
 */
export function diagnosisLines(diagnosis: Diagnosis, locale?: Locale): string[] {
  const clean = (s: string) => s.replace(/[\x00-\x08\x0b-\x1f\x7f\x1b]/g, '');
  const d = diagnosisIn(locale, diagnosis);
  return [
    t(locale, 'cause: {0}', clean(d.title)),
    `  ${clean(d.detail)}`,
    ...d.evidence.map((e) => `  ${e.source}: ${clean(e.text)}`),
    ...(d.fix ? [`  ${t(locale, 'fix: {0}', clean(d.fix.title))}`] : []),
    ...(d.alternatives ?? []).map((f) => `  ${t(locale, 'or: {0}', clean(f.title))}`),
  ];
}
