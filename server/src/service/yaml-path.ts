/**
 * Small readers over the `yaml` AST for rules: find a value by key path, read it as a number, string or list,
 * and turn nodes into precise LSP ranges (trailing line breaks of block collections trimmed).
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { ParsedFile } from './parse';

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
export interface Item { readonly node: Node; readonly value: unknown }

/** The pair at `path` (keys of nested mappings), or undefined when any step is missing or not a mapping. */
export function at(root: unknown, path: readonly string[]): Entry | undefined {
  let current: unknown = root;
  let found: Entry | undefined;
  for (const key of path) {
    if (!isMap(current)) return undefined;
    const pair = current.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return undefined;
    found = entryOf(pair, current);
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
  return map.items.filter((p) => isScalar(p.key)).map((p) => entryOf(p, map));
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1]);
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
  return node.items.filter((n): n is Node => n !== null && typeof n === 'object')
    .map((n) => ({ node: n, value: isScalar(n) ? n.value : undefined }));
}

/** The mapping value of an entry, if it is one. */
export function mapOf(e: Entry | undefined): YAMLMap | undefined {
  return isMap(e?.node) ? e.node : undefined;
}

/** The offsets of a node's value (no trailing comment or line break). */
export function spanOf(file: ParsedFile, node: Node): [number, number] {
  const [start, end] = node.range ?? [0, 0];
  let e = end;
  while (e > start && /\s/.test(file.index.text.charAt(e - 1))) e--;
  return [start, e];
}

export function rangeOf(file: ParsedFile, node: Node): Range {
  const [s, e] = spanOf(file, node);
  return file.index.range(s, e);
}

/** The value's range, or the key's when the value is missing. */
export function valueRange(file: ParsedFile, e: Entry): Range {
  return has(e) ? rangeOf(file, e.node) : rangeOf(file, e.keyNode);
}

export function keyRange(file: ParsedFile, e: Entry): Range {
  return rangeOf(file, e.keyNode);
}

