/**
 * Replays training's preprocessing on parsed rows and writes the tensor data in one pass: (x − mean) / std when
 * the model expects standardized input (statistics from model.json or the model metadata), nothing when the
 * standardization is folded into the model, and the input's dtype (int inputs must get whole numbers).
 */
import { phrase } from '../l10n';
import { featureCount, InferenceError } from './errors';
import type { FeedPlan } from './feed-plan';
import { placePhrase, type InputTable } from './input-table';
import type { Preprocessing } from './model-facts';

export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array;

/**
 * `scratch`: an array to write into when it is of the input's float type and long enough (a view of its start is
 * returned), so a streamed file fills one array chunk after chunk.
 */
export function buildTensorData(
  table: InputTable,
  feed: FeedPlan,
  pre: Preprocessing,
  scratch?: Float32Array | Float64Array,
): TensorData {
  const { values, width, n } = table;
  if (feed.type === 'int32' || feed.type === 'int64') return integers(table, feed);
  const f64 = feed.type === 'float64';
  const out =
    scratch && scratch instanceof (f64 ? Float64Array : Float32Array) && scratch.length >= n * width
      ? scratch.subarray(0, n * width)
      : f64
        ? new Float64Array(n * width)
        : new Float32Array(n * width);
  if (pre.kind !== 'standardize') {
    out.set(values);
    return out;
  }
  const { mean, std } = pre;
  if (!mean || !std || mean.length !== width || std.length !== width) {
    throw new InferenceError(
      'invalid-model',
      phrase(
        'The training statistics recorded with the model have {0} means and {1} standard deviations, but the model {2} takes {3}: the model and its model.json do not belong together.',
        mean?.length ?? 0,
        std?.length ?? 0,
        feed.labelPhrase,
        featureCount(width),
      ),
    );
  }
  const m = Float64Array.from(mean);
  const inv = Float64Array.from(std, (s) => (s > 0 && Number.isFinite(s) ? 1 / s : 1));
  for (let r = 0, k = 0; r < n; r++) {
    for (let j = 0; j < width; j++, k++) out[k] = (values[k]! - m[j]!) * inv[j]!;
  }
  return out;
}

function integers(table: InputTable, feed: FeedPlan): Int32Array | BigInt64Array {
  const { values, width, n } = table;
  const out = feed.type === 'int64' ? new BigInt64Array(n * width) : new Int32Array(n * width);
  const limit = feed.type === 'int64' ? Number.MAX_SAFE_INTEGER : 2 ** 31 - 1;
  for (let k = 0; k < n * width; k++) {
    const v = values[k]!;
    if (!Number.isInteger(v) || Math.abs(v) > limit) {
      const r = Math.floor(k / width);
      const place = placePhrase({
        row: r,
        ...(table.lines && { line: table.lines[r]! }),
        column: table.features[k % width]!,
      });
      throw new InferenceError(
        'dtype',
        phrase(
          '{0}: {1} is not a whole number, but the model {2} takes {3}. Give whole numbers.',
          place,
          v,
          feed.labelPhrase,
          feed.type,
        ),
      );
    }
    if (out instanceof BigInt64Array) out[k] = BigInt(v);
    else out[k] = v;
  }
  return out;
}
