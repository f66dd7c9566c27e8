import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from '../runs/run-record';
import { isRunPid } from '../runs/record-check';
import { isAlive, procStat, type OwnedGroup } from './process-tree';

/** The environment variable that carries a run's process token (random, 128 bits, recorded in run.json). */
export const RUN_TOKEN_ENV = 'LIFTOFF_RUN_TOKEN';

export type Proof = { readonly ok: true; readonly group: OwnedGroup } | { readonly ok: false; readonly why: string };

/**
 * Proves that the process run.json names is the one Liftoff started for this run folder, before anything signals
 * it. A run.json is a workspace file anyone can write, so each of these must hold: the pid is a real one (> 1), it
 * runs now with the recorded start time, it leads its own process group (the launcher starts it detached), and its
 * environment — readable only for this user's own processes — holds the run's token and this run folder. A
 * committed run.json cannot know a token, and no other process has one.
 */
export function proveRunProcess(record: RunRecord, dir: string): Proof {
  const pid = record.pid;
  if (record.launcher !== 'local') return { ok: false, why: 'it is not a local run' };
  if (!isRunPid(pid)) return { ok: false, why: 'run.json names no process Liftoff could have started' };
  if (record.pidStartTime === undefined || !record.pidToken) {
    return {
      ok: false,
      why: `run.json does not carry the identity Liftoff records for the processes it starts (start time and token), so process ${pid} cannot be proven to be this run`,
    };
  }
  if (!isAlive(pid, record.pidStartTime)) return { ok: false, why: `process ${pid} of this run is no longer running` };
  const stat = procStat(pid);
  if (!stat) return { ok: false, why: 'process identity can only be checked where /proc exists (Linux)' };
  if (Number(stat[2]) !== pid)
    return { ok: false, why: `process ${pid} does not lead its own process group, as the processes Liftoff starts do` };
  let environ: string;
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return {
      ok: false,
      why: `the environment of process ${pid} cannot be read, so it is not a process of this user that Liftoff started`,
    };
  }
  const vars = new Map(
    environ.split('\0').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const),
  );
  if (vars.get(RUN_TOKEN_ENV) !== record.pidToken)
    return { ok: false, why: `process ${pid} does not hold this run's token: Liftoff did not start it for this run` };
  if (!samePath(vars.get('LIFTOFF_RUN_DIR'), dir))
    return { ok: false, why: `process ${pid} was started for another run folder` };
  return { ok: true, group: { pgid: pid } as OwnedGroup };
}

function samePath(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/**
 * Processes of this user whose environment holds `token` as the run token (Linux /proc; elsewhere none are found).
 * Used only for a run whose runner died between starting its command and recording it: the command then holds the
 * token run.json already names, so it is found although its pid was never written. Reads, never signals.
 */
export function tokenHolders(token: string): number[] {
  if (!/^[0-9a-f]{16,64}$/.test(token)) return [];
  const needle = `\0${RUN_TOKEN_ENV}=${token}\0`;
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((pid) => isRunPid(pid) && pid !== process.pid);
  } catch {
    return [];
  }
  return pids.filter((pid) => {
    try {
      return `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(needle);
    } catch {
      return false; // gone, or another user's
    }
  });
}
