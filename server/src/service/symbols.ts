import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import { parseFile, type ParsedFile } from './parse';
import { keyedPairs, pairOf, seqItems } from './yaml-path';
import type { SourceDocument } from './types';

/** List items are named by the first of these keys they have (risks by id, members by name…). */
const NAME_KEYS = ['id', 'name', 'title', 'period', 'category', 'op', 'action'];

/** The outline: every Liftoff document's sections, their keys, and list items named by id/name/title. */
export function documentSymbols(
  doc: SourceDocument,
  parse: (doc: SourceDocument) => ParsedFile = parseFile,
): DocumentSymbol[] {
  const file = parse(doc);
  const out: DocumentSymbol[] = [];
  for (const yaml of file.documents) {
    if (!yaml.kind || !yaml.root) continue;
    out.push(...mapSymbols(file, yaml.root, 0));
  }
  return out;
}

function mapSymbols(file: ParsedFile, map: Node, depth: number): DocumentSymbol[] {
  if (!isMap(map) || depth > 6) return [];
  const out: DocumentSymbol[] = [];
  for (const pair of keyedPairs(map)) {
    if (!pair.key.range) continue;
    const value = pair.value as Node | null;
    const start = pair.key.range[0];
    const end = value?.range?.[1] ?? pair.key.range[1];
    const key = String(pair.key.value);
    const children = isMap(value)
      ? mapSymbols(file, value, depth + 1)
      : isSeq(value)
        ? seqSymbols(file, value, depth + 1)
        : [];
    out.push({
      name: key,
      detail: isScalar(value)
        ? String(value.value ?? '')
        : isSeq(value)
          ? `${value.items.length} item${value.items.length === 1 ? '' : 's'}`
          : undefined,
      kind:
        depth === 0
          ? SymbolKind.Module
          : isMap(value)
            ? SymbolKind.Object
            : isSeq(value)
              ? SymbolKind.Array
              : SymbolKind.Property,
      range: file.index.range(start, trimEnd(file.source.text, end)),
      selectionRange: file.index.range(pair.key.range[0], pair.key.range[1]),
      children: children.length ? children : undefined,
    });
  }
  return out;
}

function seqSymbols(file: ParsedFile, seq: Node, depth: number): DocumentSymbol[] {
  return seqItems(seq).flatMap((node, i) => {
    if (!isMap(node) || !node.range) return [];
    const named = NAME_KEYS.map((k) => pairOf(node, k)).find(Boolean);
    const name = named && isScalar(named.value) ? String(named.value.value) : `[${i}]`;
    const range = file.index.range(node.range[0], trimEnd(file.source.text, node.range[1]));
    return [
      { name, kind: SymbolKind.Struct, range, selectionRange: range, children: mapSymbols(file, node, depth + 1) },
    ];
  });
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** Folding for every multi-line mapping or list value, and for runs of comment lines. */
export function foldingRanges(
  doc: SourceDocument,
  parse: (doc: SourceDocument) => ParsedFile = parseFile,
): FoldingRange[] {
  const file = parse(doc);
  const out: FoldingRange[] = [];
  const visit = (node: unknown, startLine?: number) => {
    if (!isMap(node) && !isSeq(node)) return;
    const r = node.range;
    if (r && startLine !== undefined) {
      const endLine = file.index.positionAt(trimEnd(file.source.text, r[1])).line;
      if (endLine > startLine) out.push({ startLine, endLine });
    }
    for (const item of node.items) {
      if (isMap(node)) {
        const pair = item as { key: Node; value: Node | null };
        const keyLine = pair.key?.range ? file.index.positionAt(pair.key.range[0]).line : undefined;
        visit(pair.value, keyLine);
      } else {
        const n = item as Node;
        visit(n, n?.range ? file.index.positionAt(n.range[0]).line : undefined);
      }
    }
  };
  for (const yaml of file.documents) visit(yaml.doc.contents);
  const lines = doc.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*#/.test(lines[i] ?? '')) continue;
    let j = i;
    while (j + 1 < lines.length && /^\s*#/.test(lines[j + 1] ?? '')) j++;
    if (j > i) out.push({ startLine: i, endLine: j, kind: 'comment' });
    i = j;
  }
  return out;
}
