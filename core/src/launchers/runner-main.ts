/**
 * `node dist/runner/liftoff-run.js <run-dir>`: runs a prepared run (its launch.json) in the foreground, as the
 * process VS Code shows in a task terminal. SIGTERM/SIGINT/SIGHUP stop the run's whole process tree; the exit code
 * is the run's. The state lives in run.json, so the Runs view and the CLI see the same run.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { RunStore } from '../runs/run-store';
import { localeFromEnv, normalizeLocale, say, t } from '../l10n';
import { reasonText, stateText } from '../runs/run-reason';
import type { LaunchPlan } from './launch-plan';
import { startRun } from './runner';

async function main(): Promise<number> {
  const runDir = process.argv[2];
  if (!runDir) {
    process.stderr.write('usage: liftoff-run <run-dir>\n');
    return 2;
  }
  const store = RunStore.ofRunDir(runDir);
  const plan = JSON.parse(await readFile(path.join(runDir, 'launch.json'), 'utf8')) as LaunchPlan;
  process.stdout.write(`\x1b[2m$ ${plan.argv.join(' ')}\x1b[0m\n`);
  // The launcher's language for the built-in trainer (LIFTOFF_LOCALE), else this terminal's.
  const tag = plan.env.LIFTOFF_LOCALE;
  const locale = tag ? normalizeLocale(tag) : localeFromEnv(process.env);
  for (const note of plan.notePhrases?.map((p) => say(locale, p)) ?? plan.notes)
    process.stdout.write(`liftoff: ${note}\n`);
  const running = await startRun(store, runDir, plan, { onOutput: (c) => process.stdout.write(c) });
  const stop = () => {
    void running.stop();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
  const final = await running.done;
  process.stdout.write(
    `\nliftoff: ${t(locale, 'run {0} {1} ({2})', final.id, stateText(locale, final.state), reasonText(locale, final) ?? '')}\n`,
  );
  return final.exitCode ?? (final.state === 'succeeded' ? 0 : 1);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`liftoff-run: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
