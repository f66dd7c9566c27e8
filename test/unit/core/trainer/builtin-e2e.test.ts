import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { parse, stringify } from 'yaml';
import { trainerConfigFromExperiment } from '../../../../core/src/trainer/config';
import { runBuiltinTrainer } from '../../../../core/src/trainer/run';
import { predict } from '../../../../core/src/trainer/trained-model';
import { REPO_ROOT } from '../../../support/fixtures';

const ENTRY = path.join(REPO_ROOT, 'dist', 'trainer', 'builtin.js');
const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'credit-risk');
const EXAMPLE = path.join(EXAMPLE_DIR, 'credit-risk.experiment.yaml');

function runEntry(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [ENTRY, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LIFTOFF_METRICS_FILE: '', LIFTOFF_RUN_DIR: '', ...env },
  });
}

describe('core builtin trainer: the bundled entry (dist/trainer/builtin.js) on examples/credit-risk', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    assert.ok(existsSync(ENTRY), `${ENTRY} is missing: run \`npm run build\` first`);
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-builtin-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // How fast (30 epochs in < 10 s) is measured by bench/trainer.ts, not asserted here.
  it('trains, writes one metrics line per epoch, and exports an ONNX model that predicts like the trainer', async () => {
    const runDir = path.join(dir, 'run1');
    const r = runEntry(['--config', EXAMPLE, '--run-dir', runDir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /^epoch 1\/30 {2}train_loss \d\.\d{4} {2}val_loss \d\.\d{4} {2}val_auc \d\.\d{4} {2}\(\d+\.\d\d s\)$/m,
    );
    const card = JSON.parse(readFileSync(path.join(runDir, 'artifacts', 'model.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const lines = readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    assert.equal(lines.length, card.epochs_run);
    lines.forEach((l, i) => {
      assert.equal(l.epoch, i + 1);
      assert.equal(typeof l.val_auc, 'number');
      assert.equal(typeof l.train_loss, 'number');
    });
    assert.deepEqual(
      [card.input_name, card.output_name, card.labels, card.positive_label],
      ['features', 'probabilities', ['good', 'default'], 'default'],
    );

    // The same experiment trained in this process (same seed → same weights) is the reference.
    const config = trainerConfigFromExperiment(parse(readFileSync(EXAMPLE, 'utf8')), EXAMPLE_DIR);
    const own = await runBuiltinTrainer(config);
    assert.deepEqual(
      own.history.map((h) => h.val_auc),
      lines.map((l) => l.val_auc),
    );
    const csv = readFileSync(path.join(EXAMPLE_DIR, 'data', 'applications.csv'), 'utf8')
      .trim()
      .split('\n');
    const header = csv[0]!.split(',');
    const order = card.feature_order as string[];
    const rows = csv.slice(1, 6).map((line) => order.map((f) => Number(line.split(',')[header.indexOf(f)])));
    const session = await ort.InferenceSession.create(readFileSync(path.join(runDir, 'artifacts', 'model.onnx')), {
      logSeverityLevel: 4,
    });
    const out = await session.run({
      features: new ort.Tensor('float32', Float32Array.from(rows.flat()), [5, order.length]),
    });
    const onnx = out.probabilities!.data as Float32Array;
    const ours = predict(own.model, rows);
    ours.forEach((p, i) => assert.ok(Math.abs(p - onnx[i]!) < 1e-5, `row ${Math.floor(i / 2)}: ${p} vs ${onnx[i]}`));
  });

  it('honours LIFTOFF_RUN_DIR and LIFTOFF_METRICS_FILE; resolves data against --experiment-dir for a config snapshot', () => {
    const doc = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, Record<string, unknown>>;
    doc.training!.epochs = 2;
    const snapshot = path.join(dir, 'snapshot.yaml');
    writeFileSync(snapshot, stringify(doc));
    const runDir = path.join(dir, 'run2');
    const metrics = path.join(dir, 'elsewhere', 'm.jsonl');
    const r = runEntry(['--config', snapshot, '--experiment-dir', EXAMPLE_DIR], {
      LIFTOFF_RUN_DIR: runDir,
      LIFTOFF_METRICS_FILE: metrics,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(metrics, 'utf8').trim().split('\n').length, 2);
    assert.ok(
      existsSync(path.join(runDir, 'artifacts', 'model.onnx')) &&
        existsSync(path.join(runDir, 'artifacts', 'model.json')),
    );
  });

  it('exits 1 with one clear error line on bad input', () => {
    const doc = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, Record<string, unknown>>;
    doc.data!.target = 'defaulted';
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, stringify(doc));
    const r = runEntry(['--config', bad, '--run-dir', path.join(dir, 'run3'), '--experiment-dir', EXAMPLE_DIR]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /^error: `data\.target`: column "defaulted" is not in the header of data\/applications\.csv \(columns: .*outcome\)\n$/,
    );
    const missing = runEntry(['--config', path.join(dir, 'nope.yaml')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /^error: cannot read the experiment file .*nope\.yaml\n$/);
  });
});
