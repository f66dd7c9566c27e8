/**
 * `liftoff infer` end to end, as a user runs it: the bundled CLI trains the tabular example in a temp workspace,
 * then predicts 5 rows of its CSV with the run's model; the labels equal the trainer's own predictions.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { trainerConfigFromExperiment } from '../../core/src/trainer/config';
import { runBuiltinTrainer } from '../../core/src/trainer/run';
import { predict } from '../../core/src/trainer/trained-model';
import { REPO_ROOT } from '../support/fixtures';

const CLI = path.join(REPO_ROOT, 'bin', 'liftoff.js');

function liftoff(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('liftoff infer on a freshly trained model (bundled CLI)', function () {
  this.timeout(180_000);
  let ws: string;
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cli-infer-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'credit-risk'), path.join(ws, 'credit-risk'), { recursive: true });
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it("train, then infer 5 rows: the predicted labels equal the trainer's own predictions", async () => {
    const experiment = path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml');
    const trained = await liftoff(ws, 'train', 'credit-risk/credit-risk.experiment.yaml');
    assert.equal(trained.code, 0, trained.stderr);
    const runs = path.join(ws, '.liftoff', 'runs', 'credit-risk-mlp');
    const model = path.join(runs, readdirSync(runs)[0]!, 'artifacts', 'model.onnx');
    const lines = readFileSync(path.join(ws, 'credit-risk', 'data', 'applications.csv'), 'utf8').split('\n');
    writeFileSync(path.join(ws, 'five.csv'), `${lines.slice(0, 6).join('\n')}\n`);

    const r = await liftoff(
      ws,
      'infer',
      path.relative(ws, model),
      'five.csv',
      '--experiment',
      'credit-risk/credit-risk.experiment.yaml',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as {
      provider: string;
      predictions: Array<{ label: string; probability: number }>;
    };
    assert.equal(doc.provider, 'cpu');

    const own = await runBuiltinTrainer(
      trainerConfigFromExperiment(parse(readFileSync(experiment, 'utf8')), path.dirname(experiment)),
    );
    const header = lines[0]!.split(',');
    const rows = lines
      .slice(1, 6)
      .map((l) => own.model.featureOrder.map((f) => Number(l.split(',')[header.indexOf(f)])));
    const p = predict(own.model, rows);
    const expected = rows.map((_, i) => own.model.labels![p[2 * i + 1]! > p[2 * i]! ? 1 : 0]);
    assert.deepEqual(
      doc.predictions.map((x) => x.label),
      expected,
    );
    doc.predictions.forEach((x, i) =>
      assert.ok(Math.abs(x.probability - Math.max(p[2 * i]!, p[2 * i + 1]!)) < 1e-4, `row ${i + 1}`),
    );

    const csv = await liftoff(ws, 'infer', path.relative(ws, model), 'five.csv');
    assert.equal(csv.code, 0, csv.stderr);
    assert.deepEqual(
      csv.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[8]),
      expected,
    );

    writeFileSync(path.join(ws, 'short.csv'), 'income,age\n1,2\n');
    const bad = await liftoff(ws, 'infer', path.relative(ws, model), 'short.csv');
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /^liftoff infer: short\.csv cannot be used with .*model\.onnx: The input has no columns "employment_years", "debt_ratio",/,
    );
  });
});
