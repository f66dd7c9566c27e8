/**
 * The charts, laid out: a system strip (GPU utilisation, memory…) on top, then one collapsible section per group
 * (loss, accuracy-like, learning rate, other) with a responsive grid of cards. A chart is built only when its card
 * comes near the viewport (IntersectionObserver), and the grid is paginated — PAGE_SIZE charts a page — so 5,000
 * metric names cost 48 cards, not 5,000; the pager and a notice say so.
 */
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import { GROUP_TITLES, type MetricGroup } from '../../core/src/metrics/metric-names';
import type { ChartEnv } from './chart-env';
import { ChartView, el } from './chart-view';
import { formatCount } from './format';
import type { ChartDef } from './model';
import type { SeriesData } from './series-data';
import { w } from '../shared/l10n';

export const PAGE_SIZE = 48;
const CHART_HEIGHT = 220;
const STRIP_HEIGHT = 120;

export interface GridEvents {
  onCollapse(group: string, collapsed: boolean): void;
}

export class Grid {
  readonly el = el('div', 'grid-root');
  private readonly views = new Map<string, ChartView>();
  private readonly bySeries = new Map<SeriesData, ChartView>();
  private readonly io: IntersectionObserver;
  private readonly sections = new Map<string, HTMLElement>();
  private readonly pager = el('nav', 'pager');
  private page = 0;
  /** Cards observed whose first intersection report has not come yet. */
  private readonly unreported = new Set<Element>();
  /** Charts matching the filter (all pages), for the notices. */
  total = 0;

  constructor(
    private readonly env: ChartEnv,
    private readonly events: GridEvents,
  ) {
    this.io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          this.unreported.delete(e.target);
          this.viewOf(e.target)?.setVisible(e.isIntersecting);
        }
      },
      { rootMargin: '300px 0px' },
    );
    this.pager.setAttribute('aria-label', w('Chart pages'));
  }

  /** Lays out the charts of the current page (reusing the cards already built). */
  render(defs: readonly ChartDef[]): void {
    const filter = this.env.model.settings.metricFilter.trim().toLowerCase();
    const matching = filter
      ? defs.filter(
          (d) =>
            d.key.toLowerCase().includes(filter) || d.members.some((m) => m.series.name.toLowerCase().includes(filter)),
        )
      : defs;
    this.total = matching.length;
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    this.page = Math.min(this.page, pages - 1);
    const shown = matching.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
    const keep = new Set(shown.map((d) => d.key));
    for (const [key, v] of this.views)
      if (!keep.has(key)) {
        this.io.unobserve(v.el);
        this.unreported.delete(v.el);
        v.destroy();
        this.views.delete(key);
      }
    this.bySeries.clear();
    const byGroup = new Map<MetricGroup, ChartView[]>();
    for (const def of shown) {
      let v = this.views.get(def.key);
      if (!v) {
        v = new ChartView(def, this.env, def.group === 'system' ? STRIP_HEIGHT : CHART_HEIGHT);
        this.views.set(def.key, v);
        this.unreported.add(v.el);
        this.io.observe(v.el);
      } else if (v.def !== def) {
        v.setDef(def);
      }
      for (const m of def.members) this.bySeries.set(m.series, v);
      const list = byGroup.get(def.group) ?? [];
      list.push(v);
      byGroup.set(def.group, list);
    }
    let order = 0;
    for (const views of [
      byGroup.get('system') ?? [],
      ...[...byGroup].filter(([g]) => g !== 'system').map(([, vs]) => vs),
    ])
      for (const v of views) v.order = order++;
    const children: HTMLElement[] = [];
    const system = byGroup.get('system');
    if (system) children.push(this.section('system', system, true));
    for (const [group, views] of byGroup) if (group !== 'system') children.push(this.section(group, views, false));
    this.renderPager(pages, matching.length);
    if (pages > 1) children.push(this.pager);
    this.el.replaceChildren(...children);
  }

  /** The series changed: redraw the charts that show them. */
  seriesChanged(changed: readonly SeriesData[]): void {
    const views = new Set<ChartView>();
    for (const s of changed) {
      const v = this.bySeries.get(s);
      if (v) views.add(v);
    }
    for (const v of views) v.invalidate();
  }

  /** The host's envelope for a chart came: redraw it (if it is on the page). */
  chartChanged(key: string): void {
    this.views.get(key)?.invalidate();
  }

  /** Every card has been told whether it is on screen, and every card on screen is drawn. */
  settled(): boolean {
    if (this.unreported.size > 0) return false;
    for (const v of this.views.values()) if (v.pending()) return false;
    return true;
  }

  invalidateAll(): void {
    for (const v of this.views.values()) v.invalidate();
  }

  resetZoom(): void {
    for (const v of this.views.values()) v.resetZoom();
  }

  get pageInfo(): { page: number; pages: number; from: number; to: number } {
    const pages = Math.max(1, Math.ceil(this.total / PAGE_SIZE));
    return {
      page: this.page,
      pages,
      from: this.page * PAGE_SIZE + 1,
      to: Math.min(this.total, (this.page + 1) * PAGE_SIZE),
    };
  }

  private viewOf(target: Element): ChartView | undefined {
    const key = (target as HTMLElement).dataset.chart;
    return key === undefined ? undefined : this.views.get(key);
  }

  private section(group: MetricGroup, views: ChartView[], strip: boolean): HTMLElement {
    let sec = this.sections.get(group);
    if (!sec) {
      sec = document.createElement('vscode-collapsible');
      sec.className = `group${strip ? ' strip' : ''}`;
      sec.dataset.group = group;
      sec.setAttribute('heading', GROUP_TITLES[group]);
      sec.addEventListener('vsc-collapsible-toggle', () =>
        this.events.onCollapse(group, !(sec as HTMLElement & { open: boolean }).open),
      );
      const body = el('div', strip ? 'cards strip-cards' : 'cards');
      // The chart count sits in the header's decorations slot, not in `description`: the element draws that at
      // 60 % opacity inside its shadow root, below 4.5:1 contrast, where no stylesheet of ours can reach it.
      const count = el('span', 'group-count');
      count.slot = 'decorations';
      sec.append(body, count);
      this.sections.set(group, sec);
    }
    const open = !this.env.model.settings.collapsed.includes(group);
    const c = sec as HTMLElement & { open: boolean };
    if (c.open !== open) c.open = open;
    (sec.querySelector(':scope > .group-count') as HTMLElement).textContent =
      views.length === 1 ? w('1 chart') : w('{0} charts', views.length);
    (sec.firstElementChild as HTMLElement).replaceChildren(...views.map((v) => v.el));
    return sec;
  }

  private renderPager(pages: number, total: number): void {
    const page = this.page;
    const from = page * PAGE_SIZE + 1;
    const to = Math.min(total, (page + 1) * PAGE_SIZE);
    // Relative to the page shown when clicked (the pager may have been redrawn since it was built).
    const go = (delta: number) => () => {
      this.page = Math.max(0, this.page + delta);
      this.onPage?.();
    };
    const prev = el('button', 'pager-btn', w('‹ Previous'));
    prev.disabled = page === 0;
    prev.addEventListener('click', go(-1));
    const next = el('button', 'pager-btn', w('Next ›'));
    next.disabled = page >= pages - 1;
    next.addEventListener('click', go(1));
    this.pager.replaceChildren(
      prev,
      el(
        'span',
        'pager-text',
        w(
          'Charts {0}–{1} of {2} (page {3} of {4})',
          formatCount(from),
          formatCount(to),
          formatCount(total),
          page + 1,
          formatCount(pages),
        ),
      ),
      next,
    );
  }

  /** Set by the page: re-render after a page change. */
  onPage: (() => void) | undefined;
}
