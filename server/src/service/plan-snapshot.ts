/**
 * One version of a BusinessPlan as core's plan diff wants it: its plain data, the line of every key and item, and
 * its diagnostics located by YAML path. Built from the text and the diagnostics `validate` gave for it.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  diffPlans,
  formatMoney,
  type PlanDiff,
  type PlanFinding,
  type PlanPath,
  type PlanSnapshot,
} from '../../../core/src/plan';
import { phrase, say, type Phrase } from '../../../core/src/l10n';
import { parseFile } from './parse';
import { plain } from './yaml-path';
import { diagnosticView } from './plan-view/diagnostics';
import type { SourceDocument } from './types';

export interface PlanSnapshotResult {
  readonly snapshot: PlanSnapshot;
  /** The plan's currency (`metadata.currency`), for formatting money in the report. */
  readonly currency?: string;
  /** Why the text is not a plan that can be compared (a syntax error, not a mapping); undefined when it is. */
  readonly problem?: string;
  /** The same as a phrase, to say in the reader's language. */
  readonly problemPhrase?: Phrase;
}

/** A snapshot that cannot be compared, and why (in English and as a phrase). */
function unusable(p: Phrase): PlanSnapshotResult {
  return { snapshot: { data: {} }, problem: say('en', p), problemPhrase: p };
}

const key = (p: PlanPath) => JSON.stringify(p);

export function planSnapshot(source: SourceDocument, diagnostics: readonly Diagnostic[] = []): PlanSnapshotResult {
  const file = parseFile(source);
  const yaml = file.documents.find((d) => d.kind === 'BusinessPlan') ?? file.documents[0];
  if (!yaml) return unusable(phrase('the file is empty'));
  if (yaml.kind !== 'BusinessPlan') return unusable(phrase('not a business plan (no `kind: BusinessPlan`)'));
  if (yaml.doc.errors.length) {
    const e = yaml.doc.errors[0]!;
    const at = file.index.positionAt(e.pos[0]);
    return unusable(phrase('YAML syntax error at line {0}: {1}', at.line + 1, e.message.split('\n')[0] ?? ''));
  }
  const root = yaml.doc.contents as Node | null;
  const data = plain(yaml.doc, root);
  const lines = new Map<string, number>();
  const lineOfOffset = (offset: number | undefined) =>
    offset === undefined ? undefined : file.index.positionAt(offset).line + 1;
  const walk = (node: unknown, path: PlanPath, depth: number): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const p = [...path, String(pair.key.value)];
        const l = lineOfOffset(pair.key.range?.[0]);
        if (l !== undefined) lines.set(key(p), l);
        walk(pair.value, p, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = [...path, i];
        const l = lineOfOffset((item as Node | null)?.range?.[0]);
        if (l !== undefined) lines.set(key(p), l);
        walk(item, p, depth + 1);
      });
    }
  };
  walk(root, [], 0);
  const findings: PlanFinding[] = diagnostics.map((d) => {
    const view = diagnosticView(file, root, d);
    return {
      code: view.code ?? 'yaml',
      severity: view.severity,
      message: view.message,
      path: view.ref.path,
      line: d.range.start.line + 1,
    };
  });
  const metadata = (data as { metadata?: { currency?: unknown } } | undefined)?.metadata;
  const currency = typeof metadata?.currency === 'string' ? metadata.currency : undefined;
  return {
    snapshot: {
      data,
      lineOf: (p) => {
        for (let n = p.length; n > 0; n--) {
          const l = lines.get(key(p.slice(0, n)));
          if (l !== undefined) return l;
        }
        return undefined;
      },
      findings,
    },
    ...(currency && { currency }),
  };
}

export interface PlanDocumentsDiff {
  readonly diff: PlanDiff;
  /** Why each side (old, new) cannot be compared, if it cannot; the diff is empty then. */
  readonly problems: readonly [string | undefined, string | undefined];
  /** The same as phrases, to say in the reader's language. */
  readonly problemPhrases: readonly [Phrase | undefined, Phrase | undefined];
}

/** The diff of two versions of a plan, each with the diagnostics `validate` gave for it; money in the plan's currency. */
export function diffPlanDocuments(
  a: SourceDocument,
  aDiagnostics: readonly Diagnostic[],
  b: SourceDocument,
  bDiagnostics: readonly Diagnostic[],
): PlanDocumentsDiff {
  const sa = planSnapshot(a, aDiagnostics);
  const sb = planSnapshot(b, bDiagnostics);
  const problems = [sa.problem, sb.problem] as const;
  const problemPhrases = [sa.problemPhrase, sb.problemPhrase] as const;
  if (sa.problem || sb.problem) return { diff: { inputs: [], figures: [], rules: [] }, problems, problemPhrases };
  const currency = sb.currency ?? sa.currency;
  const diff = diffPlans(sa.snapshot, sb.snapshot, { money: (n) => formatMoney(n, currency, { digits: 2 }) });
  return { diff, problems, problemPhrases };
}
