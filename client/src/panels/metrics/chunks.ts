/**
 * Turns series-store views and deltas into the typed-array chunks the webview gets, in messages of bounded size.
 * Each chunk owns fresh buffers (a view into the store's columns would send the whole column), steps stay
 * Float64, values and run-relative times become Float32 (the webview keeps 16 bytes a point, not 24; the CSV export
 * reads the store's Float64 data). A series larger than a message is split into consecutive chunks. No vscode import.
 */
import type { SeriesDelta } from '../../../../core/src/metrics';
import type { SeriesChunk } from './contract';

/** Points per message: 512k points are 8 MiB of arrays, small enough for VS Code's IPC in one go. */
export const MAX_POINTS_PER_MESSAGE = 512 * 1024;

export function chunkOf(d: SeriesDelta, t0: number, start = 0, end = d.values.length): SeriesChunk {
  const n = end - start;
  const times = new Float32Array(n);
  for (let i = 0; i < n; i++) times[i] = (d.times[start + i] as number) - t0;
  return {
    run: d.run,
    name: d.name,
    from: d.from + start,
    nonFinite: d.nonFinite,
    steps: d.steps.slice(start, end),
    times,
    values: Float32Array.from(d.values.subarray(start, end)),
  };
}

/** Chunks for `deltas`, grouped into messages of at most `maxPoints` points (an empty delta still makes a chunk). */
export function chunkMessages(
  deltas: Iterable<SeriesDelta>,
  t0Of: (run: string) => number,
  maxPoints = MAX_POINTS_PER_MESSAGE,
): SeriesChunk[][] {
  const messages: SeriesChunk[][] = [];
  let current: SeriesChunk[] = [];
  let points = 0;
  const flush = () => {
    if (current.length) messages.push(current);
    current = [];
    points = 0;
  };
  for (const d of deltas) {
    const t0 = t0Of(d.run);
    const n = d.values.length;
    if (n === 0) {
      current.push(chunkOf(d, t0, 0, 0));
      continue;
    }
    for (let start = 0; start < n;) {
      const room = maxPoints - points;
      if (room <= 0) {
        flush();
        continue;
      }
      const end = Math.min(n, start + room);
      current.push(chunkOf(d, t0, start, end));
      points += end - start;
      start = end;
    }
  }
  flush();
  return messages;
}
