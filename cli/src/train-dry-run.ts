import type { DryRun } from '../../core/src/launchers';
import { shellQuote } from '../../core/src/launchers';
import type { Io } from './io';

const words = (argv: readonly string[]) => argv.map(shellQuote).join(' ');

/** `liftoff train --dry-run`: the launch as text (for people) or JSON (for tools: the DryRun object as is). */
export function printDryRun(io: Io, d: DryRun, format: 'text' | 'json'): void {
  if (format === 'json') {
    io.out(JSON.stringify(d, null, 2) + '\n');
    return;
  }
  const lines = [
    `launcher: ${d.launcher}`,
    `run folder: ${d.runDir} (not created: a real launch draws a new run id)`,
    `working directory: ${d.cwd}`,
    `command: ${words(d.argv)}`,
    `spawns: ${words(d.spawn)}${d.launcher === 'slurm' ? ' (the script below on stdin)' : ''}`,
    `environment (${d.launcher === 'slurm' ? 'exported by the script' : 'set on top of the inherited environment'}):`,
    ...Object.entries(d.env)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `  ${k}=${shellQuote(v)}`),
    ...d.notes.map((n) => `note: ${n}`),
  ];
  io.out(lines.join('\n') + '\n');
  if (d.script !== undefined) io.out(`sbatch script:\n${d.script}`);
}
