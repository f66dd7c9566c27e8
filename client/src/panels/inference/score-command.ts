/**
 * "Liftoff: Score File…": a CSV / TSV / JSON-lines file of any size → the model → a results CSV, through core
 * `scoreFile` (streamed, constant memory). This side only picks (the file from the Explorer, the active editor or a
 * dialog; the model as Run Inference does; where to write), shows progress with Cancel, and reports. Returns a plain
 * summary for tests and other extensions; `{input, model, out}` as the argument skips every picker.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorText, sayPhrase } from '../../error-text';
import { fileSink, InferenceError, scoreFile, type ScoreSummary } from '../../../../core/src/inference';
import { pickModel } from './model-picker';
import { sessions } from './sessions';

export interface ScoreOutcome {
  readonly input: string;
  readonly model: string;
  readonly out: string;
  readonly rows: number;
  readonly failed: number;
  readonly cancelled: boolean;
  readonly errors: ScoreSummary['errors'];
}

const DATA = /\.(csv|tsv|txt|jsonl|ndjson)$/i;

interface Given {
  readonly input?: string;
  readonly model?: string;
  readonly out?: string;
}

function given(arg: unknown): Given {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? { input: arg.fsPath } : {};
  if (typeof arg !== 'object' || arg === null) return {};
  const o = arg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    ...(str(o.input) && { input: str(o.input) }),
    ...(str(o.model) && { model: str(o.model) }),
    ...(str(o.out) && { out: str(o.out) }),
  };
}

async function pickInput(): Promise<string | undefined> {
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.uri.scheme === 'file' && DATA.test(doc.uri.fsPath)) return doc.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('CSV, TSV or JSON lines')]: ['csv', 'tsv', 'txt', 'jsonl', 'ndjson'] },
    openLabel: vscode.l10n.t('Score File'),
  });
  return picked?.[0]?.fsPath;
}

export async function scoreFileCommand(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  arg?: unknown,
): Promise<ScoreOutcome | { readonly error: string; readonly message: string } | undefined> {
  const g = given(arg);
  const input = g.input ?? (await pickInput());
  if (!input) return undefined;
  // The experiment linked to the file (its labels, feature order, top_k) applies whether the model is given or picked.
  const picked = await pickModel(
    vscode.Uri.file(input),
    g.model ? vscode.Uri.file(g.model) : undefined,
    vscode.l10n.t('Model to score the file with'),
  );
  if (!picked) return undefined;
  const { experiment } = picked;
  let out = g.out;
  if (!out) {
    const suggested = path.join(path.dirname(input), `${path.basename(input).replace(/\.[^.]+$/, '')}.predictions.csv`);
    out = (
      await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(suggested),
        filters: { CSV: ['csv'] },
        saveLabel: vscode.l10n.t('Write Results'),
      })
    )?.fsPath;
  }
  if (!out) return undefined;
  if (path.resolve(out) === path.resolve(input)) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Liftoff: the results cannot be written over the file being scored.'),
    );
    return { error: 'usage', message: 'results over input' };
  }
  const name = path.basename(input);
  const sink = fileSink(out);
  let summary: ScoreSummary;
  try {
    summary = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Liftoff: scoring {0}', name),
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await scoreFile(sessions(context), {
            model: picked.model,
            input,
            sink,
            ...(experiment && { experiment }),
            signal: abort.signal,
            onProgress: (p) => {
              const pct = p.bytesTotal ? (100 * p.bytesRead) / p.bytesTotal : 100;
              progress.report({
                increment: pct - reported,
                message: p.failed
                  ? vscode.l10n.t('{0} rows, {1} failed', p.rows.toLocaleString(), p.failed.toLocaleString())
                  : vscode.l10n.t('{0} rows', p.rows.toLocaleString()),
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
    await sink.close().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    if (err instanceof Error && (e.path === out || e.syscall === 'write')) {
      const text = vscode.l10n.t('cannot write {0}: {1}', out, errorText(err));
      output.warn(`Score File: ${text}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff: {0}', text));
      return { error: 'write', message: text };
    }
    if (!(err instanceof InferenceError)) throw err;
    const text = vscode.l10n.t('{0} cannot be used with {1}: {2}', name, path.basename(picked.model), errorText(err));
    output.warn(`Score File: ${text}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff: {0}', text), vscode.l10n.t('Open Output')).then((c) => {
      if (c) output.show(true);
    });
    return { error: err.code, message: text };
  }
  try {
    await sink.close();
  } catch (err) {
    const text = vscode.l10n.t('cannot write {0}: {1}', out, errorText(err));
    void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff: {0}', text));
    return { error: 'write', message: text };
  }
  const results = vscode.Uri.file(out);
  const outName = path.basename(out);
  output.info(
    `Score File: ${summary.rows} rows of ${input} scored, ${summary.failed} failed, through ${picked.model} on ${summary.provider} in ${(summary.ms / 1000).toFixed(2)} s → ${out}${summary.cancelled ? ' (cancelled)' : ''}`,
  );
  for (const e of summary.errors.slice(0, 20)) output.warn(`${input}:${e.line}: ${sayPhrase(e.phrase ?? e.message)}`);
  const counts = summary.failed
    ? vscode.l10n.t(
        '{0} rows scored, {1} failed (see the error column)',
        summary.rows.toLocaleString(),
        summary.failed.toLocaleString(),
      )
    : vscode.l10n.t('{0} rows scored', summary.rows.toLocaleString());
  const openResults = vscode.l10n.t('Open Results');
  const openOutput = vscode.l10n.t('Open Output');
  const open = (choice: string | undefined) => {
    if (choice === openResults) void vscode.window.showTextDocument(results);
    else if (choice === openOutput) output.show(true);
  };
  if (summary.cancelled)
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Liftoff: scoring cancelled; {0} holds the {1}.', outName, counts),
        openResults,
      )
      .then(open);
  else if (summary.failed)
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Liftoff: {0}: {1} → {2}.', name, counts, outName), openResults, openOutput)
      .then(open);
  else
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Liftoff: {0}: {1} → {2}.', name, counts, outName), openResults)
      .then(open);
  return {
    input,
    model: picked.model,
    out,
    rows: summary.rows,
    failed: summary.failed,
    cancelled: summary.cancelled,
    errors: summary.errors,
  };
}
