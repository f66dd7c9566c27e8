/**
 * The metrics panel's page: says `ready`, takes the host's full state and then its deltas (typed arrays), and
 * draws one chart per metric with the controls, the runs pane, notices and the comparison table. Talks to the host
 * only through client/src/panels/metrics/contract.ts and validates every message it receives.
 */
import 'uplot/dist/uPlot.min.css';
import './style.css';
import {
  parseHostMessage,
  type HostMessage,
  type MetricsSettings,
  type WebviewMessage,
} from '../../client/src/panels/metrics/contract';
import { groupByOptions } from '../../core/src/metrics/groups';
import { withColors } from '../../core/src/metrics/selection';
import type { ChartEnv } from './chart-env';
import { el } from './chart-view';
import { ComparisonView } from './comparison-table';
import { Grid } from './grid';
import { LiveAnnouncer } from './live-announcer';
import { LodClient } from './lod-client';
import { Model } from './model';
import { pageNotices, renderNotices } from './notices';
import { RunList } from './run-list';
import { Scheduler } from './scheduler';
import { readTheme, runColor, watchTheme } from './theme';
import { Toolbar } from './toolbar';
import { w } from '../shared/l10n';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const model = new Model();
const scheduler = new Scheduler();
let theme = readTheme();
const post = (m: WebviewMessage): void => vscode.postMessage(m);
const lod = new LodClient(post, (chart) => grid.chartChanged(chart));
scheduler.stats.lod = lod.counts;
const env: ChartEnv = {
  lod,
  model,
  scheduler,
  post,
  theme: () => theme,
  colorOf: (run) => runColor(theme, model.settings?.colors[run] ?? 0),
};

const app = document.getElementById('app') ?? document.body.appendChild(el('div', ''));
app.id = 'app';
const toolbar = new Toolbar({
  onChange: (patch) => changeSettings(patch),
  onResetZoom: () => grid.resetZoom(),
  onExportCsv: () => {
    toolbar.status.textContent = w('Exporting…');
    post({ type: 'exportCsv' });
  },
});
const runList = new RunList(env, {
  onSelect: (selected) => changeSettings({ selected }),
  onFilter: (runFilter) => changeSettings({ runFilter }),
});
const grid = new Grid(env, {
  onCollapse: (group, collapsed) =>
    changeSettings({
      collapsed: collapsed
        ? [...new Set([...model.settings.collapsed, group])]
        : model.settings.collapsed.filter((g) => g !== group),
    }),
});
grid.onPage = () => {
  layout();
  document.querySelector('.content')?.scrollTo({ top: 0 });
};
const comparison = new ComparisonView(env, (baseline) => {
  changeSettings({ baseline });
  comparison.render(model.comparison);
});
const notices = el('div', 'notices');
notices.setAttribute('role', 'status');
const empty = el('div', 'empty');
const announcer = new LiveAnnouncer(model);
const content = el('main', 'content');
// A page title for screen readers' heading navigation (VS Code's tab already shows it to sighted users).
const title = el('h1', 'visually-hidden', w('Liftoff metrics'));
// Groups are <h3> (vscode-collapsible's) and charts <h4>: this <h2> keeps the outline without gaps.
const chartsHeading = el('h2', 'visually-hidden', w('Charts'));
content.append(title, toolbar.secondary, notices, empty, chartsHeading, grid.el, comparison.el, announcer.el);
app.replaceChildren(toolbar.el, runList.el, content);
app.dataset.state = 'waiting';

let shapeSeen = -1;
let layoutQueued = false;
let settingsTimer: ReturnType<typeof setTimeout> | undefined;

/** A settings change from a control: apply it here at once, tell the host shortly after (it persists them). */
function changeSettings(patch: Partial<MetricsSettings>): void {
  if (!model.settings) return;
  const before = model.settings;
  model.settings = { ...before, ...patch };
  if (patch.selected) {
    model.settings = { ...model.settings, colors: withColors(patch.selected, model.settings.colors) };
    model.select(model.settings.selected);
    if (patch.selected.some((r) => !before.selected.includes(r))) model.loading = true;
  }
  clearTimeout(settingsTimer);
  // Slider moves and typing are coalesced; anything else goes at once, synchronously (a selection makes the host
  // read the runs, and a toggle must be saved even if the window reloads right after). Not through a timer: on a
  // busy machine an untick and a quick re-tick could both land before it fired, the host would hear only the
  // unchanged selection, and the re-ticked run's points — dropped here on untick — would never be sent again.
  const continuous = patch.smoothing !== undefined || patch.metricFilter !== undefined || patch.runFilter !== undefined;
  if (continuous) settingsTimer = setTimeout(() => post({ type: 'settings', settings: model.settings }), 250);
  else post({ type: 'settings', settings: model.settings });
  if (patch.selected || patch.metricFilter !== undefined) queueLayout();
  if (patch.groupBy !== undefined || patch.groupCenter || patch.groupBand) {
    toolbar.sync(model.settings);
    grid.invalidateAll();
  }
  if (patch.selected) updateGroupOptions();
  if (
    patch.smoothing !== undefined ||
    patch.xAxis ||
    patch.logScale !== undefined ||
    patch.ignoreOutliers !== undefined
  ) {
    if (patch.xAxis && patch.xAxis !== before.xAxis) grid.resetZoom();
    grid.invalidateAll();
    queueNotices();
  }
  if (patch.selected || patch.runFilter !== undefined) runList.render();
}

/** "Group by" offers what the selected runs' configs, tags and experiments hold. */
function updateGroupOptions(): void {
  const runs = model.settings.selected
    .map((k) => model.runs.get(k))
    .filter((r) => r !== undefined)
    .map((r) => ({ key: r.key, experiment: r.experiment, tags: r.tags ?? [], config: r.config ?? {} }));
  toolbar.setGroupOptions(groupByOptions(runs), model.settings.groupBy);
}

function queueLayout(): void {
  if (layoutQueued) return;
  layoutQueued = true;
  scheduler.add({
    priority: () => -2,
    run: () => {
      layoutQueued = false;
      layout();
    },
  });
}

let noticesQueued = false;
let noticesAt = 0;
/** Notices and the runs pane's point counts: at most twice a second while points stream in. */
function queueNotices(): void {
  if (noticesQueued) return;
  noticesQueued = true;
  const run = () =>
    scheduler.add({
      priority: () => -1,
      run: () => {
        noticesQueued = false;
        noticesAt = performance.now();
        updateNotices();
        runList.render();
      },
    });
  const wait = noticesAt + 500 - performance.now();
  if (wait > 0) setTimeout(run, wait);
  else run();
}

/** Where to scroll once the charts are laid out (the page was rebuilt: shown again, or the window reloaded). */
let pendingScroll = 0;

function layout(): void {
  shapeSeen = model.shape;
  const charts = model.charts();
  grid.render(charts);
  if (pendingScroll && !model.loading) {
    content.scrollTop = pendingScroll;
    pendingScroll = 0;
  }
  toolbar.chartCount.textContent =
    charts.length === 0
      ? ''
      : grid.total === charts.length
        ? charts.length === 1
          ? w('1 chart')
          : w('{0} charts', charts.length)
        : w('{0} of {1} charts', grid.total, charts.length);
  updateEmpty(charts.length);
  updateNotices();
}

function updateEmpty(charts: number): void {
  const s = model.settings;
  let text = '';
  if (s.selected.length === 0)
    text = model.runs.size
      ? w('No runs selected. Tick runs in the list on the left to chart their metrics.')
      : w('No runs in this workspace yet. Open an experiment and press ▶ Train above its run: section.');
  else if (charts === 0 && model.loading)
    text =
      s.selected.length === 1
        ? w('Loading the metrics of 1 run…')
        : w('Loading the metrics of {0} runs…', s.selected.length);
  else if (charts === 0)
    text = w(
      'The selected runs have no metrics yet. Liftoff reads each run’s metrics.jsonl (and stdout, CSV or TensorBoard files when metrics.sources names them); a running run’s points appear here as they are written.',
    );
  else if (grid.total === 0) text = w('No metric matches “{0}”.', s.metricFilter);
  empty.textContent = text;
  empty.hidden = !text;
}

function updateNotices(): void {
  const page = grid.pageInfo;
  renderNotices(notices, [
    ...model.hostNotices,
    ...pageNotices(model, { total: grid.total, from: page.from, to: page.to, pages: page.pages }),
  ]);
  updateEmpty(model.charts().length);
}

/** Marks the moment the full state is on screen (bench/metrics-render and tests read it). */
function watchFirstPaint(): void {
  scheduler.whenIdle(() => {
    if (model.loading || !grid.settled()) {
      setTimeout(watchFirstPaint, 0);
      return;
    }
    if (scheduler.stats.firstPaintAt !== undefined) return;
    scheduler.stats.firstPaintAt = performance.now();
    app.dataset.state = 'ready';
    app.dataset.firstPaintMs = String(Math.round(scheduler.stats.firstPaintAt - (scheduler.stats.initAt ?? 0)));
  });
}

function handle(msg: HostMessage): void {
  switch (msg.type) {
    case 'init':
      scheduler.stats.initAt = performance.now();
      scheduler.stats.firstPaintAt = undefined;
      app.dataset.state = 'loading';
      model.reset(msg.settings, msg.runs);
      lod.reset();
      model.comparison = msg.comparison;
      model.hostNotices = msg.notices;
      model.loading = msg.loading;
      toolbar.sync(msg.settings);
      updateGroupOptions();
      runList.render();
      comparison.render(msg.comparison);
      pendingScroll = savedScroll();
      layout();
      watchFirstPaint();
      return;
    case 'series': {
      if (!model.settings) return;
      const changed = model.apply(msg.chunks);
      const wasLoading = model.loading;
      model.loading = msg.loading;
      if (model.shape !== shapeSeen || (wasLoading && !model.loading && pendingScroll)) queueLayout();
      grid.seriesChanged(changed);
      if (changed.length || wasLoading !== model.loading) queueNotices();
      // Points arriving after the first load are a live run's progress: say it, politely and seldom.
      if (!wasLoading && !model.loading && changed.length) announcer.changed(changed);
      return;
    }
    case 'runs': {
      if (!model.settings) return;
      model.setRuns(msg.runs);
      model.hostNotices = msg.notices;
      model.comparison = msg.comparison;
      if (msg.selected.join('\n') !== model.settings.selected.join('\n')) {
        model.settings = { ...model.settings, colors: withColors(msg.selected, model.settings.colors) };
        model.select(msg.selected);
        queueLayout();
      }
      updateGroupOptions();
      runList.render();
      comparison.render(msg.comparison);
      grid.invalidateAll();
      queueNotices();
      return;
    }
    case 'status':
      toolbar.status.textContent = msg.text;
      return;
    case 'envelope':
      lod.receive(msg);
      return;
  }
}

/** The page is rebuilt each time the panel is shown again: come back to where the user was. */
interface PageState {
  readonly scrollTop?: number;
}
let scrollTimer: ReturnType<typeof setTimeout> | undefined;
content.addEventListener(
  'scroll',
  () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => vscode.setState({ scrollTop: content.scrollTop } satisfies PageState), 150);
  },
  { passive: true },
);
function savedScroll(): number {
  const saved = vscode.getState() as PageState | undefined;
  return typeof saved?.scrollTop === 'number' && Number.isFinite(saved.scrollTop) ? saved.scrollTop : 0;
}

window.addEventListener('message', (e: MessageEvent) => {
  const msg = parseHostMessage(e.data);
  if (!msg) {
    console.warn('Liftoff metrics: ignored an invalid message from the host', e.data?.type);
    return;
  }
  handle(msg);
});
watchTheme(() => {
  theme = readTheme();
  grid.invalidateAll();
  runList.render();
  comparison.render(model.comparison);
});
post({ type: 'ready' });
