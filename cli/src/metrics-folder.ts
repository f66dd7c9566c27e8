import * as path from 'node:path';
import { goalOf, openRunFeed, scanLogFolder, SeriesStore, summarizeMetric } from '../../core/src/metrics';
import { errorText, phrase, say, t } from '../../core/src/l10n';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';

const USAGE = 'Usage: liftoff metrics <folder> [--format text|json]';
/** At most this many metrics per run in the text output (JSON has them all). */
const SHOWN = 12;

const fmt = (v: number | undefined) =>
  v === undefined
    ? '-'
    : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3)
      ? v.toExponential(3)
      : String(Number(v.toFixed(4)));

/**
 * `liftoff metrics <folder>`: the runs in a folder of TensorBoard event files, Lightning/Keras CSV logs or JSON lines
 * that Liftoff did not write (core's scanLogFolder, the same discovery as "Liftoff: Open Log Folder as Runs"), each
 * read once with the run feed, with every metric's points, last and best values. Read-only; exit 1 when the folder
 * holds no logs.
 */
export async function runMetricsFolder(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { format: ['text', 'json'] });
    if (args.positionals.length !== 1)
      throw new UsageError(
        args.positionals.length ? phrase("unexpected argument '{0}'", args.positionals[1]!) : phrase('which folder?'),
      );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff metrics: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}\n`);
    return 2;
  }
  let scan;
  try {
    scan = await scanLogFolder(path.resolve(io.cwd, args.positionals[0]!));
  } catch (err) {
    io.err(`liftoff metrics: ${errorText(io.locale, err)}\n`);
    return 2;
  }
  const runs = [];
  for (const run of scan.runs) {
    const store = new SeriesStore();
    (await openRunFeed(store, run.dir, run.record, { tail: false, key: run.id })).close();
    const metrics = store.names(run.id).map((name) => {
      const s = store.series(run.id, name)!;
      const goal = goalOf(name);
      const sum = summarizeMetric(s.steps, s.values, s.length, goal ? { goal } : {});
      return {
        name,
        points: s.length,
        last: sum.last,
        lastStep: sum.lastStep,
        ...(goal && { goal, best: sum.best, bestStep: sum.bestStep }),
      };
    });
    runs.push({ name: run.name, dir: run.dir, formats: run.formats, unread: run.unread, metrics });
  }
  if (args.options.get('format') === 'json') {
    io.out(JSON.stringify({ folder: scan.root, runs, skipped: scan.skipped }, null, 2) + '\n');
    return runs.length ? 0 : 1;
  }
  const l = io.locale;
  const skipped = scan.skippedPhrases.map((p) => say(l, p)).join(t(l, '; '));
  if (!runs.length) {
    io.err(
      `liftoff metrics: ${t(l, 'no TensorBoard event files, CSV or JSON-lines logs in {0}', scan.root)}${skipped ? t(l, ' (not looked at: {0})', skipped) : ''}\n`,
    );
    return 1;
  }
  for (const r of runs) {
    const n = r.metrics.length;
    io.out(`${r.name}  (${r.formats.join(', ')}, ${n === 1 ? t(l, '1 metric') : t(l, '{0} metrics', n)})\n`);
    for (const m of r.metrics.slice(0, SHOWN)) {
      const points = t(l, '{0} pts', String(m.points).padStart(7));
      const last = t(l, 'last {0} @ {1}', fmt(m.last), fmt(m.lastStep));
      const best = m.goal ? `  ${t(l, 'best {0} @ {1} ({2})', fmt(m.best), fmt(m.bestStep), m.goal)}` : '';
      io.out(`  ${m.name.padEnd(24)} ${points}  ${last}${best}\n`);
    }
    if (n > SHOWN) io.out(`  … ${t(l, '{0} more (--format json has them all)', n - SHOWN)}\n`);
    if (r.unread.length) io.out(`  ${t(l, 'not read: {0}', r.unread.join(', '))}\n`);
  }
  if (skipped) io.out(`\n${t(l, 'Not looked at: {0}', skipped)}\n`);
  return 0;
}
