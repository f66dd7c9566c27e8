import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { cliIn } from '../support/cli';
import { FIXTURES } from '../support/fixtures';

function solidPng(w: number, h: number, rgb: [number, number, number]): Buffer {
  const img = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) img.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(img);
}

describe('liftoff infer with image files', function () {
  this.timeout(30_000);
  let dir: string;
  const cli = cliIn(() => dir);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cli-img-'));
    copyFileSync(path.join(FIXTURES, 'onnx', 'tiny-cnn', 'tiny-cnn.onnx'), path.join(dir, 'cnn.onnx'));
    writeFileSync(path.join(dir, 'red.png'), solidPng(16, 16, [240, 10, 10]));
    writeFileSync(path.join(dir, 'blue.png'), solidPng(16, 16, [10, 10, 240]));
    writeFileSync(
      path.join(dir, 'e.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: e}\ninference: {image: {resize: [8, 8]}, top_k: 1}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('one line per image with its label (CSV); JSON with --format json', async () => {
    const r = await cli('infer', 'cnn.onnx', 'red.png', 'blue.png', '--experiment', 'e.experiment.yaml');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], 'file,prediction,probability');
    assert.match(lines[1]!, /^red\.png,red,0\.\d+$/);
    assert.match(lines[2]!, /^blue\.png,blue,0\.\d+$/);
    assert.match(
      r.err,
      /^liftoff: 2 images · cnn\.onnx on cpu · decode [\d.]+ ms, preprocess [\d.]+ ms, model [\d.]+ ms\n$/,
    );
    const j = await cli('infer', 'cnn.onnx', 'blue.png', '--experiment', 'e.experiment.yaml', '--format', 'json');
    const doc = JSON.parse(j.out) as { predictions: Array<{ file: string; top: Array<{ label: string }> }> };
    assert.equal(doc.predictions[0]!.top[0]!.label, 'blue');
  });

  it('without inference.image the size mismatch is explained (exit 1); --out is refused for images (exit 2)', async () => {
    const r = await cli('infer', 'cnn.onnx', 'red.png');
    assert.equal(r.code, 1);
    assert.match(
      r.err,
      /is 16 × 16 \(width × height\), but the model takes 8 × 8: set inference\.image\.resize and crop/,
    );
    const o = await cli('infer', 'cnn.onnx', 'red.png', '--out', 'x.csv');
    assert.equal(o.code, 2);
  });
});
