/**
 * Inference in a real VS Code: train the tabular example with the CLI in the test workspace, select 5 rows of its
 * CSV, run "Run Inference on Selection", and compare the predicted labels with the trainer's own predictions; the
 * inspector; errors as messages with the extension host alive.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { LiftoffApi } from '../../../client/src/extension';
import type { InferenceOutcome, InferenceSummary } from '../../../client/src/panels/inference/run-command';
import type { ScoreOutcome } from '../../../client/src/panels/inference/score-command';
import type { ModelInspection } from '../../../core/src/onnx/inspect/model-inspection';
import { trainerConfigFromExperiment } from '../../../core/src/trainer/config';
import { runBuiltinTrainer } from '../../../core/src/trainer/run';
import { predict } from '../../../core/src/trainer/trained-model';
import { FIXTURES } from '../../support/fixtures';
import { bogusOpBytes } from '../../support/onnx-graphs';
import { waitFor } from '../../support/wait';

const EXTENSION_ID = 'liftoff-dev.liftoff';

async function api(): Promise<vscode.Extension<LiftoffApi>> {
  const ext = vscode.extensions.getExtension<LiftoffApi>(EXTENSION_ID);
  assert.ok(ext);
  await ext.activate();
  await ext.exports.ready();
  return ext;
}

function isSummary(o: InferenceOutcome): o is InferenceSummary {
  return o !== undefined && 'predictions' in o;
}

function liftoffCli(extensionPath: string, cwd: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(extensionPath, 'dist', 'cli', 'liftoff.js'), ...args],
      { cwd, timeout: 120_000 },
      (err, _out, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr });
      },
    );
  });
}

const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

describe('Inference on the selection (real VS Code)', function () {
  this.timeout(180_000);
  let ws: string;
  let ext: vscode.Extension<LiftoffApi>;
  const experiment = () => path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml');
  const csv = () => path.join(ws, 'credit-risk', 'data', 'applications.csv');

  before(async () => {
    ext = await api();
    ws = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const trained = await liftoffCli(ext.extensionPath, ws, 'train', experiment(), '--workspace', ws);
    assert.equal(trained.code, 0, trained.stderr);
  });

  it("5 selected CSV rows → the latest run's model → the same labels as the trainer; results panel shown", async () => {
    const doc = await vscode.workspace.openTextDocument(csv());
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 6, 0); // lines 2–6: 5 data rows, the header is line 1
    const result = await vscode.commands.executeCommand<InferenceOutcome>('liftoff.runInference');
    assert.ok(isSummary(result), JSON.stringify(result));
    assert.equal(result.rows, 5);
    assert.equal(result.provider, 'cpu');
    assert.match(result.model, /\.liftoff[\\/]runs[\\/]credit-risk-mlp[\\/][^\\/]+[\\/]artifacts[\\/]model\.onnx$/);
    assert.match(result.how, /latest succeeded run/);
    assert.deepEqual(
      result.predictions.map((p) => p.line),
      [2, 3, 4, 5, 6],
    );

    // The trainer's own predictions: the same experiment trained in this process (same seed → same weights).
    const config = trainerConfigFromExperiment(parse(readFileSync(experiment(), 'utf8')), path.dirname(experiment()));
    const own = await runBuiltinTrainer(config);
    const lines = readFileSync(csv(), 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const rows = lines
      .slice(1, 6)
      .map((l) => own.model.featureOrder.map((f) => Number(l.split(',')[header.indexOf(f)])));
    const probs = predict(own.model, rows);
    const labels = own.model.labels!;
    const expected = rows.map((_, i) => (probs[2 * i + 1]! > probs[2 * i]! ? labels[1] : labels[0]));
    assert.deepEqual(
      result.predictions.map((p) => p.label),
      expected,
    );
    result.predictions.forEach((p, i) =>
      assert.ok(Math.abs(p.probability! - Math.max(probs[2 * i]!, probs[2 * i + 1]!)) < 1e-4, `row ${i + 1}`),
    );

    await waitFor(() => tabs().some((t) => t.label.startsWith('Predictions · model.onnx')), {
      timeoutMs: 20_000,
      what: 'the results panel',
    });
  });

  it('"Score File…" scores the whole CSV into a results file with the same labels as Run Inference', async () => {
    const runs = path.join(ws, '.liftoff', 'runs', 'credit-risk-mlp');
    const model = readdirSync(runs)
      .map((r) => path.join(runs, r, 'artifacts', 'model.onnx'))
      .find((m) => existsSync(m));
    assert.ok(model, 'the trained model');
    const out = path.join(ws, 'applications.predictions.csv');
    const result = await vscode.commands.executeCommand<ScoreOutcome>('liftoff.scoreFile', {
      input: csv(),
      model,
      out,
    });
    assert.ok(result && 'rows' in result, JSON.stringify(result));
    const inputLines = readFileSync(csv(), 'utf8').trim().split('\n');
    assert.equal(result.rows, inputLines.length - 1);
    assert.equal(result.failed, 0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    // top_k: 1 in the experiment the CSV belongs to
    assert.equal(lines[0], `line,${inputLines[0]},prediction,probability,error`);
    const doc = await vscode.workspace.openTextDocument(csv());
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 6, 0);
    const selected = await vscode.commands.executeCommand<InferenceOutcome>(
      'liftoff.runInference',
      vscode.Uri.file(model),
    );
    assert.ok(isSummary(selected));
    const width = inputLines[0]!.split(',').length;
    assert.deepEqual(
      lines.slice(1, 6).map((l) => l.split(',')[width + 1]),
      selected.predictions.map((p) => p.label),
    );
  });

  it('a bad cell is explained before running (row, line, column); an unsupported operator is a message, and the host lives on', async () => {
    const doc = await vscode.workspace.openTextDocument({
      content: '41766,62,0.3,0.379,9,zero,27100\n',
      language: 'plaintext',
    });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const model = path.join(ws, 'models', 'bogus', 'model.onnx');
    mkdirSync(path.dirname(model), { recursive: true });
    writeFileSync(model, bogusOpBytes());
    const trained = await vscode.commands.executeCommand<InferenceOutcome>(
      'liftoff.runInference',
      vscode.Uri.file(trainedModel(ws)),
    );
    assert.ok(trained && 'error' in trained, JSON.stringify(trained));
    assert.equal(trained.error, 'not-a-number');
    assert.match(trained.message, /Row 1 \(line 1\), column "late_payments_12m": "zero" is not a number/);

    const bogus = await vscode.commands.executeCommand<InferenceOutcome>(
      'liftoff.runInference',
      vscode.Uri.file(model),
    );
    assert.ok(bogus && 'error' in bogus, JSON.stringify(bogus));
    assert.equal(bogus.error, 'unsupported-operator');
    assert.match(
      bogus.message,
      /uses the operator FrobnicateTensor \(opset 17\), which onnxruntime does not implement/,
    );

    const corrupt = path.join(ws, 'models', 'corrupt.onnx');
    writeFileSync(corrupt, 'definitely not protobuf\n');
    const notOnnx = await vscode.commands.executeCommand<InferenceOutcome>(
      'liftoff.runInference',
      vscode.Uri.file(corrupt),
    );
    assert.ok(notOnnx && 'error' in notOnnx);
    assert.equal(notOnnx.error, 'not-onnx');

    // Still alive: the same command works on good input.
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, 1, 0), '41766,62,0.3,0.379,9,0,27100\n'));
    const ok = await vscode.commands.executeCommand<InferenceOutcome>(
      'liftoff.runInference',
      vscode.Uri.file(trainedModel(ws)),
    );
    assert.ok(isSummary(ok), JSON.stringify(ok));
    assert.equal(ok.rows, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"Inspect ONNX Model" opens the custom editor with the model\'s shapes and operators; .onnx files open in it', async () => {
    const model = trainedModel(ws);
    const r = await vscode.commands.executeCommand<{ path: string; inspection: ModelInspection }>(
      'liftoff.inspectModel',
      vscode.Uri.file(model),
    );
    assert.ok(r);
    assert.deepEqual(
      r.inspection.inputs.map((i) => [i.name, i.type, i.dims]),
      [['features', 'float', ['N', 7]]],
    );
    assert.deepEqual(
      r.inspection.outputs.map((i) => [i.name, i.dims]),
      [['probabilities', ['N', 2]]],
    );
    assert.deepEqual(Object.fromEntries(r.inspection.operators.map((o) => [o.op, o.count])), {
      Gemm: 3,
      Relu: 2,
      Softmax: 1,
    });
    const inspectorTab = () =>
      tabs().find(
        (t) =>
          t.input instanceof vscode.TabInputCustom &&
          t.input.viewType === 'liftoff.onnxInspector' &&
          t.input.uri.fsPath === model,
      );
    await waitFor(() => inspectorTab() !== undefined, { timeoutMs: 20_000, what: 'the inspector tab' });

    const other = path.join(ws, 'models', 'bogus', 'model.onnx');
    await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(other));
    await waitFor(
      () =>
        tabs().some(
          (t) =>
            t.input instanceof vscode.TabInputCustom &&
            t.input.viewType === 'liftoff.onnxInspector' &&
            t.input.uri.fsPath === other,
        ),
      { timeoutMs: 20_000, what: 'an .onnx file to open in the inspector' },
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('selected lines of a text file → the nearest experiment with inference.text → one label per line', async () => {
    // test/fixtures/onnx/tiny-text: a WordPiece tokenizer.json and a classifier of "good"/"great" vs "bad"/"awful".
    const dir = path.join(ws, 'sentiment');
    mkdirSync(dir, { recursive: true });
    for (const f of ['tiny-text.onnx', 'tokenizer.json'])
      copyFileSync(path.join(FIXTURES, 'onnx', 'tiny-text', f), path.join(dir, f));
    writeFileSync(
      path.join(dir, 'sentiment.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: sentiment}\ninference:\n  model: tiny-text.onnx\n  text: {tokenizer: tokenizer.json, max_length: 16}\n',
    );
    const reviews = path.join(dir, 'reviews.txt');
    writeFileSync(reviews, 'Reviews\nA good movie.\n\nAwful, awful film!\ngreat\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(reviews));
    editor.selection = new vscode.Selection(1, 0, 4, 5); // lines 2–5, a blank one among them
    const r = await vscode.commands.executeCommand<InferenceOutcome>('liftoff.runInference');
    assert.ok(isSummary(r), JSON.stringify(r));
    assert.equal(r.format, 'text');
    assert.match(r.how, /inference\.model of sentiment\.experiment\.yaml/);
    assert.deepEqual(
      r.predictions.map((p) => [p.line, p.label]),
      [
        [2, 'positive'],
        [4, 'negative'],
        [5, 'positive'],
      ],
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

/** The trained model of the credit example (the newest run). */
function trainedModel(ws: string): string {
  const dir = path.join(ws, '.liftoff', 'runs', 'credit-risk-mlp');
  const runs = readdirSync(dir).sort();
  return path.join(dir, runs[runs.length - 1]!, 'artifacts', 'model.onnx');
}
