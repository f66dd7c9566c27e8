import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readModelInfo } from '../../../core/src/onnx/read-model-info';
import { FIXTURES } from '../../support/fixtures';

describe('core ONNX model info reader', () => {
  it('reads a PyTorch export (examples/pytorch/train.py): opset, inputs, outputs, symbolic batch', () => {
    const bytes = readFileSync(path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx'));
    assert.ok(bytes.length < 100 * 1024);
    const info = readModelInfo(bytes);
    assert.equal(info.producerName, 'pytorch');
    assert.ok(info.irVersion >= 7, `IR version ${info.irVersion}`);
    assert.equal(info.opsetVersion, 17);
    assert.deepEqual(info.inputs, [{ name: 'features', elemType: 1, elemTypeName: 'float', dims: ['batch', 16] }]);
    assert.deepEqual(info.outputs, [{ name: 'logits', elemType: 1, elemTypeName: 'float', dims: ['batch', 4] }]);
  });

  it('throws "not an ONNX model" on garbage, text, truncation and empty input', () => {
    const bytes = readFileSync(path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx'));
    for (const bad of [
      new Uint8Array(0),
      Buffer.from('hello, this is a CSV file\n1,2,3\n'),
      bytes.subarray(0, bytes.length - 100),
      Uint8Array.from([0x08, 0x07]),
      Uint8Array.from([0xff, 0xff, 0xff]),
    ]) {
      assert.throws(() => readModelInfo(bad), /^Error: not an ONNX model: /);
    }
  });
});
