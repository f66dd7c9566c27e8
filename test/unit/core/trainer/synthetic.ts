/** Seeded synthetic tabular sets for the trainer tests (features on very different scales, to exercise standardization). */
import { createRng } from '../../../../core/src/trainer/prng';
import type { Examples, PreparedData, TrainSettings } from '../../../../core/src/trainer/types';

export interface Rows {
  readonly x: number[][];
  readonly y: number[];
}

const SCALE = [1, 1000, 0.01, 50];
const OFFSET = [0, 5000, 0.3, -20];
const scaled = (v: number, j: number) => v * SCALE[j % 4]! + OFFSET[j % 4]!;

/** `classes` well-separated Gaussian blobs in `f` dimensions (linearly separable for spread ≤ 0.5). */
export function blobs(n: number, f: number, classes: number, seed: number, spread = 0.4): Rows {
  const rng = createRng(seed, 99);
  const centers = Array.from({ length: classes }, (_, c) =>
    Array.from({ length: f }, (_, j) => (j === c % f ? 3 : 0) + (c >= f ? -3 : 0)),
  );
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    x.push(centers[c]!.map((m, j) => scaled(m + spread * rng.normal(), j)));
    y.push(c);
  }
  return { x, y };
}

/** y = Σ w_j z_j + 2 + noise on standardized-ish inputs z, reported on the scaled features. */
export function linear(n: number, f: number, seed: number, noise = 0.01): Rows {
  const rng = createRng(seed, 98);
  const w = Array.from({ length: f }, (_, j) => (j % 2 === 0 ? 1.5 : -0.75) / (j + 1));
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: f }, () => rng.normal());
    x.push(z.map(scaled));
    y.push(2 + z.reduce((s, v, j) => s + v * w[j]!, 0) + noise * rng.normal());
  }
  return { x, y };
}

export function examples(rows: Rows, from = 0, to = rows.y.length): Examples {
  const x = rows.x.slice(from, to);
  return { n: x.length, f: x[0]!.length, x: Float64Array.from(x.flat()), y: Float64Array.from(rows.y.slice(from, to)) };
}

/** First 80 % train, the rest validation. */
export function prepared(rows: Rows, task: 'classification' | 'regression', classes = 2): PreparedData {
  const cut = Math.floor(rows.y.length * 0.8);
  const f = rows.x[0]!.length;
  return {
    train: examples(rows, 0, cut),
    validation: examples(rows, cut),
    featureOrder: Array.from({ length: f }, (_, j) => `f${j}`),
    labels: task === 'classification' ? Array.from({ length: classes }, (_, c) => `class_${c}`) : undefined,
    positiveIndex: task === 'classification' && classes === 2 ? 1 : undefined,
    dropped: 0,
    notes: [],
  };
}

export function settings(over: Partial<TrainSettings> = {}): TrainSettings {
  return {
    task: 'classification',
    hiddenLayers: [8],
    epochs: 10,
    batchSize: 32,
    seed: 7,
    optimizer: { type: 'adam', learningRate: 0.01, weightDecay: 0, momentum: 0, betas: [0.9, 0.999] },
    ...over,
  };
}

export function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}
