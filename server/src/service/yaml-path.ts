/**
 * The one way the language service walks a parsed YAML tree (rules, the plan preview's view model, hover):
 * find a value by key path, list a mapping's pairs or a sequence's items, find the node under an offset, convert a
 * node to plain JavaScript within the alias limit, and turn nodes into precise LSP ranges (trailing line breaks of
 * block collections trimmed). Every step goes through `pairOf`, `keyedPairs` and `seqItems` below.
 */
import * as path from 'node:path';
import { isMap, isScalar, isSeq, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { TextIndex } from './text-index';

/**
 * What ranges need of a parsed file (a ParsedFile is one): its text and line index. Structural, so that parse.ts
 * can use this walker without an import cycle.
 */
export interface IndexedText {
  readonly index: TextIndex;
}

/** The pair of `node` (when it is a mapping) whose scalar key is `key`. */
export function pairOf(node: unknown, key: string): Pair | undefined {
  return isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
}

/** The pairs of a mapping whose keys are scalars, in order (complex keys are left to the schema). */
export function keyedPairs(node: unknown): Array<Pair & { key: Scalar }> {
  return isMap(node) ? node.items.filter((p): p is Pair & { key: Scalar } => isScalar(p.key)) : [];
}

/** The items of a sequence (empty items as null), or [] when the node is not a sequence. */
export function seqItems(node: unknown): Array<Node | null> {
  return isSeq(node) ? node.items.map((n) => (n ?? null) as Node | null) : [];
}

/**
 * Alias expansions one conversion may make: past this, a small document ("billion laughs") would expand to
 * gigabytes. The same limit the schema check uses.
 */
export const MAX_ALIAS_EXPANSIONS = 100;

/**
 * The plain JavaScript value of a node (aliases resolved), for the core calculations; undefined when the node is
 * missing or cannot be expanded (an alias bomb or a broken alias), which callers treat like a missing value.
 */
export function plain(doc: Document.Parsed, node: Node | null | undefined): unknown {
  if (!node) return undefined;
  try {
    return node.toJS(doc, { maxAliasCount: MAX_ALIAS_EXPANSIONS }) as unknown;
  } catch {
    return undefined;
  }
}

/** One `key: value` pair found by `at`. `node` is null when the key has no value. */
export interface Entry {
  readonly keyNode: Scalar;
  readonly node: Node | null;
  /** The scalar's value; `undefined` for collections and empty values. */
  readonly value: unknown;
  readonly pair: Pair;
  readonly parent: YAMLMap;
}

/** One item of a sequence. */
export interface Item {
  readonly node: Node;
  readonly value: unknown;
}

/** The pair at `path` (keys of nested mappings), or undefined when any step is missing or not a mapping. */
export function at(root: unknown, keys: readonly string[]): Entry | undefined {
  let current: unknown = root;
  let found: Entry | undefined;
  for (const key of keys) {
    const pair = pairOf(current, key);
    if (!pair) return undefined;
    found = entryOf(pair, current as YAMLMap);
    current = found.node;
  }
  return found;
}

function entryOf(pair: Pair, parent: YAMLMap): Entry {
  const node = isEmpty(pair.value) ? null : (pair.value as Node);
  return { keyNode: pair.key as Scalar, node, value: isScalar(node) ? node.value : undefined, pair, parent };
}

/** Every `key: value` pair of a mapping with a scalar key, in order. */
export function entries(map: YAMLMap): Entry[] {
  return keyedPairs(map).map((p) => entryOf(p, map));
}

function isEmpty(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1])
  );
}

/** True when the entry exists and has a non-null value. */
export function has(e: Entry | undefined): e is Entry & { node: Node } {
  return e !== undefined && e.node !== null && !(isScalar(e.node) && e.node.value === null);
}

export function num(e: Entry | Item | undefined): number | undefined {
  return typeof e?.value === 'number' && Number.isFinite(e.value) ? e.value : undefined;
}

export function str(e: Entry | Item | undefined): string | undefined {
  return typeof e?.value === 'string' ? e.value : undefined;
}

/** A scalar shown as text (strings, numbers, booleans), e.g. class labels written as `[0, 1]`. */
export function text(e: Entry | Item | undefined): string | undefined {
  const v = e?.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** The items of a sequence value, or undefined when the value is not a sequence. */
export function list(e: Entry | undefined): Item[] | undefined {
  const node = e?.node;
  if (!isSeq(node)) return undefined;
  return seqItems(node)
    .filter((n): n is Node => n !== null && typeof n === 'object')
    .map((n) => ({ node: n, value: isScalar(n) ? n.value : undefined }));
}

/** One mapping item of a sequence, with its position in the list. */
export interface MapItem {
  readonly node: YAMLMap;
  readonly index: number;
}

/** The items of a sequence value that are mappings (other items are left to the schema). */
export function mapItems(e: Entry | undefined): MapItem[] {
  return seqItems(e?.node).flatMap((n, index) => (isMap(n) ? [{ node: n, index }] : []));
}

/** The value of `key` in an item. */
export function field(item: YAMLMap | Node | null | undefined, key: string): Entry | undefined {
  return at(item, [key]);
}

/** The mapping value of an entry, if it is one. */
export function mapOf(e: Entry | undefined): YAMLMap | undefined {
  return isMap(e?.node) ? e.node : undefined;
}

/** The offsets of a node's value (no trailing comment or line break). */
export function spanOf(file: IndexedText, node: Node): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  let e = end;
  while (e > start && /\s/.test(file.index.text.charAt(e - 1))) e--;
  return [start, e];
}

export function rangeOf(file: IndexedText, node: Node): Range {
  const [s, e] = spanOf(file, node);
  return file.index.range(s, e);
}

/** The value's range, or the key's when the value is missing. */
export function valueRange(file: IndexedText, e: Entry): Range {
  return has(e) ? rangeOf(file, e.node) : rangeOf(file, e.keyNode);
}

export function keyRange(file: IndexedText, e: Entry): Range {
  return rangeOf(file, e.keyNode);
}

/** Where an offset falls in a tree: the path to the deepest key or value node under it. */
export interface NodeAt {
  /** Keys and indices from the root to the node under the offset. */
  readonly path: (string | number)[];
  /** True when the offset is on a mapping key. */
  readonly onKey: boolean;
  readonly node: Node;
}

function contains(node: unknown, offset: number): boolean {
  const r = (node as Node | null)?.range;
  return !!r && r[0] <= offset && offset <= r[1];
}

/** The deepest key or value node under `offset`, with its path. */
export function nodeAt(root: Node | null | undefined, offset: number): NodeAt | undefined {
  const keys: (string | number)[] = [];
  let node: Node | null | undefined = root;
  while (node) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (!pair || !isScalar(pair.key)) return keys.length ? { path: keys, onKey: false, node } : undefined;
      keys.push(String(pair.key.value));
      if (contains(pair.key, offset)) return { path: keys, onKey: true, node: pair.key };
      node = pair.value as Node | null;
      continue;
    }
    if (isSeq(node)) {
      const items = seqItems(node);
      const i = items.findIndex((item) => contains(item, offset));
      if (i < 0) return { path: keys, onKey: false, node };
      keys.push(i);
      node = items[i];
      continue;
    }
    return { path: keys, onKey: false, node };
  }
  return undefined;
}

/**
 * The range of the first string value of the document that names `target` (absolute, or relative to the folder of
 * `docPath`): where a diagnostic about that file belongs when only the path is known.
 */
export function scalarAtPath(
  file: IndexedText,
  yaml: { readonly doc: Document },
  docPath: string,
  target: string,
): Range | undefined {
  const base = path.dirname(docPath);
  let found: Range | undefined;
  visit(yaml.doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string' || !node.value.trim() || /^[a-z][a-z0-9+.-]*:\/\//i.test(node.value))
        return undefined;
      if (path.resolve(base, node.value.trim()) !== target) return undefined;
      found = rangeOf(file, node);
      return visit.BREAK;
    },
  });
  return found;
}
