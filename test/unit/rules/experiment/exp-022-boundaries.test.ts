/**
 * EXP-022 at its edges: every opset from 7 to 21 passes and each side beyond is flagged with the fix to the nearest
 * supported one (property); the labels against the model's output width through a fake file system — which output
 * (`export.onnx.output_name`, else the first), which labels (`inference.labels`, else `task.labels`), a width-1
 * output, one name, widths that say nothing, the size limit, folders, FIFOs and unreadable bytes.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { NULL_HOST, type FileInfo, type FileType } from '../../../../server/src/service/host';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only } from './support';

const DIR = '/tmp/exp022';
const LIMIT = 64 * 1024 * 1024;
let n = 0;

/** A minimal ONNX ModelProto whose graph has these outputs (name and shape; `null`: no type at all). */
function model(outputs: ReadonlyArray<{ name: string; dims: ReadonlyArray<number | string> | null }>): Uint8Array {
  const varint = (v: number): number[] => {
    const out: number[] = [];
    while (v > 127) {
      out.push((v & 127) | 128);
      v = Math.floor(v / 128);
    }
    out.push(v);
    return out;
  };
  const field = (no: number, body: number[] | string): number[] => {
    const bytes = typeof body === 'string' ? [...Buffer.from(body)] : body;
    return [...varint(no * 8 + 2), ...varint(bytes.length), ...bytes];
  };
  const int = (no: number, v: number) => [...varint(no * 8), ...varint(v)];
  const valueInfo = (name: string, dims: ReadonlyArray<number | string> | null) => {
    if (dims === null) return field(1, name);
    const dimFields = dims.flatMap((d) => field(1, typeof d === 'number' ? int(1, d) : field(2, d)));
    return [...field(1, name), ...field(2, field(1, [...int(1, 1), ...field(2, dimFields)]))];
  };
  const graph = [...field(2, 'g'), ...outputs.flatMap((o) => field(12, valueInfo(o.name, o.dims)))];
  return Uint8Array.from([...int(1, 8), ...field(2, 'test'), ...field(7, graph), ...field(8, int(2, 17))]);
}

interface Fake {
  type: FileType;
  size?: number;
  bytes?: Uint8Array;
}

function serviceWith(files: Record<string, Fake>) {
  return createLanguageService(
    {},
    {
      host: {
        ...NULL_HOST,
        stat: async (p: string): Promise<FileInfo | undefined> => {
          const f = files[p];
          return (
            f && { mtimeMs: 1, size: f.size ?? f.bytes?.length ?? 0, isDirectory: f.type === 'directory', type: f.type }
          );
        },
        readBytes: async (p: string) => files[p]?.bytes,
      },
    },
  );
}

async function exp022(
  body: string,
  files: Record<string, Fake> = {},
  uri = `file://${DIR}/m${n++}.experiment.yaml`,
): Promise<{ diagnostics: LiftoffDiagnostic[]; text: string; uri: string; service: ReturnType<typeof serviceWith> }> {
  const service = serviceWith(files);
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: m\n${body}\n`;
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-022');
  for (const d of diagnostics) assert.equal(d.severity, 1, `an error: ${d.message}`);
  return { diagnostics, text, uri, service };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));

const at = (dims: ReadonlyArray<number | string>, name = 'y'): Record<string, Fake> => ({
  [`${DIR}/m.onnx`]: { type: 'file', bytes: model([{ name, dims }]) },
});

describe('EXP-022 boundaries', () => {
  it('opset: 7…21 pass; below, above or fractional is flagged with the fix to the nearest supported (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double({ min: 0, max: 30, noNaN: true })),
        async (v) => {
          const r = await exp022(`export:\n  onnx:\n    opset: ${v}`);
          const ok = Number.isInteger(v) && v >= 7 && v <= 21;
          if (ok) return assert.deepEqual(messages(r.diagnostics), [], String(v));
          assert.equal(r.diagnostics.length, 1, String(v));
          assert.equal(
            messages(r.diagnostics)[0],
            `\`export.onnx.opset: ${v}\` is not an opset the bundled onnxruntime 1.30 supports: use an integer from 7 to 21 (17 is a safe choice for PyTorch exports).`,
          );
          const to = v > 21 ? 21 : v < 7 ? 7 : Math.round(v);
          assert.deepEqual(fixTitles(r.diagnostics[0]), [`Change to ${to}`]);
          const action = r.service.codeActions({ uri: r.uri, text: r.text }, r.diagnostics)[0];
          assert.match(applyEdits(r.text, action!.edit!.changes![r.uri]!), new RegExp(`opset: ${to}\\n`));
        },
      ),
      { numRuns: 60 },
    );
    for (const [v, to] of [
      [16.4, 16],
      [16.5, 17],
      [20.6, 21],
      [7.2, 7],
      [6.6, 7],
      [21.2, 21],
    ]) {
      assert.deepEqual(fixTitles((await exp022(`export:\n  onnx:\n    opset: ${v}`)).diagnostics[0]), [
        `Change to ${to}`,
      ]);
    }
    for (const v of [6, 7, 21, 22, 16.4, 16.5]) {
      const r = await exp022(`export:\n  onnx:\n    opset: ${v}`);
      assert.equal(r.diagnostics.length, v === 7 || v === 21 ? 0 : 1, String(v));
    }
    assert.deepEqual(messages((await exp022('export:\n  onnx:\n    opset: "22"')).diagnostics), []);
  });

  it('labels: as many as the output width pass, one fewer or more is flagged (plural and singular)', async () => {
    assert.deepEqual(
      messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b, c]', at(['N', 3]))).diagnostics),
      [],
    );
    const two = await exp022('inference:\n  model: m.onnx\n  labels: [a, b]', at(['N', 3]));
    assert.deepEqual(messages(two.diagnostics), [
      "`inference.labels` has 2 names, but output `y` of `m.onnx` has width 3 (shape [N, 3]): give one label per output column, in the model's order.",
    ]);
    assert.deepEqual(two.diagnostics[0]!.range, { start: { line: 6, character: 10 }, end: { line: 6, character: 16 } });
    assert.deepEqual(messages((await exp022('inference:\n  model: m.onnx\n  labels: [a]', at(['N', 5]))).diagnostics), [
      "`inference.labels` has 1 name, but output `y` of `m.onnx` has width 5 (shape [N, 5]): give one label per output column, in the model's order.",
    ]);
    assert.equal(
      (await exp022('inference:\n  model: m.onnx\n  labels: [a, b, c, d]', at(['N', 3]))).diagnostics.length,
      1,
    );
  });

  it('a width-1 output fits two labels only; widths that are 0, negative or symbolic say nothing', async () => {
    assert.deepEqual(
      messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b]', at([1]))).diagnostics),
      [],
    );
    assert.deepEqual(messages((await exp022('inference:\n  model: m.onnx\n  labels: [a]', at([1]))).diagnostics), []);
    assert.match(
      messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b, c]', at([1]))).diagnostics)[0] ?? '',
      /has 3 names, but output `y` of `m.onnx` has width 1/,
    );
    assert.match(
      messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b]', at([2, 1, 3]))).diagnostics)[0] ?? '',
      /width 3 \(shape \[2, 1, 3\]\)/,
    );
    for (const dims of [[0], ['N', 'C'], []] as Array<Array<number | string>>) {
      assert.deepEqual(
        messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b, c]', at(dims))).diagnostics),
        [],
        JSON.stringify(dims),
      );
    }
    const none = { [`${DIR}/m.onnx`]: { type: 'file' as FileType, bytes: model([]) } };
    assert.deepEqual(
      messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b, c]', none)).diagnostics),
      [],
    );
  });

  it('which output and which labels: output_name, else the first; inference.labels, else task.labels', async () => {
    const files = {
      [`${DIR}/m.onnx`]: {
        type: 'file' as FileType,
        bytes: model([
          { name: 'first', dims: [2] },
          { name: 'probs', dims: [4] },
        ]),
      },
    };
    const named = 'export:\n  onnx:\n    output_name: probs\ninference:\n  model: m.onnx\n';
    assert.deepEqual(messages((await exp022(`${named}  labels: [a, b, c, d]`, files)).diagnostics), []);
    assert.match(
      messages((await exp022(`${named}  labels: [a, b]`, files)).diagnostics)[0] ?? '',
      /output `probs` of `m.onnx` has width 4/,
    );
    const unnamed = 'export:\n  onnx:\n    output_name: gone\ninference:\n  model: m.onnx\n';
    assert.deepEqual(messages((await exp022(`${unnamed}  labels: [a, b]`, files)).diagnostics), []);
    const task = await exp022('task:\n  labels: [a, b, c]\ninference:\n  model: m.onnx', files);
    assert.deepEqual(messages(task.diagnostics), [
      "`task.labels` has 3 names, but output `first` of `m.onnx` has width 2 (shape [2]): give one label per output column, in the model's order.",
    ]);
    assert.equal(task.diagnostics[0]!.range.start.line, 5);
    const own = await exp022('task:\n  labels: [a, b, c]\ninference:\n  model: m.onnx\n  labels: [x, y]', files);
    assert.deepEqual(messages(own.diagnostics), []);
    assert.deepEqual(
      messages((await exp022('task:\n  labels: []\ninference:\n  model: m.onnx', files)).diagnostics),
      [],
    );
    assert.deepEqual(messages((await exp022('inference:\n  model: m.onnx', files)).diagnostics), []);
    assert.deepEqual(messages((await exp022('inference:\n  labels: [a, b, c]', files)).diagnostics), []);
    assert.deepEqual(
      messages((await exp022('inference:\n  model: [m.onnx]\n  labels: [a, b, c]', files)).diagnostics),
      [],
    );
    assert.deepEqual(messages((await exp022('inference:\n  model: m.onnx\n  labels: {a: 1}', files)).diagnostics), []);
    const untyped = { [`${DIR}/m.onnx`]: { type: 'file' as FileType, bytes: model([{ name: 'y', dims: null }]) } };
    assert.deepEqual(
      messages((await exp022('inference:\n  model: m.onnx\n  labels: [a, b, c]', untyped)).diagnostics),
      [],
    );
  });

  it('the file: up to 64 MiB is read, larger or a folder is not; a FIFO is reported; bad bytes are named', async () => {
    const bytes = model([{ name: 'y', dims: [3] }]);
    const body = 'inference:\n  model: m.onnx\n  labels: [a, b]';
    const sized = (size: number) => ({ [`${DIR}/m.onnx`]: { type: 'file' as FileType, size, bytes } });
    assert.equal((await exp022(body, sized(LIMIT))).diagnostics.length, 1);
    assert.deepEqual(messages((await exp022(body, sized(LIMIT + 1))).diagnostics), []);
    const folder = { [`${DIR}/m.onnx`]: { type: 'directory' as FileType, bytes } };
    assert.deepEqual(messages((await exp022(body, folder)).diagnostics), []);
    const unread = { [`${DIR}/m.onnx`]: { type: 'file' as FileType, size: 10 } };
    assert.deepEqual(messages((await exp022(body, unread)).diagnostics), []);
    const fifo = await exp022(body, { [`${DIR}/m.onnx`]: { type: 'fifo' } });
    assert.deepEqual(messages(fifo.diagnostics), [
      '`inference.model` (`m.onnx`) is a named pipe (FIFO), not a model file: Liftoff reads only regular files. Point it at an exported .onnx file.',
    ]);
    assert.equal(fifo.diagnostics[0]!.range.start.line, 5);
    const junk = await exp022(body, { [`${DIR}/m.onnx`]: { type: 'file', bytes: new Uint8Array() } });
    assert.deepEqual(messages(junk.diagnostics), [
      '`inference.model` (`m.onnx`) cannot be read: not an ONNX model: the file is empty. Point it at an exported .onnx file.',
    ]);
    assert.deepEqual(messages((await exp022(body, {})).diagnostics), []);
    assert.deepEqual(
      messages((await exp022('inference:\n  model: "s3://b/m.onnx"\n  labels: [a, b]', folder)).diagnostics),
      [],
    );
    assert.deepEqual(messages((await exp022(body, sized(100), `untitled:Untitled-${n++}`)).diagnostics), []);
  });
});
