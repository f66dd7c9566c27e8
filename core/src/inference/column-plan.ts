/**
 * Which source column feeds which model feature: header names (or JSON keys) matched to the feature order —
 * exactly, then ignoring case — with extra columns ignored (a target column is fine); one-hot features
 * (`color=red`) fed from a categorical column (`color`) when the model records the categories; positional when
 * the input has no names.
 */
import { phrase, type Phrase } from '../l10n';
import { featureCount, InferenceError, listNames, valueCount } from './errors';
import type { Sourced } from './model-facts';

export interface CategoricalColumn {
  readonly column: number;
  readonly name: string;
  /** Every category the model knows (a dropped first category feeds all zeros). */
  readonly known: readonly string[];
  /** The categories that have a feature, and the feature index of each (1 when the cell is that category, else 0). */
  readonly categories: readonly string[];
  readonly features: readonly number[];
}

export interface ColumnPlan {
  /** The model's feature names, `width` of them. */
  readonly features: readonly string[];
  /** For each source column, the feature it feeds, or -1 (ignored or categorical). */
  readonly numeric: Int32Array;
  readonly categorical: readonly CategoricalColumn[];
  /** Source columns that no feature uses (shown, not fed). */
  readonly ignored: readonly string[];
}

export interface PlanContext {
  /** The model input's width when fixed. */
  readonly width: number | undefined;
  readonly featureOrder: Sourced<readonly string[]> | undefined;
  readonly oneHot: Readonly<Record<string, readonly string[]>> | undefined;
  /** `input "features" [N, 7]`, for messages (errors.ts's `inputLabel`). */
  readonly inputLabel: string | Phrase;
}

/** A plan for inputs without names: column i feeds feature i; the count must match. */
export function positionalPlan(columns: number, ctx: PlanContext, what: Phrase): ColumnPlan {
  const width = ctx.width ?? ctx.featureOrder?.value.length ?? columns;
  if (columns !== width) {
    const names = ctx.featureOrder ? phrase(' ({0})', listNames(ctx.featureOrder.value)) : '';
    throw new InferenceError(
      'feature-count',
      phrase(
        '{0} has {1}, but the model {2} takes {3}{4}.',
        what,
        valueCount(columns),
        ctx.inputLabel,
        featureCount(width),
        names,
      ),
    );
  }
  const features =
    ctx.featureOrder?.value.length === width
      ? ctx.featureOrder.value
      : Array.from({ length: width }, (_, i) => `x${i + 1}`);
  return { features, numeric: Int32Array.from({ length: columns }, (_, i) => i), categorical: [], ignored: [] };
}

/** A plan for named columns (CSV header, JSON keys). */
export function namedPlan(names: readonly string[], ctx: PlanContext): ColumnPlan {
  const order = ctx.featureOrder?.value;
  if (!order) {
    if (ctx.width === undefined || names.length === ctx.width) {
      return { ...positionalPlan(names.length, ctx, phrase('The header')), features: names };
    }
    throw new InferenceError(
      'feature-count',
      phrase(
        "The input has {0} columns ({1}), but the model {2} takes {3} features, and no feature order says which to use (none in the experiment's inference.feature_order, the model metadata or model.json). Select only the {3} feature columns, or set inference.feature_order in the experiment.",
        names.length,
        listNames(names),
        ctx.inputLabel,
        ctx.width,
      ),
    );
  }
  if (ctx.width !== undefined && order.length !== ctx.width) {
    throw new InferenceError(
      'feature-count',
      phrase(
        'The feature order from {0} lists {1} features, but the model {2} takes {3}. Fix inference.feature_order so it matches the model.',
        ctx.featureOrder!.source,
        order.length,
        ctx.inputLabel,
        ctx.width,
      ),
    );
  }
  const exact = new Map<string, number>();
  const loose = new Map<string, number>();
  names.forEach((n, i) => {
    if (!exact.has(n)) exact.set(n, i);
    const k = n.trim().toLowerCase();
    if (!loose.has(k)) loose.set(k, i);
  });
  const find = (name: string) => exact.get(name) ?? loose.get(name.trim().toLowerCase());
  const numeric = new Int32Array(names.length).fill(-1);
  const categorical = new Map<
    number,
    { column: number; name: string; known: readonly string[]; categories: string[]; features: number[] }
  >();
  const missing: string[] = [];
  order.forEach((feature, f) => {
    const col = find(feature);
    if (col !== undefined && numeric[col] === -1) {
      numeric[col] = f;
      return;
    }
    const eq = feature.indexOf('=');
    const base = eq > 0 ? feature.slice(0, eq) : undefined;
    const cats = base !== undefined ? ctx.oneHot?.[base] : undefined;
    const baseCol = base !== undefined ? find(base) : undefined;
    if (cats && baseCol !== undefined && cats.includes(feature.slice(eq + 1))) {
      const entry = categorical.get(baseCol) ?? {
        column: baseCol,
        name: names[baseCol]!,
        known: cats,
        categories: [],
        features: [],
      };
      entry.categories.push(feature.slice(eq + 1));
      entry.features.push(f);
      categorical.set(baseCol, entry);
      return;
    }
    missing.push(feature);
  });
  if (missing.length) {
    const which =
      missing.length === 1
        ? phrase('column "{0}"', missing[0]!)
        : phrase('columns {0}', listNames(missing.map((m) => `"${m}"`)));
    throw new InferenceError(
      'missing-column',
      phrase(
        "The input has no {0}, which the model needs. Its features (from {1}) are {2}; the input's columns are {3}.",
        which,
        ctx.featureOrder!.source,
        listNames(order, 12),
        listNames(names, 12),
      ),
    );
  }
  const used = new Set<number>([...categorical.keys()]);
  numeric.forEach((f, i) => {
    if (f >= 0) used.add(i);
  });
  return {
    features: order,
    numeric,
    categorical: [...categorical.values()],
    ignored: names.filter((_, i) => !used.has(i)),
  };
}
