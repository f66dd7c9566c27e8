/**
 * The external-data case of bench/inference (issue 20): the ONNX inspector on a model whose weights live in an
 * external data file (`data_location: EXTERNAL`, as `onnx.save_model(..., save_as_external_data=True)` writes
 * them): 120 float initializers of [1024, 1024] (503 MB) in `model.onnx.data` beside a small `model.onnx`, a
 * MatMul + Relu per initializer. The data file is sparse (ftruncate): reading it would still cost its 503 MB of
 * read() calls, which the process's `rchar` (/proc/self/io) counts, and the files opened meanwhile through
 * node:fs/promises (the inspector's reader) are listed, so "without reading the weights' bytes" is measured, not assumed.
 * Two paths, as the product opens a model: `liftoff inspect` (inspectModelFile) and the inspector panel
 * (inspectModelFile with node details, then analyseGraph: shapes, parameters and MACs per node).
 * Target: opens in < 2 s without reading the weights' bytes. A control reads them (`--diff`, checksums).
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyseGraph } from '../core/src/onnx/inspect/graph-analysis';
import { inspectModelFile } from '../core/src/onnx/inspect/inspect-model';
import { diffModels } from '../core/src/onnx/inspect/model-diff';
import { ProtoWriter } from '../core/src/onnx/protobuf-writer';

const FLOAT = 1;
const TENSORS = 120;
const SIDE = 1024;
const ROUNDS = 5;

export interface ExternalFigures {
  readonly modelBytes: number;
  readonly dataBytes: number;
  readonly tensors: number;
  readonly paths: ReadonlyArray<{
    readonly name: string;
    readonly openMs: number;
    readonly worstMs: number;
    /** read() bytes of the whole process during one open (median round). */
    readonly readBytes: number;
    /** Storage bytes fetched (read_bytes; 0 when the page cache answers). */
    readonly storageBytes: number;
    /** The files opened during the rounds (base names). */
    readonly opened: readonly string[];
    readonly rssGrowthMb: number;
    readonly externalSeen: number;
    readonly parameters: number;
  }>;
  /**
   * The control: `liftoff inspect a --diff b` on the model and itself, which checksums every initializer and so
   * reads the data file (twice): shows that the reads above would have been counted. One round.
   */
  readonly diff: { readonly ms: number; readonly readBytes: number; readonly opened: readonly string[] };
}

/** model.onnx (graph and tensor headers) and a sparse `model.onnx.data` holding every initializer's bytes. */
function writeModel(dir: string): { model: string; data: string; modelBytes: number; dataBytes: number } {
  const data = path.join(dir, 'model.onnx.data');
  const model = path.join(dir, 'model.onnx');
  const tensorBytes = SIDE * SIDE * 4;
  const value = (w: ProtoWriter, name: string, dims: ReadonlyArray<number | string>) =>
    w.string(1, name).message(2, (type) =>
      type.message(1, (t) =>
        t.int(1, FLOAT).message(2, (shape) => {
          for (const d of dims) shape.message(1, (dim) => (typeof d === 'string' ? dim.string(2, d) : dim.int(1, d)));
        }),
      ),
    );
  const bytes = new ProtoWriter()
    .int(1, 8)
    .string(2, 'liftoff-bench')
    .message(7, (g) => {
      for (let k = 0; k < TENSORS; k++) {
        g.message(1, (n) =>
          n
            .string(1, k ? `h${k}` : 'x')
            .string(1, `W${k}`)
            .string(2, `m${k}`)
            .string(3, `matmul_${k}`)
            .string(4, 'MatMul'),
        );
        g.message(1, (n) =>
          n
            .string(1, `m${k}`)
            .string(2, `h${k + 1}`)
            .string(3, `relu_${k}`)
            .string(4, 'Relu'),
        );
      }
      g.string(2, 'external_mlp');
      for (let k = 0; k < TENSORS; k++)
        g.message(5, (t) => {
          t.int(1, SIDE).int(1, SIDE).int(2, FLOAT).string(8, `W${k}`);
          const entry = (key: string, v: string) => t.message(13, (e) => e.string(1, key).string(2, v));
          entry('location', 'model.onnx.data');
          entry('offset', String(k * tensorBytes));
          entry('length', String(tensorBytes));
          t.int(14, 1); // data_location: EXTERNAL
        });
      g.message(11, (w) => value(w, 'x', ['batch', SIDE]));
      g.message(12, (w) => value(w, `h${TENSORS}`, ['batch', SIDE]));
    })
    .message(8, (o) => o.string(1, '').int(2, 17))
    .finish();
  fs.writeFileSync(model, bytes);
  const fd = fs.openSync(data, 'w');
  fs.ftruncateSync(fd, TENSORS * tensorBytes);
  fs.closeSync(fd);
  return { model, data, modelBytes: bytes.length, dataBytes: TENSORS * tensorBytes };
}

function procIo(): { rchar: number; readBytes: number } {
  const text = fs.readFileSync('/proc/self/io', 'utf8');
  const field = (k: string) => Number(new RegExp(`^${k}: (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rchar: field('rchar'), readBytes: field('read_bytes') };
}

/**
 * Records the paths opened through node:fs/promises (`fs.promises`, the module object itself: the inspector's byte
 * source opens files with its `open`) while `body` runs.
 */
async function watchingOpens<T>(body: () => Promise<T>): Promise<{ result: T; opened: string[] }> {
  const opened: string[] = [];
  const promises = fs.promises as unknown as { open: (...a: unknown[]) => unknown };
  const saved = promises.open;
  promises.open = (...a: unknown[]) => {
    opened.push(path.basename(String(a[0])));
    return saved(...a);
  };
  try {
    return { result: await body(), opened };
  } finally {
    promises.open = saved;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function externalCase(): Promise<ExternalFigures> {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'liftoff-bench-external-'));
  try {
    const { model, modelBytes, dataBytes } = writeModel(dir);
    const paths = [];
    for (const [name, open] of [
      ['liftoff inspect', () => inspectModelFile(model)],
      [
        'inspector panel (nodes, shapes, MACs)',
        async () => {
          const inspection = await inspectModelFile(model, { detail: true });
          analyseGraph(inspection);
          return inspection;
        },
      ],
    ] as const) {
      const times: number[] = [];
      const reads: number[] = [];
      const storage: number[] = [];
      const opened = new Set<string>();
      const rssBefore = process.memoryUsage.rss();
      let rssPeak = rssBefore;
      let last: Awaited<ReturnType<typeof open>> | undefined;
      for (let r = 0; r < ROUNDS; r++) {
        const io0 = procIo();
        const t = performance.now();
        const { result, opened: files } = await watchingOpens(open);
        times.push(performance.now() - t);
        const io1 = procIo();
        reads.push(io1.rchar - io0.rchar);
        storage.push(io1.readBytes - io0.readBytes);
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
        for (const f of files) opened.add(f);
        last = result;
      }
      if (!last || last.parameters.tensors !== TENSORS || last.parameters.external !== TENSORS)
        throw new Error(`the inspector saw ${last?.parameters.external} external tensors of ${TENSORS}`);
      paths.push({
        name,
        openMs: median(times),
        worstMs: Math.max(...times),
        readBytes: median(reads),
        storageBytes: median(storage),
        opened: [...opened],
        rssGrowthMb: (rssPeak - rssBefore) / 2 ** 20,
        externalSeen: last.parameters.external,
        parameters: last.parameters.count,
      });
    }
    const io0 = procIo();
    const t = performance.now();
    const { result: diff, opened } = await watchingOpens(() => diffModels(model, model));
    const diffMs = performance.now() - t;
    const io1 = procIo();
    if (!diff.same) throw new Error('a model differs from itself');
    return {
      modelBytes,
      dataBytes,
      tensors: TENSORS,
      paths,
      diff: { ms: diffMs, readBytes: io1.rchar - io0.rchar, opened: [...new Set(opened)] },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
