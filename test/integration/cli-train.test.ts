/** `liftoff train` end to end: the bundled CLI and built-in trainer as real processes, as a user runs them. */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/fixtures';

const CLI = path.join(REPO_ROOT, 'bin', 'liftoff.js');

function liftoff(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('liftoff train / liftoff runs (bundled CLI, built-in trainer)', function () {
  this.timeout(120_000);
  let ws: string;
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cli-train-'));
    cpSync(path.join(REPO_ROOT, 'examples', 'credit-risk'), path.join(ws, 'credit-risk'), { recursive: true });
  });

  it('trains the tabular example: exit 0, a succeeded run with metrics and an ONNX model onnxruntime-node loads', async () => {
    const r = await liftoff(ws, 'train', 'credit-risk/credit-risk.experiment.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /epoch 30\/30 .*val_auc 0\.\d+/);
    assert.match(r.stderr, /run \S+ succeeded \(exit code 0\)/);
    const runsDir = path.join(ws, '.liftoff', 'runs', 'credit-risk-mlp');
    const [id] = readdirSync(runsDir);
    const run = JSON.parse(readFileSync(path.join(runsDir, id!, 'run.json'), 'utf8')) as {
      state: string;
      exitCode: number;
    };
    assert.deepEqual([run.state, run.exitCode], ['succeeded', 0]);
    const metrics = readFileSync(path.join(runsDir, id!, 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n');
    assert.ok(metrics.length >= 30);
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(path.join(runsDir, id!, 'artifacts', 'model.onnx'));
    assert.deepEqual(session.inputNames, ['features']);

    const list = await liftoff(ws, 'runs');
    assert.equal(list.code, 0);
    assert.match(list.stdout, new RegExp(`credit-risk-mlp\\s+${id}\\s+succeeded\\s+\\S+\\s+val_loss=`));
  });

  it('refuses an experiment with errors (exit 1) and names them', async () => {
    const bad = path.join(ws, 'credit-risk', 'broken.experiment.yaml');
    writeFileSync(
      bad,
      readFileSync(path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml'), 'utf8')
        .replace('name: credit-risk-mlp', 'name: broken-copy')
        .replace('loss: bce', 'loss: mse'),
    );
    const r = await liftoff(ws, 'train', 'credit-risk/broken.experiment.yaml');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /broken\.experiment\.yaml:\d+:\d+ error EXP-003/);
    assert.match(r.stderr, /fix it first/);
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await liftoff(ws, 'train')).code, 2);
    assert.equal((await liftoff(ws, 'train', 'nope.yaml')).code, 2);
  });
});
