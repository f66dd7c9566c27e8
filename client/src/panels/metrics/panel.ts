/**
 * The metrics panel (one per window): wires the parts to VS Code. The host owns the data: a series store filled by
 * the run feeds (run-feeds.ts); the page gets it through the transport (transport.ts); settings persist per workspace
 * (settings-store.ts) and come back after a window reload through the serializer; colour slots are assigned as the
 * page assigns them (selection.ts); notices say what was not read or kept (host-notices.ts).
 */
import * as vscode from 'vscode';
import { errorText } from '../../error-text';
import { RunCacheWorkers, SeriesStore, openRunFeed } from '../../../../core/src/metrics';
import { RunListing, type ListedRun, type RunHandle } from '../../../../core/src/runs';
import { gpuHourPrice, type RunsController } from '../../runs/controller';
import {
  METRICS_VIEW_TYPE,
  parseWebviewMessage,
  type ComparisonTable,
  type HostMessage,
  type MetricsSettings,
  type Notice,
  type RunInfo,
  type WebviewMessage,
} from './contract';
import { exportCsv, savePng, type CsvExport } from './export';
import { feedNotices, storeNotices } from './host-notices';
import { LodViews } from './lod-views';
import { isActive, RunFeeds } from './run-feeds';
import { nextSelection, withColors } from '../../../../core/src/metrics';
import { loadSettings, saveSettings } from './settings-store';
import { MetricsTransport } from './transport';
import { bundleRoot, webviewShell } from '../webview-shell';
import { METRICS_STRINGS, webviewL10n } from '../webview-strings';
import { validMessages } from '../valid-messages';
import { comparisonOf, runInfoOf } from './view-model';

export interface MetricsDeps {
  readonly context: vscode.ExtensionContext;
  readonly runs: RunsController;
  readonly output?: vscode.LogOutputChannel;
}

/** The comparison table is recomputed at most this often while runs write. */
const COMPARE_MS = 2000;

export class MetricsPanel implements vscode.Disposable {
  private static current: MetricsPanel | undefined;
  private readonly store = new SeriesStore();
  /** Worker threads that read and cache finished runs opened without a cache (core/src/metrics/run-cache-workers.ts). */
  private readonly workers = new RunCacheWorkers();
  private readonly feeds: RunFeeds;
  private readonly transport: MetricsTransport;
  /** Level-of-detail pyramids of the shown series, answering the charts' views (lod-views.ts). */
  private readonly lod: LodViews;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly notices = new Map<string, Notice>();
  /** The workspace's runs with their identities; re-listed on every change, each run's files read only when changed. */
  private readonly listing = new RunListing();
  private runs = new Map<string, ListedRun>();
  /** Runs opened from outside the workspace's run stores ("Open Log Folder as Runs"): read-only, kept while open. */
  private readonly outside = new Map<string, RunHandle>();
  private settings: MetricsSettings;
  private lastCompare = 0;
  private runsTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  /** Opens the panel (or reveals the open one) for `runs`: added to the selection, or replacing it. */
  static async show(deps: MetricsDeps, runs: readonly RunHandle[], replace: boolean): Promise<MetricsPanel> {
    let p = MetricsPanel.current;
    if (!p) {
      const panel = vscode.window.createWebviewPanel(
        METRICS_VIEW_TYPE,
        vscode.l10n.t('Liftoff Metrics'),
        { viewColumn: vscode.ViewColumn.Active },
        options(deps.context.extensionUri),
      );
      p = new MetricsPanel(panel, deps, true);
      replace = true;
    } else {
      p.panel.reveal(undefined, false);
    }
    await p.refreshRuns(runs);
    await p.select(
      nextSelection(
        p.settings.selected,
        runs.map((r) => r.record.id),
        replace,
      ),
    );
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

  static get open(): MetricsPanel | undefined {
    return MetricsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: MetricsDeps,
    fresh: boolean,
  ) {
    MetricsPanel.current = this;
    this.settings = loadSettings(deps.context.workspaceState, fresh);
    this.feeds = new RunFeeds(this.store, {
      wanted: (key) => !this.disposed && this.settings.selected.includes(key),
      settled: () => {
        this.transport.scheduleFlush();
        // A thousand runs opened at once settle a thousand times: their run list and table go once, a moment later.
        this.schedulePostRuns();
      },
      // A finished run lives in its cache next to it (<run dir>/.lod/run.lodc: pyramids, previews, summaries;
      // core/src/metrics/run-cache.ts), not in memory: shown again with its metric files unchanged, it is drawn from
      // the cache and its files are not read; read once, its cache is written and its points leave the store.
      // Runs opened from outside the workspace (log folders) are read-only: nothing is written into them.
      opening: async (key, feed) => {
        if (this.outside.has(key)) return false;
        const names = this.lod.load(key, feed.dir, await feed.cacheKey());
        if (!names.length) return false;
        deps.output?.debug(`Metrics panel: ${key}: drawn from its cache (${names.length} metrics)`);
        this.transport.resend(key); // the page, when ready, gets its series from the cache
        return true;
      },
      // A finished run without a cache is read and cached in a worker thread (the same cache as below, byte for byte),
      // then drawn from it; when no worker can, it is read here.
      cacheElsewhere: async (key, feed) => {
        if (this.outside.has(key) || !this.workers.available) return false;
        const r = await this.workers.cache({ dir: feed.dir, record: feed.run.record, key, sources: feed.sources });
        if (!r?.written || this.disposed || !this.settings.selected.includes(key)) return false;
        feed.adopt(r);
        if (this.lod.load(key, feed.dir, r.cacheKey).length === 0) return false;
        this.transport.resend(key);
        return true;
      },
      done: async (key, feed) => {
        if (this.outside.has(key) || !this.settings.selected.includes(key)) return;
        try {
          if (!this.lod.release(key, feed.dir, await feed.cacheKey())) return; // cut by a store limit: not cached
          this.store.deleteRun(key);
          this.transport.resend(key);
        } catch (err) {
          // A read-only run folder, a full disk: the points stay in memory.
          deps.output?.warn(`Metrics panel: could not cache ${key}'s metrics: ${String(err)}`);
        }
      },
    });
    this.transport = new MetricsTransport(panel.webview, this.store, {
      visible: () => panel.visible,
      selected: () => this.settings.selected,
      loading: () => this.feeds.loading,
      t0: (run) => this.t0(run),
      flushed: () => {
        if (Date.now() - this.lastCompare >= COMPARE_MS) this.postRuns();
      },
      // Finished runs' long series: the page gets a preview and asks for the envelopes it draws (lod-views.ts).
      preview: {
        begin: () => this.lod.sync(),
        chunk: (run, name, t0) => (this.finished(run) ? this.lod.preview(run, name, t0) : undefined),
        cached: (run, t0) => this.lod.cachedChunks(run, t0),
      },
    });
    this.lod = new LodViews(this.store, {
      post: (msg) => {
        if (this.transport.ready) this.transport.post(msg);
      },
      selected: () => this.settings.selected,
      // A cache found damaged while read: it was removed; the run's files are read again (and a new cache written).
      cacheFailed: (run, why) => {
        deps.output?.warn(`Metrics panel: ${run}'s metrics cache is damaged (${why}): reading its files again`);
        this.feeds
          .restart(run, this.runs, this.settings.selected)
          .catch((err: unknown) => deps.output?.warn(`Metrics panel: could not re-read ${run}: ${String(err)}`));
      },
    });
    panel.iconPath = vscode.Uri.joinPath(deps.context.extensionUri, 'media', 'icon.png');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage(
        validMessages(
          parseWebviewMessage,
          (line) => deps.output?.warn(line),
          'Metrics panel: ignored an invalid message from the webview',
          (msg) => {
            // One message at a time, in the order sent: a quick untick and tick again must end with the run shown.
            this.inbox = this.inbox.then(() => this.onMessage(msg)).catch((err: unknown) => this.failed(msg.type, err));
          },
        ),
      ),
      // Hidden, the page is torn down; shown again, it reloads and says `ready`.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.transport.lost();
      }),
      deps.runs.tree.onDidChangeTreeData(() => this.scheduleRefresh()),
      // A run folder deleted outside the Runs view (its run.json watcher may only hear about the folder).
      ...deletions(() => this.scheduleRefresh()),
      {
        dispose: this.store.onChange(() => {
          this.transport.scheduleFlush();
          this.scheduleLod();
        }),
      },
    );
    panel.webview.html = webviewShell(
      panel.webview,
      deps.context.extensionUri,
      'metrics',
      vscode.l10n.t('Metrics'),
      vscode.l10n.t('Loading metrics…'),
      { tag: 'div', id: 'app', state: 'loading' },
      webviewL10n(METRICS_STRINGS),
    );
  }

  get selected(): readonly string[] {
    return this.settings.selected;
  }

  /** "Liftoff: Export Metrics as CSV": every point of the selected runs (to `target` when given). */
  exportCsv(target?: unknown): Promise<CsvExport | undefined> {
    // A run drawn from its cache holds no points here: its files are read again for the export, one run at a time.
    const storeOf = async (run: string): Promise<SeriesStore | undefined> => {
      const feed = this.feeds.get(run);
      if (!feed || !this.lod.isCached(run)) return this.store;
      const scratch = new SeriesStore();
      (await openRunFeed(scratch, feed.dir, feed.run.record, { tail: false, key: run })).close();
      return scratch;
    };
    return exportCsv(
      storeOf,
      this.settings.selected.filter((k) => this.feeds.has(k)),
      target,
      this.settings.smoothing,
    );
  }

  private inbox: Promise<void> = Promise.resolve();

  private async onMessage(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.lod.reset();
        this.sendFullState();
        return;
      case 'view':
        this.lod.request(msg);
        return;
      case 'settings': {
        const before = this.settings;
        await this.saveSettings(msg.settings);
        if (before.selected.join('\n') !== msg.settings.selected.join('\n')) await this.syncFeeds();
        else if (before.smoothing !== msg.settings.smoothing) this.postRuns(); // the smoothed-last columns
        return;
      }
      case 'exportCsv': {
        const done = await this.exportCsv();
        if (done)
          this.post({
            type: 'status',
            text: vscode.l10n.t('Exported {0} rows to {1}', done.rows.toLocaleString('en-US'), done.file),
          });
        return;
      }
      case 'savePng': {
        const file = await savePng(msg.chart, msg.dataUrl);
        if (file) this.post({ type: 'status', text: vscode.l10n.t('Saved {0}', file) });
        return;
      }
    }
  }

  /** A request from the page that failed: say what and why, with a way to the log. */
  private failed(what: WebviewMessage['type'], err: unknown): void {
    const why = errorText(err);
    const action =
      what === 'exportCsv'
        ? 'export the CSV'
        : what === 'savePng'
          ? 'save the chart'
          : what === 'settings'
            ? 'load the selected runs'
            : what === 'view'
              ? 'draw the chart'
              : 'show the metrics';
    this.deps.output?.error(`Metrics panel: could not ${action}: ${err instanceof Error ? err.message : String(err)}`);
    const text =
      what === 'exportCsv'
        ? vscode.l10n.t('Could not export the CSV: {0}', why)
        : what === 'savePng'
          ? vscode.l10n.t('Could not save the chart: {0}', why)
          : what === 'settings'
            ? vscode.l10n.t('Could not load the selected runs: {0}', why)
            : what === 'view'
              ? vscode.l10n.t('Could not draw the chart: {0}', why)
              : vscode.l10n.t('Could not show the metrics: {0}', why);
    this.post({ type: 'status', text });
    const open = vscode.l10n.t('Open Output');
    void vscode.window.showErrorMessage(vscode.l10n.t('Liftoff: {0}', text), open).then((c) => {
      if (c === open) this.deps.output?.show();
    });
  }

  private async saveSettings(s: MetricsSettings): Promise<void> {
    this.settings = s;
    await saveSettings(this.deps.context.workspaceState, s);
  }

  private async select(keys: readonly string[]): Promise<void> {
    const colors = withColors(keys, this.settings.colors, (k) => this.runs.has(k));
    await this.saveSettings({ ...this.settings, selected: [...keys], colors });
    await this.syncFeeds();
  }

  /** Starts feeds for newly selected runs and drops the data of runs no longer selected (or gone). */
  private async syncFeeds(): Promise<void> {
    const missing = this.settings.selected.filter((k) => !this.runs.has(k));
    if (missing.length) {
      const unexplained = missing.filter((k) => !this.notices.has(`deleted:${k}`));
      if (unexplained.length) {
        this.notice(
          'missing',
          'warning',
          unexplained.length === 1
            ? vscode.l10n.t('Not shown: 1 run no longer in the workspace ({0}).', unexplained[0]!)
            : vscode.l10n.t(
                'Not shown: {0} runs no longer in the workspace ({1}).',
                unexplained.length,
                `${unexplained.slice(0, 3).join(', ')}${unexplained.length > 3 ? ', …' : ''}`,
              ),
        );
      }
      await this.saveSettings({ ...this.settings, selected: this.settings.selected.filter((k) => this.runs.has(k)) });
    }
    const started = this.feeds.sync(this.settings.selected, this.runs);
    this.lod.keepRuns(new Set(this.settings.selected));
    this.postRuns();
    await started;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshRuns()
        .then(() => this.syncFeeds())
        .catch((err: unknown) => this.deps.output?.warn(`Metrics panel: could not re-read the runs: ${String(err)}`));
    }, 250);
  }

  /** Re-reads the workspace's runs: notices deleted runs, finishes feeds of runs that ended, finds new files. */
  private async refreshRuns(known?: readonly RunHandle[]): Promise<void> {
    // Each run's run.json and run-meta.json are read once and again only when they change (run-listing.ts): a refresh
    // over a thousand runs stats their files, it does not read them. No metric file or config snapshot is read here.
    const all = await this.listing.list(this.deps.runs.stores());
    const listed = new Set(all.map((a) => a.record.id));
    // Runs shown that no store lists (a log folder opened as read-only runs) stay until the panel closes.
    for (const r of known ?? []) if (!listed.has(r.record.id)) this.outside.set(r.record.id, r);
    for (const r of this.outside.values())
      if (!listed.has(r.record.id)) all.push({ ...r, identity: await this.listing.identity(r.dir) });
    const next = new Map(all.map((r) => [r.record.id, r]));
    for (const key of this.settings.selected) {
      if (this.runs.has(key) && !next.has(key)) {
        this.notice(
          `deleted:${key}`,
          'warning',
          vscode.l10n.t('Run {0} was deleted while shown: its curves were removed.', key),
        );
      }
    }
    this.runs = next;
    await this.feeds.refresh(next);
    this.postRuns();
  }

  private notice(key: string, level: Notice['level'], text: string): void {
    this.notices.set(key, { key, level, text });
  }

  private runInfos(): RunInfo[] {
    return [...this.runs.values()].map((r) => runInfoOf(r, this.feeds.configs.get(r.record.id), r.identity));
  }

  private allNotices(): Notice[] {
    return [
      ...this.notices.values(),
      ...feedNotices(this.feeds.values(), (f) => vscode.workspace.asRelativePath(f), vscode.l10n.t),
      ...storeNotices(this.store, undefined, vscode.l10n.t),
    ];
  }

  private comparison(): ComparisonTable {
    this.lastCompare = Date.now();
    return comparisonOf(
      this.settings.selected,
      this.runs,
      this.feeds.configs,
      this.store,
      Date.now(),
      this.settings.smoothing,
      gpuHourPrice(),
      vscode.l10n.t,
      (run) => this.lod.cachedMetrics(run),
    );
  }

  private postRuns(): void {
    if (!this.transport.ready) return;
    this.transport.post({
      type: 'runs',
      runs: this.runInfos(),
      selected: this.settings.selected,
      comparison: this.comparison(),
      notices: this.allNotices(),
    });
  }

  private schedulePostRuns(): void {
    if (this.runsTimer || this.disposed) return;
    this.runsTimer = setTimeout(() => {
      this.runsTimer = undefined;
      if (!this.disposed) this.postRuns();
    }, 100);
  }

  private sendFullState(): void {
    this.transport.sendFullState((loading) => ({
      type: 'init',
      settings: this.settings,
      runs: this.runInfos(),
      comparison: this.comparison(),
      notices: this.allNotices(),
      loading,
    }));
  }

  private lodTimer: NodeJS.Timeout | undefined;
  /** New points: the viewed charts' envelopes are sent again, at most as often as the transport's deltas. */
  private scheduleLod(): void {
    if (this.lodTimer || this.disposed) return;
    this.lodTimer = setTimeout(() => {
      this.lodTimer = undefined;
      if (!this.disposed && this.panel.visible) this.lod.changed();
    }, 100);
  }

  private finished(run: string): boolean {
    const r = this.runs.get(run);
    return !!r && !isActive(r);
  }

  private t0(run: string): number {
    const started = Date.parse(this.runs.get(run)?.record.startedAt ?? '');
    return Number.isFinite(started) ? started / 1000 : 0;
  }

  private post(msg: HostMessage): void {
    this.transport.post(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.transport.dispose();
    this.lod.dispose();
    clearTimeout(this.refreshTimer);
    clearTimeout(this.lodTimer);
    clearTimeout(this.runsTimer);
    if (MetricsPanel.current === this) MetricsPanel.current = undefined;
    this.feeds.close();
    this.workers.close();
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
