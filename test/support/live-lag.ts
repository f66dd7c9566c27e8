/**
 * How far a live chart lags the file it shows, for the metrics UI test (test/ui/metrics.test.ts) and the unit test
 * of its margin (test/unit/metrics-panel/live-lag.test.ts). Pure: the screen updates seen and the lines written.
 */

/** Lateness of every step from the first update seen to the last: in ms, and in lines the trainer wrote meanwhile. */
export interface LiveLag {
  readonly latencies: number[];
  readonly behind: number[];
}

/**
 * `seen`: [last step on screen, time] at each screen update (steps on screen before the first one are not measured);
 * `lines`: the metrics file's lines, each with its step and the wall time it was written (`time`, seconds).
 */
export function liveLag(
  seen: ReadonlyArray<readonly [number, number]>,
  lines: ReadonlyArray<{ readonly step: number; readonly time?: number }>,
): LiveLag {
  const written = new Map(lines.map((l) => [l.step, (l.time ?? NaN) * 1000]));
  const writeTimes = [...written.values()].sort((a, b) => a - b);
  const latencies: number[] = [];
  const behind: number[] = [];
  if (seen.length === 0) return { latencies, behind };
  for (let step = seen[0]![0] + 1; step <= seen[seen.length - 1]![0]; step++) {
    const shownAt = seen.find(([s]) => s >= step)![1];
    const at = written.get(step);
    if (at === undefined) throw new Error(`step ${step} is on screen but not in the file`);
    latencies.push(shownAt - at);
    // How far the screen was behind the file when the step appeared, in lines the trainer had written since.
    behind.push(writeTimes.filter((t) => t <= shownAt).length - step);
  }
  return { latencies, behind };
}

/** The p-quantile (0…1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], p: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
}

/**
 * The UI test's margin: the median step is on screen within this many of the trainer's lines. 2× the worst median
 * measured in code-server on the loaded dev machine (4 lines; bench/README.md, "Live latency in the UI test"), and
 * below the mildest regression a user notices (a redraw every 2 s: a median of about 10).
 */
export const MEDIAN_LINES_BEHIND = 8;
