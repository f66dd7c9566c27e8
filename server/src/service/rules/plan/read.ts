/** What the plan rules share on top of the tree walker (yaml-path): labels, ids, the plan's currency, anchors for ranges. */
import { t, type Locale } from '../../../../../core/src/l10n';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { ParsedFile } from '../../parse';
import { at, field, has, rangeOf, str, text, type Entry, type MapItem } from '../../yaml-path';

/** The item's `id` (or `name`, `title`, `period`) as shown in messages; `#n` (1-based) without one. */
export function label(item: MapItem): string {
  for (const key of ['id', 'name', 'title', 'period', 'category']) {
    const v = text(field(item.node, key));
    if (v !== undefined && v !== '') return v;
  }
  return `#${item.index + 1}`;
}

/** Where a diagnostic about a whole item goes: its `id` value, else the item itself. */
export function anchor(file: ParsedFile, item: MapItem): Range {
  const id = field(item.node, 'id');
  return has(id) ? rangeOf(file, id.node) : rangeOf(file, item.node);
}

/** `metadata.currency` when it is an ISO-like code. */
export function planCurrency(root: YAMLMap | undefined): string | undefined {
  const c = str(at(root, ['metadata', 'currency']));
  return c !== undefined && /^[A-Z]{3}$/.test(c) ? c : undefined;
}

/** True when a section holds nothing: no value, `{}`, `[]` or an empty string. */
export function isEmptySection(e: Entry): boolean {
  const n = e.node;
  if (!n) return true;
  if (isMap(n) || isSeq(n)) return n.items.length === 0;
  return isScalar(n) && (n.value === null || n.value === '');
}

/** Mitigation text, whether written as a string or a list of strings; '' when missing. */
export function textOf(e: Entry | undefined): string {
  const n = e?.node;
  if (isSeq(n))
    return n.items
      .map((i) => (isScalar(i) ? String(i.value ?? '') : ''))
      .join('; ')
      .trim();
  return isScalar(n) && n.value !== null ? String(n.value).trim() : '';
}

/** A one-based line number for messages. */
export function lineOf(file: ParsedFile, node: Node): number {
  return file.index.positionAt(node.range?.[0] ?? 0).line + 1;
}

/** A known id close to a mistyped one (edit distance ≤ 2, and less than half its length), when exactly one is. */
export function closest(wrong: string, known: Iterable<string>): string | undefined {
  const near = [...known].filter(
    (k) => distance(wrong.toLowerCase(), k.toLowerCase()) <= Math.min(2, Math.floor(k.length / 2)),
  );
  return near.length === 1 ? near[0] : undefined;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** A list of names for messages: `a`, `b` and `c` (or `… or c`). */
/** `names` in the reader's language: `a`、`b` 和 `c` in Chinese. */
export function namesIn(
  locale: Locale | undefined,
  values: readonly string[],
  conjunction: 'and' | 'or' = 'and',
): string {
  const q = values.map((v) => `\`${v}\``);
  if (q.length <= 1) return q[0] ?? '';
  const head = q.slice(0, -1).join(t(locale, ', '));
  const last = q[q.length - 1] ?? '';
  return conjunction === 'and' ? t(locale, '{0} and {1}', head, last) : t(locale, '{0} or {1}', head, last);
}

export function names(values: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  const q = values.map((v) => `\`${v}\``);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1] ?? ''}`;
}
