/** Text edits for quick fixes on block-style YAML (flow mappings `{…}` get no line-based fix). */
import { isSynthesized } from '../../../../../core/src/vocabulary';
import { isSeq, type Node, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parse';
import type { Fix } from '../../diagnostic';
import type { LiftoffDiagnostic } from '../../types';
import { entries, has, spanOf, type Entry } from '../../yaml-path';

export function replace(file: ParsedFile, node: Node, newText: string): TextEdit {
  const [s, e] = spanOf(file, node);
  return { range: file.index.range(s, e), newText };
}

/**
 * Gives an empty `key:` the value `value` (replaces the key and its colon). A key without a colon (`{gpus, accelerator:
 * gpu}`, a flow mapping's short form) is replaced alone: the next colon in the text is another pair's.
 */
export function setEmpty(file: ParsedFile, e: Entry, value: string): TextEdit {
  const [s, end] = spanOf(file, e.keyNode);
  const colon = /^[ \t]*:/.exec(file.index.text.slice(end));
  return {
    range: file.index.range(s, colon ? end + colon[0].length : end),
    newText: `${String(e.keyNode.value)}: ${value}`,
  };
}

/** Offset where the line holding `offset` starts. */
function lineStart(file: ParsedFile, offset: number): number {
  return file.index.offsetAt({ line: file.index.positionAt(offset).line, character: 0 });
}

/** The offset just past the last line of a pair (its value included). */
function pairEnd(file: ParsedFile, e: Entry): number {
  const end = has(e) ? spanOf(file, e.node)[1] : spanOf(file, e.keyNode)[1];
  const line = file.index.positionAt(end).line;
  return line + 1 < file.index.lineCount
    ? file.index.offsetAt({ line: line + 1, character: 0 })
    : file.index.text.length;
}

/** True when the pair's key is the first thing on its line (so whole lines can be deleted or added). */
function ownsLine(file: ParsedFile, e: Entry): boolean {
  if (e.parent.flow) return false;
  const start = spanOf(file, e.keyNode)[0];
  return /^\s*$/.test(file.index.text.slice(lineStart(file, start), start));
}

/** Deletes the whole line(s) of `key: value`. */
export function deletePair(file: ParsedFile, e: Entry): TextEdit | undefined {
  if (!ownsLine(file, e)) return undefined;
  const start = lineStart(file, spanOf(file, e.keyNode)[0]);
  return { range: file.index.range(start, pairEnd(file, e)), newText: '' };
}

/** Inserts `line` (e.g. `average: macro`) as a sibling right after the pair `e`, at the same indentation. */
export function insertAfter(file: ParsedFile, e: Entry, line: string): TextEdit | undefined {
  if (e.parent.flow) return undefined;
  const indent = file.index.positionAt(spanOf(file, e.keyNode)[0]).character;
  const at = pairEnd(file, e);
  const atEof = at === file.index.text.length && !file.index.text.endsWith('\n');
  const text = `${' '.repeat(indent)}${line}\n`;
  return { range: file.index.range(at, at), newText: atEof ? `\n${text}` : text };
}

/** Appends `line` as the last pair of a block mapping. */
export function appendTo(file: ParsedFile, map: YAMLMap, line: string): TextEdit | undefined {
  const last = entries(map).pop();
  return last ? insertAfter(file, last, line) : undefined;
}

/** Removes item `i` of a sequence: its line in block style, the item and a comma in flow style. */
export function removeItem(file: ParsedFile, seq: Node | null, i: number): TextEdit | undefined {
  if (!isSeq(seq)) return undefined;
  // A list written as one value (`metrics: accuracy`): removing its only item leaves an empty list.
  if (isSynthesized(seq)) return i === 0 ? replace(file, seq, '[]') : undefined;
  const items = seq.items as Node[];
  const item = items[i];
  if (!item) return undefined;
  const [s, e] = spanOf(file, item);
  if (!seq.flow) {
    const start = lineStart(file, s);
    const line = file.index.positionAt(e).line;
    const end =
      line + 1 < file.index.lineCount ? file.index.offsetAt({ line: line + 1, character: 0 }) : file.index.text.length;
    return { range: file.index.range(start, end), newText: '' };
  }
  const next = items[i + 1];
  const prev = items[i - 1];
  if (next) return { range: file.index.range(s, spanOf(file, next)[0]), newText: '' };
  if (prev) return { range: file.index.range(spanOf(file, prev)[1], e), newText: '' };
  return { range: file.index.range(s, e), newText: '' };
}

/** Attaches several quick fixes (the first is the preferred one); fixes without edits are dropped. */
export function withFixes(
  d: LiftoffDiagnostic,
  fixes: ReadonlyArray<{ title: string; edits: ReadonlyArray<TextEdit | undefined> }>,
): LiftoffDiagnostic {
  const usable: Fix[] = fixes
    .filter((f) => f.edits.length > 0 && f.edits.every((x) => x !== undefined))
    .map((f) => ({ title: f.title, edits: f.edits as TextEdit[] }));
  if (usable.length) d.data = { fixes: usable };
  return d;
}
