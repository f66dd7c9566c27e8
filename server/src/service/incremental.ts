/**
 * Incremental parsing and validation of one open document (issue 18).
 *
 * A Liftoff document is one YAML mapping whose top-level keys start lines at column 0. Each top-level section (from
 * its key line to the next key line: comments and blank lines before a key belong to the section above, where a whole
 * parse puts them in the ranges of an empty last value) is parsed on
 * its own, with the parser's offset set to where the section starts, so its nodes carry the same offsets as in a
 * whole-document parse. On the next text, sections whose text is unchanged are reused (shifted when an edit before
 * them moved them), the others are parsed, and the pairs are spliced into one root mapping.
 *
 * Whenever the splice cannot be shown to give what the whole parse gives, the whole document is parsed instead:
 * anything at column 0 other than a simple `key:` line, a `- ` item, a comment or a blank line (directives, `---`,
 * flow or quoted keys at the top level, …), anchors, aliases or tags anywhere, a duplicate top-level key, `\r`, a BOM,
 * or any YAML error or warning in a section. test/unit/service/incremental.test.ts holds the two together on random
 * edit sequences over every fixture.
 *
 * Validation reuses, per rule, the diagnostics of the last run when the top-level sections the rule read (recorded
 * as it runs: every read of a top-level pair's value is seen) are unchanged, shifting their positions by the lines the
 * edit added or removed before them. A rule that reads the raw text, or whose messages name line numbers, is re-run
 * unless nothing moved. The schema check converts only changed sections to JavaScript values.
 */
import { Composer, Document, Parser, YAMLMap, isCollection, isMap, isPair, isScalar, type Node, type Pair } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ErrorObject } from 'ajv';
import { TextIndex } from './text-index';
import { isKnownKind, kindFromKeys, kindFromUriOrModeline } from './kind';
import { parseFile, scalarValue, type ParsedFile, type ParsedYamlDocument } from './parse';
import type { DocumentKind, LiftoffDiagnostic, ServiceSettings, SourceDocument } from './types';
import { normalise, type ShortFormNote } from '../../../core/src/vocabulary';
import type { NamedRule, RuleContext } from './rules/rule';
import { guarded } from './rule-runner';

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*:(?=[ \t]|$)/;
/** Anchor, alias or tag syntax anywhere (conservative: may also match inside strings, which only costs a full parse). */
const NODE_PROPS = /(^|[\s[{,:?-])[&*!]/;
/** Rules whose messages name line numbers of other nodes: their output moves with any line shift. */
const POSITIONAL_RULES = new Set(['PLAN-008']);

interface SectionSpan {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start`. */
  readonly line: number;
}

interface SectionParse {
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
function parseSection(
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
function shiftSection(s: SectionParse, delta: number, start: number): void {
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

/** Which top-level pairs a rule read: the root pairs report reads of their value while a rule runs. */
let reading: Set<Pair> | undefined;
let rawRead = false;
const tracked = new WeakSet<Pair>();
function track(pair: Pair): void {
  if (tracked.has(pair)) return;
  tracked.add(pair);
  let value: unknown = pair.value;
  Object.defineProperty(pair, 'value', {
    configurable: true,
    enumerable: true,
    get() {
      reading?.add(pair);
      return value;
    },
    set(v: unknown) {
      value = v;
    },
  });
}

interface RuleMemo {
  /** Section keys read, with their text then; undefined: the rule read the raw text. */
  readonly reads: Map<string, string> | undefined;
  readonly diagnostics: LiftoffDiagnostic[];
}

interface Layout {
  readonly keys: string;
  readonly sections: ReadonlyArray<{ readonly key: string; readonly text: string; readonly line: number }>;
  readonly lineCount: number;
}

export interface IncrementalStats {
  full: number;
  incremental: number;
  sectionsParsed: number;
  sectionsReused: number;
  rulesRun: number;
  rulesReused: number;
}

/** The incremental state of one document (one URI). Holds only the latest version's sections and rule results. */
export class IncrementalDocument {
  private sections: SectionParse[] = [];
  private file: ParsedFile | undefined;
  private layout: Layout | undefined;
  private prevLayout: Layout | undefined;
  private memos = new Map<string, RuleMemo>();
  private memoSettings: ServiceSettings | undefined;
  private memoLayout: Layout | undefined;
  readonly stats: IncrementalStats = {
    full: 0,
    incremental: 0,
    sectionsParsed: 0,
    sectionsReused: 0,
    rulesRun: 0,
    rulesReused: 0,
  };

  private pins = 0;

  /**
   * Marks a validation of the latest parse as running until the returned function is called. Meanwhile a parse of
   * another text (hover, completion, a second validation of another text at the same URI) is a whole parse that
   * leaves this state alone: reused sections are shifted in place, which would move nodes under the running rules.
   */
  pin(): () => void {
    this.pins++;
    let done = false;
    return () => {
      if (!done) this.pins--;
      done = true;
    };
  }

  /** The parse of `source`: the previous one when the text is the same, else spliced from sections, else whole. */
  parse(source: SourceDocument): ParsedFile {
    if (this.file && this.file.source.text === source.text && this.file.source.uri === source.uri) {
      if (this.file.source !== source) this.file = { ...this.file, source };
      return this.file;
    }
    if (this.pins > 0) {
      this.stats.full++;
      return parseFile(source);
    }
    const spliced = this.splice(source);
    if (spliced) {
      this.stats.incremental++;
      this.file = spliced;
      return spliced;
    }
    this.stats.full++;
    this.sections = [];
    this.layout = undefined;
    this.file = parseFile(source);
    return this.file;
  }

  private splice(source: SourceDocument): ParsedFile | undefined {
    const { text } = source;
    const spans = splitSections(text);
    if (!spans) return undefined;
    const impliedKind = kindFromUriOrModeline(source.uri, text);
    // The kind first (normalising depends on it): from the `kind` section, else implied, else from the keys.
    const old = new Map<string, SectionParse>();
    for (const s of this.sections) old.set(s.key, s);
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
      if (!p) {
        this.sections = [];
        return undefined;
      }
      if (p !== o && kind) p.notes = normalise(p.doc, kind);
      parsed++;
      next.push(p);
    }
    this.stats.sectionsParsed += parsed;
    this.stats.sectionsReused += spans.length - parsed;
    this.sections = next;
    const first = next[0]!;
    const last = next[next.length - 1]!;
    const doc = new Document(undefined, { uniqueKeys: true, prettyErrors: false }) as Document.Parsed;
    const root = new YAMLMap(doc.schema);
    for (const s of next) {
      track(s.pair);
      root.items.push(s.pair as Pair<unknown, unknown>);
    }
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
    this.prevLayout = this.layout;
    this.layout = {
      keys: [source.uri, kind, declaredKind, impliedKind, ...spans.map((s) => s.key)].join('\n'),
      sections: next.map((s, i) => ({ key: s.key, text: s.text, line: spans[i]!.line })),
      lineCount: index.lineCount,
    };
    return { source, index, documents: [yaml], impliedKind };
  }

  /** Whether `file` is this document's latest spliced parse (rule results and schema values can then be reused). */
  private isSpliced(file: ParsedFile): boolean {
    return file === this.file && this.layout !== undefined && this.sections.length > 0;
  }

  /** Runs `rules` like runRules, reusing a rule's last diagnostics when what it read has not changed. */
  runRules(rules: readonly NamedRule[], ctx: RuleContext): LiftoffDiagnostic[] {
    const layout = this.isSpliced(ctx.file) ? this.layout : undefined;
    if (!layout || this.memoSettings !== ctx.settings || this.memoLayout?.keys !== layout.keys) this.memos.clear();
    const before = this.memoLayout;
    this.memoSettings = ctx.settings;
    this.memoLayout = layout;
    const texts = new Map<string, string>(layout?.sections.map((s) => [s.key, s.text]));
    const out: LiftoffDiagnostic[] = [];
    const file = layout ? watchRaw(ctx.file) : ctx.file;
    const rctx: RuleContext = { ...ctx, file };
    for (const rule of rules) {
      const memo = layout && before ? this.memos.get(rule.id) : undefined;
      const reused = memo && before && layout ? reuse(rule.id, memo, before, layout, texts) : undefined;
      if (reused) {
        this.stats.rulesReused++;
        this.memos.set(rule.id, { reads: memo!.reads, diagnostics: reused });
        out.push(...reused);
        continue;
      }
      this.stats.rulesRun++;
      const pairs = new Set<Pair>();
      const prevReading = reading;
      reading = pairs;
      rawRead = false;
      let found: LiftoffDiagnostic[];
      try {
        found = guarded(rule.id, rctx, () => rule.check(rctx));
      } finally {
        reading = prevReading;
      }
      if (layout) {
        const reads = rawRead
          ? undefined
          : new Map(
              [...pairs].map((p) => [
                String((p.key as { value?: unknown }).value),
                texts.get(String((p.key as { value?: unknown }).value)) ?? '',
              ]),
            );
        this.memos.set(rule.id, { reads, diagnostics: found });
      }
      out.push(...found);
    }
    return out;
  }

  /**
   * The sections for SchemaValidator.checkSections, each with its JavaScript value (made once per section text) and
   * its memo of schema errors; undefined when `file` is not this document's latest spliced parse.
   */
  schemaSections(
    file: ParsedFile,
    yaml: ParsedYamlDocument,
  ): Array<{ key: string; js: () => unknown; memo: { errors?: ErrorObject[] } }> | undefined {
    if (!this.isSpliced(file) || yaml !== file.documents[0]) return undefined;
    return this.sections.map((s) => ({
      key: s.key,
      memo: s.schema,
      js: () => {
        if (!s.js) {
          const prevReading = reading;
          reading = undefined;
          try {
            s.js = { value: (s.doc.toJS() as Record<string, unknown>)[s.key] };
          } finally {
            reading = prevReading;
          }
        }
        return s.js.value;
      },
    }));
  }
}

/** A view of the file that notes when a rule reads the raw text (its findings may then depend on any line). */
function watchRaw(file: ParsedFile): ParsedFile {
  const index = file.index;
  const indexView = new Proxy(index, {
    get(target, prop) {
      if (prop === 'text') rawRead = true;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    get source() {
      rawRead = true;
      return file.source;
    },
    index: indexView,
    documents: file.documents,
    impliedKind: file.impliedKind,
  };
}

/** The memo's diagnostics moved to the new layout, or undefined when the rule must run again. */
function reuse(
  id: string,
  memo: RuleMemo,
  before: Layout,
  now: Layout,
  texts: ReadonlyMap<string, string>,
): LiftoffDiagnostic[] | undefined {
  if (!memo.reads) return undefined;
  for (const [key, text] of memo.reads) if (texts.get(key) !== text) return undefined;
  // Line shift per old section: usable only where the section itself is unchanged.
  const n = before.sections.length;
  if (now.sections.length !== n) return undefined;
  const delta: Array<number | undefined> = before.sections.map((s, i) => {
    const t = now.sections[i]!;
    return t.key === s.key && t.text === s.text ? t.line - s.line : undefined;
  });
  const moved = delta.some((d) => d !== 0);
  if (moved && POSITIONAL_RULES.has(id)) return undefined;
  if (!moved) return memo.diagnostics;
  const at = (p: Position): Position | undefined => {
    let i = n - 1;
    while (i > 0 && before.sections[i]!.line > p.line) i--;
    // A position on a section's first line at column 0 may be the end of the previous section's range.
    const d = delta[i];
    if (d === undefined) return undefined;
    if (p.line === before.sections[i]!.line && p.character === 0 && i > 0 && delta[i - 1] !== d) return undefined;
    return d === 0 ? p : { line: p.line + d, character: p.character };
  };
  const range = (r: Range): Range | undefined => {
    const s = at(r.start);
    const e = at(r.end);
    return s && e ? { start: s, end: e } : undefined;
  };
  const out: LiftoffDiagnostic[] = [];
  for (const d of memo.diagnostics) {
    const r = range(d.range);
    if (!r) return undefined;
    let data = d.data;
    if (data) {
      const fixes = [];
      for (const f of data.fixes) {
        const edits = [];
        for (const e of f.edits) {
          const er = range(e.range);
          if (!er) return undefined;
          edits.push({ ...e, range: er });
        }
        fixes.push({ ...f, edits });
      }
      data = { ...data, fixes };
    }
    if (d.relatedInformation) return undefined;
    out.push(data ? { ...d, range: r, data } : { ...d, range: r });
  }
  return out;
}
