/**
 * "Liftoff: Run Inference on Selection": the selection (or the whole document) of the active editor → the model
 * (model-picker) → core inference with a progress bar and cancellation → the results panel. When the experiment
 * of the file has an `inference.text` section (or, for a plain text file that no experiment lists, the nearest
 * experiment with one does), the selected lines go through its tokenizer to a text model instead: one prediction
 * per non-blank line. Returns a plain summary
 * (tests and other extensions read it); problems are shown with what to do and returned as `{error, message}`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText, uiLocale } from '../../error-text';
import { say } from '../../../../core/src/l10n';
import { InferenceError, runTextInference, type ExperimentSettings } from '../../../../core/src/inference';
import { runInference, type InferenceResult } from '../../../../core/src/inference';
import { predictionRecord, type PredictionRecord } from '../../../../core/src/inference';
import { textShown } from './media-view-model';
import { experimentFor, experimentWith, pickModel } from './model-picker';
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
      vscode.l10n.t('Open a CSV, JSON or a list of numbers and select the rows to run the model on.'),
    );
    return undefined;
  }
  const started = performance.now();
  const input = selectionInput(editor);
  const linked = await experimentFor(editor.document.uri);
  const text = await textExperiment(editor.document, linked);
  if (text) return runTextCommand(context, output, input, text, arg);
  const picked = await pickModel(editor.document.uri, arg, undefined, linked);
  if (!picked) return undefined;
  const label = path.basename(picked.model);
  const modelAt = performance.now();
  let result: InferenceResult;
  try {
    result = await vscode.window.withProgress(
      {
        location: input.text.length > BIG_INPUT ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Liftoff: running {0}', label),
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
                message: vscode.l10n.t('{0} / {1} rows', done.toLocaleString(), total.toLocaleString()),
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
    return reportInferenceError(err, input.name, picked.model, output);
  }
  const target =
    result.table.lines && result.table.delimiter !== undefined
      ? { uri: input.uri, version: input.version }
      : { reason: vscode.l10n.t('Insert as column works on delimited rows (CSV, TSV, numbers); this input is JSON.') };
  const ranAt = performance.now();
  InferencePanel.show(context.extensionUri, output, { result, how: picked.how, sourceName: input.name, target });
  const shownAt = performance.now();
  output.info(
    `Inference: ${result.table.n} rows of ${input.name} through ${picked.model} on ${result.provider} in ${result.timing.totalMs.toFixed(1)} ms (${picked.how}); ` +
      `command ${(shownAt - started).toFixed(1)} ms: selection and model ${(modelAt - started).toFixed(1)}, inference ${(ranAt - modelAt).toFixed(1)}, panel ${(shownAt - ranAt).toFixed(1)}`,
  );
  return withPredictions(
    {
      model: result.modelPath,
      how: picked.how,
      provider: result.provider,
      rows: result.table.n,
      format: result.table.format,
      kind: result.predictions.kind,
      notes: result.notes.map((n) => say(uiLocale(), n)),
    },
    () => Array.from({ length: Math.min(result.table.n, 10_000) }, (_, r) => predictionRecord(result, r)),
  );
}

/**
 * The summary with its `predictions` built when first read and not enumerable: callers in this extension host
 * (tests, other extensions through executeCommand) read them as before, but a command run from the palette, whose
 * result VS Code serialises back to the window where nothing reads it, no longer builds and sends thousands of records
 * (bench/inference-panel.ts).
 */
function withPredictions(
  summary: Omit<InferenceSummary, 'predictions'>,
  build: () => readonly PredictionRecord[],
): InferenceSummary {
  let built: readonly PredictionRecord[] | undefined;
  return Object.defineProperty({ ...summary }, 'predictions', {
    enumerable: false,
    get: () => (built ??= build()),
  }) as InferenceSummary;
}

/** The experiment that makes this document's lines text for a text model, if any. */
async function textExperiment(
  doc: vscode.TextDocument,
  linked: ExperimentSettings | undefined,
): Promise<ExperimentSettings | undefined> {
  if (linked) return linked.text?.tokenizer ? linked : undefined;
  const plain = ['plaintext', 'markdown'].includes(doc.languageId) || /\.txt$/i.test(doc.uri.path);
  return plain ? experimentWith(doc.uri, (s) => s.text?.tokenizer !== undefined) : undefined;
}

async function runTextCommand(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  input: ReturnType<typeof selectionInput>,
  experiment: ExperimentSettings,
  arg: unknown,
): Promise<InferenceOutcome> {
  const all = input.text.split(/\r?\n/);
  const lines: string[] = [];
  const numbers: number[] = [];
  all.forEach((l, i) => {
    if (l.trim()) {
      lines.push(l);
      numbers.push(input.firstLine + i);
    }
  });
  if (lines.length === 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Select the lines of text to run the model on (the selection is blank).'),
    );
    return undefined;
  }
  const picked = await pickModel(input.uri, arg, vscode.l10n.t('Text model to run'), experiment);
  if (!picked) return undefined;
  try {
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Window,
        title: vscode.l10n.t('Liftoff: running {0}', path.basename(picked.model)),
        cancellable: true,
      },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await runTextInference(sessions(context), {
            model: picked.model,
            lines,
            names: numbers.map((n) => `line ${n}`),
            experiment: picked.experiment ?? experiment,
            signal: abort.signal,
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const shown = textShown(result, {
      how: picked.how,
      sourceName: input.name,
      lineNumbers: numbers,
      tr: vscode.l10n.t,
    });
    InferencePanel.show(context.extensionUri, output, shown);
    output.info(`Inference: ${lines.length} lines of ${input.name} through ${picked.model} on ${result.provider}`);
    return {
      model: result.modelPath,
      how: picked.how,
      provider: result.provider,
      rows: lines.length,
      format: 'text',
      kind: result.predictions.kind,
      predictions: shown.view.rows.map((r) => ({
        row: r.row,
        ...(r.line !== undefined && { line: r.line }),
        ...(r.top?.length && {
          label: r.top[0]!.label,
          probability: r.top[0]!.p,
          top: r.top.map((t) => ({ label: t.label, probability: t.p })),
        }),
        ...(r.values && { values: r.values }),
      })),
      notes: shown.view.notes,
    };
  } catch (err) {
    if (!(err instanceof InferenceError)) throw err;
    return reportInferenceError(err, input.name, picked.model, output);
  }
}

export function reportInferenceError(
  err: InferenceError,
  source: string,
  model: string,
  output: vscode.LogOutputChannel,
): InferenceOutcome {
  if (err.code === 'cancelled') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Liftoff: inference cancelled.'));
    return { error: err.code, message: err.message };
  }
  const modelProblem = [
    'not-onnx',
    'unbuildable-input',
    'unsupported-operator',
    'invalid-model',
    'dtype',
    'rank',
    'image-preprocessing',
  ].includes(err.code);
  const text = err.isInputProblem
    ? vscode.l10n.t('{0} cannot be used with {1}: {2}', source, path.basename(model), errorText(err))
    : errorText(err);
  output.warn(`Inference: ${text}`);
  const inspect = vscode.l10n.t('Inspect Model');
  const open = vscode.l10n.t('Open Output');
  const actions = modelProblem && err.code !== 'not-onnx' ? [inspect, open] : [open];
  void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff: {0}', text), ...actions).then((choice) => {
    if (choice === inspect) void vscode.commands.executeCommand('liftoff.inspectModel', vscode.Uri.file(model));
    else if (choice === open) output.show(true);
  });
  return { error: err.code, message: text };
}
