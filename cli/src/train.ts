import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { prepareRun } from '../../core/src/launchers/prepare-run';
import { LaunchError } from '../../core/src/launchers/launch-plan';
import { startRun } from '../../core/src/launchers/runner';
import { SeriesStore } from '../../core/src/metrics/series-store';
import { openRunFeed } from '../../core/src/metrics/run-feed';
import { createLanguageService } from '../../server/src/service';
import { BUNDLED_SCHEMA_DIR, loadSchemas } from '../../server/src/schemas';
import { createNodeHost } from '../../server/src/node-host';
import { parseArgs, UsageError } from './args';
import { createSlurmRunner } from '../../core/src/launchers/slurm/command-runner';
import { submitSlurmRun, SlurmSubmitError } from '../../core/src/launchers/slurm/submit';
import { SlurmJobTracker } from '../../core/src/launchers/slurm/job-tracker';
import { RunStore } from '../../core/src/runs/run-store';
import { ProgressLine } from './progress';
import type { Io } from './io';

/** The built-in trainer's bundle, beside this CLI's bundle (dist/cli → dist/trainer). */
const BUILTIN_TRAINER = path.join(__dirname, '..', 'trainer', 'builtin.js');

/**
 * `liftoff train <experiment.yaml> [--workspace DIR]`: validates, then runs the same launcher as the editor's
 * "▶ Train", headless, with a progress line (epoch, metrics, ETA); exits with the run's exit code.
 */
export async function runTrain(argv: readonly string[], io: Io & { isTTY?: boolean }): Promise<number> {
  let experimentPath: string;
  let workspace: string;
  try {
    const args = parseArgs(argv, { workspace: 'string' });
    if (args.positionals.length !== 1) throw new UsageError('give exactly one experiment file');
    experimentPath = path.resolve(io.cwd, args.positionals[0]!);
    workspace = path.resolve(io.cwd, args.options.get('workspace') ?? '.');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff train: ${err.message}\nUsage: liftoff train <experiment.yaml> [--workspace DIR]\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(experimentPath, 'utf8');
  } catch (err) {
    io.err(`liftoff train: cannot read ${path.relative(io.cwd, experimentPath)}: ${(err as Error).message}\n`);
    return 2;
  }
  const service = createLanguageService({}, { schemas: loadSchemas(BUNDLED_SCHEMA_DIR), host: createNodeHost({ workspaceFolders: [workspace] }) });
  const errors = (await service.validate({ uri: pathToFileURL(experimentPath).toString(), text })).filter((d) => d.severity === DiagnosticSeverity.Error);
  if (errors.length) {
    const rel = path.relative(io.cwd, experimentPath);
    for (const d of errors) io.err(`${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} error ${String(d.code)} ${String(d.message)}\n`);
    io.err(`liftoff train: ${rel} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} first.\n`);
    return 1;
  }

  if ((parse(text) as { run?: { launcher?: unknown } } | null)?.run?.launcher === 'slurm') {
    return trainOnSlurm(io, workspace, experimentPath, text);
  }

  let prepared;
  try {
    prepared = await prepareRun({ workspace, experimentPath, experimentText: text, builtinTrainer: BUILTIN_TRAINER, nodePath: process.execPath });
  } catch (err) {
    if (!(err instanceof LaunchError)) throw err;
    io.err(`liftoff train: ${err.message}\n`);
    return 1;
  }
  const { record, dir, plan, store } = prepared;
  io.err(`liftoff: run ${record.id} of ${record.experiment} → ${path.relative(io.cwd, dir) || dir}\n`);
  for (const note of plan.notes) io.err(`liftoff: ${note}\n`);

  const experiment = parse(text) as { training?: { epochs?: unknown }; metrics?: { primary?: { name?: unknown } } };
  const totalEpochs = typeof experiment.training?.epochs === 'number' ? experiment.training.epochs : undefined;
  const series = new SeriesStore();
  // The same feed as the metrics panel: metrics.jsonl, and stdout, CSV or event files when the experiment says so.
  const feed = await openRunFeed(series, dir, record, { tail: true });
  const progress = new ProgressLine(io, record.id, series, totalEpochs);
  // Output goes through as is when it is not a terminal (logs, CI); on a terminal the progress line sits below it.
  const running = await startRun(store, dir, plan, { onOutput: (chunk) => progress.output(chunk) });
  const stop = () => { io.err('\nliftoff: stopping the run…\n'); void running.stop(); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const ticker = setInterval(() => progress.render(), 250);
  const final = await running.done;
  clearInterval(ticker);
  await feed.finish();
  feed.close();
  progress.render();
  progress.end();
  process.removeListener('SIGINT', stop);
  process.removeListener('SIGTERM', stop);
  io.err(`liftoff: run ${final.id} ${final.state} (${final.reason ?? ''}) — ${path.relative(io.cwd, dir)}\n`);
  return final.exitCode ?? (final.state === 'succeeded' ? 0 : 1);
}

/** `run.launcher: slurm`: submit with sbatch, follow the job (state changes, output, metrics), exit with its code. */
async function trainOnSlurm(io: Io & { isTTY?: boolean }, workspace: string, experimentPath: string, text: string): Promise<number> {
  const runner = createSlurmRunner();
  let run;
  try {
    run = await submitSlurmRun({ workspace, experimentPath, experimentText: text, runner, builtinTrainer: BUILTIN_TRAINER, nodePath: process.execPath });
  } catch (err) {
    if (err instanceof SlurmSubmitError) { io.err(`liftoff train: sbatch refused the job: ${err.sbatchMessage}\n${err.hint}\n`); return 1; }
    if (err instanceof LaunchError) { io.err(`liftoff train: ${err.message}\n`); return 1; }
    throw err;
  }
  io.err(`liftoff: run ${run.record.id} submitted as Slurm job ${run.record.jobId} → ${path.relative(io.cwd, run.dir)}\n`);
  let last = '';
  const tracker = await SlurmJobTracker.track({
    runner, store: new RunStore(workspace), dir: run.dir, onOutput: (t) => io.out(t),
    onChange: (r) => { const s = `${r.state}${r.reason ? ` (${r.reason})` : ''}`; if (s !== last) { last = s; io.err(`liftoff: job ${r.jobId} ${s}\n`); } },
  });
  const cancel = () => { io.err('\nliftoff: cancelling the job (scancel)…\n'); void tracker.cancel(); };
  process.once('SIGINT', cancel);
  const final = await tracker.done;
  process.removeListener('SIGINT', cancel);
  io.err(`liftoff: run ${final.id} ${final.state} (${final.reason ?? ''})\n`);
  return final.exitCode ?? (final.state === 'succeeded' ? 0 : 1);
}
