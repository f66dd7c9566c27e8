/**
 * The host's notices about what it did not read or keep, in words a user can act on: lines skipped as corrupt or
 * too long, files not read at all (and why), points a store limit kept out. Each says what was skipped, where, and
 * what to do. No vscode import.
 */
import { MAX_LINE_BYTES } from '../../../../core/src/metrics';
import type { RunFeed } from '../../../../core/src/metrics';
import type { SeriesStore } from '../../../../core/src/metrics';
import type { Notice } from './contract';
import { english, type Tr } from './words';

const count = (n: number) => n.toLocaleString('en-US');
function size(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [u, name] of units) if (bytes >= u) return `${+(bytes / u).toFixed(1)} ${name}`;
  return `${bytes} B`;
}

/** Per file of the feeds: lines skipped as corrupt or too long, and files not read at all. */
export function feedNotices(feeds: Iterable<RunFeed>, relative: (file: string) => string, tr: Tr = english): Notice[] {
  const out: Notice[] = [];
  for (const feed of feeds) {
    for (const p of feed.problems()) {
      const where = relative(p.file);
      if (p.corrupt > 0)
        out.push({
          key: `corrupt:${p.file}`,
          level: 'warning',
          text:
            p.corrupt === 1
              ? tr('Skipped 1 unreadable line in {0}.', where)
              : tr('Skipped {0} unreadable lines in {1}.', count(p.corrupt), where),
        });
      if (p.overlong > 0) {
        out.push({
          key: `overlong:${p.file}`,
          level: 'warning',
          text:
            p.overlong === 1
              ? tr(
                  'Skipped 1 line longer than {0} in {1} (a metrics line is far shorter: check what writes this file).',
                  size(MAX_LINE_BYTES),
                  where,
                )
              : tr(
                  'Skipped {0} lines longer than {1} in {2} (a metrics line is far shorter: check what writes this file).',
                  count(p.overlong),
                  size(MAX_LINE_BYTES),
                  where,
                ),
        });
      }
      if (p.error) out.push({ key: `unread:${p.file}`, level: 'warning', text: tr('Not read: {0}.', p.error) });
    }
  }
  return out;
}

/** Points the store's limits kept out, per series (the first few named), and series refused for memory. */
export function storeNotices(
  store: SeriesStore,
  runLabel: (run: string) => string = (r) => r,
  tr: Tr = english,
): Notice[] {
  const skipped = store.skippedPoints();
  const out: Notice[] = [];
  const capped = skipped.filter((s) => s.reason === 'points');
  if (capped.length) {
    const list = capped
      .slice(0, 3)
      .map((s) => tr('{0} of {1} ({2} later points)', s.name, runLabel(s.run), count(s.count)))
      .join(', ');
    out.push({
      key: 'limit-points',
      level: 'warning',
      text: tr(
        'Kept the first {0} points of {1} series, skipped the rest: {2}. Log less often to see the whole run.',
        count(store.limits.maxPointsPerSeries),
        count(capped.length),
        `${list}${capped.length > 3 ? ', …' : ''}`,
      ),
    });
  }
  const memory = skipped.filter((s) => s.reason === 'memory');
  if (memory.length || store.refusedSeries) {
    const points = memory.reduce((a, s) => a + s.count, 0);
    const series = memory.length + store.refusedSeries;
    out.push({
      key: 'limit-memory',
      level: 'warning',
      text:
        points === 1
          ? tr(
              'Metrics memory limit ({0}) reached: skipped 1 point in {1} series. Deselect some runs to free memory.',
              size(store.limits.maxBytes),
              count(series),
            )
          : tr(
              'Metrics memory limit ({0}) reached: skipped {1} points in {2} series. Deselect some runs to free memory.',
              size(store.limits.maxBytes),
              count(points),
              count(series),
            ),
    });
    // Which runs are not drawn in full (finished runs drawn from their caches never count against the limit).
    const runs = [...store.incompleteRuns().keys()];
    if (runs.length)
      out.push({
        key: 'limit-memory-runs',
        level: 'warning',
        text: tr(
          'Not drawn in full (metrics memory limit): {0} runs: {1}.',
          count(runs.length),
          `${runs
            .slice(0, 5)
            .map((r) => runLabel(r))
            .join(', ')}${runs.length > 5 ? ', …' : ''}`,
        ),
      });
  }
  return out;
}
