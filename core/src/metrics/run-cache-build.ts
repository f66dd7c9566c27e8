/**
 * A finished run's cache built from its points in a series store (what the metrics panel does once a run is read:
 * lod-views.ts `release`, and a cache worker, run-cache-workers.ts, for a run it reads itself): per series its raw
 * pyramid (the one already built while ingesting when it holds every point, else built here: the same buckets), its
 * pyramid smoothed at the default weight, preview and summary, written next to the run (run-cache-write.ts).
 */
import { LodIndex } from './lod-index';
import { LodPyramid } from './lod';
import { RunCacheError, type RunCacheSeries } from './run-cache-format';
import { writeRunCache } from './run-cache-write';
import type { SeriesStore } from './series-store';
import { DEFAULT_SMOOTHING, emaSmooth } from './smooth';

/**
 * Writes the cache of `run` (every point in `store`) into `dir`, keyed by `key`; `pyramidOf` gives a series' raw
 * pyramid when one was built while reading. False when nothing was written: a store limit cut the run's points (a
 * cache would claim points it never saw), or a long series' steps do not ascend. Throws when the file cannot be
 * written (a read-only folder, a full disk).
 */
export function buildRunCache(
  store: SeriesStore,
  run: string,
  dir: string,
  key: string,
  pyramidOf: (name: string) => LodPyramid | undefined = () => undefined,
): boolean {
  if (!store.isComplete(run)) return false;
  const series: RunCacheSeries[] = [];
  for (const name of store.names(run)) {
    const s = store.series(run, name);
    if (!s) continue;
    let raw = pyramidOf(name);
    if (!raw || raw.length !== s.length) {
      raw = new LodPyramid();
      raw.appendMany(s.steps, s.values, 0, s.length);
    }
    const smoothed = new Float64Array(s.length);
    emaSmooth(s.values, DEFAULT_SMOOTHING, smoothed, 0, s.length);
    const smooth = new LodPyramid();
    smooth.appendMany(s.steps, smoothed, 0, s.length);
    series.push({ ...s, raw, smooth });
  }
  try {
    writeRunCache(dir, key, series, DEFAULT_SMOOTHING);
    LodIndex.clearCache(dir); // the per-series files of the format before (one per metric), if any
  } catch (err) {
    if (err instanceof RunCacheError) return false;
    throw err;
  }
  return true;
}
