import { isMap, isSeq, type Node } from 'yaml';
import { keyedPairs, seqItems } from '../yaml-path';

export interface PointerTarget {
  /** The value node at the pointer (undefined when the value is empty). */
  readonly node: Node | undefined;
  /** The key node when the last step is a mapping key. */
  readonly keyNode: Node | undefined;
}

/** Splits an Ajv `instancePath` (JSON Pointer) into keys and indices. */
export function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Walks the YAML AST along a JSON Pointer; stops at the deepest node that exists. */
export function resolvePointer(root: Node | null | undefined, pointer: string): PointerTarget & { complete: boolean } {
  let node: Node | undefined = root ?? undefined;
  let keyNode: Node | undefined;
  for (const seg of segments(pointer)) {
    if (isMap(node)) {
      // JSON Pointer steps are strings: a key written `2026:` (a number in YAML) matches `/2026`.
      const pair = keyedPairs(node).find((p) => String(p.key.value) === seg);
      if (!pair) return { node, keyNode, complete: false };
      keyNode = pair.key;
      node = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(node)) {
      const item = seqItems(node)[Number(seg)] ?? undefined;
      if (!item) return { node, keyNode, complete: false };
      keyNode = undefined;
      node = item;
    } else {
      return { node, keyNode, complete: false };
    }
  }
  return { node, keyNode, complete: true };
}

/** A pointer as people read it: `/training/optimizer/type` → `training.optimizer.type`, `/risks/2/id` → `risks[2].id`. */
export function dotted(pointer: string): string {
  return segments(pointer).reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : acc ? `${acc}.${s}` : s), '');
}
