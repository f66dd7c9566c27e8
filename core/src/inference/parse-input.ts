/**
 * Any supported input text → an `InputTable`: JSON (arrays, objects, JSON lines) when it starts with `[` or `{`,
 * otherwise delimited text whose delimiter is read from its first line (tab, comma, semicolon, whitespace).
 */
import type { InputFormat, InputTable } from './input-table';
import { parseDelimited, type TextContext } from './parse-delimited';
import { parseJson } from './parse-json';
import { guessDelimiter } from './split-line';

export type { TextContext } from './parse-delimited';

const FORMATS: Record<string, InputFormat> = { '\t': 'tsv', ',': 'csv', ';': 'semicolon', ' ': 'whitespace' };

export function parseInput(text: string, ctx: TextContext): InputTable {
  const start = text.search(/\S/);
  const c = start === -1 ? '' : text[start];
  if (c === '[' || c === '{') return parseJson(text, ctx);
  const lineEnd = text.indexOf('\n', Math.max(start, 0));
  const firstLine = text.slice(Math.max(start, 0), lineEnd === -1 ? text.length : lineEnd);
  const delimiter = guessDelimiter(firstLine);
  return parseDelimited(text, delimiter, FORMATS[delimiter]!, ctx);
}
