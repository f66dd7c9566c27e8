/**
 * Runs the model over all rows in batches of our own (onnxruntime's per-call cost is small, JavaScript's per-row
 * cost is not), reporting progress after each batch and stopping between batches when the signal aborts. Each
 * batch's tensor is a view of the whole input (no copy); outputs are gathered into one array per output.
 */
import { cancelled } from './errors';
import type { FeedPlan } from './feed-plan';
import { constantTensor } from './input-values';
import { mapNativeError } from './native-errors';
import type { OrtModule, OrtSession, OrtTensor } from './ort';
import type { OutputData, RawOutput } from './outputs';
import type { TensorData } from './preprocess';

export interface BatchTiming {
  readonly rows: number;
  readonly ms: number;
}

export interface BatchOptions {
  /** Rows per run (default 8,192; the model's fixed batch size wins). */
  readonly batchRows?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface BatchResult {
  readonly outputs: RawOutput[];
  readonly batches: BatchTiming[];
}

type Ctor = { new (n: number): Exclude<OutputData, string[]> };

export async function runBatches(
  ort: OrtModule,
  session: OrtSession,
  feed: FeedPlan,
  data: TensorData,
  n: number,
  width: number,
  label: string,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const size = Math.max(1, Math.min(feed.maxBatch ?? Infinity, options.batchRows ?? 8192));
  const batches: BatchTiming[] = [];
  const gathered = new Map<string, { type: string; tail: number[]; data: OutputData; perRow: number }>();
  // The other inputs' constant tensors, per batch size (all batches but the last share one).
  const constants = new Map<number, Record<string, OrtTensor>>();
  const constantsFor = (rows: number): Record<string, OrtTensor> => {
    let c = constants.get(rows);
    if (!c) {
      c = {};
      for (const k of feed.constants) {
        const t = constantTensor(k, feed.rank === 1 ? 1 : rows);
        c[k.name] = new ort.Tensor(k.type, t.data as never, t.dims);
      }
      constants.set(rows, c);
    }
    return c;
  };
  for (let start = 0; start < n; start += size) {
    if (options.signal?.aborted) throw cancelled();
    const rows = Math.min(size, n - start);
    const view = data.subarray(start * width, (start + rows) * width);
    const dims = feed.rank === 1 ? [width] : [rows, width];
    const tensor = new ort.Tensor(feed.type, view as never, dims);
    const t0 = performance.now();
    let result: Record<string, OrtTensor>;
    try {
      const feeds = feed.constants.length
        ? { ...constantsFor(rows), [feed.inputName]: tensor }
        : { [feed.inputName]: tensor };
      result = (await session.run(feeds)) as Record<string, OrtTensor>;
    } catch (err) {
      throw mapNativeError(err, label);
    }
    batches.push({ rows, ms: performance.now() - t0 });
    for (const name of session.outputNames) {
      const t = result[name];
      if (!t) continue;
      gather(gathered, name, t, start, rows, n, feed.rank === 1);
    }
    options.onProgress?.(start + rows, n);
  }
  const outputs = [...gathered.entries()].map(([name, g]) => ({
    name,
    type: g.type,
    data: g.data,
    perRow: g.perRow,
    dims: g.perRow ? [n, ...g.tail] : g.tail,
  }));
  return { outputs, batches };
}

/** Copies one batch's output into the whole-result array (allocated on the first batch). */
function gather(
  into: Map<string, { type: string; tail: number[]; data: OutputData; perRow: number }>,
  name: string,
  t: OrtTensor,
  start: number,
  rows: number,
  n: number,
  unbatched: boolean,
): void {
  const dims = [...t.dims];
  const rowDim = unbatched ? 1 : dims[0];
  const tail = unbatched ? dims : dims.slice(1);
  const perRow = rowDim === rows && (unbatched || dims.length >= 1) ? tail.reduce((a, b) => a * b, 1) : 0;
  let g = into.get(name);
  if (!g) {
    const src = t.data as OutputData;
    // No row dimension, or one batch for all rows: the batch's own array is the whole result (no copy).
    const data: OutputData =
      perRow === 0 || (start === 0 && rows === n)
        ? src
        : Array.isArray(src)
          ? new Array<string>(n * perRow)
          : new (src.constructor as Ctor)(n * perRow);
    g = { type: t.type, tail: perRow ? tail : dims, data, perRow };
    into.set(name, g);
  }
  if (g.perRow === 0) return; // no row dimension: the first batch's value is kept as is
  const src = t.data as OutputData;
  if (src === g.data) return;
  if (Array.isArray(g.data)) {
    for (let i = 0; i < rows * perRow; i++) g.data[start * perRow + i] = (src as string[])[i]!;
  } else {
    (g.data as Float32Array).set(src as Float32Array, start * perRow);
  }
}
