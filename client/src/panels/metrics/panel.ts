/**
 * The metrics panel (one per window). The host side owns the data: a series store filled by one `RunFeed` per
 * selected run; it answers the webview's `ready` with the full state, then sends only new points, coalesced to at
 * most one message per FLUSH_MS. While the panel is hidden its page is gone (no retainContextWhenHidden): the
 * store keeps following the runs and the page gets everything again when it comes back. Settings persist per
 * workspace and come back after a window reload through the serializer.
 */
import * as vscode from 'vscode';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { FINISHED_STATES } from '../../../../core/src/runs/run-record';
import type { RunHandle } from '../../../../core/src/runs/run-store';
import type { RunsController } from '../../runs/controller';
import { chunkMessages } from './chunks';
import { DEFAULT_SETTINGS, METRICS_VIEW_TYPE, parseSettings, parseWebviewMessage, type ComparisonTable, type HostMessage, type MetricsSettings, type Notice, type RunInfo, type WebviewMessage } from './contract';
import { exportCsv, savePng, type CsvExport } from './export';
import { bundleRoot, webviewShell } from '../webview-shell';
import { createRunFeed, type RunFeed } from '../../../../core/src/metrics/run-feed';
import type { RunConfig } from '../../../../core/src/metrics/run-config';
import { comparisonOf, corruptNotices, runInfoOf } from './view-model';

export interface MetricsDeps {
  readonly context: vscode.ExtensionContext;
  readonly runs: RunsController;
  readonly output?: vscode.LogOutputChannel;
}

/** Live updates are coalesced to at most one message per this many ms (≤ 10 a second). */
const FLUSH_MS = 100;
/** The comparison table is recomputed at most this often while runs write. */
const COMPARE_MS = 2000;
const STATE_KEY = 'liftoff.metrics.settings';

const isActive = (r: RunHandle) => !FINISHED_STATES.has(r.record.state);

export class MetricsPanel implements vscode.Disposable {
  private static current: MetricsPanel | undefined;
  private readonly store = new SeriesStore();
  private readonly feeds = new Map<string, RunFeed>();
  private readonly configs = new Map<string, RunConfig>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly notices = new Map<string, Notice>();
  private runs = new Map<string, RunHandle>();
  private settings: MetricsSettings;
  /** The page answered `ready` and has the full state: deltas may go. */
  private ready = false;
  private sentVersion = 0;
  private lastFlush = 0;
  private lastCompare = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private loading = 0;
  private sentLoading = false;
  private disposed = false;

  /** Opens the panel (or reveals the open one) for `runs`: added to the selection, or replacing it. */
  static async show(deps: MetricsDeps, runs: readonly RunHandle[], replace: boolean): Promise<MetricsPanel> {
    let p = MetricsPanel.current;
    if (!p) {
      const panel = vscode.window.createWebviewPanel(METRICS_VIEW_TYPE, 'Liftoff Metrics', { viewColumn: vscode.ViewColumn.Active }, options(deps.context.extensionUri));
      p = new MetricsPanel(panel, deps, true);
      replace = true;
    } else {
      p.panel.reveal(undefined, false);
    }
    await p.refreshRuns(runs);
    const keys = runs.map((r) => r.record.id);
    await p.select(replace ? keys : [...p.settings.selected, ...keys.filter((k) => !p.settings.selected.includes(k))]);
    return p;
  }

  /** Re-attaches a panel VS Code restored after a window reload (see serializer.ts). */
  static async revive(panel: vscode.WebviewPanel, deps: MetricsDeps): Promise<MetricsPanel> {
    MetricsPanel.current?.dispose();
    panel.webview.options = options(deps.context.extensionUri);
    const p = new MetricsPanel(panel, deps, false);
    await p.refreshRuns();
    await p.select(p.settings.selected);
    return p;
  }

  static get open(): MetricsPanel | undefined { return MetricsPanel.current; }

  private constructor(readonly panel: vscode.WebviewPanel, private readonly deps: MetricsDeps, fresh: boolean) {
    MetricsPanel.current = this;
    const saved = parseSettings(deps.context.workspaceState.get(STATE_KEY)) ?? DEFAULT_SETTINGS;
    this.settings = fresh ? { ...saved, selected: [] } : saved;
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) { deps.output?.warn(`Metrics panel: ignored an invalid message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`); return; }
        this.onMessage(msg).catch((err: unknown) => this.failed(msg.type, err));
      }),
      // Hidden, the page is torn down; shown again, it reloads and says `ready`.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      deps.runs.tree.onDidChangeTreeData(() => this.scheduleRefresh()),
      // A run folder deleted outside the Runs view (its run.json watcher may only hear about the folder).
      ...deletions(() => this.scheduleRefresh()),
      { dispose: this.store.onChange(() => this.scheduleFlush()) },
    );
    panel.webview.html = webviewShell(panel.webview, deps.context.extensionUri, 'metrics', 'Metrics', 'Loading metrics…', { tag: 'div', id: 'app', state: 'loading' });
  }

  get selected(): readonly string[] { return this.settings.selected; }

  /** "Liftoff: Export Metrics as CSV": every point of the selected runs (to `target` when given). */
  exportCsv(target?: unknown): Promise<CsvExport | undefined> {
    return exportCsv(this.store, this.settings.selected.filter((k) => this.feeds.has(k)), target);
  }

  private async onMessage(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready': this.sendFullState(); return;
      case 'settings': {
        const before = this.settings.selected;
        await this.saveSettings(msg.settings);
        if (before.join('\n') !== msg.settings.selected.join('\n')) await this.syncFeeds();
        return;
      }
      case 'exportCsv': {
        const done = await this.exportCsv();
        if (done) this.post({ type: 'status', text: `Exported ${done.rows.toLocaleString('en-US')} rows to ${done.file}` });
        return;
      }
      case 'savePng': {
        const file = await savePng(msg.chart, msg.dataUrl);
        if (file) this.post({ type: 'status', text: `Saved ${file}` });
        return;
      }
    }
  }

  /** A request from the page that failed: say what and why, with a way to the log. */
  private failed(what: WebviewMessage['type'], err: unknown): void {
    const action = what === 'exportCsv' ? 'export the CSV' : what === 'savePng' ? 'save the chart' : what === 'settings' ? 'load the selected runs' : 'show the metrics';
    const why = err instanceof Error ? err.message : String(err);
    this.deps.output?.error(`Metrics panel: could not ${action}: ${why}`);
    this.post({ type: 'status', text: `Could not ${action}: ${why}` });
    void vscode.window.showErrorMessage(`Liftoff could not ${action}: ${why}`, 'Open Output').then((c) => { if (c) this.deps.output?.show(); });
  }

  private async saveSettings(s: MetricsSettings): Promise<void> {
    this.settings = s;
    await this.deps.context.workspaceState.update(STATE_KEY, s);
  }

  private async select(keys: readonly string[]): Promise<void> {
    const colors = { ...this.settings.colors };
    const used = new Set(keys.map((k) => colors[k]).filter((c) => c !== undefined));
    let next = 0;
    for (const k of keys) {
      if (colors[k] !== undefined) continue;
      while (used.has(next)) next++;
      colors[k] = next;
      used.add(next);
    }
    for (const k of Object.keys(colors)) if (!keys.includes(k) && !this.runs.has(k)) delete colors[k];
    await this.saveSettings({ ...this.settings, selected: [...keys], colors });
    await this.syncFeeds();
  }

  /** Starts feeds for newly selected runs and drops the data of runs no longer selected (or gone). */
  private async syncFeeds(): Promise<void> {
    const missing = this.settings.selected.filter((k) => !this.runs.has(k));
    if (missing.length) {
      const unexplained = missing.filter((k) => !this.notices.has(`deleted:${k}`));
      if (unexplained.length) {
        this.notice('missing', 'warning', `Not shown: ${unexplained.length} run${unexplained.length === 1 ? '' : 's'} no longer in the workspace (${unexplained.slice(0, 3).join(', ')}${unexplained.length > 3 ? ', …' : ''}).`);
      }
      await this.saveSettings({ ...this.settings, selected: this.settings.selected.filter((k) => this.runs.has(k)) });
    }
    const wanted = new Set(this.settings.selected);
    for (const [key, feed] of this.feeds) {
      if (wanted.has(key)) continue;
      feed.close();
      this.feeds.delete(key);
      this.configs.delete(key);
      this.store.deleteRun(key);
    }
    const starting: Array<Promise<void>> = [];
    for (const key of this.settings.selected) if (!this.feeds.has(key)) starting.push(this.startFeed(key, this.runs.get(key)!));
    this.postRuns();
    await Promise.all(starting);
  }

  private async startFeed(key: string, run: RunHandle): Promise<void> {
    this.loading++;
    try {
      const feed = await createRunFeed(this.store, run, key);
      if (this.disposed || !this.settings.selected.includes(key)) return;
      this.configs.set(key, feed.config);
      this.feeds.set(key, feed);
      await feed.start(isActive(run));
    } finally {
      this.loading--;
      this.scheduleFlush();
      this.postRuns();
    }
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshRuns().then(() => this.syncFeeds()).catch((err: unknown) => this.deps.output?.warn(`Metrics panel: could not re-read the runs: ${String(err)}`));
    }, 250);
  }

  /** Re-reads the workspace's runs: notices deleted runs, finishes feeds of runs that ended, finds new files. */
  private async refreshRuns(known?: readonly RunHandle[]): Promise<void> {
    const all = (await Promise.all(this.deps.runs.stores().map((s) => s.list()))).flat();
    for (const r of known ?? []) if (!all.some((a) => a.record.id === r.record.id)) all.push(r);
    const next = new Map(all.map((r) => [r.record.id, r]));
    for (const key of this.settings.selected) {
      if (this.runs.has(key) && !next.has(key)) {
        this.notice(`deleted:${key}`, 'warning', `Run ${key} was deleted while shown: its curves were removed.`);
      }
    }
    this.runs = next;
    for (const [key, feed] of this.feeds) {
      const run = next.get(key);
      if (!run) continue;
      if (isActive(run)) void feed.rescan();
      else if (isActive(feed.run)) await feed.finish(); // the run ended: read the rest and stop following
      feed.run = run;
    }
    this.postRuns();
  }

  private notice(key: string, level: Notice['level'], text: string): void {
    this.notices.set(key, { key, level, text });
  }

  private runInfos(): RunInfo[] {
    return [...this.runs.values()].map((r) => runInfoOf(r, this.configs.get(r.record.id)));
  }

  private allNotices(): Notice[] {
    return [...this.notices.values(), ...corruptNotices(this.feeds.values(), (f) => vscode.workspace.asRelativePath(f))];
  }

  private comparison(): ComparisonTable {
    this.lastCompare = Date.now();
    return comparisonOf(this.settings.selected, this.runs, this.configs, this.store);
  }

  private postRuns(): void {
    if (!this.ready) return;
    this.post({
      type: 'runs', runs: this.runInfos(), selected: this.settings.selected,
      comparison: this.comparison(), notices: this.allNotices(),
    });
  }

  private sendFullState(): void {
    this.ready = true;
    this.sentVersion = this.store.version;
    this.sentLoading = this.loading > 0;
    this.post({
      type: 'init', settings: this.settings, runs: this.runInfos(), comparison: this.comparison(),
      notices: this.allNotices(), loading: this.sentLoading,
    });
    const views = this.settings.selected.flatMap((run) => this.store.names(run).map((n) => ({ ...this.store.series(run, n)!, from: 0 })));
    const messages = chunkMessages(views, (run) => this.t0(run));
    messages.forEach((chunks, i) => this.post({ type: 'series', chunks, loading: i < messages.length - 1 || this.sentLoading }));
    this.lastFlush = Date.now();
  }

  private t0(run: string): number {
    const started = Date.parse(this.runs.get(run)?.record.startedAt ?? '');
    return Number.isFinite(started) ? started / 1000 : 0;
  }

  private scheduleFlush(): void {
    if (!this.ready || this.flushTimer || this.disposed) return;
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, this.lastFlush + FLUSH_MS - Date.now()));
  }

  /** Sends the points added since the last message (only of selected runs) and whether loading is over. */
  private flush(): void {
    this.flushTimer = undefined;
    if (!this.ready || !this.panel.visible || this.disposed) return;
    const delta = this.store.sinceVersion(this.sentVersion);
    this.sentVersion = delta.version;
    const selected = new Set(this.settings.selected);
    const messages = chunkMessages(delta.series.filter((s) => selected.has(s.run)), (run) => this.t0(run));
    const loading = this.loading > 0;
    if (messages.length === 0 && loading !== this.sentLoading) messages.push([]);
    messages.forEach((chunks) => this.post({ type: 'series', chunks, loading }));
    this.sentLoading = loading;
    this.lastFlush = Date.now();
    if (messages.length && Date.now() - this.lastCompare >= COMPARE_MS) this.postRuns();
  }

  private post(msg: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.refreshTimer);
    if (MetricsPanel.current === this) MetricsPanel.current = undefined;
    for (const f of this.feeds.values()) f.close();
    this.feeds.clear();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function deletions(onDelete: () => void): vscode.Disposable[] {
  const w = vscode.workspace.createFileSystemWatcher('**/.liftoff/runs/*/*', true, true, false);
  return [w, w.onDidDelete(onDelete)];
}

function options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  // No retainContextWhenHidden: the page reloads when shown again and gets the full state in answer to `ready`.
  return { enableScripts: true, localResourceRoots: [bundleRoot(extensionUri, 'metrics')] };
}
