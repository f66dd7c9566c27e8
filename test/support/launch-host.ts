/**
 * A stand-in for the extension host in crash tests (test/integration/host-crash.test.ts): it launches an experiment
 * through core's `launchRun` exactly as `client/src/runs/controller.ts` does — the runner (dist/runner/liftoff-run.js)
 * hosted outside this process, as a VS Code task terminal hosts it — follows the run through the returned handle, and
 * polls `reattachRuns` like the Runs view while a run is active. One JSON line on stdout per event.
 *
 * Usage: node out/test/support/launch-host.js <workspace> <experiment.yaml> <liftoff-run.js>
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launchRun } from '../../core/src/launchers';
import { reattachRuns } from '../../core/src/runs';
import { RunStore } from '../../core/src/runs/run-store';

export type HostEvent =
  | { readonly runnerSpawned: string; readonly runnerPid: number }
  | { readonly launched: string }
  | { readonly state: string }
  | { readonly done: string; readonly exitCode: number | null | undefined };

async function main(): Promise<void> {
  const [workspace, experimentPath, runnerJs] = process.argv.slice(2);
  if (!workspace || !experimentPath || !runnerJs)
    throw new Error('usage: launch-host <workspace> <experiment> <runner>');
  const say = (e: HostEvent) => process.stdout.write(`${JSON.stringify(e)}\n`);
  const store = new RunStore(workspace);
  const run = await launchRun({
    workspace,
    experimentPath,
    experimentText: readFileSync(experimentPath, 'utf8'),
    builtinTrainer: 'unused: the experiment names run.command',
    nodePath: process.execPath,
    onChange: (r) => say({ state: r.state }),
    hostRunner: async (prepared) => {
      // A task terminal: the runner is not this process's child in any way that ties its life to this process.
      const runner = spawn(process.execPath, [runnerJs, prepared.dir], {
        cwd: prepared.plan.cwd,
        detached: true,
        stdio: 'ignore',
      });
      runner.unref();
      say({ runnerSpawned: prepared.dir, runnerPid: runner.pid ?? -1 });
    },
  });
  say({ launched: run.dir });
  // The Runs view's poll (RunsController.tick), faster, so a kill lands while it may be settling.
  const poll = setInterval(() => void reattachRuns(store).catch(() => undefined), 200);
  const final = await run.done;
  clearInterval(poll);
  say({ done: final.state, exitCode: final.exitCode });
}

main().catch((err: unknown) => {
  process.stderr.write(`launch-host: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
