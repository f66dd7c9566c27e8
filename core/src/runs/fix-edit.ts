/**
 * A diagnosis's fix as a text edit of the experiment YAML: each change sets one dotted path to a value, touching only
 * that value's characters (an existing scalar) or inserting the missing keys as new lines at the indentation of
 * their siblings. Everything else — comments, key order, quoting, blank lines — stays as the user wrote it, so the
 * editor can show the edit before applying it and undo it as one step. Pure; works on text, not on files.
 */
import { isMap, isScalar, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { ExperimentChange, FixPlan } from './diagnose';

/** Replace `length` characters at `offset` with `newText` (offsets in the original text). */
export interface TextSpanEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export class FixEditError extends Error {}

const PLAIN_SAFE = /^[A-Za-z_][\w./-]*$/;
const YAML_WORDS = /^(?:true|false|yes|no|on|off|null|y|n|~)$/i;

/** A value as YAML source: numbers and booleans as they are, strings plain when safe, else double-quoted. */
export function yamlLiteral(value: unknown): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FixEditError(`cannot write ${String(value)} into the experiment`);
    return Object.is(value, -0) ? '-0' : String(value); // String(-0) is "0"
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string')
    return PLAIN_SAFE.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);
  throw new FixEditError(`cannot write a ${typeof value} into the experiment`);
}

function parseChecked(text: string): Document.Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new FixEditError(`the experiment is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}); fix it first`);
  return doc;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
const lineEnd = (text: string, offset: number) => {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
};

/** The end (exclusive) of a node's own text, for finding the line after the last entry of a block map. */
function nodeEnd(n: Node | null | undefined): number | undefined {
  return n?.range ? n.range[1] : undefined;
}

/** The text edit that sets one path, against `text`. */
function changeEdit(text: string, change: ExperimentChange): TextSpanEdit {
  const doc = parseChecked(text);
  const segs = change.path.split('.');
  const literal = yamlLiteral(change.value);
  const existing = doc.getIn(segs, true) as Node | undefined;
  if (existing !== undefined) {
    if (!isScalar(existing) || !existing.range)
      throw new FixEditError(`${change.path} is not a single value in the experiment; edit it by hand`);
    const [start, end] = existing.range;
    return { offset: start, length: end - start, newText: literal };
  }
  // The deepest map on the path that exists: the new keys go under it.
  let parent: Node | null | undefined = doc.contents;
  let depth = 0;
  while (depth < segs.length - 1) {
    const next: Node | null | undefined = isMap(parent)
      ? (parent.get(segs[depth]!, true) as Node | undefined)
      : undefined;
    if (next === undefined || next === null) break;
    if (!isMap(next)) {
      throw new FixEditError(
        `${segs.slice(0, depth + 1).join('.')} is not a mapping in the experiment, so ${change.path} cannot be added; edit it by hand`,
      );
    }
    parent = next;
    depth++;
  }
  const rest = segs.slice(depth);
  const block = (indent: string, step: string) =>
    rest.map((k, i) => `${indent}${step.repeat(i)}${k}:${i === rest.length - 1 ? ` ${literal}` : ''}\n`).join('');
  if (parent === null || parent === undefined) {
    // An empty document: the keys are the whole content.
    return { offset: text.length, length: 0, newText: `${text && !text.endsWith('\n') ? '\n' : ''}${block('', '  ')}` };
  }
  if (!isMap(parent)) throw new FixEditError(`the experiment is not a mapping; edit it by hand`);
  const map = parent as YAMLMap;
  const last = map.items[map.items.length - 1];
  const firstKey = map.items[0]?.key as Node | undefined;
  if (map.flow || !last || !firstKey?.range) {
    throw new FixEditError(
      `${segs.slice(0, depth).join('.') || 'the experiment'} is written inline ({…}); add ${change.path}: ${literal} by hand`,
    );
  }
  const keyStart = firstKey.range[0];
  const indent = text.slice(lineStart(text, keyStart), keyStart);
  if (!/^[ ]*$/.test(indent))
    throw new FixEditError(
      `cannot tell the indentation of ${segs.slice(0, depth).join('.') || 'the experiment'}; edit it by hand`,
    );
  // Nested keys indent like the file's own nesting (two spaces when it shows none).
  const step = indentStep(text) ?? '  ';
  const end = nodeEnd(last.value as Node | null) ?? nodeEnd(last.key as Node | null) ?? keyStart;
  const at = lineEnd(text, Math.max(keyStart, end - 1));
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { offset: at, length: 0, newText: `${prefix}${block(indent, step)}` };
}

/** The smallest indentation step the file uses (the difference between a key and its first child key). */
function indentStep(text: string): string | undefined {
  const widths = new Set<number>();
  for (const line of text.split('\n')) {
    const m = /^( +)[^\s#-]/.exec(line);
    if (m) widths.add(m[1]!.length);
  }
  const min = Math.min(...widths);
  return Number.isFinite(min) && min > 0 && min <= 8 ? ' '.repeat(min) : undefined;
}

export function applySpanEdits(text: string, edits: readonly TextSpanEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/**
 * The experiment text with the fix applied, and one edit (the changed region, against the original text) that
 * turns the original into it. Throws FixEditError, saying what to do by hand, when a change cannot be made safely.
 */
export function fixEdit(text: string, plan: FixPlan): { text: string; edit: TextSpanEdit } {
  let next = text;
  for (const change of plan.changes) next = applySpanEdits(next, [changeEdit(next, change)]);
  // Check the result reads back with every change in place.
  const doc = parseChecked(next);
  for (const c of plan.changes) {
    const v = doc.getIn(c.path.split('.'));
    if (v !== c.value) throw new FixEditError(`could not set ${c.path}; edit it by hand`);
  }
  // The changed region, widened to whole lines so the edit reads as lines replaced in a diff.
  let pre = 0;
  while (pre < text.length && pre < next.length && text[pre] === next[pre]) pre++;
  let suf = 0;
  while (
    suf < text.length - pre &&
    suf < next.length - pre &&
    text[text.length - 1 - suf] === next[next.length - 1 - suf]
  )
    suf++;
  pre = lineStart(text, pre);
  let end = text.length - suf;
  if (end > pre && text[end - 1] !== '\n') end = Math.min(lineEnd(text, end), text.length);
  const newEnd = Math.max(pre, next.length - (text.length - end));
  return { text: next, edit: { offset: pre, length: end - pre, newText: next.slice(pre, newEnd) } };
}
