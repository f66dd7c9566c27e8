import { parseKeyValues, parseSlurmTime } from './key-values';

/** What Liftoff needs to know about one job, from whichever source still knows it. */
export interface SlurmJobInfo {
  readonly jobId: string;
  /** Slurm's job state word: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, NODE_FAIL, OUT_OF_MEMORY… */
  readonly state: string;
  /** Slurm's reason (Resources, Priority, NonZeroExitCode, TimeLimit…); undefined for `None`. */
  readonly reason?: string;
  /** The exit code of the batch script, and the signal that ended it (0 if none). */
  readonly exitCode?: number;
  readonly signal?: number;
  readonly nodes?: string;
  readonly timeLimit?: string;
  /** scontrol only: how long it has run and may run, in seconds (to expect a TIMEOUT without knowing the controller's clock). */
  readonly runTimeSec?: number;
  readonly timeLimitSec?: number;
  readonly source: 'scontrol' | 'squeue' | 'jobcomp' | 'sacct';
}

const clean = (v: string | undefined): string | undefined =>
  v === undefined || v === '' || v === 'None' || v === '(null)' ? undefined : v;

function exitPair(v: string | undefined): { exitCode?: number; signal?: number } {
  const m = /^(\d+):(\d+)$/.exec(v ?? '');
  return m ? { exitCode: Number(m[1]), signal: Number(m[2]) } : {};
}

/** `scontrol show job -o <id>` (or a jobcomp/filetxt line, which has the same shape). */
export function parseJobLine(line: string, source: 'scontrol' | 'jobcomp'): SlurmJobInfo | undefined {
  const kv = parseKeyValues(line.trim());
  const jobId = kv.get('JobId');
  const state = kv.get('JobState');
  if (!jobId || !state) return undefined;
  return {
    jobId,
    state: state.split(/\s+/)[0]!,
    reason: clean(kv.get('Reason')),
    ...exitPair(kv.get('ExitCode')),
    nodes: clean(kv.get('NodeList')),
    timeLimit: clean(kv.get('TimeLimit')),
    ...(source === 'scontrol'
      ? { runTimeSec: parseSlurmTime(kv.get('RunTime')), timeLimitSec: parseSlurmTime(kv.get('TimeLimit')) }
      : {}),
    source,
  };
}

/**
 * `squeue --json` (Slurm 22.05's openapi v0.0.38). 22.05 ignores `--jobs` together with `--json` and lists every job
 * the controller still holds, so callers pick theirs from the result: one call answers for all tracked jobs.
 */
export function parseSqueueJson(text: string): Map<string, SlurmJobInfo> {
  const out = new Map<string, SlurmJobInfo>();
  let data: { jobs?: unknown };
  try {
    data = JSON.parse(text) as { jobs?: unknown };
  } catch {
    return out;
  }
  if (!Array.isArray(data.jobs)) return out;
  for (const j of data.jobs as Array<Record<string, unknown>>) {
    const id = j.job_id;
    const state = Array.isArray(j.job_state) ? j.job_state[0] : j.job_state; // newer versions: a list of flags
    if ((typeof id !== 'number' && typeof id !== 'string') || typeof state !== 'string') continue;
    // exit_code is a wait(2) status in 22.05 (exit code << 8 | signal); later versions use an object.
    const raw = j.exit_code;
    const exit =
      typeof raw === 'number'
        ? { exitCode: raw >> 8, signal: raw & 0x7f }
        : raw && typeof raw === 'object'
          ? exitObject(raw as Record<string, unknown>)
          : {};
    out.set(String(id), {
      jobId: String(id),
      state,
      reason: typeof j.state_reason === 'string' ? clean(j.state_reason) : undefined,
      ...exit,
      nodes: typeof j.nodes === 'string' ? clean(j.nodes) : undefined,
      source: 'squeue',
    });
  }
  return out;
}

function exitObject(o: Record<string, unknown>): { exitCode?: number; signal?: number } {
  const num = (v: unknown): number | undefined =>
    typeof v === 'number'
      ? v
      : v && typeof v === 'object' && typeof (v as { number?: unknown }).number === 'number'
        ? (v as { number: number }).number
        : undefined;
  const sig = o.signal && typeof o.signal === 'object' ? num((o.signal as Record<string, unknown>).id) : undefined;
  return { exitCode: num(o.return_code), signal: sig ?? 0 };
}

/** `sacct -X -n -P -o JobID,State,ExitCode,Reason,NodeList -j <id>` (clusters with slurmdbd). */
export function parseSacct(text: string, jobId: string): SlurmJobInfo | undefined {
  for (const line of text.split('\n').reverse()) {
    const [id, state, exit, reason, nodes] = line.trim().split('|');
    if (id !== jobId || !state) continue;
    return {
      jobId,
      state: state.split(/\s+/)[0]!,
      reason: clean(reason),
      ...exitPair(exit),
      nodes: clean(nodes),
      source: 'sacct',
    };
  }
  return undefined;
}
