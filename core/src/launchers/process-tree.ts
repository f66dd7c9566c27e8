import { readFileSync, readdirSync } from 'node:fs';
import { isRunPid } from '../runs/record-check';

/** The fields of /proc/<pid>/stat after the command name, or undefined where there is no such process (or no /proc). */
export function procStat(pid: number): string[] | undefined {
  if (!isRunPid(pid)) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** A process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), to tell a pid's owner apart from a reuse. */
export function processStartTime(pid: number): number | undefined {
  const start = Number(procStat(pid)?.[19]);
  return Number.isFinite(start) ? start : undefined;
}

/**
 * True when `pid` runs, is not a zombie and, if `startTime` is given, is the same process that was recorded. Only
 * processes of this user count: one that exists but may not be signalled (EPERM) is someone else's, so not alive
 * for Liftoff. Pids ≤ 1 and non-integers are never alive.
 */
export function isAlive(pid: number, startTime?: number): boolean {
  if (!isRunPid(pid)) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false; // ESRCH: gone; EPERM: another user's process, never a run of ours
  }
  const fields = procStat(pid);
  if (fields && (fields[0] === 'Z' || fields[0] === 'X')) return false;
  return startTime === undefined || Number(fields?.[19]) === startTime;
}

/**
 * A process group Liftoff itself created: made only by `spawnedGroup` (a child this process just spawned detached)
 * or by `proveRunProcess` (process-identity.ts). Signals go to groups of this type only.
 */
export interface OwnedGroup {
  readonly pgid: number;
  readonly __owned: unique symbol;
}

/** The group of a child this process spawned with `detached: true` (it leads its own group). */
export function spawnedGroup(pid: number | undefined): OwnedGroup | undefined {
  return isRunPid(pid) ? ({ pgid: pid } as OwnedGroup) : undefined;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends a whole process group (the launched command and everything it started): SIGTERM, then SIGKILL after
 * `graceMs` if anything of it remains.
 */
export async function killTree(group: OwnedGroup, graceMs = 5000): Promise<void> {
  const pgid = group.pgid;
  if (!isRunPid(pgid)) return; // never 0, 1, or a negative: those address every process or the caller's own group
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
    const hard = Date.now() + 2000;
    while (groupAlive(pgid) && Date.now() < hard) await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every live descendant of `pid` (through /proc), for tests and diagnostics. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(entry));
      parents.set(ppid, list);
    } catch {
      /* exited while listing */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}
