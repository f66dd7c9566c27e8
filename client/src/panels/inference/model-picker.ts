/**
 * The model to run: an explicit argument; else the experiment's `inference.model`, else the latest succeeded run's
 * export of the experiment linked to the active file (core/src/inference/model-resolution); else a quick pick of
 * the workspace's `*.onnx` files, newest first, with "Browse…".
 */
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExperimentSettings } from '../../../../core/src/inference';
import { linkedExperiment, readExperimentSettings, resolveModel } from '../../../../core/src/inference';
import { say } from '../../../../core/src/l10n';
import { uiLocale } from '../../error-text';

export interface PickedModel {
  readonly model: string;
  readonly how: string;
  readonly experiment?: ExperimentSettings;
}

const EXCLUDE = '**/{node_modules,.git}/**';

function asFileUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg : undefined;
  if (typeof arg === 'string' && arg) return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  return undefined;
}

const EXPERIMENTS = '**/*.experiment.{yaml,yml}';
const EXCLUDED = /[\\/](node_modules|\.git)[\\/]/;
let known: Promise<Set<string>> | undefined;
let watching: vscode.Disposable | undefined;

/**
 * The workspace's experiment files: searched once (a file search is a round trip through VS Code's search service,
 * a few hundred milliseconds in a remote window), then kept current by a file watcher, so that running inference
 * again does not search again.
 */
async function experimentFiles(near?: string): Promise<string[]> {
  if (!known) {
    const found = Promise.resolve(vscode.workspace.findFiles(EXPERIMENTS, EXCLUDE, 500)).then(
      (uris) => new Set(uris.map((u) => u.fsPath)),
    );
    known = found;
    const watcher = vscode.workspace.createFileSystemWatcher(EXPERIMENTS, false, true, false);
    watching = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((u) => void found.then((s) => !EXCLUDED.test(u.fsPath) && s.add(u.fsPath))),
      watcher.onDidDelete((u) => void found.then((s) => s.delete(u.fsPath))),
      // Another folder set: search again on the next run.
      vscode.workspace.onDidChangeWorkspaceFolders(() => forgetExperimentFiles()),
    );
  }
  const files = new Set(await known);
  // The watcher hears of a new file a moment after it is written: an experiment saved just now beside the data, or
  // in a folder above it, is read from the disk (a few small directory reads) so that it is never missed.
  if (near) for (const f of await experimentsAbove(near)) files.add(f);
  return [...files];
}

const EXPERIMENT_FILE = /\.experiment\.ya?ml$/;

/** Experiment files in `file`'s folder and the folders above it, up to its workspace folder. */
async function experimentsAbove(file: string): Promise<string[]> {
  const root = workspaces().find((w) => !path.relative(w, file).startsWith('..'));
  if (!root) return [];
  const out: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names) if (EXPERIMENT_FILE.test(n)) out.push(path.join(dir, n));
    if (dir === root || path.dirname(dir) === dir || path.relative(root, dir).startsWith('..')) break;
  }
  return out;
}

/** Drops the remembered experiment files and their watcher (on deactivation, or when the folders change). */
export function forgetExperimentFiles(): void {
  watching?.dispose();
  watching = undefined;
  known = undefined;
}

export async function experimentFor(file: vscode.Uri | undefined): Promise<ExperimentSettings | undefined> {
  if (!file || file.scheme !== 'file') return undefined;
  return linkedExperiment(file.fsPath, await experimentFiles(file.fsPath));
}

/**
 * The experiment for files no experiment lists as data (images, a text file): the linked one when it has what
 * `wanted` asks for (an `inference.image` or `inference.text` section), else the nearest experiment that has it.
 */
export async function experimentWith(
  file: vscode.Uri | undefined,
  wanted: (s: ExperimentSettings) => boolean,
): Promise<ExperimentSettings | undefined> {
  if (!file || file.scheme !== 'file') return undefined;
  const linked = await experimentFor(file);
  if (linked && wanted(linked)) return linked;
  const dir = path.dirname(file.fsPath);
  const far = (f: string) => path.relative(path.dirname(f), dir).split(path.sep).filter(Boolean).length;
  const files = (await experimentFiles(file.fsPath)).sort((a, b) => far(a) - far(b) || a.localeCompare(b));
  for (const f of files) {
    const s = await readExperimentSettings(f);
    if (s && wanted(s)) return s;
  }
  return undefined;
}

function workspaces(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export async function pickModel(
  activeFile: vscode.Uri | undefined,
  arg?: unknown,
  purpose?: string,
  found?: ExperimentSettings,
): Promise<PickedModel | undefined> {
  purpose ??= vscode.l10n.t('Model to run');
  const experiment = found ?? (await experimentFor(activeFile));
  const given = asFileUri(arg);
  if (given) return { model: given.fsPath, how: vscode.l10n.t('chosen'), ...(experiment && { experiment }) };
  const resolved = await resolveModel(experiment, workspaces());
  if (experiment?.model && resolved?.from !== 'inference.model') {
    void vscode.window.showWarningMessage(
      resolved
        ? vscode.l10n.t(
            '`inference.model` of {0} ({1}) does not exist; using {2}.',
            vscode.workspace.asRelativePath(experiment.file),
            vscode.workspace.asRelativePath(experiment.model),
            say(uiLocale(), resolved.how),
          )
        : vscode.l10n.t(
            '`inference.model` of {0} ({1}) does not exist.',
            vscode.workspace.asRelativePath(experiment.file),
            vscode.workspace.asRelativePath(experiment.model),
          ),
    );
  }
  if (resolved) return { model: resolved.model, how: say(uiLocale(), resolved.how), ...(experiment && { experiment }) };
  const files = await vscode.workspace.findFiles('**/*.onnx', EXCLUDE, 2000);
  const dated = files
    .map((uri) => {
      try {
        const s = statSync(uri.fsPath);
        return { uri, mtime: s.mtimeMs, size: s.size };
      } catch {
        return { uri, mtime: 0, size: 0 };
      }
    })
    .sort((a, b) => b.mtime - a.mtime);
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = dated.map((f) => ({
    label: `$(file-binary) ${vscode.workspace.asRelativePath(f.uri)}`,
    description: `${(f.size / 1024).toFixed(f.size < 10_240 ? 1 : 0)} KiB · ${f.mtime ? new Date(f.mtime).toLocaleString() : ''}`,
    uri: f.uri,
  }));
  items.push({
    label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`,
    description: vscode.l10n.t('an .onnx file outside the workspace'),
  });
  const placeHolder = experiment
    ? vscode.l10n.t('{0}: {1} has no `inference.model` and no succeeded run with a model yet', purpose, experiment.name)
    : vscode.l10n.t('{0} (no experiment in the workspace uses this file)', purpose);
  const choice = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  if (!choice) return undefined;
  let uri = choice.uri;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [vscode.l10n.t('ONNX model')]: ['onnx'] },
      openLabel: vscode.l10n.t('Use Model'),
    });
    uri = picked?.[0];
  }
  return uri
    ? { model: uri.fsPath, how: vscode.l10n.t('chosen from the workspace'), ...(experiment && { experiment }) }
    : undefined;
}
