import * as path from 'node:path';
import { say } from '../l10n';
import { DEFAULT_FILES, RUN_STATES, type RunRecord, type RunState } from './run-record';
import { checkReasonCode, reasonPhrase } from './run-reason';

/**
 * run.json is a file in the workspace, so a repository can commit any content there. Every read goes through this
 * check, which keeps only values Liftoff can act on safely: a record that names a pid, a path or a job id that could
 * reach outside its run gets that field dropped (or reset to its default), never trusted.
 */

/** Linux's PID_MAX_LIMIT; pid 1 (init) and 0/negatives (process groups, "every process") are never a run. */
const MAX_PID = 4_194_304;
export const isRunPid = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v > 1 && v <= MAX_PID;
export const isJobId = (v: unknown): v is string => typeof v === 'string' && /^\d{1,12}(?:_\d{1,9})?$/.test(v);
const isToken = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v);
const isTicks = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const str = (v: unknown, max = 4000): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** A name for a file inside the run folder: one path segment, not `.`/`..`, no separators or NUL. */
export function isPlainName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 255 && v !== '.' && v !== '..' && !/[/\\\0]/.test(v);
}

/** True when `p` is `root` or lies under it (lexically; callers that open files also check real paths). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(p));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The record in `data` as Liftoff may use it, or undefined when it is not a run record at all. `dir` is the run
 * folder it was read from (the id is its name); `workspace`, when known, bounds `experimentPath`.
 */
export function checkRecord(data: unknown, dir: string, workspace?: string): RunRecord | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const r = data as Record<string, unknown>;
  if (!RUN_STATES.includes(r.state as RunState)) return undefined;
  const filesIn = (typeof r.files === 'object' && r.files !== null ? r.files : {}) as Record<string, unknown>;
  const files = Object.fromEntries(
    Object.entries(DEFAULT_FILES).map(([k, d]) => [k, isPlainName(filesIn[k]) ? filesIn[k] : d]),
  ) as unknown as RunRecord['files'];
  const res = (typeof r.resources === 'object' && r.resources !== null ? r.resources : {}) as Record<string, unknown>;
  const gpus =
    typeof res.gpus === 'number' && Number.isInteger(res.gpus) && res.gpus >= 0 && res.gpus <= 1024 ? res.gpus : 0;
  const experimentPath = str(r.experimentPath);
  const git = r.git as { commit?: unknown; dirty?: unknown } | undefined;
  const record: { -readonly [K in keyof RunRecord]: RunRecord[K] } = {
    // The folder name is the id: a record cannot claim to be another run.
    id: path.basename(dir),
    experiment: str(r.experiment, 200) ?? path.basename(path.dirname(dir)),
    state: r.state as RunState,
    launcher: r.launcher === 'slurm' ? 'slurm' : 'local',
    createdAt: str(r.createdAt, 64) ?? '',
    startedAt: str(r.startedAt, 64) ?? str(r.createdAt, 64) ?? '',
    command: Array.isArray(r.command)
      ? r.command
          .filter((a): a is string => typeof a === 'string')
          .map((a) => a.slice(0, 4000))
          .slice(0, 1000)
      : [],
    cwd: str(r.cwd) ?? '',
    resources: {
      gpus,
      ...(typeof res.cudaVisibleDevices === 'string' && /^[\d,]{0,200}$/.test(res.cudaVisibleDevices)
        ? { cudaVisibleDevices: res.cudaVisibleDevices }
        : {}),
      ...(typeof res.nodes === 'number' && Number.isInteger(res.nodes) && res.nodes >= 1 && res.nodes <= 100_000
        ? { nodes: res.nodes }
        : {}),
    },
    files,
  };
  if (typeof r.reason === 'string') record.reason = r.reason.slice(0, 4000);
  // A code is kept only when it says exactly the English reason (a writer that knew no codes may have changed it).
  const code = checkReasonCode(r.reasonCode);
  if (code && record.reason !== undefined && say('en', reasonPhrase(code)) === record.reason) record.reasonCode = code;
  if (typeof r.endedAt === 'string') record.endedAt = r.endedAt.slice(0, 64);
  if (
    r.exitCode === null ||
    (typeof r.exitCode === 'number' && Number.isInteger(r.exitCode) && Math.abs(r.exitCode) < 2 ** 31)
  )
    record.exitCode = r.exitCode;
  if (isRunPid(r.pid)) record.pid = r.pid;
  if (isTicks(r.pidStartTime)) record.pidStartTime = r.pidStartTime;
  if (isToken(r.pidToken)) record.pidToken = r.pidToken;
  if (isRunPid(r.runnerPid)) record.runnerPid = r.runnerPid;
  if (isTicks(r.runnerStartTime)) record.runnerStartTime = r.runnerStartTime;
  if (isJobId(r.jobId)) record.jobId = r.jobId;
  if (
    isPlainName(r.retryOf) &&
    typeof r.attempt === 'number' &&
    Number.isInteger(r.attempt) &&
    r.attempt >= 2 &&
    r.attempt <= 100
  ) {
    record.retryOf = r.retryOf;
    record.attempt = r.attempt;
  }
  if (
    experimentPath &&
    path.isAbsolute(experimentPath) &&
    !experimentPath.includes('\0') &&
    workspace &&
    isInside(workspace, experimentPath)
  ) {
    record.experimentPath = path.resolve(experimentPath);
  }
  if (git && typeof git.commit === 'string' && /^[0-9a-f]{7,64}$/.test(git.commit))
    record.git = { commit: git.commit, dirty: git.dirty === true };
  return record;
}
