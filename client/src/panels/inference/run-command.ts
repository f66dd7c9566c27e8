/**
 * "Liftoff: Run Inference on Selection": the selection (or the whole document) of the active editor → the model
 * (model-picker) → core inference with a progress bar and cancellation → the results panel. Returns a plain summary
 * (tests and other extensions read it); problems are shown with what to do and returned as `{error, message}`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { InferenceError } from '../../../../core/src/inference';
import { runInference, type InferenceResult } from '../../../../core/src/inference';
import { predictionRecord, type PredictionRecord } from '../../../../core/src/inference';
import { pickModel } from './model-picker';
import { InferencePanel } from './panel';
import { selectionInput } from './selection-input';
import { sessions } from './sessions';

export interface InferenceSummary {
  readonly model: string;
  readonly how: string;
  readonly provider: string;
  readonly rows: number;
  readonly format: string;
  readonly kind: string;
  readonly predictions: readonly PredictionRecord[];
  readonly notes: readonly string[];
}

export type InferenceOutcome = InferenceSummary | { readonly error: string; readonly message: string } | undefined;

const BIG_INPUT = 1 << 20;

export async function runInferenceCommand(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  arg?: unknown,
): Promise<InferenceOutcome> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(
      'Open a CSV, JSON or a list of numbers and select the rows to run the model on.',
    );
    return undefined;
  }
  const input = selectionInput(editor);
  const picked = await pickModel(editor.document.uri, arg);
  if (!picked) return undefined;
  const label = path.basename(picked.model);
  let result: InferenceResult;
  try {
    result = await vscode.window.withProgress(
      {
        location: input.text.length > BIG_INPUT ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: `Liftoff: running ${label}`,
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await runInference(sessions(context), {
            model: picked.model,
            text: input.text,
            experiment: picked.experiment,
            signal: abort.signal,
            source: {
              name: input.name,
              firstLine: input.firstLine,
              ...(input.fallbackHeader !== undefined && { fallbackHeader: input.fallbackHeader }),
            },
            onProgress: (done, total) => {
              const pct = (100 * done) / total;
              progress.report({
                increment: pct - reported,
                message: `${done.toLocaleString()} / ${total.toLocaleString()} rows`,
              });
              reported = pct;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    return report(err, input.name, picked.model, output);
  }
  const target =
    result.table.lines && result.table.delimiter !== undefined
      ? { uri: input.uri, version: input.version }
      : { reason: 'Insert as column works on delimited rows (CSV, TSV, numbers); this input is JSON.' };
  InferencePanel.show(context.extensionUri, output, { result, how: picked.how, sourceName: input.name, target });
  output.info(
    `Inference: ${result.table.n} rows of ${input.name} through ${picked.model} on ${result.provider} in ${result.timing.totalMs.toFixed(1)} ms (${picked.how})`,
  );
  return {
    model: result.modelPath,
    how: picked.how,
    provider: result.provider,
    rows: result.table.n,
    format: result.table.format,
    kind: result.predictions.kind,
    predictions: Array.from({ length: Math.min(result.table.n, 10_000) }, (_, r) => predictionRecord(result, r)),
    notes: result.notes,
  };
}

function report(err: InferenceError, source: string, model: string, output: vscode.LogOutputChannel): InferenceOutcome {
  if (err.code === 'cancelled') {
    void vscode.window.showInformationMessage('Liftoff: inference cancelled.');
    return { error: err.code, message: err.message };
  }
  const modelProblem = [
    'not-onnx',
    'unbuildable-input',
    'unsupported-operator',
    'invalid-model',
    'dtype',
    'rank',
  ].includes(err.code);
  const text = err.isInputProblem
    ? `${source} cannot be used with ${path.basename(model)}: ${err.message}`
    : err.message;
  output.warn(`Inference: ${text}`);
  const actions = modelProblem && err.code !== 'not-onnx' ? ['Inspect Model', 'Open Output'] : ['Open Output'];
  void vscode.window.showErrorMessage(`Liftoff: ${text}`, ...actions).then((choice) => {
    if (choice === 'Inspect Model') void vscode.commands.executeCommand('liftoff.inspectModel', vscode.Uri.file(model));
    else if (choice === 'Open Output') output.show(true);
  });
  return { error: err.code, message: text };
}
