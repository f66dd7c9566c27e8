import { isMap, isScalar, isSeq, type Node } from 'yaml';

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
  const path: (string | number)[] = [];
  let node: Node | null | undefined = root;
  while (node) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (!pair || !isScalar(pair.key)) return path.length ? { path, onKey: false, node } : undefined;
      path.push(String(pair.key.value));
      if (contains(pair.key, offset)) return { path, onKey: true, node: pair.key };
      node = pair.value as Node | null;
      continue;
    }
    if (isSeq(node)) {
      const i = node.items.findIndex((item) => contains(item, offset));
      if (i < 0) return { path, onKey: false, node };
      path.push(i);
      node = node.items[i] as Node;
      continue;
    }
    return { path, onKey: false, node };
  }
  return undefined;
}
