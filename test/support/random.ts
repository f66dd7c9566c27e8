/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence, so failures and benches repeat. */
export { seededRandom as mulberry32 } from '../../core/src/plan/seeded-random';
