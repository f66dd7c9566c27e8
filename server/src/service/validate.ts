import type { YAMLError } from 'yaml';
import { diagnostic } from './diagnostic';
import { parseFile, type ParsedFile } from './parse';
import { checkHeader, emptyFile } from './rules/header';
import type { AsyncRule, Rule } from './rules/rule';
import type { ServiceHost } from './host';
import { fileURLToPath } from 'node:url';
import { applySuppressions } from './suppress';
import { kindFromUriOrModeline } from './kind';
import type { DocumentKind, LiftoffDiagnostic, ServiceSettings, SourceDocument } from './types';
import { EXPERIMENT_ASYNC_RULES, EXPERIMENT_RULES } from './rules/experiment';
import { PLAN_ASYNC_RULES, PLAN_RULES } from './rules/plan';
import type { SchemaValidator } from './schema/validate-schema';

/** The rules per kind: the shared header rule first, then the kind's own set. */
const RULES: Record<DocumentKind, readonly Rule[]> = {
  Experiment: [checkHeader, ...EXPERIMENT_RULES],
  BusinessPlan: [checkHeader, ...PLAN_RULES],
};
const ASYNC_RULES: Record<DocumentKind, readonly AsyncRule[]> = { Experiment: EXPERIMENT_ASYNC_RULES, BusinessPlan: PLAN_ASYNC_RULES };

export interface Validation { readonly file?: ParsedFile; readonly diagnostics: LiftoffDiagnostic[] }

/** Validates one document: limits first, then YAML syntax, then every rule on every Liftoff document in the file. */
export async function validateDocument(source: SourceDocument, settings: ServiceSettings, host: ServiceHost | undefined, schemas?: SchemaValidator): Promise<Validation> {
  const limit = settings.maxFileSizeKB * 1024;
  if (source.text.length > limit) {
    if (!kindFromUriOrModeline(source.uri, source.text.slice(0, 4096)) && !/^kind:\s*(Experiment|BusinessPlan)\b/m.test(source.text.slice(0, 65536))) {
      return { diagnostics: [] };
    }
    return { diagnostics: [diagnostic(settings, 'LIFTOFF-LIMIT', 'warning', zero(),
      `This file is ${(source.text.length / 1024).toFixed(0)} KB, over the ${settings.maxFileSizeKB} KB validation limit, so Liftoff does not check it. Raise "liftoff.validation.maxFileSizeKB" to validate it anyway.`)] };
  }
  if (source.text.includes('\u0000')) {
    if (!kindFromUriOrModeline(source.uri, '')) return { diagnostics: [] };
    return { diagnostics: [diagnostic(settings, 'LIFTOFF-BINARY', 'error', zero(),
      'This file contains NUL bytes: it looks binary, not YAML. Liftoff documents are UTF-8 text.')] };
  }
  const file = parseFile(source);
  const out: LiftoffDiagnostic[] = [];
  if (file.documents.length === 0 && file.impliedKind) out.push(emptyFile(file.impliedKind, settings));
  for (const yaml of file.documents) {
    if (!yaml.kind) continue;
    for (const e of [...yaml.doc.errors, ...yaml.doc.warnings]) out.push(yamlProblem(file, e, settings, yaml.doc.errors.includes(e)));
    if (yaml.doc.errors.length) continue; // rules on a broken tree would report noise
    const ctx = { file, yaml, settings };
    const ruled: LiftoffDiagnostic[] = [];
    for (const rule of RULES[yaml.kind]) ruled.push(...rule(ctx));
    if (host) {
      const actx = { ...ctx, host, docPath: fsPathOf(source.uri) };
      for (const more of await Promise.all(ASYNC_RULES[yaml.kind].map((rule) => rule(actx)))) ruled.push(...more);
    }
    out.push(...ruled);
    if (schemas && settings.schemaDiagnostics) {
      // Where a rule already explains a value, its message is the more specific one: drop the schema's.
      const explained = new Set(ruled.map((d) => rangeKey(d)));
      out.push(...schemas.check(ctx).filter((d) => !explained.has(rangeKey(d))));
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { file, diagnostics: applySuppressions(source.text, out) };
}

function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

function rangeKey(d: LiftoffDiagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
}

function zero() { return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }; }

function yamlProblem(file: ParsedFile, e: YAMLError, settings: ServiceSettings, isError: boolean): LiftoffDiagnostic {
  const [s, end] = e.pos;
  const message = e.message.split('\n')[0] ?? e.message;
  const hint = e.code === 'TAB_AS_INDENT' ? ' YAML indents with spaces only: replace the tab.'
    : e.code === 'DUPLICATE_KEY' ? ' Each key may appear once per mapping: remove or rename one.' : '';
  return diagnostic(settings, 'YAML', isError ? 'error' : 'warning', file.index.range(s, Math.max(end, s + 1)), message + hint);
}
