import type { Locale } from '../../../core/src/l10n';
import * as path from 'node:path';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { cursorContext, siblingKeys, type CursorContext } from './cursor';
import type { ServiceHost } from './host';
import { metricDoc } from './metric-docs';
import { parseFile, type ParsedFile } from './parse';
import { knownMetrics } from './rules/experiment/exp-011-metric-references';
import { descriptionOf, propertiesAt, requiredAt, schemasAt, type Located, type Schema } from './schema/navigate';
import { sectionSnippet } from './snippet-from-schema';
import { csvColumns, documentDir } from './workspace-files';
import type { DocumentKind, SourceDocument } from './types';
import { at, str } from './yaml-path';

export interface CompletionDeps {
  readonly schemaRoot: (kind: DocumentKind) => Schema | undefined;
  readonly host: ServiceHost;
  /** How to parse the document (the service passes its incremental parse); parseFile by default. */
  readonly parse?: (doc: SourceDocument) => ParsedFile;
  /** The reader's language, for metric formulas and item details. */
  readonly locale?: Locale;
}

/** Completion at a position: keys allowed there, enum values, metric names, file paths and CSV columns. */
export async function complete(doc: SourceDocument, pos: Position, deps: CompletionDeps): Promise<CompletionItem[]> {
  const file = (deps.parse ?? parseFile)(doc);
  const offset = file.index.offsetAt(pos);
  const yaml = file.documents.find((d) => d.doc.range[0] <= offset && offset <= d.doc.range[2]) ?? file.documents[0];
  const kind = yaml?.kind ?? file.impliedKind;
  const root = kind ? deps.schemaRoot(kind) : undefined;
  if (!kind || !root) return [];
  const cur = cursorContext(doc.text, pos.line, pos.character);
  const range: Range = { start: { line: pos.line, character: cur.prefixStart }, end: pos };
  const docRoot = yaml?.root;

  if (cur.mode === 'key') return keyItems(root, cur.path, doc.text, pos.line, cur, range, cur.path.length === 0);

  const valuePath = cur.mode === 'value' ? [...cur.path, cur.key!] : cur.path;
  const targets = schemasAt(root, valuePath);
  const itemTargets = schemasAt(root, [...valuePath, 0]);
  const listLike = cur.mode === 'item' || (cur.mode === 'value' && /^\[/.test(lineValue(doc.text, pos)));
  const effective = listLike ? itemTargets : targets;

  if (cur.mode === 'item' && itemTargets.some((t) => t.schema.type === 'object' || t.schema.properties)) {
    return keyItems(root, [...valuePath, 0], doc.text, pos.line, cur, range, false);
  }
  const items: CompletionItem[] = [];
  const joined = valuePath.filter((p) => typeof p === 'string').join('.');
  if (
    effective.some((t) => t.def === 'metricName') ||
    /(^|\.)(monitor|metric)$|^metrics\.primary\.name$|^metrics\.track$/.test(joined)
  ) {
    for (const name of knownMetrics(docRoot))
      items.push(valueItem(name, range, CompletionItemKind.Value, metricDoc(name, deps.locale)));
  }
  if (/^data\.(features|target)$|^inference\.feature_order$/.test(joined)) {
    const train = str(at(docRoot, ['data', 'train']));
    const dir = documentDir(doc.uri);
    if (train && dir)
      for (const col of await csvColumns(deps.host, path.resolve(dir, train)))
        items.push(valueItem(col, range, CompletionItemKind.Field, 'a column of `data.train`'));
  }
  if (
    effective.some((t) => t.def === 'path' || t.def === 'pathOrUri') ||
    /^run\.command$|^inference\.model$|^data\.(train|validation|test)$/.test(joined)
  ) {
    items.push(...(await pathItems(deps.host, doc.uri, cur.prefix, range, joined)));
  }
  for (const t of effective) items.push(...enumItems(t, range));
  return dedupe(items);
}

function lineValue(text: string, pos: Position): string {
  const line = text.split(/\r?\n/)[pos.line]?.slice(0, pos.character) ?? '';
  return /:\s+(.*)$/.exec(line)?.[1] ?? '';
}

function keyItems(
  root: Schema,
  at: (string | number)[],
  text: string,
  line: number,
  cur: CursorContext,
  range: Range,
  topLevel: boolean,
): CompletionItem[] {
  const props = propertiesAt(root, at);
  const required = requiredAt(root, at);
  const present = siblingKeys(text, line, cur.indent);
  const items: CompletionItem[] = [];
  for (const key of props.keys()) {
    if (present.has(key)) continue;
    const located = schemasAt(root, [...at, key]);
    const doc = descriptionOf(located);
    items.push({
      label: key,
      kind: CompletionItemKind.Property,
      sortText: `${required.has(key) ? '0' : '1'}${key}`,
      detail: required.has(key) ? 'required' : undefined,
      documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: keySnippet(key, located) },
    });
    if (topLevel && located.some((l) => l.schema.type === 'object')) {
      const body = sectionSnippet(root, [...at, key]);
      if (body)
        items.push({
          label: `${key} (section)`,
          filterText: key,
          kind: CompletionItemKind.Snippet,
          sortText: `2${key}`,
          detail: `Insert a whole \`${key}\` section`,
          documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: { range, newText: body },
        });
    }
  }
  return items;
}

function keySnippet(key: string, located: readonly Located[]): string {
  const s = located.find((l) => l.schema.type !== undefined || l.schema.enum)?.schema ?? located[0]?.schema ?? {};
  if (Array.isArray(s.enum)) return `${key}: \${1|${s.enum.map((v) => String(v).replace(/[|,]/g, '\\$&')).join(',')}|}`;
  if (s.type === 'object') return `${key}:\n  $0`;
  if (s.type === 'array') {
    const items = s.items as Schema | undefined;
    return items && (items.type === 'object' || items.$ref) && !(items as Schema).enum
      ? `${key}:\n  - $0`
      : `${key}: [$0]`;
  }
  return `${key}: $0`;
}

function enumItems(t: Located, range: Range): CompletionItem[] {
  const s = t.schema;
  const descs = Array.isArray(s.enumDescriptions) ? (s.enumDescriptions as string[]) : [];
  if (Array.isArray(s.enum))
    return s.enum.map((v, i) => valueItem(String(v), range, CompletionItemKind.EnumMember, descs[i]));
  if ('const' in s) return [valueItem(String(s.const), range, CompletionItemKind.Constant)];
  if (s.type === 'boolean') return ['true', 'false'].map((v) => valueItem(v, range, CompletionItemKind.Value));
  return [];
}

function valueItem(label: string, range: Range, kind: CompletionItemKind, doc?: string): CompletionItem {
  return {
    label,
    kind,
    textEdit: { range, newText: label },
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc } : undefined,
  };
}

async function pathItems(
  host: ServiceHost,
  uri: string,
  prefix: string,
  range: Range,
  field: string,
): Promise<CompletionItem[]> {
  const dir = documentDir(uri);
  if (!dir || /^[a-z][a-z0-9+.-]*:\/\//i.test(prefix)) return [];
  const typedDir = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/') + 1) : '';
  const entries = await host.listDir(path.resolve(dir, typedDir || '.'), 500);
  const wanted =
    field === 'run.command'
      ? /\.(py|sh)$/
      : field === 'inference.model'
        ? /\.onnx$/
        : field === 'inference.text.tokenizer'
          ? /\.json$/
          : /\.(csv|tsv|jsonl?|parquet|txt)$/;
  return entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory || wanted.test(e.name)))
    .map((e) => ({
      label: typedDir + e.name + (e.isDirectory ? '/' : ''),
      kind: e.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
      textEdit: { range, newText: typedDir + e.name + (e.isDirectory ? '/' : '') },
      command: e.isDirectory ? { title: 'Suggest', command: 'editor.action.triggerSuggest' } : undefined,
    }));
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(i.label) ? false : (seen.add(i.label), true)));
}
