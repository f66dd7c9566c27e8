/**
 * A node of the plan's YAML tree as the view-model builders see it: the node, its path from the root (for
 * click-to-reveal) and the key it hangs from (its range stands in when the value is empty). The steps are the
 * service's one tree walker (yaml-path) with the path carried along.
 */
import type { Locale } from '../../../../core/src/l10n';
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { SourceRef } from '../../../../core/src/plan/render';
import type { ParsedFile } from '../parse';
import { keyedPairs, pairOf, plain, rangeOf, seqItems } from '../yaml-path';

export interface At {
  readonly node: Node | null | undefined;
  readonly path: ReadonlyArray<string | number>;
  readonly keyNode?: Node;
}

/** What every section builder sees: the file (for ranges), the YAML document, the plan currency, and a sink for notes. */
export interface BuildContext {
  readonly file: ParsedFile;
  readonly doc: Document.Parsed;
  /** The plan's currency when it is a known ISO 4217 code. */
  readonly currency: string | undefined;
  /** Plan-wide list of what could not be rendered. */
  readonly notes: string[];
  /** The language of the preview's own sentences (absent: English). */
  readonly locale?: Locale;
}

export function ref(ctx: BuildContext, at: At): SourceRef {
  const node = at.node && !isEmptyScalar(at.node) ? at.node : (at.keyNode ?? at.node);
  return node?.range ? { path: at.path, range: rangeOf(ctx.file, node) } : { path: at.path };
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

/** The value under `key` of a mapping (an empty `At` when the node is not a mapping or lacks the key). */
export function child(at: At, key: string): At {
  const path = [...at.path, key];
  const pair = pairOf(at.node, key);
  if (!pair) return { node: undefined, path };
  return { node: (pair.value ?? null) as Node | null, path, keyNode: pair.key as Node };
}

/** The items of a sequence (none when the node is not one). */
export function items(at: At): At[] {
  return seqItems(at.node).map((node, i) => ({ node, path: [...at.path, i] }));
}

/** The `key: value` pairs of a mapping with scalar keys, in order. */
export function entries(at: At): Array<[string, At]> {
  return keyedPairs(at.node).map((p) => {
    const key = String(p.key.value);
    return [key, { node: (p.value ?? null) as Node | null, path: [...at.path, key], keyNode: p.key }];
  });
}

export const isMapAt = (at: At): boolean => isMap(at.node);
export const isSeqAt = (at: At): boolean => isSeq(at.node);
export const isScalarAt = (at: At): boolean => isScalar(at.node);
/** True when nothing is written there (absent key, `~`, empty value). */
export const isAbsent = (at: At): boolean =>
  !at.node || (isScalar(at.node) && (at.node.value === null || at.node.value === ''));

/** The plain JavaScript value (aliases resolved) for the core calculations; undefined for an alias bomb. */
export function js(ctx: BuildContext, at: At): unknown {
  return plain(ctx.doc, at.node);
}

/** A scalar as text (strings, numbers, booleans, dates); undefined for collections and empty values. */
export function scalarText(at: At): string | undefined {
  if (!isScalar(at.node)) return undefined;
  const v = at.node.value;
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
    ? String(v)
    : undefined;
}

export function scalarNumber(at: At): number | undefined {
  const v = isScalar(at.node) ? at.node.value : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

const MAX_SUMMARY = 240;

/** Any value as one line of text: scalars as written, lists joined, mappings as `key: value` pairs. */
export function summary(at: At, depth = 0): string {
  const s = scalarText(at);
  if (s !== undefined) return clip(s);
  if (isSeq(at.node))
    return clip(
      items(at)
        .map((i) => summary(i, depth + 1))
        .filter(Boolean)
        .join(depth ? ', ' : '; '),
    );
  if (isMap(at.node)) {
    if (depth > 2) return '{…}';
    return clip(
      entries(at)
        .map(([k, v]) => `${k}: ${summary(v, depth + 1)}`)
        .join(', '),
    );
  }
  return '';
}

function clip(s: string): string {
  return s.length > MAX_SUMMARY ? `${s.slice(0, MAX_SUMMARY - 1)}…` : s;
}

/** "`risks[3].likelihood`" for notes. */
export function pathLabel(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
