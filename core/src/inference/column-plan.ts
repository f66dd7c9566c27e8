/**
 * Which source column feeds which model feature: header names (or JSON keys) matched to the feature order —
 * exactly, then ignoring case — with extra columns ignored (a target column is fine); one-hot features
 * (`color=red`) fed from a categorical column (`color`) when the model records the categories; positional when
 * the input has no names.
 */
import { InferenceError, listNames } from './errors';
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
  /** `input "features" [N, 7]`, for messages. */
  readonly inputLabel: string;
}

/** A plan for inputs without names: column i feeds feature i; the count must match. */
export function positionalPlan(columns: number, ctx: PlanContext, what: string): ColumnPlan {
  const width = ctx.width ?? ctx.featureOrder?.value.length ?? columns;
  if (columns !== width) {
    const names = ctx.featureOrder ? ` (${listNames(ctx.featureOrder.value)})` : '';
    throw new InferenceError(
      'feature-count',
      `${what} has ${columns} value${columns === 1 ? '' : 's'}, but the model ${ctx.inputLabel} takes ${width} feature${width === 1 ? '' : 's'}${names}.`,
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
      return { ...positionalPlan(names.length, ctx, 'The header'), features: names };
    }
    throw new InferenceError(
      'feature-count',
      `The input has ${names.length} columns (${listNames(names)}), but the model ${ctx.inputLabel} takes ${ctx.width} features, and no feature order says which to use (none in the experiment's inference.feature_order, the model metadata or model.json). Select only the ${ctx.width} feature columns, or set inference.feature_order in the experiment.`,
    );
  }
  if (ctx.width !== undefined && order.length !== ctx.width) {
    throw new InferenceError(
      'feature-count',
      `The feature order from ${ctx.featureOrder!.source} lists ${order.length} features, but the model ${ctx.inputLabel} takes ${ctx.width}. Fix inference.feature_order so it matches the model.`,
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
      missing.length === 1 ? `column "${missing[0]}"` : `columns ${listNames(missing.map((m) => `"${m}"`))}`;
    throw new InferenceError(
      'missing-column',
      `The input has no ${which}, which the model needs. Its features (from ${ctx.featureOrder!.source}) are ${listNames(order, 12)}; the input's columns are ${listNames(names, 12)}.`,
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
