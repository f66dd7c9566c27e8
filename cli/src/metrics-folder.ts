import * as path from 'node:path';
import { goalOf, openRunFeed, scanLogFolder, SeriesStore, summarizeMetric } from '../../core/src/metrics';
import { parseArgs, UsageError } from './args';
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
      throw new UsageError(args.positionals.length ? `unexpected argument '${args.positionals[1]}'` : 'which folder?');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff metrics: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  let scan;
  try {
    scan = await scanLogFolder(path.resolve(io.cwd, args.positionals[0]!));
  } catch (err) {
    io.err(`liftoff metrics: ${(err as Error).message}\n`);
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
  if (!runs.length) {
    io.err(
      `liftoff metrics: no TensorBoard event files, CSV or JSON-lines logs in ${scan.root}${scan.skipped.length ? ` (not looked at: ${scan.skipped.join('; ')})` : ''}\n`,
    );
    return 1;
  }
  for (const r of runs) {
    io.out(`${r.name}  (${r.formats.join(', ')}, ${r.metrics.length} metric${r.metrics.length === 1 ? '' : 's'})\n`);
    for (const m of r.metrics.slice(0, SHOWN))
      io.out(
        `  ${m.name.padEnd(24)} ${String(m.points).padStart(7)} pts  last ${fmt(m.last)} @ ${fmt(m.lastStep)}${m.goal ? `  best ${fmt(m.best)} @ ${fmt(m.bestStep)} (${m.goal})` : ''}\n`,
      );
    if (r.metrics.length > SHOWN) io.out(`  … ${r.metrics.length - SHOWN} more (--format json has them all)\n`);
    if (r.unread.length) io.out(`  not read: ${r.unread.join(', ')}\n`);
  }
  if (scan.skipped.length) io.out(`\nNot looked at: ${scan.skipped.join('; ')}\n`);
  return 0;
}
