import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inspectModelBytes, inspectModelFile } from '../../../core/src/onnx/inspect/inspect-model';
import { formatBytes, formatCount, formatDims } from '../../../core/src/onnx/inspect/model-inspection';
import { ProtoWriter } from '../../../core/src/onnx/protobuf-writer';
import { FIXTURES } from '../../support/fixtures';
import { writeLargeModel } from '../../support/large-onnx';
import {
  bogusOpBytes,
  classifierBytes,
  FLOAT,
  int64Bytes,
  rank4Bytes,
  regressorBytes,
  twoInputBytes,
  writeGraph,
} from '../../support/onnx-graphs';

const ops = (i: { operators: ReadonlyArray<{ op: string; count: number }> }) =>
  Object.fromEntries(i.operators.map((o) => [o.op, o.count]));

describe('core ONNX inspector (streamed, weights skipped)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-inspect-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the MLP classifier: shapes with symbolic batch, opset, IR, producer, operators, parameters and metadata', async () => {
    const i = await inspectModelBytes(classifierBytes());
    assert.deepEqual(
      i.inputs.map((x) => [x.name, x.type, formatDims(x.dims)]),
      [['features', 'float', '[N, 3]']],
    );
    assert.deepEqual(
      i.outputs.map((x) => [x.name, x.type, formatDims(x.dims)]),
      [['probabilities', 'float', '[N, 3]']],
    );
    assert.deepEqual([i.irVersion, i.opsetVersion, i.producerName], [8, 17, 'liftoff']);
    assert.deepEqual(ops(i), { Gemm: 2, Relu: 1, Softmax: 1 });
    assert.deepEqual(
      [i.nodes, i.parameters.count, i.parameters.bytes, i.parameters.tensors],
      [4, 12 + 4 + 12 + 3, 31 * 4, 4],
    );
    assert.deepEqual(
      i.metadata.map((m) => m.key),
      ['task', 'feature_order', 'liftoff.preprocessing', 'liftoff.mean', 'liftoff.std', 'labels'],
    );
    assert.equal(i.metadata.find((m) => m.key === 'labels')?.value, '["setosa","versicolor","virginica"]');
  });

  it('the regressor (fixed batch), the int64 model, the two-input model, a rank-4 model and a bogus operator', async () => {
    const reg = await inspectModelBytes(regressorBytes(true));
    assert.deepEqual(
      reg.inputs.map((x) => formatDims(x.dims)),
      ['[1, 2]'],
    );
    assert.deepEqual(ops(reg), { Gemm: 1 });
    assert.equal(reg.parameters.count, 3);
    const i64 = await inspectModelBytes(int64Bytes());
    assert.deepEqual(
      i64.inputs.map((x) => [x.name, x.type, formatDims(x.dims)]),
      [['ids', 'int64', '[N, 3]']],
    );
    assert.deepEqual(ops(i64), { Cast: 1, MatMul: 1 });
    const two = await inspectModelBytes(twoInputBytes());
    assert.deepEqual(
      two.inputs.map((x) => x.name),
      ['a', 'b'],
    );
    assert.deepEqual([ops(two), two.parameters.count], [{ Add: 1 }, 0]);
    const r4 = await inspectModelBytes(rank4Bytes());
    assert.deepEqual(
      r4.inputs.map((x) => formatDims(x.dims)),
      ['[N, 3, 4, 4]'],
    );
    assert.deepEqual(
      r4.outputs.map((x) => formatDims(x.dims)),
      ['[N]'],
    );
    assert.deepEqual(ops(await inspectModelBytes(bogusOpBytes())), { FrobnicateTensor: 1 });
  });

  it('a PyTorch export (test/fixtures/onnx/pytorch-mlp.onnx): [batch, 16] → [batch, 4], 3 Gemm + 2 Relu, 3,300 parameters', async () => {
    const i = await inspectModelFile(path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx'));
    assert.deepEqual(
      i.inputs.map((x) => [x.name, x.type, formatDims(x.dims)]),
      [['features', 'float', '[batch, 16]']],
    );
    assert.deepEqual(
      i.outputs.map((x) => [x.name, x.type, formatDims(x.dims)]),
      [['logits', 'float', '[batch, 4]']],
    );
    assert.deepEqual([i.producerName, i.producerVersion, i.opsetVersion, i.irVersion], ['pytorch', '1.13.0', 17, 8]);
    assert.deepEqual(ops(i), { Gemm: 3, Relu: 2 });
    assert.deepEqual(
      [i.parameters.count, i.parameters.bytes, formatCount(i.parameters.count), formatBytes(i.parameters.bytes)],
      [3300, 13200, '3.30 k', '13 KiB'],
    );
    assert.deepEqual(i.parameters.byType, [{ type: 'float', count: 3300, bytes: 13200 }]);
  });

  it('counts operators inside subgraphs and Constant tensors as parameters', async () => {
    const bytes = writeGraph({
      inputs: [{ name: 'x', elemType: FLOAT, dims: [2] }],
      outputs: [{ name: 'y', elemType: FLOAT, dims: [2] }],
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }],
    });
    // Add a Constant node carrying a [2, 3] tensor by hand (the fixture writer has no tensor attributes).
    const constant = new ProtoWriter()
      .string(2, 'c')
      .string(4, 'Constant')
      .message(5, (a) =>
        a
          .string(1, 'value')
          .int(20, 4)
          .message(5, (t) => t.int(1, 2).int(1, 3).int(2, FLOAT).bytes(9, new Uint8Array(24))),
      )
      .finish();
    const branch = (op: string) => (g: ProtoWriter) =>
      g.message(1, (n) => n.string(1, 'x').string(2, 'z').string(4, op)).string(2, `${op}_branch`);
    const ifNode = new ProtoWriter()
      .string(1, 'cond')
      .string(2, 'w')
      .string(4, 'If')
      .message(5, (a) => a.string(1, 'then_branch').int(20, 5).message(6, branch('Neg')))
      .message(5, (a) => a.string(1, 'else_branch').int(20, 5).message(6, branch('Abs')))
      .finish();
    const model = await inspectModelBytes(injectNode(injectNode(bytes, constant), ifNode));
    assert.deepEqual(ops(model), { Abs: 1, Constant: 1, If: 1, Neg: 1, Relu: 1 });
    assert.deepEqual([model.nodes, model.subgraphs], [5, 2]);
    assert.deepEqual([model.parameters.count, model.parameters.bytes], [6, 24]);
  });

  // How fast it opens (< 2 s) and how long it may hold the event loop (< 200 ms) are bench/onnx-open.ts's targets;
  // here, what shows that only the headers are read: array buffers grow by far less than the weights.
  it('a 320 MB model opens reading only headers', async () => {
    const file = path.join(dir, 'large.onnx');
    const size = writeLargeModel(file, 5, 4096);
    assert.ok(size > 300e6, `${size} bytes`);
    const before = process.memoryUsage();
    const i = await inspectModelFile(file);
    const after = process.memoryUsage();
    assert.deepEqual(ops(i), { MatMul: 5 });
    assert.deepEqual([i.parameters.count, i.parameters.bytes], [5 * 4096 * 4096, 5 * 4096 * 4096 * 4]);
    assert.deepEqual(
      i.inputs.map((x) => formatDims(x.dims)),
      ['[batch, 4096]'],
    );
    assert.ok(
      after.arrayBuffers - before.arrayBuffers < 16e6,
      `array buffers grew by ${((after.arrayBuffers - before.arrayBuffers) / 1e6).toFixed(1)} MB`,
    );
  });

  it('throws "not an ONNX model" for text, garbage, truncation and empty files', async () => {
    const good = readFileSync(path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx'));
    const bad: Array<[string, Uint8Array]> = [
      ['csv', Buffer.from('income,age\n1,2\n')],
      ['empty', new Uint8Array(0)],
      ['truncated', good.subarray(0, good.length - 100)],
      ['garbage', Uint8Array.from([0xff, 0xff, 0xff])],
    ];
    for (const [name, bytes] of bad) {
      const file = path.join(dir, `${name}.onnx`);
      writeFileSync(file, bytes);
      await assert.rejects(inspectModelFile(file), /^Error: not an ONNX model: /, name);
    }
  });
});

/** Prepends a serialized NodeProto to the graph of a model written by `writeGraph`. */
function injectNode(model: Uint8Array, nodeBytes: Uint8Array): Uint8Array {
  // writeGraph writes: ir (field 1), producer (2), graph (7), opset (8): re-encode the graph with the node first.
  let pos = 0;
  const out = new ProtoWriter();
  const read = () => {
    let v = 0;
    for (let s = 0; ; s += 7) {
      const b = model[pos++]!;
      v += (b & 0x7f) * 2 ** s;
      if (b < 0x80) return v;
    }
  };
  while (pos < model.length) {
    const key = read();
    const no = Math.floor(key / 8);
    if (key % 8 === 0) {
      out.int(no, read());
      continue;
    }
    const len = read();
    const body = model.subarray(pos, pos + len);
    pos += len;
    if (no === 7) out.bytes(7, new Uint8Array([...new ProtoWriter().bytes(1, nodeBytes).finish(), ...body]));
    else out.bytes(no, body);
  }
  return out.finish();
}
