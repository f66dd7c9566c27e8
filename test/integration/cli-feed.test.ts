/**
 * One feed for every shell: a run that logs its metrics only to stdout (`metrics.sources: [stdout]`) shows them in
 * `liftoff train`'s progress line and in `liftoff runs`, as it does in the metrics panel. The bundled CLI as a real
 * process, the training command a real Node script.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/fixtures';

const CLI = path.join(REPO_ROOT, 'bin', 'liftoff.js');

function liftoff(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const SCRIPT = `
for (let epoch = 1; epoch <= 3; epoch++) {
  console.log('some ordinary output');
  console.log(JSON.stringify({ step: epoch * 10, epoch, train_loss: 1 / epoch, val_loss: 1.5 / epoch, val_accuracy: 0.25 * epoch }));
}
`;

const EXPERIMENT = `apiVersion: liftoff/v1
kind: Experiment
metadata:
  name: stdout-only
task:
  type: regression
  domain: tabular
data:
  train: train.csv
  format: csv
model:
  architecture: mlp
training:
  mode: from_scratch
  epochs: 3
  optimizer: {type: adam, learning_rate: 0.001}
  loss: mse
resources:
  accelerator: cpu
run:
  trainer: command
  command: [${JSON.stringify(process.execPath)}, emit.js]
  launcher: local
metrics:
  primary: {name: val_loss, goal: min}
  sources: [stdout]
evaluation:
  metrics: [mse]
`;

describe('liftoff train / runs read the same metric feed as the panel', function () {
  this.timeout(90_000);

  it('a run that logs only to stdout shows its metrics in the progress line and in liftoff runs', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cli-feed-'));
    writeFileSync(path.join(ws, 'emit.js'), SCRIPT);
    writeFileSync(path.join(ws, 'train.csv'), 'x,y\n1,2\n');
    writeFileSync(path.join(ws, 'stdout-only.experiment.yaml'), EXPERIMENT);
    const r = await liftoff(ws, 'train', 'stdout-only.experiment.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /epoch 3\/3 .*val_loss 0\.5000/, 'the progress line shows the last epoch and its metrics');
    const [id] = readdirSync(path.join(ws, '.liftoff', 'runs', 'stdout-only'));
    const metrics = readFileSync(path.join(ws, '.liftoff', 'runs', 'stdout-only', id!, 'metrics.jsonl'), 'utf8');
    assert.equal(metrics.trim(), '', 'nothing was written to metrics.jsonl: the figures came from stdout');
    const list = await liftoff(ws, 'runs');
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /stdout-only\s+\S+\s+succeeded\s+\S+\s+val_loss=0\.5000 val_accuracy=0\.7500/);
  });
});
