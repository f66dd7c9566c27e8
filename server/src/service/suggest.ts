/**
 * "Did you mean …?" that never changes the meaning. A suggestion is made only for what is plainly a typo of one
 * allowed word: a small edit distance for the word's length, or an unambiguous start of the word, and never between
 * words of known different meaning (`development`/`deployment`, `increase`/`decrease`). Synonyms (a different word
 * for the same thing) are the vocabulary's job (enum-vocabulary.ts), not spelling's. When unsure: no suggestion, and
 * the caller lists the allowed values.
 */
import { distance } from 'fastest-levenshtein';
import { fold } from '../../../core/src/vocabulary';

/** Word stems of different meaning that are spelled alike: never suggested for one another. */
export const FALSE_FRIENDS: ReadonlyArray<readonly [string, string]> = [
  ['develop', 'deploy'],
  ['increas', 'decreas'],
  ['import', 'export'],
  ['min', 'max'],
  ['pre', 'post'],
  ['under', 'over'],
  ['input', 'output'],
  ['train', 'test'],
  ['public', 'privat'],
  ['open', 'close'],
  ['micro', 'macro'],
  ['online', 'offline'],
  ['project', 'product'],
  ['static', 'dynamic'],
  ['hired', 'hiring'],
  ['planned', 'planning'],
  ['uint', 'int'],
];

/**
 * Edits a typo of a word this long may have: none for short words (`relu`/`gelu`, `safe`/`sale` are different
 * words), then about one per five letters.
 */
export function typoBudget(length: number): number {
  if (length <= 4) return 0;
  if (length <= 7) return 1;
  if (length <= 12) return 2;
  return 3;
}

function falseFriends(a: string, b: string): boolean {
  return FALSE_FRIENDS.some(
    ([x, y]) =>
      (a.includes(x) && !a.includes(y) && b.includes(y)) || (a.includes(y) && !a.includes(x) && b.includes(x)),
  );
}

/** Is `candidate` a safe typo-correction of `written`? (Exported for the property test.) */
export function isSafeCorrection(written: string, candidate: string): boolean {
  const w = fold(written);
  const c = fold(candidate);
  if (!w || !c || w === c) return w === c && !!w;
  if (falseFriends(w, c)) return false;
  // Typos keep the first letter; a different start is a different word (`mlops_engineer` is not `ops_engineer`).
  if (w.charAt(0) !== c.charAt(0)) return false;
  // The start of a longer word (`deploy` → `deployment`; but `adam` is not a start of `adamw`, a different
  // optimizer), or the last letter typed twice (`adamm` → `adam`; `adamw` is not a typo of `adam`).
  if (w.length >= 4 && c.length - w.length >= 3 && c.startsWith(w)) return true;
  if (c.length >= 4 && w === c + c.charAt(c.length - 1)) return true;
  return distance(w, c) <= typoBudget(Math.min(w.length, c.length));
}

/** A suggestion: the allowed value, and the known spelling the written word is a typo of (a synonym, or the value). */
export interface Suggestion {
  readonly value: string;
  readonly spelling: string;
}

/**
 * The allowed value `written` is a typo of, or undefined. The known spellings are the allowed values and their
 * synonyms (`devlopment` is a typo of the synonym `development`, which means `training`, not of `deployment`). Among
 * several close spellings, the one it is a start or an extension of wins (`adamm` → `adam`, not `adamw`); otherwise
 * close spellings of different values mean unsure.
 */
export function suggestValue(
  written: string,
  allowed: readonly string[],
  synonyms: Readonly<Record<string, string>> = {},
): Suggestion | undefined {
  const w = fold(written);
  const lexicon: Suggestion[] = [
    ...allowed.map((value) => ({ value, spelling: value })),
    ...Object.entries(synonyms)
      .filter(([, value]) => allowed.includes(value))
      .map(([spelling, value]) => ({ value, spelling })),
  ];
  const safe = lexicon.filter((e) => isSafeCorrection(written, e.spelling));
  const scored = safe.map((e) => ({ e, d: distance(w, fold(e.spelling)) }));
  const best = Math.min(...scored.map((s) => s.d));
  let closest = scored.filter((s) => s.d === best).map((s) => s.e);
  if (new Set(closest.map((e) => e.value)).size > 1)
    closest = closest.filter((e) => w.startsWith(fold(e.spelling)) || fold(e.spelling).startsWith(w));
  return new Set(closest.map((e) => e.value)).size === 1 ? closest[0] : undefined;
}
