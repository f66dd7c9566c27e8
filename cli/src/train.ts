import { errorText, phrase, say, t, type Phrase } from '../../core/src/l10n';
import { cannotRead } from './read-input';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LaunchError } from '../../core/src/launchers';
import { launchRun, type RunLaunch } from '../../core/src/launchers';
import { dryRunLaunch } from '../../core/src/launchers';
import { SeriesStore } from '../../core/src/metrics';
import { openRunFeed } from '../../core/src/metrics';
import { createLanguageService } from '../../server/src/service';
import { bundledSchemas } from '../../server/src/host/schemas';
import { createNodeHost } from '../../server/src/host/node-host';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import { createSlurmRunner } from '../../core/src/launchers';
import { SlurmSubmitError } from '../../core/src/launchers';
import { ProgressLine } from './progress';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { forCli, slurmPrefix } from './slurm-options';
import { diagnosisLines, explainRun, reasonText, runNotifyHook, stateText } from '../../core/src/runs';
import { printDryRun } from './train-dry-run';
import type { Io } from './io';

/** The built-in trainer's bundle, beside this CLI's bundle (dist/cli → dist/trainer). */
const BUILTIN_TRAINER = path.join(__dirname, '..', 'trainer', 'builtin.js');
const USAGE =
  'Usage: liftoff train <experiment.yaml> [--workspace DIR] [--slurm-prefix "ssh login.cluster"] [--dry-run [--format text|json]]';

/**
 * `liftoff train <experiment.yaml> [--workspace DIR] [--dry-run]`: validates, then launches through core's
 * `launchRun` (the same call as the editor's "▶ Train"), headless, with a progress line (epoch, metrics, ETA); exits
 * with the run's exit code. `--dry-run` prints the launch instead (same core code), creating nothing.
 */
export async function runTrain(argv: readonly string[], io: Io & { isTTY?: boolean }): Promise<number> {
  let experimentPath: string;
  let workspace: string;
  let dryRun: false | 'text' | 'json';
  let prefix: string[];
  try {
    const args = parseArgs(argv, {
      workspace: 'string',
      'dry-run': 'boolean',
      format: ['text', 'json'],
      'slurm-prefix': 'string',
    });
    if (args.positionals.length !== 1) throw new UsageError(phrase('give exactly one experiment file'));
    if (args.options.has('format') && !args.options.has('dry-run'))
      throw new UsageError(phrase('--format applies to --dry-run only'));
    experimentPath = path.resolve(io.cwd, args.positionals[0]!);
    prefix = slurmPrefix(args.options.get('slurm-prefix'), io.env ?? process.env);
    const info = await stat(experimentPath).catch(() => undefined);
    if (!info) throw new UsageError(phrase("'{0}' does not exist", String(args.positionals[0])));
    if (info.isDirectory())
      throw new UsageError(
        phrase(
          "'{0}' is a folder: give one experiment file (liftoff validate '{0}' lists the Liftoff documents in it)",
          String(args.positionals[0]),
        ),
      );
    const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace'), near: [experimentPath] });
    workspace = found.dir;
    io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
    dryRun = args.options.has('dry-run') ? (args.options.get('format') === 'json' ? 'json' : 'text') : false;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff train: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(experimentPath, 'utf8');
  } catch (err) {
    io.err(`liftoff train: ${cannotRead(io.locale, path.relative(io.cwd, experimentPath), err)}\n`);
    return 2;
  }
  // Only an experiment can be trained: a business plan (or any other YAML) is refused before anything is created.
  const notExperiment = kindProblem(text, path.relative(io.cwd, experimentPath) || experimentPath);
  if (notExperiment) {
    io.err(`liftoff train: ${say(io.locale, notExperiment)}\n`);
    return 1;
  }
  const service = createLanguageService(
    { ...(io.locale && { locale: io.locale }) },
    { ...bundledSchemas(), host: createNodeHost({ workspaceFolders: [workspace] }) },
  );
  const errors = (await service.validate({ uri: pathToFileURL(experimentPath).toString(), text })).filter(
    (d) => d.severity === DiagnosticSeverity.Error,
  );
  if (errors.length) {
    const rel = path.relative(io.cwd, experimentPath);
    for (const d of errors)
      io.err(
        `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} error ${String(d.code)} ${String(d.message)}\n`,
      );
    io.err(
      `liftoff train: ${errors.length === 1 ? t(io.locale, '{0} has 1 error; fix it first.', rel) : t(io.locale, '{0} has {1} errors; fix them first.', rel, errors.length)}\n`,
    );
    return 1;
  }
  const base = {
    workspace,
    experimentPath,
    experimentText: text,
    builtinTrainer: BUILTIN_TRAINER,
    nodePath: process.execPath,
    // The built-in trainer prints its lines in the reader's language (LIFTOFF_LOCALE), --lang included.
    ...(io.locale && { locale: io.locale }),
  };

  if (dryRun) {
    try {
      printDryRun(io, await dryRunLaunch(base), dryRun);
      return 0;
    } catch (err) {
      if (!(err instanceof LaunchError)) throw err;
      io.err(`liftoff train: ${errorText(io.locale, err)}\n`);
      return 1;
    }
  }

  const experiment = parse(text) as { training?: { epochs?: unknown } };
  const totalEpochs = typeof experiment.training?.epochs === 'number' ? experiment.training.epochs : undefined;
  const series = new SeriesStore();
  // Output can arrive before the launch returns the run id the progress line needs: it goes straight through until then.
  const shown: { progress?: ProgressLine } = {};
  let last = '';
  let run: RunLaunch;
  try {
    run = await launchRun({
      ...base,
      slurmRunner: createSlurmRunner({ commandPrefix: prefix, env: io.env ?? process.env }),
      // Output goes through as is when it is not a terminal (logs, CI); on a terminal the progress line sits below it.
      onOutput: (chunk) => (shown.progress ? shown.progress.output(chunk) : io.out(chunk)),
      onChange: (r) => {
        if (r.launcher !== 'slurm') return;
        const reason = reasonText(io.locale, r);
        const s = `${stateText(io.locale, r.state)}${reason ? ` (${reason})` : ''}`;
        if (s !== last) {
          last = s;
          io.err(`liftoff: ${t(io.locale, 'job {0} {1}', r.jobId ?? '', s)}\n`);
        }
      },
    });
  } catch (err) {
    if (err instanceof SlurmSubmitError) {
      io.err(
        `liftoff train: ${t(io.locale, 'sbatch refused the job: {0}\n{1}', forCli(err.sbatchMessage), forCli(say(io.locale, err.hintPhrase)))}\n`,
      );
      return 1;
    }
    if (err instanceof LaunchError) {
      io.err(`liftoff train: ${forCli(errorText(io.locale, err))}\n`);
      return 1;
    }
    throw err;
  }
  const { record, dir } = run;
  io.err(
    run.launcher === 'slurm'
      ? `liftoff: ${t(io.locale, 'run {0} submitted as Slurm job {1} → {2}', record.id, record.jobId ?? '', path.relative(io.cwd, dir))}\n`
      : `liftoff: ${t(io.locale, 'run {0} of {1} → {2}', record.id, record.experiment, path.relative(io.cwd, dir) || dir)}\n`,
  );
  for (const note of run.notes) io.err(`liftoff: ${note}\n`);
  const progress = new ProgressLine(io, record.id, series, totalEpochs);
  shown.progress = progress;
  // The same feed as the metrics panel, for local and Slurm runs alike: metrics.jsonl, and stdout, CSV or event
  // files when the experiment says so.
  const feed = await openRunFeed(series, dir, record, { tail: true });
  const stop = () => {
    io.err(
      `\nliftoff: ${run.launcher === 'slurm' ? t(io.locale, 'cancelling the job (scancel)…') : t(io.locale, 'stopping the run…')}\n`,
    );
    void run.stop().then(
      (o) => {
        if (!o.stopped) io.err(`liftoff: ${t(io.locale, 'could not stop the run: {0}', o.why)}\n`);
      },
      (err: unknown) => io.err(`liftoff: ${(err as Error).message}\n`),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const ticker = setInterval(() => progress.render(), 250);
  const final = await run.done;
  clearInterval(ticker);
  await feed.finish();
  feed.close();
  progress.render();
  progress.end();
  process.removeListener('SIGINT', stop);
  process.removeListener('SIGTERM', stop);
  // With run.retry the run may have ended in a later attempt's folder.
  const finalDir = run.dir;
  io.err(
    `liftoff: ${t(io.locale, 'run {0} {1} ({2})', final.id, stateText(io.locale, final.state), reasonText(io.locale, final) ?? '')}${final.attempt ? ` — ${t(io.locale, 'attempt {0} of {1}', final.attempt, final.retryOf ?? '')}` : ''} — ${path.relative(io.cwd, finalDir)}\n`,
  );
  // A failed or cancelled run says why, with the log lines that show it and the change that fixes it.
  const diagnosis = await explainRun({ dir: finalDir, record: final });
  if (diagnosis) for (const line of diagnosisLines(diagnosis, io.locale)) io.err(`liftoff: ${line}\n`);
  // The experiment's own notification (run.notify.command), when it has one.
  const hook = await runNotifyHook({ dir: finalDir, record: final }, diagnosis);
  if (hook.ran || hook.exitCode === null)
    io.err(`liftoff: ${hook.detailPhrase ? say(io.locale, hook.detailPhrase) : hook.detail}\n`);
  return final.exitCode ?? (final.state === 'succeeded' ? 0 : 1);
}

/** Why `text` (the file `shown`) cannot be trained (it holds no `kind: Experiment` document), or undefined when it can. */
function kindProblem(text: string, shown: string): Phrase | undefined {
  let kinds: unknown[];
  try {
    kinds = parseAllDocuments(text).flatMap((d) =>
      'toJS' in d ? [(d.toJS() as { kind?: unknown } | null)?.kind] : [],
    );
  } catch {
    return undefined; // validation reports the YAML problem with its line
  }
  if (kinds.includes('Experiment')) return undefined;
  const other = kinds.find((k) => typeof k === 'string');
  if (other === 'BusinessPlan')
    return phrase(
      '{0} is a business plan (kind: BusinessPlan): only an Experiment can be trained. Preview it with: liftoff plan export',
      shown,
    );
  return typeof other === 'string'
    ? phrase(
        '{0} is not an experiment (kind: {1}): liftoff train needs a document with apiVersion: liftoff/v1 and kind: Experiment',
        shown,
        other,
      )
    : phrase(
        '{0} is not an experiment (no kind: Experiment): liftoff train needs a document with apiVersion: liftoff/v1 and kind: Experiment',
        shown,
      );
}
