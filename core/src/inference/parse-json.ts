/**
 * JSON input: an array of arrays (rows), a flat array (one row), an array of objects (named columns), one object
 * (one row), `{"<input name>": [...]}`, and JSON lines (one array or object per line). Strings holding numbers are
 * accepted; `null`, booleans and other strings are named in the error.
 */
import { namedPlan, positionalPlan, type ColumnPlan } from './column-plan';
import { phrase } from '../l10n';
import { InferenceError, valueCount } from './errors';
import { cellError, placePhrase, writeCategory, type InputFormat, type InputTable } from './input-table';
import { cellNumber } from './number-text';
import type { TextContext } from './parse-delimited';

type Row =
  | { readonly kind: 'array'; readonly items: readonly unknown[] }
  | { readonly kind: 'object'; readonly record: Readonly<Record<string, unknown>> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function depth(v: unknown): number {
  let d = 0;
  while (Array.isArray(v)) {
    d++;
    v = v[0];
  }
  return d;
}

/** JSON text → rows and the format; throws `bad-json` with JSON's own reason. */
function readRows(text: string, ctx: TextContext): { rows: Row[]; format: InputFormat; lines?: Int32Array } {
  const trimmed = text.trim();
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    const lines = text.split('\n');
    const used = lines.map((l, i) => [l.trim(), i] as const).filter(([l]) => l !== '');
    if (used.length >= 2 && used.every(([l]) => l.startsWith('{') || l.startsWith('['))) return jsonLines(used, ctx);
    throw new InferenceError(
      'bad-json',
      phrase('The input looks like JSON but is not valid JSON: {0}.', (err as Error).message),
    );
  }
  if (isObject(value) && Array.isArray(value[ctx.inputName ?? ''])) value = value[ctx.inputName!];
  if (isObject(value)) return { rows: [{ kind: 'object', record: value }], format: 'json-object' };
  if (typeof value === 'number' || typeof value === 'string') value = [value];
  if (!Array.isArray(value))
    throw new InferenceError(
      'bad-json',
      phrase('The JSON input is neither an array nor an object: give rows as [[…], […]], [{…}, {…}] or one {…}.'),
    );
  if (value.length === 0)
    throw new InferenceError('no-rows', phrase('The JSON input is an empty array: it has no rows.'));
  if (value.every((v) => !Array.isArray(v) && !isObject(v)))
    return { rows: [{ kind: 'array', items: value }], format: 'json-rows' };
  if (value.every(Array.isArray)) {
    const d = depth(value);
    if (d > 2) throw rankError(d, ctx);
    return { rows: value.map((items: unknown[]) => ({ kind: 'array' as const, items })), format: 'json-rows' };
  }
  if (value.every(isObject))
    return { rows: value.map((record) => ({ kind: 'object' as const, record })), format: 'json-objects' };
  throw new InferenceError(
    'bad-json',
    phrase('The JSON array mixes rows of different kinds: give every row as an array, or every row as an object.'),
  );
}

function jsonLines(
  used: ReadonlyArray<readonly [string, number]>,
  ctx: TextContext,
): { rows: Row[]; format: InputFormat; lines: Int32Array } {
  const rows: Row[] = [];
  for (const [line, i] of used) {
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new InferenceError(
        'bad-json',
        phrase('Line {0} is not valid JSON: {1}.', (ctx.firstLine ?? 1) + i, (err as Error).message),
      );
    }
    if (Array.isArray(v) && depth(v) > 1) throw rankError(depth(v) + 1, ctx);
    rows.push(isObject(v) ? { kind: 'object', record: v } : { kind: 'array', items: Array.isArray(v) ? v : [v] });
  }
  if (new Set(rows.map((r) => r.kind)).size > 1)
    throw new InferenceError(
      'bad-json',
      phrase('The JSON lines mix arrays and objects: give every line as an array, or every line as an object.'),
    );
  return { rows, format: 'jsonl', lines: Int32Array.from(used, ([, i]) => (ctx.firstLine ?? 1) + i) };
}

function rankError(d: number, ctx: TextContext): InferenceError {
  return new InferenceError(
    'rank',
    phrase(
      'The input is a rank-{0} array (rows of arrays), but the model {1} takes rows of plain numbers (rank 2: [rows, features]).',
      d,
      ctx.inputLabel,
    ),
  );
}

function cellText(v: unknown): string {
  return v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

export function parseJson(text: string, ctx: TextContext): InputTable {
  const { rows, format, lines } = readRows(text, ctx);
  const keyed = rows[0]!.kind === 'object';
  let names: string[] | undefined;
  if (keyed) {
    const seen = new Set<string>();
    for (const r of rows) if (r.kind === 'object') for (const k of Object.keys(r.record)) seen.add(k);
    names = [...seen];
  }
  const firstLen = rows[0]!.kind === 'array' ? rows[0]!.items.length : 0;
  const plan: ColumnPlan = names ? namedPlan(names, ctx) : positionalPlan(firstLen, ctx, phrase('Row 1'));
  const width = plan.features.length;
  const values = new Float64Array(rows.length * width);
  const lineOf = (r: number) => lines?.[r];
  const cellsOf = (r: number): unknown[] => {
    const row = rows[r]!;
    return row.kind === 'array' ? [...row.items] : names!.map((k) => row.record[k]);
  };
  rows.forEach((row, r) => {
    const cells = cellsOf(r);
    if (row.kind === 'array' && row.items.length !== firstLen) {
      throw new InferenceError(
        'ragged',
        lineOf(r)
          ? phrase(
              'Row {0} (line {1}) has {2}, but row 1 has {3}.',
              r + 1,
              lineOf(r)!,
              valueCount(row.items.length),
              firstLen,
            )
          : phrase('Row {0} has {1}, but row 1 has {2}.', r + 1, valueCount(row.items.length), firstLen),
      );
    }
    const base = r * width;
    cells.forEach((v, col) => {
      const f = plan.numeric[col]!;
      if (f < 0) return;
      const place = { row: r, line: lineOf(r), column: names?.[col] ?? plan.features[col] ?? `#${col + 1}` };
      if (Array.isArray(v) || isObject(v)) throw rankError(3, ctx);
      if (row.kind === 'object' && !(names![col]! in row.record)) {
        throw new InferenceError(
          'missing-value',
          phrase('{0} is missing from this object: a missing value, which the model cannot use.', placePhrase(place)),
        );
      }
      const num = typeof v === 'number' ? v : typeof v === 'string' ? cellNumber(v) : v === null ? NaN : undefined;
      if (num === undefined || !Number.isFinite(num)) throw cellError(place, v === null ? 'null' : cellText(v), num);
      values[base + f] = num;
    });
    for (const cat of plan.categorical) {
      writeCategory(values, base, cat, cellText(cells[cat.column]), () => ({
        row: r,
        line: lineOf(r),
        column: cat.name,
      }));
    }
  });
  return {
    format,
    n: rows.length,
    width,
    values,
    features: plan.features,
    ignored: plan.ignored,
    columns: names ?? plan.features,
    cells: (i) => cellsOf(i).map(cellText),
    ...(lines && { lines }),
    header: names ? 'keys' : 'none',
  };
}
