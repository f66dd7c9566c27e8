/**
 * The machine's process table, read from /proc (Linux; no process is started to read it): for tests that must see
 * that nothing was spawned, and which Liftoff server processes exist.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly cmd: string;
}

export function processTable(): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Field 4 (ppid) follows the parenthesised command name, which may itself hold spaces or parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      // A process that has just exited (a zombie) has no command line left: its name from stat stands in.
      const cmd =
        readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') ||
        `[${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}]`;
      out.push({ pid: Number(name), ppid, cmd });
    } catch {
      /* it ended while we looked */
    }
  }
  return out;
}

/** Every process below `root` (children, their children…). */
export function descendants(root: number, table = processTable()): ProcessEntry[] {
  const found: ProcessEntry[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table)
      if (parents.has(p.ppid) && !parents.has(p.pid)) {
        parents.add(p.pid);
        found.push(p);
        grew = true;
      }
  }
  return found;
}

/** Liftoff language server processes started from `extensionPath` (its bundled dist/server/server.js). */
export function liftoffServers(extensionPath: string, table = processTable()): ProcessEntry[] {
  return table.filter((p) => p.cmd.includes(`${extensionPath}/dist/server/server.js`));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
