/**
 * One chart card: title, PNG and reset-zoom buttons, the plot, a legend with each line's point count and last value,
 * and a caption with its markers. Created when it first scrolls into view; redrawn through the frame scheduler
 * when its series change, the settings change or its width changes. Keeps the user's zoom while points arrive.
 * State a test or a screen reader can read is mirrored in data attributes (data-points, data-last-smoothed, …).
 * For the keyboard and screen readers: the plot is a focusable image labelled with the chart's summary
 * (chart-text.ts), zooms and pans with keys (keyboard-zoom.ts), and a "Data table" disclosure shows its points.
 */
import type uPlot from 'uplot';
import { type ChartEnv, type Layer, type PlotShape, runLabel } from './chart-env';
import { chartMarkers, markerCaption, type ChartMarkers } from './chart-markers';
import { Plot } from './chart-plot';
import { showTooltip, hideTooltip } from './chart-tooltip';
import { chartGroups, groupingText, type ChartGroup } from './chart-groups';
import { derived } from './derived';
import { formatCount, formatValue } from './format';
import type { ChartDef } from './model';
import type { Job } from './scheduler';
import { chartPng } from './chart-png';
import { chartSummary, chartTable } from './chart-text';
import { keyboardZoom } from '../../core/src/metrics/keyboard-zoom';
import { w } from '../shared/l10n';

const LEGEND_ROWS = 8;

export class ChartView implements Job {
  readonly el: HTMLElement;
  private readonly plotEl: HTMLElement;
  private readonly legendEl: HTMLElement;
  /** The legend's markup as last put in the page. */
  private legendKey = '';
  private readonly captionEl: HTMLElement;
  private readonly dataEl: HTMLDetailsElement;
  private tableAt = 0;
  private readonly resetBtn: HTMLButtonElement;
  private readonly badge = el('span', 'chart-badge');
  private readonly tooltipEl: HTMLElement;
  private plot: Plot | undefined;
  private shapeKey = '';
  private visible = false;
  private zoom: [number, number] | undefined;
  private auto: [number, number] = [0, 1];
  private marks: ChartMarkers = { thresholds: [], best: [], bestOf: 0, early: [] };
  private width = 0;
  private queued = false;
  /** Changed while off screen: draw when it comes back. */
  private stale = true;
  private readonly resize: ResizeObserver;
  /** Groups whose member list the user opened in the legend (kept across redraws). */
  private readonly openGroups = new Set<string>();

  constructor(
    public def: ChartDef,
    private readonly env: ChartEnv,
    private readonly height: number,
  ) {
    this.el = el('article', 'chart');
    this.el.dataset.chart = def.key;
    this.el.dataset.group = def.group;
    const head = el('header', 'chart-head');
    const title = el('h4', 'chart-title', def.key);
    title.title = def.key;
    const actions = el('div', 'chart-actions');
    this.resetBtn = button(w('Reset zoom'), w('Show all points again (or double-click the chart)'), () =>
      this.setZoom(undefined),
    );
    this.resetBtn.hidden = true;
    actions.append(
      this.resetBtn,
      button('PNG', w('Save the {0} chart as a PNG image', def.key), () => this.savePng()),
    );
    this.badge.hidden = true;
    const titles = el('div', 'chart-titles');
    titles.append(title, this.badge);
    head.append(titles, actions);
    this.plotEl = el('div', 'chart-plot');
    this.plotEl.style.height = `${height}px`;
    this.plotEl.setAttribute('role', 'img');
    this.plotEl.tabIndex = 0;
    this.plotEl.setAttribute('aria-keyshortcuts', '+ - ArrowLeft ArrowRight 0');
    this.plotEl.setAttribute('aria-label', w('Chart of {0}', def.key));
    this.plotEl.title = w('Keyboard: + and − zoom, ← and → pan, 0 shows all points');
    this.plotEl.addEventListener('keydown', (e) => this.onKey(e));
    this.tooltipEl = el('div', 'chart-tooltip');
    this.tooltipEl.hidden = true;
    this.plotEl.append(this.tooltipEl);
    this.legendEl = el('ul', 'chart-legend');
    this.captionEl = el('p', 'chart-caption');
    this.dataEl = el('details', 'chart-data');
    this.dataEl.append(el('summary', 'chart-data-toggle', w('Data table')));
    this.dataEl.addEventListener('toggle', () => this.renderTable());
    this.el.append(head, this.plotEl, this.legendEl, this.captionEl, this.dataEl);
    this.resize = new ResizeObserver(() => {
      const w = Math.floor(this.plotEl.clientWidth);
      if (w > 0 && w !== this.width) {
        this.width = w;
        this.invalidate();
      }
    });
    this.resize.observe(this.plotEl);
  }

  setDef(def: ChartDef): void {
    this.def = def;
    this.invalidate();
  }

  setVisible(v: boolean): void {
    this.visible = v;
    if (v) this.invalidate();
  }

  /** Something this chart shows changed: redraw it in a coming frame (when it is on screen). */
  invalidate(): void {
    this.stale = true;
    if (this.queued || !this.visible) return;
    this.queued = true;
    this.env.scheduler.add(this);
  }

  /** On screen and not drawn as it should be yet. */
  pending(): boolean {
    return this.visible && (this.queued || this.stale);
  }

  /** Place in the grid (set by the grid on layout): charts higher up are drawn first. */
  order = 0;

  priority(): number {
    return this.order;
  }

  run(): number {
    this.queued = false;
    if (!this.visible) return 0;
    if (this.width <= 0) this.width = Math.floor(this.plotEl.clientWidth);
    this.stale = false;
    if (this.width <= 0) return 0; // not laid out (a collapsed group): the resize observer brings it back
    const s = this.env.model.settings;
    const shape: PlotShape = { xAxis: s.xAxis, log: s.logScale, smoothing: s.smoothing, height: this.height };
    const layers = this.layers(shape);
    const g = s.groupBy ? `${s.groupBy}|${s.groupCenter}|${s.groupBand}` : '';
    const key = `${shape.xAxis}|${shape.log}|${shape.smoothing}|${g}|${this.def.members.map((m) => `${m.run}/${m.series.name}`).join(',')}`;
    this.auto = this.autoRange();
    this.marks = chartMarkers(this.def, this.env.model);
    let created = false;
    if (!this.plot || key !== this.shapeKey) {
      created = true;
      this.plot?.destroy();
      this.shapeKey = key;
      this.plot = new Plot(this.plotEl, layers, shape, this.width, this.env, {
        xRange: () => this.zoom ?? this.auto,
        markers: () => this.marks,
        onZoom: (r) => this.setZoom(r),
        onCursor: (u) => this.cursor(u),
        groups: () => chartGroups(this.def, this.env),
        chart: () => this.def.key,
      });
      this.plotEl.append(this.tooltipEl);
    }
    if (!created) this.plot.update(this.width); // a new plot has just drawn itself
    this.describe(shape);
    return this.plot.segments;
  }

  resetZoom(): void {
    this.setZoom(undefined);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
    this.el.remove();
  }

  private layers(shape: PlotShape): Layer[] {
    const raw = this.def.members.map((member): Layer => ({ member, kind: 'raw' }));
    return shape.smoothing > 0
      ? [...raw, ...this.def.members.map((member): Layer => ({ member, kind: 'smooth' }))]
      : raw;
  }

  private setZoom(r: [number, number] | undefined): void {
    this.zoom = r;
    this.resetBtn.hidden = !r;
    this.el.dataset.zoomed = String(!!r);
    this.el.dataset.xRange = r ? r.map((v) => formatValue(v)).join(',') : '';
    if (this.plot) {
      this.plot.update(this.width);
      this.describe(this.plot.shape);
    }
  }

  /** The keyboard's drag-to-zoom and double-click (keyboard-zoom.ts). */
  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const action = keyboardZoom(e.key, this.zoom, this.auto);
    if (action.kind === 'none') return;
    e.preventDefault();
    e.stopPropagation();
    this.setZoom(action.kind === 'zoom' ? action.range : undefined);
  }

  /** The data table, built only while it is open (and rebuilt with the chart while it stays open). */
  private renderTable(): void {
    if (!this.dataEl.open) {
      this.dataEl.querySelector('.table-wrap')?.remove();
      return;
    }
    const wrap = el('div', 'table-wrap');
    // It scrolls: focusable and named, so the keyboard can scroll it and a screen reader says what it is.
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-label', w('Data of {0}', this.def.key));
    wrap.append(chartTable(this.def, this.env.model.settings.smoothing));
    this.tableAt = Date.now();
    const old = this.dataEl.querySelector('.table-wrap');
    if (old) old.replaceWith(wrap);
    else this.dataEl.append(wrap);
  }

  /** All points' x extent; while a run is live, rounded up so appends rarely change the scale. */
  private autoRange(): [number, number] {
    const m = this.env.model;
    let lo = Infinity;
    let hi = -Infinity;
    let live = false;
    for (const mem of this.def.members) {
      const run = m.runs.get(mem.run);
      if (run && (run.state === 'running' || run.state === 'queued')) live = true;
      const e = derived(mem.series).xExtent(m.settings.xAxis, run?.t0 ?? 0, m.epochOf(mem.run));
      if (!e) continue;
      if (e[0] < lo) lo = e[0];
      if (e[1] > hi) hi = e[1];
    }
    if (!(lo <= hi)) return [0, 1];
    if (lo === hi) return [lo - 1, hi + 1];
    if (live) {
      const span = hi - lo;
      const unit = 10 ** Math.floor(Math.log10(span)) / 4;
      hi = Math.ceil((hi + span * 0.02) / unit) * unit;
    }
    return [lo, hi];
  }

  /** Legend, caption and data attributes. */
  private describe(shape: PlotShape): void {
    const groups = chartGroups(this.def, this.env);
    this.el.dataset.groups = groups ? String(groups.length) : '';
    this.el.dataset.band = groups ? this.env.model.settings.groupBand : '';
    if (groups) this.el.dataset.bandWidth = String(maxBandWidth(groups));
    else delete this.el.dataset.bandWidth;
    const members = this.def.members;
    const many = new Set(members.map((m) => m.run)).size > 1;
    let points = 0;
    let lastStep = -Infinity;
    const rows: HTMLElement[] = [];
    const compact = members.length > LEGEND_ROWS;
    for (const m of members) {
      points += m.series.points;
      const n = m.series.length;
      if (n > 0) lastStep = Math.max(lastStep, m.series.steps[n - 1] as number);
      if (compact) continue;
      const li = el('li', 'legend-item');
      li.dataset.series = m.series.name;
      li.dataset.run = m.run;
      li.dataset.points = String(m.series.points);
      const sw = el('span', `swatch${m.variant === 'train' ? ' dashed' : ''}`);
      sw.style.setProperty('--swatch', this.env.colorOf(m.run));
      const last = n
        ? formatValue(shape.smoothing > 0 ? derived(m.series).smoothed(shape.smoothing)[n - 1] : m.series.values[n - 1])
        : '—';
      const skipped = m.series.nonFinite ? ` · ${w('{0} NaN/∞ skipped', m.series.nonFinite)}` : '';
      li.append(
        sw,
        el('span', 'legend-name', `${many ? `${runLabel(m.run)} · ` : ''}${m.series.name}`),
        el('span', 'legend-count', `${pointCount(n)}${skipped}`),
        el('span', 'legend-value', last),
      );
      rows.push(li);
    }
    if (compact) {
      const runs = new Set(members.map((m) => m.run)).size;
      const names = [...new Set(members.map((m) => m.series.name))];
      const nonFinite = members.reduce((a, m) => a + m.series.nonFinite, 0);
      rows.push(
        el(
          'li',
          'legend-more',
          w(
            '{0} runs × {1} · {2} points{3} — hover for every run’s value',
            formatCount(runs),
            names.length > 3 ? w('{0} metrics', names.length) : names.join(', '),
            formatCount(points),
            nonFinite ? w(' · {0} NaN/∞ skipped', formatCount(nonFinite)) : '',
          ),
        ),
      );
    }
    // A metric only some runs record: say how many in the header, and which ones do not on hover.
    const withData = this.env.model.settings.selected.filter((r) => this.env.model.pointsOf(r) > 0);
    const missing = withData.filter((r) => !members.some((m) => m.run === r));
    this.badge.hidden = missing.length === 0;
    this.badge.textContent = w('{0} of {1} runs', withData.length - missing.length, withData.length);
    this.badge.title = w(
      'Not recorded by {0}',
      `${missing.map(runLabel).slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
    );
    // Replaced only when it reads differently: an envelope or a redraw that changes nothing in it must not detach the
    // entry a screen reader, a hover or a keyboard user is on.
    const legend = groups ? this.groupLegend(groups, shape) : rows;
    const legendKey = legend.map((li) => li.outerHTML).join('');
    if (legendKey !== this.legendKey) {
      this.legendKey = legendKey;
      this.legendEl.replaceChildren(...legend);
    }
    this.captionEl.textContent = markerCaption(this.marks, runLabel, many);
    this.captionEl.hidden = !this.captionEl.textContent;
    const first = members[0];
    const ds = this.el.dataset;
    ds.points = String(points);
    ds.log = String(shape.log);
    ds.xAxis = shape.xAxis;
    ds.smoothing = String(shape.smoothing);
    if (first && first.series.length) {
      const n = first.series.length;
      ds.lastSmoothed = String(
        shape.smoothing > 0 ? derived(first.series).smoothed(shape.smoothing)[n - 1] : first.series.values[n - 1],
      );
    }
    if (lastStep > -Infinity) ds.lastStep = String(lastStep);
    ds.best = this.marks.best.map((b) => b.value).join(',');
    ds.earlyStop = this.marks.early.map((e) => e.epoch).join(',');
    ds.thresholds = this.marks.thresholds
      .map((t) => `${t.metric}${t.bound === 'min' ? '>=' : '<='}${t.value}`)
      .join(',');
    ds.renderedAt = String(Date.now());
    const u = this.plot?.u;
    const y =
      u && u.scales.y?.min !== undefined && u.scales.y.max !== undefined
        ? ([u.scales.y.min, u.scales.y.max] as const)
        : undefined;
    this.plotEl.setAttribute(
      'aria-label',
      `${chartSummary({
        def: this.def,
        env: this.env,
        smoothing: shape.smoothing,
        xAxis: shape.xAxis,
        log: shape.log,
        marks: this.marks,
        yRange: y,
        zoomed: !!this.zoom,
      })}${groups ? groupedText(this.env.model.settings.groupBy, groupingText(this.env), groups) : ''}`,
    );
    // An open table follows a live run, but not at frame rate: a screen reader reading it would lose its place.
    if (this.dataEl.open && Date.now() - this.tableAt > 2_000) this.renderTable();
  }

  /**
   * One legend entry per group: its line's swatch, label, member count and last center value; a disclosure (a native
   * <details>, so keyboard and screen readers can open it) lists its members with their points and last values.
   */
  private groupLegend(groups: readonly ChartGroup[], shape: PlotShape): HTMLElement[] {
    return groups.slice(0, LEGEND_ROWS * 4).map((g) => {
      const li = el('li', 'legend-item legend-group');
      li.dataset.group = g.label;
      li.dataset.members = String(g.members.length);
      const details = el('details', 'group-members');
      details.open = this.openGroups.has(g.label);
      details.addEventListener('toggle', () => {
        if (details.open) this.openGroups.add(g.label);
        else this.openGroups.delete(g.label);
      });
      const summary = el('summary', 'group-summary');
      const sw = el('span', `swatch band${g.variant === 'train' ? ' dashed' : ''}`);
      sw.style.setProperty('--swatch', this.env.colorOf(g.colorRun));
      let last = NaN;
      for (let i = g.line.center.length - 1; i >= 0; i--)
        if (g.line.center[i] === g.line.center[i]) {
          last = g.line.center[i] as number;
          break;
        }
      const runs = new Set(g.members.map((m) => m.run)).size;
      summary.append(
        sw,
        el('span', 'legend-name', g.label),
        el(
          'span',
          'legend-count',
          runs === 1 ? w('1 run · {0}', groupingText(this.env)) : w('{0} runs · {1}', runs, groupingText(this.env)),
        ),
        el('span', 'legend-value', Number.isFinite(last) ? formatValue(last) : '—'),
      );
      // Its name is its visible text (axe: label-content-name-mismatch); the hint is for screen readers only.
      summary.append(el('span', 'visually-hidden', w(' (expand to list its runs)')));
      const list = el('ul', 'group-member-list');
      for (const m of g.members) {
        const n = m.series.length;
        const v = n
          ? shape.smoothing > 0
            ? derived(m.series).smoothed(shape.smoothing)[n - 1]
            : m.series.values[n - 1]
          : undefined;
        const item = el('li', 'group-member');
        item.dataset.run = m.run;
        const msw = el('span', 'swatch');
        msw.style.setProperty('--swatch', this.env.colorOf(m.run));
        item.append(
          msw,
          el('span', 'legend-name', `${runLabel(m.run)} · ${m.series.name}`),
          el('span', 'legend-count', pointCount(n)),
          el('span', 'legend-value', v === undefined ? '—' : formatValue(v)),
        );
        list.append(item);
      }
      details.append(summary, list);
      li.append(details);
      return li;
    });
  }

  private cursor(u: uPlot): void {
    const left = u.cursor.left ?? -1;
    if (left < 0 || !this.plot) {
      hideTooltip(this.tooltipEl);
      return;
    }
    showTooltip(this.tooltipEl, u, this.def, this.env, this.plot.shape, u.posToVal(left, 'x'));
  }

  private savePng(): void {
    if (!this.plot) return;
    this.env.post({ type: 'savePng', chart: this.def.key, dataUrl: chartPng(this.plot.u, this.def, this.env) });
  }
}

/** The widest band of any group (0: every band is a line), for tests and the chart's data attributes. */
function maxBandWidth(groups: readonly ChartGroup[]): number {
  let w = 0;
  for (const g of groups)
    for (let i = 0; i < g.line.lo.length; i++) {
      const d = (g.line.hi[i] as number) - (g.line.lo[i] as number);
      if (d > w) w = d;
    }
  return w;
}

/** The grouping part of a chart's summary: " Grouped by lr: 2 group lines, each the mean … of its runs (…)." */
function groupedText(by: string, grouping: string, groups: readonly ChartGroup[]): string {
  const counts = groups.map((g) => `${g.label}: ${g.members.length}`).join('; ');
  return groups.length === 1
    ? w(' Grouped by {0}: 1 group line, each the {1} of its runs ({2}).', by, grouping, counts)
    : w(' Grouped by {0}: {1} group lines, each the {2} of its runs ({3}).', by, groups.length, grouping, counts);
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'chart-btn', text);
  b.type = 'button';
  b.title = title;
  b.setAttribute('aria-label', title);
  b.addEventListener('click', onClick);
  return b;
}

/** `n` points, in the reader's words. */
function pointCount(n: number): string {
  return n === 1 ? w('1 point') : w('{0} points', formatCount(n));
}
