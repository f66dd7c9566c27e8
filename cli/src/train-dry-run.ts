import type { DryRun } from '../../core/src/launchers';
import { shellQuote } from '../../core/src/launchers';
import { say, t } from '../../core/src/l10n';
import type { Io } from './io';

/** The value the dry run shows for the run's token (drawn only at a real launch). */
const RUN_TOKEN_PLACEHOLDER = '<128 random bits, drawn at launch>';

const words = (argv: readonly string[]) => argv.map(shellQuote).join(' ');

/** `liftoff train --dry-run`: the launch as text (for people) or JSON (for tools: the DryRun object as is). */
export function printDryRun(io: Io, d: DryRun, format: 'text' | 'json'): void {
  if (format === 'json') {
    io.out(JSON.stringify({ ...d, notePhrases: undefined }, null, 2) + '\n');
    return;
  }
  const l = io.locale;
  const notes = d.notePhrases ? d.notePhrases.map((p) => say(l, p)) : d.notes;
  const lines = [
    t(l, 'launcher: {0}', d.launcher),
    t(l, 'run folder: {0} (not created: a real launch draws a new run id)', d.runDir),
    t(l, 'working directory: {0}', d.cwd),
    t(l, 'command: {0}', words(d.argv)),
    d.launcher === 'slurm'
      ? t(l, 'spawns: {0} (the script below on stdin)', words(d.spawn))
      : t(l, 'spawns: {0}', words(d.spawn)),
    d.launcher === 'slurm'
      ? t(l, 'environment (exported by the script):')
      : t(l, 'environment (set on top of the inherited environment):'),
    ...Object.entries(d.env)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([k, v]) =>
          `  ${k}=${shellQuote(v === RUN_TOKEN_PLACEHOLDER ? t(l, '<128 random bits, drawn at launch>') : v)}`,
      ),
    ...notes.map((n) => t(l, 'note: {0}', n)),
  ];
  io.out(lines.join('\n') + '\n');
  if (d.script !== undefined) io.out(`${t(l, 'sbatch script:')}\n${d.script}`);
}
