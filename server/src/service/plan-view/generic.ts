/**
 * Any YAML value as view blocks: text, bullet lists, key/value fields and tables. Used for the sections that
 * have no chart (overview, problem, solution, …), for keys the dedicated builders do not know, and for values
 * of an unexpected shape, so nothing written in the plan silently disappears from the preview.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Block, TableBlock } from '../../../../core/src/plan/render';
import { humanize } from '../../../../core/src/plan/render';
import { entries, items, ref, scalarText, summary, type At, type BuildContext } from './tree-at';

/** Rows and list items shown per list; the rest is counted ("… and 12 more"). */
export const MAX_ROWS = 1000;
const MAX_COLUMNS = 8;

export function genericBlocks(ctx: BuildContext, at: At, label?: string, depth = 0): Block[] {
  const node = at.node;
  if (!node) return [];
  if (isScalar(node)) {
    const text = scalarText(at);
    return text === undefined || text === ''
      ? []
      : [{ kind: 'text', ...(label !== undefined && { label }), text, ref: ref(ctx, at) }];
  }
  if (isSeq(node)) {
    const all = items(at).filter((i) => i.node);
    if (all.length === 0) return [];
    if (all.some((i) => isMap(i.node))) return [tableOf(ctx, at, all, label)];
    const shown = all.slice(0, MAX_ROWS);
    return [
      {
        kind: 'list',
        ...(label !== undefined && { label }),
        ref: ref(ctx, at),
        items: shown.map((i) => ({ text: summary(i), ref: ref(ctx, i) })).filter((i) => i.text !== ''),
        ...(all.length > shown.length && { more: all.length - shown.length }),
      },
    ];
  }
  if (!isMap(node)) return [];
  const out: Block[] = [];
  let fields: Array<{ label: string; value: string; ref: ReturnType<typeof ref> }> = [];
  const flush = () => {
    if (fields.length)
      out.push({ kind: 'fields', ...(label !== undefined && !out.length && { label }), items: fields });
    fields = [];
  };
  for (const [key, value] of entries(at)) {
    const short =
      isScalar(value.node) ||
      (isSeq(value.node) && items(value).every((i) => isScalar(i.node)) && summary(value).length < 80);
    const prose = isScalar(value.node) && typeof value.node.value === 'string' && value.node.value.length > 90;
    if (prose) {
      flush();
      out.push({
        kind: 'text',
        label: humanize(key),
        text: String((value.node as { value: string }).value),
        ref: ref(ctx, value),
      });
      continue;
    }
    if (short || depth >= 2) {
      const text = summary(value);
      if (text !== '') fields.push({ label: humanize(key), value: text, ref: ref(ctx, value) });
      continue;
    }
    flush();
    out.push(
      ...genericBlocks(ctx, value, label === undefined ? humanize(key) : `${label} · ${humanize(key)}`, depth + 1),
    );
  }
  flush();
  return out;
}

/** A list of mappings as a table: the union of their keys as columns (first seen first). */
function tableOf(ctx: BuildContext, at: At, all: At[], label?: string): TableBlock {
  const keys: string[] = [];
  for (const i of all) for (const [k] of entries(i)) if (!keys.includes(k)) keys.push(k);
  const columns = keys.slice(0, MAX_COLUMNS);
  const shown = all.slice(0, MAX_ROWS);
  return {
    kind: 'table',
    ...(label !== undefined && { label }),
    ref: ref(ctx, at),
    columns: (columns.length ? columns : ['value']).map((k) => ({ label: humanize(k) })),
    rows: shown.map((i) => {
      if (!isMap(i.node)) return { cells: [summary(i), ...columns.slice(1).map(() => '')], ref: ref(ctx, i) };
      const byKey = new Map(entries(i));
      return {
        cells: columns.map((k) => {
          const v = byKey.get(k);
          return v ? summary(v) : '';
        }),
        ref: ref(ctx, i),
      };
    }),
    ...(all.length > shown.length && { more: all.length - shown.length }),
  };
}

/** The generic blocks for every key of a mapping not in `known` (dedicated builders handle those). */
export function otherKeys(ctx: BuildContext, at: At, known: readonly string[]): Block[] {
  return entries(at)
    .filter(([k]) => !known.includes(k))
    .flatMap(([k, v]) => genericBlocks(ctx, v, humanize(k), 1));
}
