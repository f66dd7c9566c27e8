import * as path from 'node:path';
import { phrase, t } from '../../core/src/l10n';
import { reasonText, RunStore, stateText } from '../../core/src/runs';
import {
  diagnosisLines,
  explainRun,
  readRunIdentity,
  formatCost,
  groupAttempts,
  runCost,
  sumCosts,
} from '../../core/src/runs';
import { observedRecord } from '../../core/src/launchers';
import { openRunFeed } from '../../core/src/metrics';
import { SeriesStore } from '../../core/src/metrics';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';

function duration(startedAt: string, endedAt?: string): string {
  const s = Math.max(0, Math.round(((endedAt ? Date.parse(endedAt) : Date.now()) - Date.parse(startedAt)) / 1000));
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

const USAGE = 'Usage: liftoff runs [--workspace DIR] [--experiment NAME] [--gpu-hour-price N] [--format text|json]';

/**
 * `liftoff runs [--workspace DIR] [--experiment NAME] [--gpu-hour-price N] [--format text|json]`: the run history,
 * newest first, with each run's GPU/CPU-hours (priced when a GPU-hour price is given) and, for failed and cancelled
 * runs, the cause with its evidence and fix (core's explainRun, as in the Runs view); read-only.
 */
export async function runRuns(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, {
      workspace: 'string',
      experiment: 'string',
      'gpu-hour-price': 'string',
      format: ['text', 'json'],
    });
    if (args.positionals.length) throw new UsageError(phrase("unexpected argument '{0}'", args.positionals[0]!));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff runs: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}\n`);
    return 2;
  }
  const priceText = args.options.get('gpu-hour-price');
  const price = priceText === undefined ? undefined : Number(priceText);
  if (price !== undefined && !(Number.isFinite(price) && price >= 0)) {
    io.err(
      `liftoff runs: ${t(io.locale, "--gpu-hour-price wants a number ≥ 0, not '{0}'", priceText)}\n${usageLine(USAGE, io.locale)}\n`,
    );
    return 2;
  }
  const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace') });
  io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
  const store = new RunStore(found.dir);
  // A reader, never a writer: runs whose runner and command have ended show the state their hand-over will record
  // (settle-run.ts), without writing run.json.
  const runs = await Promise.all(
    (await store.list(args.options.get('experiment'))).map(async (r) => ({
      dir: r.dir,
      record: await observedRecord(r),
    })),
  );
  const explained = await Promise.all(
    runs.map(async (r) => ({
      ...r,
      diagnosis: await explainRun(r),
      cost: await runCost(r, price),
      // The name and notes the user gave the run (run-meta.json; `liftoff runs rename` / `note`).
      identity: await readRunIdentity(r.dir),
    })),
  );
  if (args.options.get('format') === 'json') {
    io.out(
      JSON.stringify(
        explained.map((r) => ({
          ...r.record,
          ...r.identity,
          dir: r.dir,
          cost: r.cost,
          ...(r.diagnosis ? { diagnosis: r.diagnosis } : {}),
        })),
        // The diagnosis in English, as before: its phrases are for saying it in another language.
        (k, v: unknown) => (k === 'titlePhrase' || k === 'detailPhrase' || k === 'phrase' ? undefined : v),
        2,
      ) + '\n',
    );
    return 0;
  }
  if (runs.length === 0) {
    const where = path.relative(io.cwd, store.root) || store.root;
    io.out(
      `${
        found.reason === 'option'
          ? t(io.locale, 'No runs in {0}. Start one with: liftoff train <experiment.yaml>', where)
          : t(
              io.locale,
              'No runs in {0}. Start one with: liftoff train <experiment.yaml> (or pass --workspace DIR where runs were started)',
              where,
            )
      }\n`,
    );
    return 0;
  }
  const rows = [
    [
      t(io.locale, 'EXPERIMENT'),
      t(io.locale, 'RUN'),
      t(io.locale, 'STATE'),
      t(io.locale, 'DURATION'),
      t(io.locale, 'LAST METRICS'),
      t(io.locale, 'COST'),
      t(io.locale, 'REASON'),
    ],
  ];
  for (const { dir, record: r, cost, identity } of explained) {
    // The same feed as the metrics panel and the progress line, read once: whatever sources the run wrote.
    const series = new SeriesStore();
    (await openRunFeed(series, dir, r, { tail: false })).close();
    const shown = ['val_loss', 'val_accuracy', 'val_auc']
      .map((m) => {
        const s = series.series(r.id, m);
        const v = s && s.length ? s.values[s.length - 1] : undefined;
        return v === undefined ? undefined : `${m}=${v.toFixed(4)}`;
      })
      .filter(Boolean)
      .join(' ');
    rows.push([
      r.experiment,
      identity.name ? `${r.id} (${identity.name})` : r.id,
      stateText(io.locale, r.state),
      duration(r.startedAt, r.endedAt),
      shown || '-',
      formatCost(cost),
      `${r.attempt ? t(io.locale, 'attempt {0} of {1}: ', r.attempt, r.retryOf ?? '') : ''}${reasonText(io.locale, r) ?? ''}`,
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i]!))));
  for (const row of rows)
    io.out(
      row
        .map((c, i) => (i === row.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c))))
        .join('  ')
        .trimEnd() + '\n',
    );
  // The notes people wrote about runs.
  for (const { record: r, identity } of explained) {
    if (!identity.notes) continue;
    io.out(
      `\n${t(io.locale, '{0} notes:', `${r.experiment} ${r.id}${identity.name ? ` (${identity.name})` : ''}`)}\n${identity.notes
        .split('\n')
        .map((l) => `  ${l}\n`)
        .join('')}`,
    );
  }
  // Why each failed or cancelled run ended, with the log lines that show it and what to change.
  for (const { record: r, diagnosis } of explained) {
    if (!diagnosis) continue;
    io.out(
      `\n${r.experiment} ${r.id}:\n${diagnosisLines(diagnosis, io.locale)
        .map((l) => `  ${l}\n`)
        .join('')}`,
    );
  }
  // A retried run: its attempts and what they cost together.
  for (const g of groupAttempts(explained)) {
    if (g.attempts.length < 2) continue;
    const sum = sumCosts(
      g.attempts.map((a) => explained.find((e) => e.dir === a.dir)!.cost),
      price,
    );
    io.out(
      `\n${t(io.locale, '{0}: {1} attempts, {2} in all', `${g.run.record.experiment} ${g.run.record.id}`, g.attempts.length, formatCost(sum))}\n`,
    );
  }
  const total = sumCosts(
    explained.map((r) => r.cost),
    price,
  );
  if (explained.length > 1 && (total.gpuHours > 0 || total.cpuHours > 0))
    io.out(`\n${t(io.locale, 'Total: {0} over {1} runs', formatCost(total), explained.length)}\n`);
  return 0;
}

/** Columns a terminal gives `text`: two for each CJK character (the Chinese state words), one for the rest. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}
