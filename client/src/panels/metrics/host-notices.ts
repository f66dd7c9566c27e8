/**
 * The host's notices about what it did not read or keep, in words a user can act on: lines skipped as corrupt or
 * too long, files not read at all (and why), points a store limit kept out. Each says what was skipped, where, and
 * what to do. No vscode import.
 */
import { MAX_LINE_BYTES } from '../../../../core/src/metrics';
import type { RunFeed } from '../../../../core/src/metrics';
import type { SeriesStore } from '../../../../core/src/metrics';
import type { Notice } from './contract';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
function size(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [u, name] of units) if (bytes >= u) return `${+(bytes / u).toFixed(1)} ${name}`;
  return `${bytes} bytes`;
}

/** Per file of the feeds: lines skipped as corrupt or too long, and files not read at all. */
export function feedNotices(feeds: Iterable<RunFeed>, relative: (file: string) => string): Notice[] {
  const out: Notice[] = [];
  for (const feed of feeds) {
    for (const p of feed.problems()) {
      const where = relative(p.file);
      if (p.corrupt > 0)
        out.push({
          key: `corrupt:${p.file}`,
          level: 'warning',
          text: `Skipped ${plural(p.corrupt, 'unreadable line')} in ${where}.`,
        });
      if (p.overlong > 0) {
        out.push({
          key: `overlong:${p.file}`,
          level: 'warning',
          text: `Skipped ${plural(p.overlong, 'line')} longer than ${size(MAX_LINE_BYTES)} in ${where} (a metrics line is far shorter: check what writes this file).`,
        });
      }
      if (p.error) out.push({ key: `unread:${p.file}`, level: 'warning', text: `Not read: ${p.error}.` });
    }
  }
  return out;
}

/** Points the store's limits kept out, per series (the first few named), and series refused for memory. */
export function storeNotices(store: SeriesStore, runLabel: (run: string) => string = (r) => r): Notice[] {
  const skipped = store.skippedPoints();
  const out: Notice[] = [];
  const capped = skipped.filter((s) => s.reason === 'points');
  if (capped.length) {
    const list = capped
      .slice(0, 3)
      .map((s) => `${s.name} of ${runLabel(s.run)} (${s.count.toLocaleString('en-US')} later points)`)
      .join(', ');
    out.push({
      key: 'limit-points',
      level: 'warning',
      text: `Kept the first ${store.limits.maxPointsPerSeries.toLocaleString('en-US')} points of ${plural(capped.length, 'series', 'series')}, skipped the rest: ${list}${capped.length > 3 ? ', …' : ''}. Log less often to see the whole run.`,
    });
  }
  const memory = skipped.filter((s) => s.reason === 'memory');
  if (memory.length || store.refusedSeries) {
    const points = memory.reduce((a, s) => a + s.count, 0);
    const series = memory.length + store.refusedSeries;
    out.push({
      key: 'limit-memory',
      level: 'warning',
      text: `Metrics memory limit (${size(store.limits.maxBytes)}) reached: skipped ${plural(points, 'point')} in ${plural(series, 'series', 'series')}. Deselect some runs to free memory.`,
    });
  }
  return out;
}
