/**
 * The run comparison table under the charts: one row per selected run with the config keys that differ, final
 * and best metrics (smoothed last, min and max too), duration and state; click a header to sort (again to reverse).
 * A run can be pinned as the baseline: the other rows then show each number's difference from it, marked better or
 * worse by the metric's goal. Built by the host (client/src/panels/metrics/comparison.ts); this draws and sorts it.
 */
import type { ComparisonColumn, ComparisonTable } from '../../client/src/panels/metrics/contract';
import { deltaFrom, formatDelta, sortRows } from '../../core/src/metrics/summary';
import { type ChartEnv, runLabel } from './chart-env';
import { el } from './chart-view';
import { formatDuration, formatValue } from './format';
import { w } from '../shared/l10n';

export class ComparisonView {
  readonly el = el('section', 'comparison');
  private sortKey = 'run';
  private dir: 1 | -1 = 1;
  private table: ComparisonTable = { columns: [], rows: [] };

  constructor(
    private readonly env: ChartEnv,
    /** Pin a run as the baseline ('' unpins). */
    private readonly onBaseline: (run: string) => void = () => undefined,
  ) {
    this.el.setAttribute('aria-label', w('Run comparison'));
  }

  render(table: ComparisonTable): void {
    this.table = table;
    const title = el('h2', 'section-title', w('Run comparison'));
    if (table.rows.length === 0) {
      this.el.replaceChildren(title, el('p', 'muted', w('Select runs to compare them.')));
      return;
    }
    const col = table.columns.find((c) => c.key === this.sortKey) ?? table.columns[0];
    // Blanks stay last both ways (a run without the metric never tops a "best first" sort).
    const rows = sortRows(table.rows, (r) => r.cells[col?.key ?? 'run'], this.dir);
    const pinned = this.env.model.settings.baseline;
    const base = table.rows.find((r) => r.run === pinned);
    const t = el('table', 'compare-table');
    const head = el('tr', '');
    for (const c of table.columns) {
      const th = el('th', c.kind === 'text' ? '' : 'num');
      th.scope = 'col';
      th.title = c.title ?? columnLabel(c);
      if (c.key === this.sortKey) th.setAttribute('aria-sort', this.dir === 1 ? 'ascending' : 'descending');
      const b = el(
        'button',
        'sort',
        `${columnLabel(c)}${c.key === this.sortKey ? (this.dir === 1 ? ' ▲' : ' ▼') : ''}`,
      );
      b.type = 'button';
      b.dataset.sort = c.key;
      b.addEventListener('click', () => {
        if (this.sortKey === c.key) this.dir = this.dir === 1 ? -1 : 1;
        else {
          this.sortKey = c.key;
          this.dir = c.kind === 'text' ? 1 : -1;
        }
        this.render(this.table);
      });
      th.append(b);
      head.append(th);
    }
    const thead = el('thead', '');
    thead.append(head);
    const tbody = el('tbody', '');
    for (const r of rows) {
      const tr = el('tr', '');
      tr.dataset.run = r.run;
      for (const c of table.columns) {
        const v = r.cells[c.key] ?? null;
        const td = el('td', c.kind === 'text' ? '' : 'num');
        if (c.key === 'run') {
          const sw = el('span', 'swatch');
          sw.style.setProperty('--swatch', this.env.colorOf(r.run));
          const isBase = r.run === base?.run;
          const pin = el('button', `pin${isBase ? ' pinned' : ''}`, isBase ? w('Baseline') : w('Pin'));
          pin.type = 'button';
          pin.dataset.pin = r.run;
          pin.setAttribute('aria-pressed', String(isBase));
          pin.title = isBase
            ? w('Unpin: stop comparing with this run')
            : w('Pin as the baseline: show differences from it');
          pin.addEventListener('click', () => this.onBaseline(isBase ? '' : r.run));
          td.append(sw, el('span', 'run-cell', runLabel(String(v))), pin);
          td.title = String(v);
          if (isBase) tr.classList.add('baseline');
        } else if (c.key === 'state') {
          td.append(el('span', `state state-${String(v)}`, String(v ?? '—')));
        } else {
          td.textContent =
            c.kind === 'duration'
              ? formatDuration(v as number | null)
              : c.kind === 'number'
                ? formatValue(v as number | null)
                : String(v ?? '—');
          if (c.kind === 'text' && typeof v === 'string') td.title = v;
          const d =
            c.kind === 'number' && base && base.run !== r.run && typeof v === 'number'
              ? deltaFrom(base.cells[c.key] as number | undefined, v, c.goal)
              : undefined;
          if (d) {
            const verdict = d.better === undefined ? '' : d.better ? ' better' : ' worse';
            const span = el('span', `delta${verdict}`, formatDelta(d));
            span.title =
              d.better === undefined
                ? w('{0} from the baseline {1}', formatDelta(d), runLabel(base!.run))
                : d.better
                  ? w('{0} from the baseline {1}: better', formatDelta(d), runLabel(base!.run))
                  : w('{0} from the baseline {1}: worse', formatDelta(d), runLabel(base!.run));
            td.append(el('br', ''), span);
          }
        }
        tr.append(td);
      }
      tbody.append(tr);
    }
    t.append(thead, tbody);
    const wrap = el('div', 'table-wrap');
    wrap.append(t);
    this.el.replaceChildren(title, wrap, ...(table.note ? [el('p', 'muted note', table.note)] : []));
  }
}

/**
 * A column's header in the page's language: the host names the summary columns in English (comparison.ts:
 * `<metric> (final)`, `(best)`, `(smoothed)`, `(min)`, `(max)`, and Run, Experiment, State, Duration, Cost).
 */
function columnLabel(c: ComparisonColumn): string {
  const i = c.key.indexOf(':');
  const kind = i < 0 ? c.key : c.key.slice(0, i);
  const metric = c.key.slice(i + 1);
  if (i >= 0 && c.label !== `${metric} (${kind})`) return c.label; // not the host's summary label: as sent
  switch (kind) {
    case 'run':
      return w('Run');
    case 'experiment':
      return w('Experiment');
    case 'state':
      return w('State');
    case 'duration':
      return w('Duration');
    case 'cost':
      return w('Cost');
    case 'final':
      return w('{0} (final)', metric);
    case 'best':
      return w('{0} (best)', metric);
    case 'smoothed':
      return w('{0} (smoothed)', metric);
    case 'min':
      return w('{0} (min)', metric);
    case 'max':
      return w('{0} (max)', metric);
    default:
      return c.label;
  }
}
