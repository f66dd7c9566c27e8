import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { FIXTURES } from '../support/fixtures';

describe('liftoff infer with lines of text (inference.text)', function () {
  this.timeout(30_000);
  let dir: string;
  const cli = cliIn(() => dir);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cli-text-'));
    for (const f of ['tiny-text.onnx', 'tokenizer.json'])
      copyFileSync(path.join(FIXTURES, 'onnx', 'tiny-text', f), path.join(dir, f));
    writeFileSync(path.join(dir, 'reviews.txt'), 'A good movie\n\nterrible, "awful" film\ngreat\n');
    writeFileSync(
      path.join(dir, 'e.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: e}\ninference: {text: {tokenizer: tokenizer.json}, top_k: 1}\n',
    );
    writeFileSync(
      path.join(dir, 'strict.experiment.yaml'),
      'kind: Experiment\ninference: {text: {tokenizer: tokenizer.json, max_length: 5, truncation: false}}\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('one CSV line per non-blank input line: its line number, text and label; JSON with --format json', async () => {
    const r = await cli('infer', 'tiny-text.onnx', 'reviews.txt', '--experiment', 'e.experiment.yaml');
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], 'line,text,prediction,probability');
    assert.match(lines[1]!, /^1,A good movie,positive,0\.\d+$/);
    assert.match(lines[2]!, /^3,"terrible, ""awful"" film",negative,0\.\d+$/);
    assert.match(lines[3]!, /^4,great,positive,0\.\d+$/);
    assert.match(r.err, /^liftoff: 3 lines · tiny-text\.onnx on cpu · tokenizer tokenizer\.json · /);
    const j = await cli(
      'infer',
      'tiny-text.onnx',
      'reviews.txt',
      '--experiment',
      'e.experiment.yaml',
      '--format',
      'json',
    );
    const parsed = JSON.parse(j.out) as { predictions: Array<{ line: number; label: string }> };
    assert.deepEqual(
      parsed.predictions.map((p) => [p.line, p.label]),
      [
        [1, 'positive'],
        [3, 'negative'],
        [4, 'positive'],
      ],
    );
  });

  it('a line longer than max_length with truncation off: exit 1 naming the file and line', async () => {
    const r = await cli('infer', 'tiny-text.onnx', 'reviews.txt', '--experiment', 'strict.experiment.yaml');
    assert.equal(r.code, 1);
    assert.match(r.err, /reviews\.txt line 3 is 8 tokens, more than max_length 5/);
  });
});
