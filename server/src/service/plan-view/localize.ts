/**
 * The plan preview's view model in another language: the preview's own words — section titles, figure and column
 * labels, block titles, fact labels, its notes — are looked up in core/src/l10n; the plan's own text (names, values,
 * table cells) is never touched, even where it happens to be an English word the table knows.
 */
import type { PlanViewModel } from '../../../../core/src/plan/render';
import { hasTranslation, t, type Locale } from '../../../../core/src/l10n';

/** Fields that hold the preview's own words in the view model's blocks, figures and columns. */
const WORD_FIELDS = new Set(['title', 'label', 'hint', 'caption', 'text']);
/** Fields under which everything is the plan's own content. */
const CONTENT_FIELDS = new Set(['rows', 'cells', 'value', 'display', 'name', 'values', 'evidence', 'message']);

type Tr = (s: string) => string;

function localizeWords(value: unknown, tr: Tr): unknown {
  if (Array.isArray(value)) return value.map((v) => localizeWords(v, tr));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (CONTENT_FIELDS.has(k) || k === 'ref') out[k] = v;
    else if (WORD_FIELDS.has(k) && typeof v === 'string') out[k] = tr(v);
    else out[k] = localizeWords(v, tr);
  }
  return out;
}

/**
 * `terms`: the schema's Chinese term of each humanised field name and enum value (schema-terms.ts), for the labels
 * the preview makes from the plan's keys ("Pain points" → 痛点); the preview's own words come first.
 */
export function localizeModel(
  model: PlanViewModel,
  locale: Locale,
  terms: ReadonlyMap<string, string> = new Map(),
): PlanViewModel {
  const tr: Tr = (s) => (hasTranslation(locale, s) ? t(locale, s) : locale === 'zh-cn' ? (terms.get(s) ?? s) : s);
  return {
    ...model,
    locale,
    facts: model.facts.map((f) => ({ ...f, label: tr(f.label) })),
    summary: localizeWords(model.summary, tr) as PlanViewModel['summary'],
    sections: model.sections.map((s) => ({
      ...s,
      title: tr(s.title),
      blocks: localizeWords(s.blocks, tr) as typeof s.blocks,
    })),
    missing: model.missing.map(tr),
    notes: model.notes.map(tr),
  };
}
