import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { FIXTURES } from '../support/fixtures';
import {
  classifierBytes,
  classifierReference,
  classifierTop,
  CLASSIFIER_ROWS,
  CLASSIFIER_ROWS_CSV,
  saveModel,
  twoInputBytes,
} from '../support/onnx-graphs';

describe('liftoff infer / liftoff inspect', function () {
  this.timeout(30_000);
  let dir: string;
  const cli = cliIn(() => dir);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cli-infer-'));
    saveModel(dir, 'clf', classifierBytes());
    writeFileSync(path.join(dir, 'rows.csv'), CLASSIFIER_ROWS_CSV);
    writeFileSync(path.join(dir, 'rows.json'), JSON.stringify([{ sepal: 5, petal: 3, width: 1 }]));
    writeFileSync(path.join(dir, 'bad.csv'), 'sepal,petal,width\n5,3,1\n7.5,oops,0.2\n');
    writeFileSync(
      path.join(dir, 'e.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: e}\ninference: {labels: [A, B, C], top_k: 2}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('CSV in, CSV out: the input columns, then the predicted label and its probability; summary on stderr', async () => {
    const r = await cli('infer', 'clf/model.onnx', 'rows.csv', '--top-k', '1');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], 'id,sepal,petal,width,prediction,probability');
    const expected = CLASSIFIER_ROWS.map((x) => classifierTop(x).label);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[4]),
      expected,
    );
    assert.match(
      r.err,
      /^liftoff: 3 rows · model\.onnx on cpu · [\d.]+ ms in the model, [\d.]+ ms in all \([\d,]+ rows\/s\) · preprocessing: folded\n$/,
    );
  });

  it('--format json with --experiment labels and top_k', async () => {
    const r = await cli(
      'infer',
      'clf/model.onnx',
      'rows.json',
      '--experiment',
      'e.experiment.yaml',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out) as {
      labels: string[];
      predictions: Array<{ row: number; label: string; top: unknown[] }>;
      provider: string;
    };
    assert.deepEqual(doc.labels, ['A', 'B', 'C']);
    assert.equal(doc.provider, 'cpu');
    assert.equal(doc.predictions[0]!.top.length, 2);
    const p = classifierReference([5, 3, 1]);
    assert.equal(doc.predictions[0]!.label, ['A', 'B', 'C'][p.indexOf(Math.max(...p))]);
  });

  it('exit 1 when the input cannot be used with the model: the message names the input and what it needs', async () => {
    const bad = await cli('infer', 'clf/model.onnx', 'bad.csv');
    assert.equal(bad.code, 1);
    assert.equal(bad.out, '');
    assert.equal(
      bad.err,
      'liftoff infer: bad.csv cannot be used with clf/model.onnx: Row 2 (line 3), column "petal": "oops" is not a number. The model takes numbers only; fix the cell or leave the row out.\n',
    );
    saveModel(dir, 'two', twoInputBytes());
    const two = await cli('infer', 'two/model.onnx', 'rows.csv');
    assert.equal(two.code, 1);
    assert.match(
      two.err,
      /two\/model\.onnx cannot be run: The model needs 2 inputs, and Liftoff feeds the rows to one of them: "a" \(float32 \[N, 2\]\): missing: .*"b" \(float32 \[N, 2\]\): missing: .* set inference\.input to one of "a", "b"\./,
    );
    const notOnnx = await cli('infer', 'rows.csv', 'rows.csv');
    assert.equal(notOnnx.code, 1);
    assert.match(notOnnx.err, /rows\.csv is not an ONNX model/);
  });

  it('exit 2 on usage and I/O errors', async () => {
    for (const args of [
      ['infer'],
      ['infer', 'clf/model.onnx'],
      ['infer', 'clf/model.onnx', 'rows.csv', '--top-k', '0'],
      ['infer', 'clf/model.onnx', 'rows.csv', '--format', 'xml'],
      ['infer', 'clf/model.onnx', 'missing.csv'],
      ['infer', 'clf/model.onnx', 'rows.csv', '--experiment', 'missing.yaml'],
      ['inspect'],
      ['inspect', 'missing.onnx'],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /^liftoff (infer|inspect): /);
    }
  });

  it('liftoff inspect prints inputs/outputs with shapes, opset, producer, operators and parameters', async () => {
    const r = await cli('inspect', path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx'));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /: ONNX IR 8, opset ai\.onnx 17, produced by pytorch 1\.13\.0, 14 KiB\n/);
    assert.match(r.out, /Inputs:\n {2}features {2}float {2}\[batch, 16\]\n/);
    assert.match(r.out, /Outputs:\n {2}logits {2}float {2}\[batch, 4\]\n/);
    assert.match(r.out, /Operators \(5 nodes\):\n {2}Gemm {2}3\n {2}Relu {2}2\n/);
    assert.match(r.out, /Parameters: 3,300 \(3\.30 k\) in 6 tensors, 13 KiB\n/);
    const json = JSON.parse((await cli('inspect', 'clf/model.onnx', '--format', 'json')).out) as {
      inputs: Array<{ dims: unknown[] }>;
      metadata: unknown[];
    };
    assert.deepEqual(json.inputs[0]!.dims, ['N', 3]);
    assert.ok(json.metadata.length >= 5);
    const notOnnx = await cli('inspect', 'rows.csv');
    assert.equal(notOnnx.code, 1);
    assert.match(notOnnx.err, /^liftoff inspect: rows\.csv is not an ONNX model: /);
  });
});
