/** Text edits for the plan quick fixes that insert whole sections or keys (block and flow style). */
import { isSynthesized } from '../../../../../core/src/vocabulary';
import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parse';
import { entries, has, spanOf } from '../../yaml-path';
import { replace, setEmpty } from '../experiment/edits';

/** Offset of the start of the line after the one holding `offset` (or the end of the text). */
function nextLine(file: ParsedFile, offset: number): number {
  const line = file.index.positionAt(offset).line;
  return line + 1 < file.index.lineCount
    ? file.index.offsetAt({ line: line + 1, character: 0 })
    : file.index.text.length;
}

/** Inserts block text (already indented, ending in a line break) after the last line of a block mapping at column 0. */
export function appendToRoot(file: ParsedFile, root: YAMLMap, block: string): TextEdit | undefined {
  if (root.flow || !root.range || file.index.positionAt(root.range[0]).character !== 0) return undefined;
  const at = nextLine(file, spanOf(file, root)[1]);
  const needsBreak = at === file.index.text.length && file.index.text.length > 0 && !file.index.text.endsWith('\n');
  return { range: file.index.range(at, at), newText: needsBreak ? `\n${block}` : block };
}

/**
 * Gives mapping `item` the list `key: [values]`: as block lines after its last pair (with `comment` on the key line),
 * inside the braces of a flow mapping, or in place of an existing empty value (`mitigation:`, `""`, `[]`).
 * Undefined when the key already holds something else.
 */
export function setList(
  file: ParsedFile,
  item: YAMLMap,
  key: string,
  values: readonly string[],
  comment: string,
): TextEdit | undefined {
  if (isSynthesized(item)) return undefined; // a list item written as its name: no mapping to add a key to
  const flowList = `[${values.join(', ')}]`;
  const pairs = entries(item);
  const existing = pairs.find((e) => e.keyNode.value === key);
  if (existing) {
    const n = existing.node;
    // `key:` with nothing after it: write the value after the colon. An explicit `~` or `null` is replaced below
    // (writing after the colon would leave it behind: `key: [a, b] ~`).
    if (!has(existing) && !(isScalar(n) && n.source)) return setEmpty(file, existing, flowList);
    const blank = (isScalar(n) && (n.value === '' || n.value === null)) || (isSeq(n) && n.items.length === 0);
    return blank ? replace(file, n, flowList) : undefined; // never overwrite what the user wrote
  }
  const last = pairs[pairs.length - 1];
  if (!last) return undefined;
  if (item.flow) {
    const end = spanOf(file, (has(last) ? last.node : last.keyNode) as Node)[1];
    return { range: file.index.range(end, end), newText: `, ${key}: ${flowList}` };
  }
  const first = pairs[0];
  if (!first || !isScalar(first.keyNode)) return undefined;
  const indent = ' '.repeat(file.index.positionAt(spanOf(file, first.keyNode)[0]).character);
  const end = spanOf(file, (has(last) ? last.node : last.keyNode) as Node)[1];
  const at = nextLine(file, end);
  const lines = [`${indent}${key}:  # ${comment}`, ...values.map((v) => `${indent}  - ${v}`)].join('\n');
  const atEof = at === file.index.text.length && !file.index.text.endsWith('\n');
  return { range: file.index.range(at, at), newText: atEof ? `\n${lines}\n` : `${lines}\n` };
}

/** The scalar text `value` written in the quoting style of `node` ("…", '…' or plain). */
export function sameQuotes(node: Node, value: string): string {
  const type = isScalar(node) ? node.type : undefined;
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return value;
}
