/**
 * The section splitter of incremental parsing (issue 18; see ./incremental.ts): a Liftoff document is one YAML
 * mapping whose top-level keys start lines at column 0. Each top-level section (from its key line to the next key
 * line: comments and blank lines before a key belong to the section above, where a whole parse puts them in the
 * ranges of an empty last value) is parsed on its own, with the parser's offset set to where the section starts, so
 * its nodes carry the same offsets as in a whole-document parse; a section reused after an edit before it is shifted.
 *
 * Whenever a section cannot be shown to parse as the whole parse would, these return undefined (the caller then
 * parses the whole document): anything at column 0 other than a simple `key:` line, a `- ` item, a comment or a blank
 * line (directives, `---`, flow or quoted keys at the top level, …), anchors, aliases or tags anywhere, a duplicate
 * top-level key, `\r`, a BOM, or any YAML error or warning in a section.
 */
import { Composer, Parser, isCollection, isMap, isPair, isScalar, type Document, type Node, type Pair } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { DocumentKind } from './types';
import type { ShortFormNote } from '../../../core/src/vocabulary';

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*:(?=[ \t]|$)/;
/** Anchor, alias or tag syntax anywhere (conservative: may also match inside strings, which only costs a full parse). */
const NODE_PROPS = /(^|[\s[{,:?-])[&*!]/;

export interface SectionSpan {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start`. */
  readonly line: number;
}

export interface SectionParse {
  text: string;
  start: number;
  readonly key: string;
  readonly doc: Document.Parsed;
  readonly pair: Pair<Node, Node | null>;
  notes: ShortFormNote[];
  /** The kind it was normalised as (normalising rewrites the tree, so another kind needs a fresh parse). */
  readonly kind: DocumentKind | undefined;
  /** Its JavaScript value, for the schema check (made on first use). */
  js?: { value: unknown };
  /** Its schema errors (SchemaValidator.checkSections). */
  readonly schema: { errors?: ErrorObject[] };
}

/** Splits `text` into top-level sections, or returns undefined when the text is not of the simple shape. */
export function splitSections(text: string): SectionSpan[] | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff || NODE_PROPS.test(text)) return undefined;
  const out: SectionSpan[] = [];
  const keys = new Set<string>();
  let offset = 0;
  let line = 0;
  for (;;) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    const c = text.charCodeAt(offset);
    if (
      c === 35 /* # */ ||
      c === 32 /* space */ ||
      c === 9 /* tab */ ||
      /^-(?=[ \t]|$)/.test(text.slice(offset, offset + 2))
    ) {
      // a comment, an indented line or a `- ` item: part of the section above (the preamble takes only comments)
      if (out.length === 0 && c !== 35 && !/^[ \t]*$/.test(text.slice(offset, end))) return undefined;
    } else if (end > offset) {
      const m = SIMPLE_KEY.exec(text.slice(offset, Math.min(end, offset + 256)));
      if (!m) return undefined;
      const key = m[0].slice(0, -1);
      if (keys.has(key)) return undefined;
      keys.add(key);
      const prev = out[out.length - 1];
      if (prev) out[out.length - 1] = { ...prev, end: offset };
      // The first section takes the comments and blank lines above it (a whole parse reads them as its preamble).
      out.push({ key, start: out.length === 0 ? 0 : offset, end: text.length, line: out.length === 0 ? 0 : line });
    }
    if (nl < 0) break;
    offset = nl + 1;
    line++;
  }
  return out.length ? out : undefined;
}

/** Parses one section's text as if it stood at `start` of the whole text. Undefined when it is not one clean pair. */
export function parseSection(
  text: string,
  start: number,
  key: string,
  kind: DocumentKind | undefined,
): SectionParse | undefined {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false });
  const docs = Array.from(composer.compose(parser.parse(text))) as Document.Parsed[];
  const doc = docs[0];
  if (docs.length !== 1 || !doc || doc.errors.length || doc.warnings.length) return undefined;
  const root = doc.contents;
  if (!isMap(root) || root.flow || root.items.length !== 1) return undefined;
  const pair = root.items[0] as Pair<Node, Node | null>;
  if (!isScalar(pair.key) || pair.key.value !== key) return undefined;
  return { text, start, key, doc, pair, notes: [], kind, schema: {} };
}

/** Moves every offset of a section's nodes by `delta` (new arrays: normalising may share one range array). */
export function shiftSection(s: SectionParse, delta: number, start: number): void {
  if (delta === 0) return;
  const seen = new Set<object>();
  const shift = (r: readonly number[] | null | undefined) => (r ? r.map((x) => x + delta) : r);
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object' || seen.has(n)) return;
    seen.add(n);
    if (isPair(n)) {
      visit(n.key);
      visit(n.value);
      return;
    }
    const node = n as { range?: [number, number, number] };
    if (node.range) node.range = shift(node.range) as [number, number, number];
    if (isCollection(n)) for (const it of n.items) visit(it);
  };
  visit(s.doc.contents);
  s.doc.range = shift(s.doc.range) as [number, number, number];
  s.notes = s.notes.map((n) => ({ ...n, range: [n.range[0] + delta, n.range[1] + delta] as [number, number] }));
  s.start = start;
}
