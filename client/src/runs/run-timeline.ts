/**
 * "Liftoff: Show Run Timeline" and "Liftoff: Show Run Logs Side by Side": read-only documents of a run's stdout and
 * stderr, interleaved with its state changes (queued → running → …, with Slurm's reasons), each line with the time it
 * arrived — or the two logs beside each other. Both read through core's RunLogReader (the reader of
 * `liftoff runs log`) and follow a run that is still going. Reading only: they need no trust and write nothing.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { JOB_EXIT_MARKER } from '../../../core/src/launchers';
import {
  FINISHED_STATES,
  RunLogReader,
  RunStore,
  entryShown,
  formatTimelineEntry,
  reasonText,
  type RunHandle,
  type StreamChoice,
} from '../../../core/src/runs';
import type { CommandSpec } from '../command-spec';
import { uiLocale } from '../error-text';
import type { RunsController } from './controller';
import type { RunsNode } from './runs-tree';

export const RUN_LOG_SCHEME = 'liftoff-run-log';
/** Lines a document keeps; older ones give way (the whole log is in the run folder). */
const MAX_LINES = 20_000;
const FOLLOW_MS = 500;

interface Followed {
  readonly run: RunHandle;
  readonly view: StreamChoice;
  readonly reader: RunLogReader;
  lines: string[];
  dropped: number;
  ended: boolean;
  timer?: NodeJS.Timeout;
}

const TITLES: Record<StreamChoice, string> = { both: 'timeline', stdout: 'stdout', stderr: 'stderr' };

/** The document of a run's view: `liftoff-run-log:/<experiment>/<run id>.<view>?<run folder>`. */
export function runLogUri(run: RunHandle, view: StreamChoice): vscode.Uri {
  return vscode.Uri.from({
    scheme: RUN_LOG_SCHEME,
    path: `/${run.record.experiment}/${run.record.id}.${TITLES[view]}`,
    query: new URLSearchParams({ dir: run.dir, view }).toString(),
  });
}

/** Serves the documents, and keeps those of running runs up to date while they are open. */
export class RunLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly followed = new Map<string, Followed>();
  private readonly closing: vscode.Disposable;

  constructor() {
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme !== RUN_LOG_SCHEME) return;
      const f = this.followed.get(doc.uri.toString());
      if (f?.timer) clearTimeout(f.timer);
      this.followed.delete(doc.uri.toString());
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = uri.toString();
    let f = this.followed.get(key);
    if (!f) {
      const q = new URLSearchParams(uri.query);
      const dir = q.get('dir') ?? '';
      const view = (['both', 'stdout', 'stderr'] as const).find((v) => v === q.get('view')) ?? 'both';
      // Only a run folder of an open workspace folder is read, whatever a URI names.
      const record =
        path.isAbsolute(dir) && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir)) && isRunDir(dir)
          ? await RunStore.read(dir)
          : undefined;
      if (!record) return `No Liftoff run in ${dir || '(no folder)'}: it was deleted, or this is not a run folder.\n`;
      const run = { dir, record };
      f = { run, view, reader: new RunLogReader(run), lines: [], dropped: 0, ended: false };
      this.followed.set(key, f);
      await this.update(f);
      this.follow(uri, f);
    }
    return render(f);
  }

  private async update(f: Followed): Promise<void> {
    const now = await RunStore.read(f.run.dir);
    const ended =
      !now ||
      FINISHED_STATES.has(now.state) ||
      (now.launcher === 'slurm' && existsSync(path.join(f.run.dir, JOB_EXIT_MARKER)));
    const entries = f.reader.read({ final: ended });
    for (const e of entries)
      if (entryShown(e, f.view))
        f.lines.push(formatTimelineEntry(e, { streamColumn: f.view === 'both', locale: uiLocale() }));
    if (f.lines.length > MAX_LINES) {
      f.dropped += f.lines.length - MAX_LINES;
      f.lines = f.lines.slice(-MAX_LINES);
    }
    f.ended = ended;
  }

  private follow(uri: vscode.Uri, f: Followed): void {
    if (f.ended) return;
    f.timer = setTimeout(() => {
      void this.update(f).then(() => {
        if (!this.followed.has(uri.toString())) return;
        this.changed.fire(uri);
        this.follow(uri, f);
      });
    }, FOLLOW_MS);
  }

  dispose(): void {
    for (const f of this.followed.values()) if (f.timer) clearTimeout(f.timer);
    this.followed.clear();
    this.closing.dispose();
    this.changed.dispose();
  }
}

function isRunDir(dir: string): boolean {
  try {
    return RunStore.ofRunDir(dir).holds(dir);
  } catch {
    return false;
  }
}

function render(f: Followed): string {
  const r = f.run.record;
  const what =
    f.view === 'both' ? 'stdout and stderr with its state changes, each line with the time it arrived (UTC)' : f.view;
  const head = [
    `Liftoff run ${r.id} of ${r.experiment} (${r.launcher}): ${what}.`,
    f.ended ? '' : 'Following the run: new lines appear as they come.',
    f.dropped ? `… ${f.dropped} earlier lines not shown here; the whole log is in the run folder.` : '',
  ].filter(Boolean);
  const body = f.lines.length ? f.lines : [f.view === 'both' ? '(nothing yet)' : `(nothing on ${f.view} yet)`];
  return [...head, '', ...body, ''].join('\n');
}

async function pickRun(controller: RunsController): Promise<RunHandle | undefined> {
  const runs = (await Promise.all(controller.stores().map((s) => s.list()))).flat();
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no Liftoff runs in this workspace yet.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({
      label: `${run.record.experiment} ${run.record.id}`,
      description: `${run.record.state}${run.record.reason ? `: ${reasonText(uiLocale(), run.record)}` : ''}`,
      run,
    })),
    { placeHolder: vscode.l10n.t('Which run?') },
  );
  return picked?.run;
}

/** The run a command was invoked on (a Runs view item), or one the user picks. */
async function targetRun(controller: RunsController, node: unknown): Promise<RunHandle | undefined> {
  const n = node as RunsNode | undefined;
  return n?.kind === 'run' ? n.run : pickRun(controller);
}

export function runTimelineCommandSpecs(context: vscode.ExtensionContext, controller: RunsController): CommandSpec[] {
  const docs = new RunLogDocuments();
  context.subscriptions.push(docs, vscode.workspace.registerTextDocumentContentProvider(RUN_LOG_SCHEME, docs));
  const open = async (run: RunHandle, view: StreamChoice, column: vscode.ViewColumn) => {
    const doc = await vscode.workspace.openTextDocument(runLogUri(run, view));
    if (doc.languageId !== 'log') await vscode.languages.setTextDocumentLanguage(doc, 'log').then(undefined, () => doc);
    return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
  };
  return [
    {
      id: 'liftoff.showRunTimeline',
      run: async (node: unknown) => {
        const run = await targetRun(controller, node);
        return run ? open(run, 'both', vscode.ViewColumn.Active) : undefined;
      },
    },
    {
      id: 'liftoff.showRunLogs',
      run: async (node: unknown) => {
        const run = await targetRun(controller, node);
        if (!run) return undefined;
        if (!existsSync(RunStore.file(run, 'stderr'))) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t(
              'Run {0} is from before Liftoff kept stderr apart: its one log holds both, shown as its timeline.',
              run.record.id,
            ),
          );
          return open(run, 'both', vscode.ViewColumn.Active);
        }
        await open(run, 'stdout', vscode.ViewColumn.Active);
        return open(run, 'stderr', vscode.ViewColumn.Beside);
      },
    },
  ];
}
