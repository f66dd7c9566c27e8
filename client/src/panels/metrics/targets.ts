/**
 * Which runs "Liftoff: Show Metrics" shows, from what it was invoked on: a run of the Runs view (that run), an
 * experiment of the Runs view or an experiment file from the code lens (its latest run and any still active), or
 * nothing from the palette (a multi-select quick pick of the workspace's runs, the shown ones checked).
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { stateText, type RunHandle } from '../../../../core/src/runs';
import { uiLocale } from '../../error-text';
import type { RunsController } from '../../runs/controller';
import { duration, type RunsNode } from '../../runs/runs-tree';

export interface MetricsTargets {
  readonly runs: readonly RunHandle[];
  /** Replace the panel's selection (the quick pick) rather than add to it. */
  readonly replace: boolean;
}

const isActive = (r: RunHandle) => r.record.state === 'running' || r.record.state === 'queued';

/** The newest run and every active one (lists come newest first). */
export function latestRuns(runs: readonly RunHandle[]): RunHandle[] {
  return runs.filter((r, i) => i === 0 || isActive(r));
}

async function allRuns(controller: RunsController): Promise<RunHandle[]> {
  return (await Promise.all(controller.stores().map((s) => s.list())))
    .flat()
    .sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt));
}

async function experimentRuns(controller: RunsController, uri: vscode.Uri): Promise<RunHandle[] | undefined> {
  let name: unknown;
  try {
    const text =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ??
      (await readFile(uri.fsPath, 'utf8'));
    name = (parse(text) as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  } catch {
    name = undefined;
  }
  if (typeof name !== 'string' || !name) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Liftoff: {0} has no metadata.name, so its runs cannot be found.',
        vscode.workspace.asRelativePath(uri),
      ),
    );
    return undefined;
  }
  const runs = await controller.storeFor(uri).list(name);
  if (runs.length === 0) {
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('No runs of {0} yet: press ▶ Train above its run: section first.', name),
        vscode.l10n.t('Train'),
      )
      .then((c) => {
        if (c) void vscode.commands.executeCommand('liftoff.train', uri);
      });
    return undefined;
  }
  return latestRuns(runs);
}

export async function metricsTargets(
  arg: unknown,
  controller: RunsController,
  shown: readonly string[],
): Promise<MetricsTargets | undefined> {
  const node = arg as RunsNode | undefined;
  if (node?.kind === 'run') return { runs: [node.run], replace: false };
  if (node?.kind === 'experiment') return { runs: latestRuns(node.runs), replace: false };
  if (arg instanceof vscode.Uri || typeof arg === 'string') {
    const uri = arg instanceof vscode.Uri ? arg : vscode.Uri.parse(arg);
    const runs = await experimentRuns(controller, uri);
    return runs && { runs, replace: false };
  }
  const runs = await allRuns(controller);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('No runs yet: open an experiment and press ▶ Train above its run: section.'),
    );
    return undefined;
  }
  const checked = new Set(shown.length ? shown : [runs[0]!.record.id]);
  const items = runs.map((r) => ({
    label: r.record.id,
    description: `${r.record.experiment} · ${stateText(uiLocale(), r.record.state)} · ${duration(r.record)}`,
    picked: checked.has(r.record.id),
    run: r,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Show metrics of runs'),
    placeHolder: vscode.l10n.t('Runs to chart (Enter accepts the checked ones)'),
  });
  return picked && picked.length ? { runs: picked.map((p) => p.run), replace: true } : undefined;
}
