/**
 * The splice of incremental parsing (issue 18; see ./incremental.ts): the sections of the new text (split by
 * ./incremental-sections) whose text is unchanged are reused from the previous parse, shifted when an edit before them
 * moved them; the others are parsed; the pairs are spliced into one root mapping that stands for the whole document.
 */
import { Document, YAMLMap, type Pair } from 'yaml';
import { TextIndex } from './text-index';
import { isKnownKind, kindFromKeys, kindFromUriOrModeline } from './kind';
import { scalarValue, type ParsedFile, type ParsedYamlDocument } from './parse';
import type { SourceDocument } from './types';
import { normalise } from '../../../core/src/vocabulary';
import { parseSection, shiftSection, splitSections, type SectionParse } from './incremental-sections';

/** Where the sections of one parse stand: what rule reuse compares between two parses (./incremental-rules). */
export interface Layout {
  /** The URI, the kinds and the section keys in order: rule results are reused only while this stays the same. */
  readonly keys: string;
  readonly sections: ReadonlyArray<{ readonly key: string; readonly text: string; readonly line: number }>;
  readonly lineCount: number;
}

export interface Splice {
  readonly file: ParsedFile;
  readonly sections: SectionParse[];
  readonly layout: Layout;
  /** How many sections were parsed (the rest were reused). */
  readonly parsed: number;
}

/**
 * The parse of `source` spliced from `previous` sections and fresh ones, or undefined when the text is not of the
 * simple shape or a section does not parse cleanly on its own (the caller then parses the whole document). Reused
 * sections are shifted in place.
 */
export function spliceSections(source: SourceDocument, previous: readonly SectionParse[]): Splice | undefined {
  const { text } = source;
  const spans = splitSections(text);
  if (!spans) return undefined;
  const impliedKind = kindFromUriOrModeline(source.uri, text);
  // The kind first (normalising depends on it): from the `kind` section, else implied, else from the keys.
  const old = new Map<string, SectionParse>();
  for (const s of previous) old.set(s.key, s);
  const kindSpan = spans.find((s) => s.key === 'kind');
  let kindSection: SectionParse | undefined;
  if (kindSpan) {
    const t = text.slice(kindSpan.start, kindSpan.end);
    const o = old.get('kind');
    kindSection = o && o.text === t ? o : parseSection(t, kindSpan.start, 'kind', undefined);
    if (!kindSection) return undefined;
  }
  const kindValue = kindSection ? scalarValue(kindSection.pair.value) : undefined;
  const declaredKind = isKnownKind(kindValue) ? kindValue : undefined;
  const kind = declaredKind ?? impliedKind ?? kindFromKeys(spans.map((s) => s.key).filter(Boolean));
  const next: SectionParse[] = [];
  let parsed = 0;
  for (const span of spans) {
    const t = text.slice(span.start, span.end);
    const o = old.get(span.key);
    if (o && o.text === t && o.kind === kind) {
      shiftSection(o, span.start - o.start, span.start);
      next.push(o);
      continue;
    }
    const p =
      span.key === 'kind' && kindSection?.text === t && kindSection.start === span.start && kindSection.kind === kind
        ? kindSection
        : parseSection(t, span.start, span.key, kind);
    if (!p) return undefined;
    if (p !== o && kind) p.notes = normalise(p.doc, kind);
    parsed++;
    next.push(p);
  }
  const first = next[0]!;
  const last = next[next.length - 1]!;
  const doc = new Document(undefined, { uniqueKeys: true, prettyErrors: false }) as Document.Parsed;
  const root = new YAMLMap(doc.schema);
  for (const s of next) root.items.push(s.pair as Pair<unknown, unknown>);
  const firstMap = first.doc.contents as YAMLMap;
  const lastMap = last.doc.contents as YAMLMap;
  root.range = [firstMap.range![0], lastMap.range![1], lastMap.range![2]];
  if (firstMap.commentBefore) root.commentBefore = firstMap.commentBefore;
  doc.contents = root as Document.Parsed['contents'];
  doc.range = [first.doc.range[0], last.doc.range[1], last.doc.range[2]];
  if (first.doc.commentBefore) doc.commentBefore = first.doc.commentBefore;
  if (last.doc.comment) doc.comment = last.doc.comment;
  doc.errors = [];
  doc.warnings = [];
  const yaml: ParsedYamlDocument = {
    doc,
    root,
    declaredKind,
    kind,
    shortForms: kind ? next.flatMap((s) => s.notes) : [],
  };
  const index = new TextIndex(text);
  const layout: Layout = {
    keys: [source.uri, kind, declaredKind, impliedKind, ...spans.map((s) => s.key)].join('\n'),
    sections: next.map((s, i) => ({ key: s.key, text: s.text, line: spans[i]!.line })),
    lineCount: index.lineCount,
  };
  return { file: { source, index, documents: [yaml], impliedKind }, sections: next, layout, parsed };
}
