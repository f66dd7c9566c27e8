import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import {
  classifierBytes,
  classifierTop,
  CLASSIFIER_ROWS,
  CLASSIFIER_ROWS_CSV,
  saveModel,
} from '../support/onnx-graphs';

describe('liftoff infer --out (whole files, streamed)', function () {
  this.timeout(30_000);
  let dir: string;
  const cli = cliIn(() => dir);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cli-score-'));
    saveModel(dir, 'clf', classifierBytes());
    writeFileSync(path.join(dir, 'rows.csv'), CLASSIFIER_ROWS_CSV);
    writeFileSync(path.join(dir, 'bad.csv'), 'sepal,petal,width\n5,3,1\n7.5,oops,0.2\n1,2\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes line, input columns, prediction, probability and error; summary on stderr; exit 0', async () => {
    const r = await cli('infer', 'clf/model.onnx', 'rows.csv', '--out', 'results.csv', '--top-k', '1');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '', 'nothing on stdout: the results are in the file');
    const lines = readFileSync(path.join(dir, 'results.csv'), 'utf8').trim().split('\n');
    assert.equal(lines[0], 'line,id,sepal,petal,width,prediction,probability,error');
    const want = CLASSIFIER_ROWS.map((x) => classifierTop(x).label);
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 2).concat(l.split(',')[5]!)),
      [
        ['2', 'A', want[0]],
        ['3', 'B', want[1]],
        ['4', 'C', want[2]],
      ],
    );
    assert.match(r.err, /^liftoff: 3 rows scored · model\.onnx on cpu · [\d.]+ s \([\d,]+ rows\/s\) → results\.csv\n$/);
  });

  it('bad rows: each named with file:line on stderr, kept in the results as error rows; exit 1', async () => {
    const r = await cli('infer', 'clf/model.onnx', 'bad.csv', '--out', 'bad-results.csv');
    assert.equal(r.code, 1);
    assert.match(r.err, /^bad\.csv:3: Line 3, column "petal": "oops" is not a number/m);
    assert.match(r.err, /^bad\.csv:4: Line 4 has 2 values, but the header has 3\.$/m);
    assert.match(r.err, /liftoff: 1 row scored, 2 failed/);
    const lines = readFileSync(path.join(dir, 'bad-results.csv'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 4);
    // line, 3 input columns, 3 × (label, probability) for the default top 3, error: as many cells as the header
    assert.equal(lines[0]!.split(',').length, 11);
    assert.equal(lines[3], `4${','.repeat(9)},"Line 4 has 2 values, but the header has 3."`);
  });

  it('usage: --out with --format json, or onto the input, is refused (exit 2)', async () => {
    const a = await cli('infer', 'clf/model.onnx', 'rows.csv', '--out', 'x.csv', '--format', 'json');
    assert.equal(a.code, 2);
    assert.match(a.err, /--out writes CSV/);
    const b = await cli('infer', 'clf/model.onnx', 'rows.csv', '--out', 'rows.csv');
    assert.equal(b.code, 2);
    assert.match(b.err, /--out must not be the input file/);
  });

  it('a file that cannot be used at all: exit 1 with the reason', async () => {
    writeFileSync(path.join(dir, 'wrong.csv'), 'a,b\n1,2\n');
    const r = await cli('infer', 'clf/model.onnx', 'wrong.csv', '--out', 'wrong-results.csv');
    assert.equal(r.code, 1);
    assert.match(r.err, /^liftoff infer: wrong\.csv cannot be used with clf\/model\.onnx: /);
  });

  it('a results file that cannot be written: exit 2 naming it, no stack trace', async () => {
    const r = await cli('infer', 'clf/model.onnx', 'rows.csv', '--out', 'no-such-folder/results.csv');
    assert.equal(r.code, 2);
    assert.match(r.err, /^liftoff infer: cannot write no-such-folder\/results\.csv: its folder does not exist$/m);
  });
});
