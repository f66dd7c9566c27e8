/**
 * The plan preview's view model from a BusinessPlan document and its diagnostics: pure (text in, JSON out),
 * built on parseFile and core/src/plan. Nothing here throws on bad input: what cannot be drawn becomes a note.
 */
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { riskScore, HIGH_RISK_SCORE, type RiskInput } from '../../../../core/src/plan';
import { humanize } from '../../../../core/src/plan/render';
import type { Block, Figure, PlanViewModel, SectionView } from '../../../../core/src/plan/render';
import { parseFile, type ParsedFile } from '../parse';
import { MAX_NESTING, nestingDepth } from '../nesting';
import { keyedPairs } from '../yaml-path';
import type { SourceDocument } from '../types';
import { child, entries, isAbsent, isMapAt, items, js, ref, scalarText, type At, type BuildContext } from './tree-at';
import { financeFigures } from './finance';
import { genericBlocks } from './generic';
import { moneyAt } from './money-view';
import { groupBySection } from './diagnostics';
import { CORE_SECTIONS, HEADER_KEYS, SECTIONS } from './sections';
import { localizeModel } from './localize';
import { t, type Locale } from '../../../../core/src/l10n';

export interface PlanViewOptions {
  readonly maxFileSizeKB?: number;
  /** The language of the preview's headings and labels (absent: English). */
  readonly locale?: Locale;
  /** The schema's Chinese terms of field names and enum values, for labels made from the plan's keys (zh-cn). */
  readonly terms?: ReadonlyMap<string, string>;
  /** How to parse the document (the service passes its incremental parse); parseFile by default. */
  readonly parse?: (source: SourceDocument) => ParsedFile;
}

const ISO_CURRENCIES = new Set<string>(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

export function buildPlanViewModel(
  source: SourceDocument,
  diagnostics: readonly Diagnostic[] = [],
  options: PlanViewOptions = {},
): PlanViewModel {
  const model = buildModel(source, diagnostics, options);
  return options.locale && options.locale !== 'en' ? localizeModel(model, options.locale, options.terms) : model;
}

function buildModel(
  source: SourceDocument,
  diagnostics: readonly Diagnostic[],
  options: PlanViewOptions,
): PlanViewModel {
  const base = {
    schema: 1 as const,
    uri: source.uri,
    ...(source.version !== undefined && { version: source.version }),
  };
  const empty = {
    facts: [],
    summary: [],
    sections: [],
    diagnostics: [],
    counts: countOf(diagnostics),
    missing: [],
    notes: [],
  };
  const fileName = decodeURIComponent(source.uri.split(/[?#]/)[0]?.split('/').pop() ?? source.uri);
  const limit = (options.maxFileSizeKB ?? 2048) * 1024;
  if (source.text.length > limit) {
    return {
      ...base,
      ...empty,
      status: 'too-big',
      title: fileName,
      message: `This file is ${(source.text.length / 1024).toFixed(0)} KB, over the ${limit / 1024} KB limit (liftoff.validation.maxFileSizeKB), so it is not previewed.`,
    };
  }
  if (nestingDepth(source.text) > MAX_NESTING) {
    return {
      ...base,
      ...empty,
      status: 'too-big',
      title: fileName,
      message: `This file nests more than ${MAX_NESTING} levels deep, so it is not previewed. Flatten the nesting.`,
    };
  }
  const file = (options.parse ?? parseFile)(source);
  const yaml = file.documents.find((d) => d.kind === 'BusinessPlan');
  if (!yaml) {
    return {
      ...base,
      ...empty,
      status: 'not-a-plan',
      title: fileName,
      message:
        'This document is not a Liftoff business plan. Add `apiVersion: liftoff/v1` and `kind: BusinessPlan`, or name the file *.plan.yaml.',
    };
  }
  const firstError = yaml.doc.errors[0];
  const root: At = { node: yaml.doc.contents as Node | null, path: [] };
  const metadata = child(root, 'metadata');
  const notes: string[] = [];
  const currencyText = scalarText(child(metadata, 'currency'));
  const currency = currencyText !== undefined && ISO_CURRENCIES.has(currencyText) ? currencyText : undefined;
  const l = options.locale;
  if (currencyText === undefined) notes.push('No `metadata.currency`: amounts are shown without a currency.');
  else if (!currency)
    notes.push(
      t(
        l,
        '`metadata.currency` "{0}" is not a known ISO 4217 code (such as CNY, USD, EUR): amounts are shown without a currency.',
        currencyText,
      ),
    );
  const ctx: BuildContext = { file, doc: yaml.doc, currency, notes, ...(l && { locale: l }) };
  if (!isMapAt(root)) notes.push('The plan is not a mapping of sections, so there is nothing to preview.');

  const figures = financeFigures(ctx, root);
  const inputs = { figures, planDate: js(ctx, child(metadata, 'date')) };
  const spans = new Map<string, [number, number]>();
  if (isMap(root.node)) {
    for (const pair of keyedPairs(root.node)) {
      const start = pair.key.range?.[0] ?? 0;
      const end = (pair.value as Node | null)?.range?.[1] ?? pair.key.range?.[1] ?? start;
      spans.set(String(pair.key.value), [start, end]);
    }
  }
  const { bySection, rest } = groupBySection(file, spans, diagnostics, root.node);
  const present = new Set(entries(root).map(([k]) => k));
  const known = new Set(SECTIONS.map((s) => s.key));
  const order = [
    ...SECTIONS.filter((s) => present.has(s.key)),
    ...[...present]
      .filter((k) => !known.has(k) && !HEADER_KEYS.includes(k))
      .map((key) => ({ key, title: humanize(key), build: (c: BuildContext, at: At) => genericBlocks(c, at) })),
  ];
  const sections: SectionView[] = order.map((s, i) => {
    const at = child(root, s.key);
    let blocks: Block[];
    try {
      blocks =
        isAbsent(at) || (items(at).length === 0 && entries(at).length === 0 && !isScalar(at.node))
          ? [{ kind: 'note', level: 'info', text: 'This section is empty.', ref: ref(ctx, at) }]
          : s.build(ctx, at, inputs);
      if (blocks.length === 0)
        blocks = [{ kind: 'note', level: 'info', text: 'Nothing in this section can be shown.', ref: ref(ctx, at) }];
    } catch (err) {
      const text = `The preview could not draw this section (${err instanceof Error ? err.message : String(err)}). The YAML itself is unchanged.`;
      notes.push(`${s.title}: ${text}`);
      blocks = [{ kind: 'note', level: 'warning', text, ref: ref(ctx, at) }];
    }
    return {
      id: s.key,
      number: i + 1,
      title: s.title,
      ref: ref(ctx, at),
      blocks,
      diagnostics: bySection.get(s.key) ?? [],
    };
  });
  // Diagnostics on header keys (metadata, kind) go with the document-level ones.
  const headerDiagnostics = HEADER_KEYS.flatMap((k) => bySection.get(k) ?? []);

  return {
    ...base,
    status: firstError ? 'syntax-error' : 'ok',
    ...(firstError && {
      message: `YAML syntax error on line ${file.index.positionAt(firstError.pos[0]).line + 1}: ${firstError.message.split('\n')[0] ?? ''}`,
    }),
    title: scalarText(child(metadata, 'name')) ?? fileName,
    facts: facts(metadata, currencyText),
    ...(currency && { currency }),
    summary: summaryFigures(ctx, root, figures),
    sections,
    diagnostics: [...headerDiagnostics, ...rest].sort(
      (a, b) => (a.ref.range?.start.line ?? 0) - (b.ref.range?.start.line ?? 0),
    ),
    counts: countOf(diagnostics),
    missing: CORE_SECTIONS.filter((k) => !present.has(k)).map((k) => SECTIONS.find((s) => s.key === k)?.title ?? k),
    notes: [...new Set(notes)],
  };
}

function facts(metadata: At, currency: string | undefined): PlanViewModel['facts'] {
  const out: Array<{ label: string; value: string }> = [];
  const add = (label: string, value: string | undefined) => {
    if (value) out.push({ label, value });
  };
  add('Company', scalarText(child(metadata, 'company')));
  const stage = scalarText(child(metadata, 'stage'));
  add('Stage', stage && humanize(stage));
  const sector = scalarText(child(metadata, 'sector'));
  add('Sector', sector && humanize(sector));
  add('Date', scalarText(child(metadata, 'date')));
  add('Currency', currency);
  return out;
}

/** The headline figures: SOM, runway, break-even, next round, high risks. */
function summaryFigures(ctx: BuildContext, root: At, figures: ReturnType<typeof financeFigures>): Figure[] {
  const quiet = { ...ctx, notes: [] };
  const out: Figure[] = [];
  const som = child(child(child(root, 'market'), 'size'), 'som');
  if (!isAbsent(som)) {
    const m = moneyAt(quiet, isMapAt(som) ? child(som, 'value') : som);
    out.push({
      id: 'som',
      label: 'SOM',
      value: m.display,
      ref: ref(ctx, som),
      ...(scalarText(child(som, 'year')) && {
        hint: t(ctx.locale, 'Serviceable obtainable market, {0}', scalarText(child(som, 'year'))),
      }),
    });
  }
  out.push(figures.runway, figures.breakEven);
  if (figures.nextRound) out.push(figures.nextRound);
  const risks = child(root, 'risks');
  const list = items(risks);
  if (list.length) {
    const high = list.filter((r) => {
      const v = isMapAt(r) ? (js(ctx, r) as RiskInput) : {};
      return (riskScore(v.likelihood, v.impact) ?? 0) >= HIGH_RISK_SCORE;
    }).length;
    out.push({
      id: 'high-risks',
      label: 'High risks',
      value: String(high),
      hint: t(ctx.locale, 'of {0} (likelihood × impact ≥ {1})', list.length, HIGH_RISK_SCORE),
      tone: high ? 'warn' : 'good',
      ref: ref(ctx, risks),
    });
  }
  return out;
}

function countOf(diagnostics: readonly Diagnostic[]): PlanViewModel['counts'] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === 1 || d.severity === undefined) errors++;
    else if (d.severity === 2) warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
