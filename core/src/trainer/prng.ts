/**
 * A seeded pseudo-random generator (sfc32 seeded through splitmix32) so that training is reproducible bit for bit:
 * `Math.random` is never used. Separate streams (`stream`) keep the split, the initialisation and the shuffling
 * independent of each other.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Shuffles in place (Fisher–Yates). */
  shuffle<T>(items: { [i: number]: T; length: number }): void;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A generator for `seed` (any non-negative integer; values above 2^32 are folded) and an optional stream id. */
export function createRng(seed: number, stream = 0): Rng {
  const mix = splitmix32((Math.floor(seed) ^ Math.floor(seed / 2 ** 32) ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
  let a = mix(),
    b = mix(),
    c = mix(),
    d = mix();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) u32();
  const next = () => u32() / 2 ** 32;
  return {
    next,
    normal: () => {
      const u = 1 - next(); // (0, 1]
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    int: (n) => Math.floor(next() * n),
    shuffle<T>(items: { [i: number]: T; length: number }) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = items[i] as T;
        items[i] = items[j] as T;
        items[j] = t;
      }
    },
  };
}

/** Stream ids, so a change in one use never shifts the numbers of another. */
export const STREAM = { split: 1, init: 2, shuffle: 3 } as const;
