import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest, distance } from 'fastest-levenshtein';
import { diagnostic } from '../../diagnostic';
import { at, list, rangeOf, str, valueRange, type Entry, type Item } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { AsyncRule, AsyncRuleContext } from '../rule';
import { describeFileType, isSpecialFile } from '../../host';
import { replace, withFixes } from './edits';
import { t, type Locale } from '../../../../../core/src/l10n';

const SPLITS = ['train', 'validation', 'test'] as const;
const HEAD_BYTES = 64 * 1024;

/**
 * The local file a path value names, resolved against the document's folder; undefined for URIs (s3://, hf://, …)
 * and for values with `${…}` variables, which only the launcher can resolve.
 */
export function localPath(base: string, value: string): string | undefined {
  const v = value.trim();
  if (!v || v.includes('${')) return undefined;
  if (/^file:\/\//i.test(v)) {
    try {
      return fileURLToPath(v);
    } catch {
      return undefined;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return undefined;
  return path.resolve(base, v.replace(/^~(?=[/\\])/, process.env.HOME ?? '~'));
}

/** A YAML scalar for `value`: plain when safe, double-quoted otherwise. */
export function yamlString(value: string): string {
  return /^[A-Za-z_][\w./-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value)
    ? value
    : JSON.stringify(value);
}

/** Column names of a CSV header (first line of `head`); undefined when the header line is not complete in `head`. */
export function csvHeader(head: string, complete: boolean): string[] | undefined {
  const text = head.replace(/^\uFEFF/, '');
  const nl = text.search(/\r?\n/);
  if (nl < 0 && !complete) return undefined;
  const line = nl < 0 ? text : text.slice(0, nl);
  const sep = line.includes(',') ? ',' : line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
  const cols: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line.charAt(i + 1) === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === sep) {
      cols.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cols.push(cur.trim());
  return cols.length === 1 && cols[0] === '' ? [] : cols;
}

function listed(locale: Locale | undefined, names: readonly string[], max = 20): string {
  const shown = names
    .slice(0, max)
    .map((n) => `\`${n}\``)
    .join(', ');
  return names.length > max ? t(locale, '{0} … ({1} more)', shown, names.length - max) : shown;
}

interface Source {
  readonly key: string;
  readonly entry: Entry;
  readonly value: string;
  readonly columns: string[] | undefined;
}

/**
 * EXP-008: `data.train` / `validation` / `test` local paths exist (relative to this file); for CSV data every
 * `data.features` entry and `data.target` is a column of the header.
 */
export const dataPaths: AsyncRule = async (ctx) => {
  const { file, yaml, settings, host, docPath } = ctx;
  if (!docPath) return [];
  const base = path.dirname(docPath);
  const format = str(at(yaml.root, ['data', 'format']));
  const out: LiftoffDiagnostic[] = [];
  const sources: Source[] = [];
  for (const key of SPLITS) {
    const entry = at(yaml.root, ['data', key]);
    const value = str(entry);
    const abs = entry && value !== undefined ? localPath(base, value) : undefined;
    if (!entry || value === undefined || !abs) continue;
    const info = await host.stat(abs);
    if (!info) {
      out.push(await missing(ctx, entry, key, value, abs));
      continue;
    }
    if (isSpecialFile(info)) {
      out.push(
        diagnostic(
          settings,
          'EXP-008',
          'error',
          valueRange(file, entry),
          t(
            settings.locale,
            '`data.{0}` (`{1}`) is {2}, not a data file: Liftoff reads only regular files and folders (a pipe or device could stall validation and training). Point it at the data file itself.',
            key,
            value,
            describeFileType(info.type, settings.locale),
          ),
        ),
      );
      continue;
    }
    const isCsv = format === 'csv' || (format === undefined && /\.csv$/i.test(value));
    if (!isCsv || info.isDirectory || /\.(gz|bz2|xz|zst|zip)$/i.test(value)) continue;
    const head = await host.readHead(abs, HEAD_BYTES);
    const columns = head === undefined ? undefined : csvHeader(head, info.size <= HEAD_BYTES);
    if (columns?.length === 0) {
      out.push(
        diagnostic(
          settings,
          'EXP-008',
          'error',
          valueRange(file, entry),
          t(
            settings.locale,
            '`data.{0}` (`{1}`) is empty: a CSV file starts with a header row naming its columns.',
            key,
            value,
          ),
        ),
      );
      continue;
    }
    sources.push({ key, entry, value, columns });
  }
  const main = sources.find((s) => s.key === 'train') ?? sources[0];
  if (main?.columns) out.push(...checkColumns(ctx, main, sources));
  return out;
};

async function missing(
  ctx: AsyncRuleContext,
  entry: Entry,
  key: string,
  value: string,
  abs: string,
): Promise<LiftoffDiagnostic> {
  const parent = path.dirname(abs);
  const siblings = (await ctx.host.listDir(parent, 500)).map((e) => e.name);
  const guess = siblings.length ? closest(path.basename(abs), siblings) : undefined;
  const near = guess !== undefined && guess.length > 0 && distanceOk(path.basename(abs), guess) ? guess : undefined;
  const d = diagnostic(
    ctx.settings,
    'EXP-008',
    'error',
    valueRange(ctx.file, entry),
    near
      ? t(
          ctx.settings.locale,
          '`data.{0}` points to `{1}`, which does not exist (looked for {2}). Did you mean `{3}`?',
          key,
          value,
          abs,
          near,
        )
      : t(
          ctx.settings.locale,
          "`data.{0}` points to `{1}`, which does not exist (looked for {2}). Paths are relative to this file's folder; use a URI (s3://, gs://, hf://, https://) for remote data.",
          key,
          value,
          abs,
        ),
  );
  if (!near || !entry.node) return d;
  const fixed = value.slice(0, value.length - path.basename(value).length) + near;
  return withFixes(d, [
    {
      title: t(ctx.settings.locale, 'Change to `{0}`', fixed),
      edits: [replace(ctx.file, entry.node, yamlString(fixed))],
    },
  ]);
}

function distanceOk(a: string, b: string): boolean {
  return distance(a.toLowerCase(), b.toLowerCase()) <= Math.max(2, Math.floor(a.length / 3));
}

function checkColumns(ctx: AsyncRuleContext, main: Source, sources: readonly Source[]): LiftoffDiagnostic[] {
  const { file, yaml, settings } = ctx;
  const columns = main.columns ?? [];
  const features = list(at(yaml.root, ['data', 'features'])) ?? [];
  const targetEntry = at(yaml.root, ['data', 'target']);
  const wanted: Array<{ item: Item | Entry; name: string; role: string }> = features
    .filter((f) => typeof f.value === 'string')
    .map((f) => ({ item: f, name: String(f.value), role: 'feature' }));
  const target = str(targetEntry);
  if (targetEntry && target !== undefined) wanted.push({ item: targetEntry, name: target, role: 'target' });
  const used = new Set(wanted.map((w) => w.name));
  const out: LiftoffDiagnostic[] = [];
  for (const w of wanted) {
    if (columns.includes(w.name)) continue;
    const unused = columns.filter((c) => !used.has(c));
    const guess = closest(w.name, unused.length ? unused : columns);
    const node = w.item.node;
    const range = 'keyNode' in w.item ? valueRange(file, w.item) : rangeOf(file, w.item.node);
    const l = settings.locale;
    const cols = listed(l, columns);
    const message =
      w.role === 'target'
        ? guess
          ? t(
              l,
              'Target column `{0}` is not in the header of `{1}`; closest: `{2}`. Columns: {3}.',
              w.name,
              main.value,
              guess,
              cols,
            )
          : t(l, 'Target column `{0}` is not in the header of `{1}`. Columns: {2}.', w.name, main.value, cols)
        : guess
          ? t(
              l,
              'Feature column `{0}` is not in the header of `{1}`; closest: `{2}`. Columns: {3}.',
              w.name,
              main.value,
              guess,
              cols,
            )
          : t(l, 'Feature column `{0}` is not in the header of `{1}`. Columns: {2}.', w.name, main.value, cols);
    const d = diagnostic(settings, 'EXP-008', 'error', range, message);
    out.push(
      guess && node
        ? withFixes(d, [{ title: t(l, 'Rename to `{0}`', guess), edits: [replace(file, node, yamlString(guess))] }])
        : d,
    );
  }
  for (const s of sources) {
    if (s === main || !s.columns) continue;
    const lacking = [...used].filter((n) => columns.includes(n) && !s.columns?.includes(n));
    if (lacking.length) {
      out.push(
        diagnostic(
          settings,
          'EXP-008',
          'error',
          valueRange(file, s.entry),
          t(
            settings.locale,
            '`data.{0}` (`{1}`) has no column {2}, which `data.{3}` has and the experiment uses. Its columns: {4}.',
            s.key,
            s.value,
            listed(settings.locale, lacking),
            main.key,
            listed(settings.locale, s.columns),
          ),
        ),
      );
    }
  }
  return out;
}
