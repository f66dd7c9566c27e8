import * as path from 'node:path';
import { RunStore } from '../../core/src/runs';
import { observedRecord } from '../../core/src/launchers';
import { openRunFeed } from '../../core/src/metrics';
import { SeriesStore } from '../../core/src/metrics';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { parseArgs, UsageError } from './args';
import type { Io } from './io';

function duration(startedAt: string, endedAt?: string): string {
  const s = Math.max(0, Math.round(((endedAt ? Date.parse(endedAt) : Date.now()) - Date.parse(startedAt)) / 1000));
  return s < 60
    ? `${s}s`
    : s < 3600
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
      : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** `liftoff runs [--workspace DIR] [--experiment NAME] [--format text|json]`: the run history, newest first; read-only. */
export async function runRuns(argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { workspace: 'string', experiment: 'string', format: ['text', 'json'] });
    if (args.positionals.length) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(
      `liftoff runs: ${err.message}\nUsage: liftoff runs [--workspace DIR] [--experiment NAME] [--format text|json]\n`,
    );
    return 2;
  }
  const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace') });
  io.err(`liftoff: ${describeWorkspace(found, io.cwd)}\n`);
  const store = new RunStore(found.dir);
  // A reader, never a writer: runs whose runner and command have ended show the state their hand-over will record
  // (settle-run.ts), without writing run.json.
  const runs = await Promise.all(
    (await store.list(args.options.get('experiment'))).map(async (r) => ({
      dir: r.dir,
      record: await observedRecord(r),
    })),
  );
  if (args.options.get('format') === 'json') {
    io.out(
      JSON.stringify(
        runs.map((r) => ({ ...r.record, dir: r.dir })),
        null,
        2,
      ) + '\n',
    );
    return 0;
  }
  if (runs.length === 0) {
    io.out(
      `No runs in ${path.relative(io.cwd, store.root) || store.root}. Start one with: liftoff train <experiment.yaml>${found.reason === 'option' ? '' : ' (or pass --workspace DIR where runs were started)'}\n`,
    );
    return 0;
  }
  const rows = [['EXPERIMENT', 'RUN', 'STATE', 'DURATION', 'LAST METRICS', 'REASON']];
  for (const { dir, record: r } of runs) {
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
    rows.push([r.experiment, r.id, r.state, duration(r.startedAt, r.endedAt), shown || '-', r.reason ?? '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    io.out(
      row
        .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd() + '\n',
    );
  return 0;
}
