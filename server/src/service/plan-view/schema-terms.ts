/**
 * The Chinese term of every field and enum value of a schema, keyed by how the preview shows it (`humanize`d:
 * `pain_points` → "Pain points"): the schemas end each description with `(中文: 痛点)`. The preview labels parts of a
 * plan by their YAML keys and shows enum values humanised; in zh-cn they are said with these terms, so a field the
 * schema knows is never shown in English, and a new field is covered as soon as its description has its term.
 */
import { humanize } from '../../../../core/src/plan/render';
import { CHINESE_TERM } from '../hover';
import type { Schema } from '../schema/navigate';

const cache = new WeakMap<Schema, ReadonlyMap<string, string>>();

function termOf(s: Schema): string | undefined {
  for (const d of [s.markdownDescription, s.description])
    if (typeof d === 'string') {
      const m = CHINESE_TERM.exec(d);
      if (m) return m[1]!.trim();
    }
  return undefined;
}

/** Humanised field names and enum values → their Chinese terms (the first one written wins). */
export function schemaTerms(root: Schema): ReadonlyMap<string, string> {
  const known = cache.get(root);
  if (known) return known;
  const terms = new Map<string, string>();
  const seen = new Set<unknown>();
  const add = (english: string, term: string | undefined) => {
    if (term && !terms.has(english)) terms.set(english, term);
  };
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) return v.forEach(walk);
    const s = v as Schema;
    if (s.properties && typeof s.properties === 'object')
      for (const [key, sub] of Object.entries(s.properties as Record<string, unknown>))
        if (sub && typeof sub === 'object') add(humanize(key), termOf(sub as Schema));
    if (Array.isArray(s.enum) && Array.isArray(s.enumDescriptions))
      s.enum.forEach((value, i) => {
        const d = (s.enumDescriptions as unknown[])[i];
        const m = typeof d === 'string' ? CHINESE_TERM.exec(d) : null;
        if (typeof value === 'string' && m) add(humanize(value), m[1]!.trim());
      });
    for (const x of Object.values(s)) walk(x);
  };
  walk(root);
  cache.set(root, terms);
  return terms;
}
