import type { YAMLError } from 'yaml';
import { diagnostic } from './diagnostic';
import { parseFile, type ParsedFile } from './parse';
import { checkHeader, emptyFile } from './rules/header';
import type { AsyncRule, NamedRule, RuleContext } from './rules/rule';
import { guarded, runAsyncRules, runRules } from './rule-runner';
import { MAX_NESTING, nestingDepth } from './nesting';
import type { ServiceHost } from './host';
import { fileURLToPath } from 'node:url';
import { applySuppressions } from './suppress';
import type { IncrementalDocument } from './incremental';
import { kindFromUriOrModeline } from './kind';
import type { DocumentKind, LiftoffDiagnostic, ServiceSettings, SourceDocument } from './types';
import { EXPERIMENT_ASYNC_RULES, EXPERIMENT_RULES } from './rules/experiment';
import { PLAN_ASYNC_RULES, PLAN_RULES } from './rules/plan';
import type { SchemaProblem, SchemaValidator } from './schema/validate-schema';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ShortFormNote } from '../../../core/src/vocabulary';
import { t, type Locale } from '../../../core/src/l10n';

/** The rules per kind: the shared header rule first, then the kind's own set. */
const RULES: Record<DocumentKind, readonly NamedRule[]> = {
  Experiment: [{ id: 'EXP-001', check: checkHeader }, ...EXPERIMENT_RULES],
  BusinessPlan: [{ id: 'PLAN-000', check: checkHeader }, ...PLAN_RULES],
};
const ASYNC_RULES: Record<DocumentKind, ReadonlyArray<NamedRule<AsyncRule>>> = {
  Experiment: EXPERIMENT_ASYNC_RULES,
  BusinessPlan: PLAN_ASYNC_RULES,
};

export interface Validation {
  readonly file?: ParsedFile;
  readonly diagnostics: LiftoffDiagnostic[];
}

/**
 * Validates one document: limits first, then YAML syntax, then every rule on every Liftoff document in the file.
 * Each rule is isolated (see rule-runner), and the rules that read the outside world share one deadline.
 */
export async function validateDocument(
  source: SourceDocument,
  settings: ServiceSettings,
  host: ServiceHost | undefined,
  schemas?: SchemaValidator,
  incremental?: IncrementalDocument,
): Promise<Validation> {
  const started = Date.now();
  const deadlines = { files: started + settings.validationDeadlineMs, probes: started + settings.probeDeadlineMs };
  const limit = settings.maxFileSizeKB * 1024;
  if (source.text.length > limit) {
    if (!looksLiftoff(source)) return { diagnostics: [] };
    return {
      diagnostics: [
        diagnostic(
          settings,
          'LIFTOFF-LIMIT',
          'warning',
          zero(),
          t(
            settings.locale,
            'This file is {0} KB, over the {1} KB validation limit, so Liftoff does not check it. {2}',
            (source.text.length / 1024).toFixed(0),
            settings.maxFileSizeKB,
            settings.maxFileSizeAdvice ??
              t(settings.locale, 'Raise "liftoff.validation.maxFileSizeKB" to validate it anyway.'),
          ),
        ),
      ],
    };
  }
  if (source.text.includes('\u0000')) {
    if (!kindFromUriOrModeline(source.uri, '')) return { diagnostics: [] };
    return {
      diagnostics: [
        diagnostic(
          settings,
          'LIFTOFF-BINARY',
          'error',
          zero(),
          t(
            settings.locale,
            'This file contains NUL bytes: it looks binary, not YAML. Liftoff documents are UTF-8 text.',
          ),
        ),
      ],
    };
  }
  const depth = nestingDepth(source.text);
  if (depth > MAX_NESTING) {
    if (!looksLiftoff(source)) return { diagnostics: [] };
    return {
      diagnostics: [
        diagnostic(
          settings,
          'YAML',
          'error',
          zero(),
          t(
            settings.locale,
            'This file nests more than {0} levels deep, so Liftoff does not parse it (deeper YAML exhausts the parser). Liftoff documents need a few levels: flatten the nesting.',
            MAX_NESTING,
          ),
        ),
      ],
    };
  }
  let file: ParsedFile;
  try {
    file = incremental ? incremental.parse(source) : parseFile(source);
  } catch (err) {
    return {
      diagnostics: guarded('YAML', { settings }, () => {
        throw err;
      }),
    };
  }
  // While this validation runs (its rules may await the host), the incremental state is not rewritten under it.
  const unpin = incremental?.pin();
  try {
    const out: LiftoffDiagnostic[] = [];
    if (file.documents.length === 0 && file.impliedKind) out.push(emptyFile(file.impliedKind, settings));
    for (const yaml of file.documents) {
      if (!yaml.kind) continue;
      for (const e of [...yaml.doc.errors, ...yaml.doc.warnings])
        out.push(yamlProblem(file, e, settings, yaml.doc.errors.includes(e)));
      if (yaml.doc.errors.length) continue; // rules on a broken tree would report noise
      const ctx = { file, yaml, settings };
      const rules = incremental ? incremental.runRules(RULES[yaml.kind], ctx) : runRules(RULES[yaml.kind], ctx);
      const ruled = [...yaml.shortForms.map((n) => synonymNote(file, n, settings)), ...rules];
      if (host)
        ruled.push(
          ...(await runAsyncRules(ASYNC_RULES[yaml.kind], { ...ctx, host, docPath: fsPathOf(source.uri) }, deadlines)),
        );
      out.push(
        ...(schemas && settings.schemaDiagnostics ? merge(ruled, guardedSchema(schemas, ctx, incremental)) : ruled),
      );
    }
    out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { file, diagnostics: applySuppressions(source.text, out) };
  } finally {
    unpin?.();
  }
}

/** A file over a limit is explained only when it is meant to be a Liftoff document (by name, modeline or `kind:`). */
export function looksLiftoff(source: SourceDocument): boolean {
  return (
    !!kindFromUriOrModeline(source.uri, source.text.slice(0, 4096)) ||
    /^kind:\s*(Experiment|BusinessPlan)\b/m.test(source.text.slice(0, 65536))
  );
}

/** The schema check, isolated like a rule: a throw becomes one LIFTOFF-INTERNAL diagnostic naming SCHEMA. */
function guardedSchema(
  schemas: SchemaValidator,
  ctx: RuleContext,
  incremental: IncrementalDocument | undefined,
): SchemaProblem[] {
  let problems: SchemaProblem[] = [];
  const failed = guarded('SCHEMA', ctx, () => {
    const sections = incremental?.schemaSections(ctx.file, ctx.yaml);
    problems = (sections && schemas.checkSections(ctx, sections)) ?? schemas.check(ctx);
    return [];
  });
  return failed.length ? failed.map((diagnostic) => ({ keyword: 'internal', diagnostic })) : problems;
}

/** Keywords that say a value itself is wrong (not that something is missing or unknown around it). */
const VALUE_KEYWORDS = new Set([
  'type',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'uniqueItems',
  'minItems',
  'maxItems',
  'minLength',
  'oneOf',
  'anyOf',
]);

/**
 * One explanation per problem when the schema and a rule look at the same value:
 * - `apiVersion` and `kind` are the header rule's (EXP-001 / PLAN-000);
 * - a value outside its vocabulary (enum/const) is the schema's to explain; rules reasoning on that value are noise;
 * - otherwise a rule inside a value the schema rejects is the more specific message, and the schema's is dropped.
 */
function merge(ruled: LiftoffDiagnostic[], all: readonly SchemaProblem[]): LiftoffDiagnostic[] {
  // The header rule owns `apiVersion`/`kind` (its message and fix are made for them).
  const header = new Set(ruled.filter((d) => d.code === 'EXP-001' || d.code === 'PLAN-000').map(rangeKey));
  const problems = all.filter((p) => !header.has(rangeKey(p.diagnostic)));
  const vocabulary = problems
    .filter((p) => p.keyword === 'enum' || p.keyword === 'const')
    .map((p) => rangeKey(p.diagnostic));
  const rules = ruled.filter((d) => !vocabulary.includes(rangeKey(d)));
  const schema = problems
    .filter((p) => !VALUE_KEYWORDS.has(p.keyword) || !rules.some((d) => within(d.range, p.diagnostic.range)))
    .map((p) => p.diagnostic);
  return [...rules, ...schema];
}

function within(inner: Range, outer: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function rangeKey(d: LiftoffDiagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

/** An enum value written as a synonym: read as the canonical value (no error), with a fix to write it that way. */
function synonymNote(file: ParsedFile, n: ShortFormNote, settings: ServiceSettings): LiftoffDiagnostic {
  const range = file.index.range(n.range[0], n.range[1]);
  return diagnostic(
    settings,
    'SYNONYM',
    'information',
    range,
    n.why
      ? t(
          settings.locale,
          '`{0}` is read as `{1}` ({2}): `{3}` names it `{1}`.',
          n.written,
          n.canonical,
          knownReason(settings.locale, n.why),
          n.where,
        )
      : t(settings.locale, '`{0}` is read as `{1}`: `{2}` names it `{1}`.', n.written, n.canonical, n.where),
    { title: t(settings.locale, 'Change to `{0}`', n.canonical), edits: [{ range, newText: n.canonical }] },
  );
}

/**
 * A reason from the enum vocabulary (core/src/vocabulary) in the reader's language: the one place a table's words go
 * through `t()`; test/unit/l10n.test.ts checks every reason in the vocabulary has its translation.
 */
function knownReason(locale: Locale | undefined, why: string): string {
  return t(locale, why);
}

function zero() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function yamlProblem(file: ParsedFile, e: YAMLError, settings: ServiceSettings, isError: boolean): LiftoffDiagnostic {
  const [s, end] = e.pos;
  const message = e.message.split('\n')[0] ?? e.message;
  const l = settings.locale;
  const hint =
    e.code === 'TAB_AS_INDENT'
      ? t(l, ' YAML indents with spaces only: replace the tab.')
      : e.code === 'DUPLICATE_KEY'
        ? t(l, ' Each key may appear once per mapping: remove or rename one.')
        : '';
  // The parser (the `yaml` package) writes English; a zh-cn reader gets what its code means, with the parser's own
  // words kept after it for reference (they quote the offending text).
  const text =
    l === 'zh-cn' ? t(l, '{0} (YAML parser: {1}).{2}', yamlCodeText(l, e.code), message, hint) : message + hint;
  return diagnostic(settings, 'YAML', isError ? 'error' : 'warning', file.index.range(s, Math.max(end, s + 1)), text);
}

/** What a YAML error code means, in the reader's language. */
function yamlCodeText(l: Locale | undefined, code: string): string {
  switch (code) {
    case 'BAD_INDENT':
      return t(l, 'Bad indentation');
    case 'TAB_AS_INDENT':
      return t(l, 'A tab is used for indentation');
    case 'DUPLICATE_KEY':
      return t(l, 'Duplicate key');
    case 'MISSING_CHAR':
      return t(l, 'A closing quote or bracket is missing');
    case 'UNEXPECTED_TOKEN':
      return t(l, 'Unexpected text');
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return t(l, 'A key must fit on one line');
    case 'BAD_DQ_ESCAPE':
      return t(l, 'Invalid escape sequence in a double-quoted string');
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return t(l, 'Invalid alias');
    case 'MULTIPLE_DOCS':
      return t(l, 'Several documents where one is expected');
    default:
      return t(l, 'YAML syntax error');
  }
}
