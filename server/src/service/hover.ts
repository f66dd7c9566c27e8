import { isScalar } from 'yaml';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { metricDoc } from './metric-docs';
import { nodeAt } from './yaml-path';
import { parseFile, type ParsedFile } from './parse';
import { writtenAs } from '../../../core/src/vocabulary';
import { descriptionOf, schemasAt, type Schema } from './schema/navigate';
import type { DocumentKind, SourceDocument } from './types';
import { t, type Locale } from '../../../core/src/l10n';

/** The schemas write each field's Chinese term at the end of its description: `… (中文: 训练集)` or `… (中文: 训练集).` */
export const CHINESE_TERM = /\s*\(中文[:：]\s*([^)]+)\)\.?\s*$/;

/**
 * A schema description in the user's language: for zh-cn the Chinese term leads (`训练集 — Training data: …`), the
 * English explanation follows without the term repeated; in English the description is shown as written.
 */
export function localizedDescription(description: string, locale: Locale | undefined): string {
  if (locale !== 'zh-cn') return description;
  const m = CHINESE_TERM.exec(description);
  if (!m) return description;
  const rest = description.slice(0, m.index).trim();
  return `**${m[1]!.trim()}** — ${rest.endsWith('.') || rest.length === 0 ? rest : `${rest}.`}`;
}

const METRIC_FIELDS = /(^|\.)(monitor|metric|name)$|^metrics\.track$|^evaluation\.metrics$/;

/** Hover: the property's documentation from the schema; an enum value's own description; a metric's formula. */
export function hover(
  doc: SourceDocument,
  pos: Position,
  schemaRoot: (kind: DocumentKind) => Schema | undefined,
  parse: (doc: SourceDocument) => ParsedFile = parseFile,
  locale?: Locale,
): Hover | null {
  const file = parse(doc);
  const offset = file.index.offsetAt(pos);
  const yaml = file.documents.find((d) => d.doc.range[0] <= offset && offset <= d.doc.range[2]);
  const root = yaml?.kind ? schemaRoot(yaml.kind) : undefined;
  if (!yaml || !root) return null;
  const at = nodeAt(yaml.doc.contents, offset);
  if (!at || at.path.length === 0) return null;
  const located = schemasAt(root, at.path);
  const keys = at.path.filter((p): p is string => typeof p === 'string').join('.');
  const title = `**${at.path.reduce<string>((a, p) => (typeof p === 'number' ? `${a}[${p}]` : a ? `${a}.${p}` : p), '')}**`;
  const parts: string[] = [];
  if (!at.onKey && isScalar(at.node)) {
    const value = String(at.node.value);
    const written = writtenAs(at.node);
    if (written !== undefined) parts.push(t(locale, '`{0}` is read as `{1}`.', written, value));
    const metric =
      METRIC_FIELDS.test(keys) || /^metrics\.track|^evaluation\.metrics/.test(keys)
        ? metricDoc(value, locale)
        : undefined;
    if (metric) parts.push(`**${value}** — ${metric}`);
    for (const { schema } of located) {
      const i = Array.isArray(schema.enum) ? schema.enum.indexOf(at.node.value) : -1;
      const d = i >= 0 && Array.isArray(schema.enumDescriptions) ? schema.enumDescriptions[i] : undefined;
      if (typeof d === 'string') {
        parts.push(`\`${value}\`: ${localizedDescription(d, locale)}`);
        break;
      }
    }
  }
  let description = descriptionOf(located);
  if (description && locale === 'zh-cn' && !CHINESE_TERM.test(description)) {
    // The Chinese term may sit on another schema of the same place (a property's description beside its branch's).
    const term = located
      .map(({ schema }) => schema.markdownDescription ?? schema.description)
      .map((d) => (typeof d === 'string' ? CHINESE_TERM.exec(d)?.[1] : undefined))
      .find((x) => x !== undefined);
    if (term) description = `${description} (中文: ${term})`;
  }
  if (description) parts.push(`${title}\n\n${localizedDescription(description, locale)}`);
  if (parts.length === 0) return null;
  const r = at.node.range;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: r ? file.index.range(r[0], r[1]) : undefined,
  };
}
