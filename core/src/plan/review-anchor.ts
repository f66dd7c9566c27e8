/**
 * Review comments on a plan (see ./review.ts): anchoring. A thread's path (`risks[r-data].likelihood`) is parsed,
 * resolved against the plan as it is now (list items by id, else name, else index), located in the plan's text, and
 * found again from an editor offset; a thread whose path no longer resolves is outdated, and kept.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { isObj, REVIEW_LIMITS, type ReviewFile, type ReviewPathSegment, type ReviewThread } from './review-model';

// ---------------------------------------------------------------------------------------------------------------
// Paths

/** `risks[r-data].likelihood` → ['risks', {id: 'r-data'}, 'likelihood']; undefined when malformed. */
export function parseReviewPath(text: string): ReviewPathSegment[] | undefined {
  if (typeof text !== 'string' || !text || text.length > REVIEW_LIMITS.pathChars) return undefined;
  const out: ReviewPathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      if (!inner) return undefined;
      out.push(/^\d+$/.test(inner) ? Number(inner) : { id: inner });
      i = close + 1;
    } else {
      if (out.length) {
        if (text[i] !== '.') return undefined;
        i++;
      }
      let j = i;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      const key = text.slice(i, j);
      if (!key || key.includes(']')) return undefined;
      out.push(key);
      i = j;
    }
    if (out.length > REVIEW_LIMITS.pathSegments) return undefined;
  }
  return out.length && typeof out[0] === 'string' ? out : undefined;
}

/** The written form of a path (inverse of parseReviewPath for the keys it can hold). */
export function formatReviewPath(path: readonly ReviewPathSegment[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (typeof p === 'string') s += s ? `.${p}` : p;
    else s += `[${p.id}]`;
  }
  return s;
}

/** The id (else name) of a list item, when it is a plain word that can stand in a path. */
function itemKey(item: unknown): string | undefined {
  if (!isObj(item)) return undefined;
  for (const k of ['id', 'name']) {
    const v = item[k];
    if (typeof v === 'string' && /^[^[\].]+$/.test(v) && !/^\d+$/.test(v) && v.length <= 200) return v;
  }
  return undefined;
}

/**
 * The concrete path (keys and indices) a review path names in the plan's data (`doc.toJS()`), or undefined when it
 * no longer resolves (the thread is outdated).
 */
export function resolveReviewPath(data: unknown, path: string): Array<string | number> | undefined {
  const segs = parseReviewPath(path);
  if (!segs) return undefined;
  const out: Array<string | number> = [];
  let v: unknown = data;
  for (const s of segs) {
    if (typeof s === 'string') {
      if (!isObj(v) || !Object.prototype.hasOwnProperty.call(v, s)) return undefined;
      v = v[s];
      out.push(s);
    } else if (typeof s === 'number') {
      if (!Array.isArray(v) || s >= v.length) return undefined;
      v = v[s];
      out.push(s);
    } else {
      if (!Array.isArray(v)) return undefined;
      const i = v.findIndex((item) => itemKey(item) === s.id);
      if (i < 0) return undefined;
      v = v[i];
      out.push(i);
    }
  }
  return out;
}

/** The review path to write for a concrete path: list items with an id (else name) are named by it. */
export function anchorPathOf(data: unknown, path: ReadonlyArray<string | number>): string {
  const segs: ReviewPathSegment[] = [];
  let v: unknown = data;
  for (const p of path) {
    if (typeof p === 'number' && Array.isArray(v)) {
      const key = itemKey(v[p]);
      segs.push(key !== undefined && v.filter((x) => itemKey(x) === key).length === 1 ? { id: key } : p);
      v = v[p];
    } else {
      segs.push(p);
      v = isObj(v) ? v[String(p)] : undefined;
    }
  }
  return formatReviewPath(segs);
}

// ---------------------------------------------------------------------------------------------------------------
// Locating paths in the plan's text

/** The parsed plan (its BusinessPlan document, else the first), for locating paths; undefined when unparsable. */
function planDocument(text: string) {
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false });
    if (!Array.isArray(docs) || !docs.length) return undefined;
    return (
      docs.find((d) => {
        const c = d.contents;
        return (
          isMap(c) &&
          c.items.some(
            (p) => isScalar(p.key) && p.key.value === 'kind' && isScalar(p.value) && p.value.value === 'BusinessPlan',
          )
        );
      }) ?? docs[0]
    );
  } catch {
    return undefined;
  }
}

/** Offsets [start, end) in `text` of the node at a concrete path: for a key, from the key to the end of its value. */
export function offsetsOfPath(text: string, path: ReadonlyArray<string | number>): [number, number] | undefined {
  const doc = planDocument(text);
  let node = doc?.contents as Node | null | undefined;
  let span: [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : undefined;
  for (const p of path) {
    if (typeof p === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[p] as Node | undefined;
      if (!node?.range) return undefined;
      span = [node.range[0], node.range[1]];
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((i) => isScalar(i.key) && String(i.key.value) === p);
      if (!pair) return undefined;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const start = key.range?.[0] ?? value?.range?.[0];
      const end = value?.range?.[1] ?? key.range?.[1];
      if (start === undefined || end === undefined) return undefined;
      node = value;
      span = [start, end];
    }
  }
  return span;
}

/**
 * The concrete path of the innermost key or list item that starts on the line holding `offset` (else the innermost
 * node containing it): where a comment started on that line is anchored. Undefined when nothing is there.
 */
export function pathAtOffset(text: string, offset: number): Array<string | number> | undefined {
  const doc = planDocument(text);
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  let best: Array<string | number> | undefined;
  const walk = (node: Node | null | undefined, path: Array<string | number>, depth: number): void => {
    if (!node || depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (!isScalar(key) || !key.range) continue;
        const value = pair.value as Node | null;
        const end = value?.range?.[1] ?? key.range[1];
        const here = [...path, String(key.value)];
        if (key.range[0] >= lineStart && key.range[0] <= lineEnd) {
          best = here;
          if (value && !isScalar(value)) walk(value, here, depth + 1);
          return;
        }
        if (key.range[0] <= lineStart && end > lineStart) {
          best = here;
          walk(value, here, depth + 1);
          return;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const n = item as Node | null;
        if (!n?.range) return;
        if (n.range[0] >= lineStart && n.range[0] <= lineEnd) {
          best = [...path, i]; // an item that starts on the line: the item itself, not its first key
        } else if (n.range[0] <= lineStart && n.range[1] > lineStart) {
          best = [...path, i];
          walk(n, [...path, i], depth + 1);
        }
      });
    }
  };
  walk(doc?.contents as Node | null | undefined, [], 0);
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Anchoring

export interface AnchoredThread {
  readonly thread: ReviewThread;
  /** The concrete path in the plan as it is now; undefined when the thread is outdated. */
  readonly at?: ReadonlyArray<string | number>;
  readonly outdated: boolean;
}

/** Where each thread sits in the plan's data now; threads whose path disappeared are outdated (and kept). */
export function anchorThreads(file: ReviewFile, planData: unknown): AnchoredThread[] {
  return file.threads.map((thread) => {
    const at = resolveReviewPath(planData, thread.path);
    return at ? { thread, at, outdated: false } : { thread, outdated: true };
  });
}

/** The plan's data for anchoring (its BusinessPlan document as plain JS), or undefined when it does not parse. */
export function planDataOf(text: string): unknown {
  try {
    return planDocument(text)?.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** A one-line quote of the value at a concrete path (for `quote`), at most 120 characters. */
export function quoteAt(data: unknown, path: ReadonlyArray<string | number>): string | undefined {
  let v: unknown = data;
  for (const p of path) {
    if (Array.isArray(v) && typeof p === 'number') v = v[p];
    else if (isObj(v)) v = v[String(p)];
    else return undefined;
  }
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === undefined) return undefined;
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}
