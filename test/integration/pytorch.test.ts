/**
 * The PyTorch example through the same launcher the Train button uses, with Debian's python3-torch (CPU) installed by
 * the test tier (scripts/setup-integration.sh). Real processes, real metrics file, real ONNX export.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareRun } from '../../core/src/launchers/prepare-run';
import { startRun } from '../../core/src/launchers/runner';
import { descendants, isAlive } from '../../core/src/launchers/process-tree';
import { REPO_ROOT } from '../support/fixtures';
import { waitFor } from '../support/wait';

const PYTHON = process.env.LIFTOFF_TEST_PYTHON ?? '/usr/bin/python3';

function workspaceWith(epochs: number): { ws: string; experiment: string; text: string } {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-torch-'));
  cpSync(path.join(REPO_ROOT, 'examples', 'pytorch'), path.join(ws, 'pytorch'), { recursive: true });
  const experiment = path.join(ws, 'pytorch', 'synthetic-mlp.experiment.yaml');
  const text = readFileSync(experiment, 'utf8')
    .replace('  trainer: command\n', `  trainer: command\n  python: ${PYTHON}\n`)
    .replace('  epochs: 8', `  epochs: ${epochs}`);
  writeFileSync(experiment, text);
  return { ws, experiment, text };
}

describe('PyTorch example through the local launcher (CPU)', function () {
  this.timeout(180_000);

  it('trains, streams metrics while running, and exports an ONNX model that onnxruntime-node loads', async () => {
    const { ws, experiment, text } = workspaceWith(4);
    const prepared = await prepareRun({
      workspace: ws,
      experimentPath: experiment,
      experimentText: text,
      builtinTrainer: '',
      nodePath: process.execPath,
    });
    assert.equal(prepared.plan.argv[0], PYTHON, 'run.python replaces the interpreter');
    const metrics = path.join(prepared.dir, prepared.record.files.metrics);
    const running = await startRun(prepared.store, prepared.dir, prepared.plan);
    let aliveAtFirstMetric = false;
    await waitFor(
      () => {
        if (statSync(metrics).size === 0) return false;
        aliveAtFirstMetric = running.pid !== undefined && isAlive(running.pid);
        return true;
      },
      { timeoutMs: 120_000, intervalMs: 20, what: 'the first metric line' },
    );
    const final = await running.done;
    assert.equal(final.state, 'succeeded', readFileSync(path.join(prepared.dir, 'stdout.log'), 'utf8').slice(-2000));
    assert.ok(aliveAtFirstMetric, 'the first metric arrived before the process exited');
    const lines = readFileSync(metrics, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    const epochs = lines.filter((l) => typeof l.val_accuracy === 'number');
    assert.equal(epochs.length, 4);
    assert.ok(epochs[3]!.val_accuracy! > 0.5, `val_accuracy ${epochs[3]!.val_accuracy} is well above chance (0.25)`);
    const model = path.join(prepared.dir, 'model.onnx');
    assert.ok(existsSync(model));
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(model);
    assert.deepEqual([session.inputNames, session.outputNames], [['features'], ['logits']]);
  });

  it('Stop on a running PyTorch run leaves no child process', async () => {
    const { ws, experiment, text } = workspaceWith(500);
    const prepared = await prepareRun({
      workspace: ws,
      experimentPath: experiment,
      experimentText: text,
      builtinTrainer: '',
      nodePath: process.execPath,
    });
    const running = await startRun(prepared.store, prepared.dir, prepared.plan);
    const metrics = path.join(prepared.dir, prepared.record.files.metrics);
    await waitFor(() => statSync(metrics).size > 0, {
      timeoutMs: 120_000,
      intervalMs: 50,
      what: 'training to be under way',
    });
    const pid = running.pid!;
    const tree = [pid, ...descendants(pid)];
    await running.stop(3000);
    const final = await running.done;
    assert.equal(final.state, 'cancelled');
    await waitFor(() => tree.every((p) => !isAlive(p)), {
      timeoutMs: 10_000,
      what: `processes ${tree.join(', ')} to be gone`,
    });
  });
});
