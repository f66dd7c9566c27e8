import * as assert from 'node:assert/strict';
import * as ort from 'onnxruntime-node';
import { float32Bytes, ProtoWriter, varint } from '../../../core/src/onnx/protobuf-writer';
import { readModelMetadata } from '../../../core/src/onnx/read-metadata';
import { readModelInfo } from '../../../core/src/onnx/read-model-info';
import { exportOnnx, onnxSpec } from '../../../core/src/trainer/export-model';
import { trainModel } from '../../../core/src/trainer/train';
import { predict, type TrainedModel } from '../../../core/src/trainer/trained-model';
import type { ExportSettings } from '../../../core/src/trainer/types';
import { blobs, linear, prepared, settings } from './trainer/synthetic';

const EXPORT: ExportSettings = { opset: 17, inputName: 'features', outputName: 'probabilities', dynamicBatch: true };

/** Runs the model in onnxruntime (CPU) on raw rows. */
async function runOnnx(bytes: Uint8Array, s: ExportSettings, rows: number[][]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], logSeverityLevel: 4 });
  const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0]!.length]);
  const out = await session.run({ [s.inputName]: input });
  return out[s.outputName]!.data as Float32Array;
}

function assertClose(onnx: Float32Array, ours: Float64Array, tol: number): void {
  assert.equal(onnx.length, ours.length);
  let worst = 0;
  ours.forEach((v, i) => {
    worst = Math.max(worst, Math.abs(v - onnx[i]!));
  });
  assert.ok(worst <= tol, `largest difference ${worst}`);
}

describe('core ONNX writer (builtin trainer export)', () => {
  let classifier: TrainedModel;
  let regressor: TrainedModel;
  const cls = blobs(600, 4, 3, 21);
  const reg = linear(400, 5, 22);
  before(async () => {
    classifier = (await trainModel(settings({ hiddenLayers: [16, 8], epochs: 8 }), prepared(cls, 'classification', 3)))
      .model;
    regressor = (
      await trainModel(settings({ task: 'regression', hiddenLayers: [12], epochs: 8 }), prepared(reg, 'regression'))
    ).model;
  });

  it('encodes varints, floats and nested messages like protobuf', () => {
    assert.deepEqual([...varint(1)], [1]);
    assert.deepEqual([...varint(300)], [0xac, 0x02]);
    assert.deepEqual([...varint(2 ** 35)], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    assert.deepEqual([...new ProtoWriter().int(1, 150).finish()], [0x08, 0x96, 0x01]);
    assert.deepEqual(
      [...new ProtoWriter().message(3, (w) => w.string(2, 'testing')).finish()],
      [0x1a, 0x09, 0x12, 0x07, ...Buffer.from('testing')],
    );
    assert.deepEqual([...float32Bytes([1])], [0, 0, 0x80, 0x3f]);
    assert.throws(() => new ProtoWriter().int(1, -1), /non-negative/);
  });

  it("onnxruntime reproduces the trainer's classification probabilities on raw rows within 1e-5", async () => {
    const rows = cls.x.slice(0, 64);
    const onnx = await runOnnx(exportOnnx(classifier, EXPORT), EXPORT, rows);
    assertClose(onnx, predict(classifier, rows), 1e-5);
    for (let r = 0; r < rows.length; r++)
      assert.ok(Math.abs(onnx[r * 3]! + onnx[r * 3 + 1]! + onnx[r * 3 + 2]! - 1) < 1e-5);
  });

  it("onnxruntime reproduces the trainer's regression predictions (target scale folded in) within 1e-5", async () => {
    const s = { ...EXPORT, opset: 13, outputName: 'prediction' };
    const rows = reg.x.slice(0, 64);
    assertClose(await runOnnx(exportOnnx(regressor, s), s, rows), predict(regressor, rows), 1e-5);
  });

  it('read-model-info reads back the names, shapes and opset; metadata holds labels, feature order and the standardization', () => {
    const bytes = exportOnnx(classifier, EXPORT);
    const info = readModelInfo(bytes);
    assert.deepEqual([info.irVersion, info.opsetVersion, info.producerName], [8, 17, 'liftoff']);
    assert.deepEqual(info.inputs, [{ name: 'features', elemType: 1, elemTypeName: 'float', dims: ['N', 4] }]);
    assert.deepEqual(info.outputs, [{ name: 'probabilities', elemType: 1, elemTypeName: 'float', dims: ['N', 3] }]);
    const meta = readModelMetadata(bytes);
    assert.deepEqual(JSON.parse(meta.labels!), ['class_0', 'class_1', 'class_2']);
    assert.deepEqual(JSON.parse(meta.feature_order!), ['f0', 'f1', 'f2', 'f3']);
    assert.equal(meta.task, 'classification');
    assert.equal(meta['liftoff.preprocessing'], 'folded-standardize');
    assert.deepEqual(JSON.parse(meta['liftoff.mean']!), Array.from(classifier.standardizer.mean));
    assert.deepEqual(JSON.parse(meta['liftoff.std']!), Array.from(classifier.standardizer.std));
    const fixed = readModelInfo(
      exportOnnx(regressor, { ...EXPORT, dynamicBatch: false, inputName: 'x', outputName: 'y', opset: 21 }),
    );
    assert.deepEqual(
      [fixed.irVersion, fixed.inputs[0]!.dims, fixed.outputs[0]!.name, fixed.outputs[0]!.dims],
      [10, [1, 5], 'y', [1, 1]],
    );
  });

  it('a fixed batch of 1 runs in onnxruntime; bad specs are refused', async () => {
    const s = { ...EXPORT, dynamicBatch: false };
    assertClose(await runOnnx(exportOnnx(classifier, s), s, [cls.x[3]!]), predict(classifier, [cls.x[3]!]), 1e-5);
    assert.throws(() => exportOnnx(classifier, { ...EXPORT, opset: 12 }), /opset 12 is not supported: use 13 to 21/);
    assert.throws(() => exportOnnx(classifier, { ...EXPORT, outputName: 'features' }), /must be non-empty, different/);
    assert.throws(() => exportOnnx(classifier, { ...EXPORT, outputName: '_logits' }), /not start with "_"/);
    assert.equal(onnxSpec(classifier, EXPORT).layers.length, 3);
    assert.throws(() => exportOnnx({ ...classifier, featureOrder: ['a'] }, EXPORT), /1 feature names for 4 inputs/);
    assert.throws(() => exportOnnx({ ...classifier, labels: ['a', 'b'] }, EXPORT), /2 labels for 3 outputs/);
  });
});
