/**
 * The run comparison table under the charts: one row per selected run with the config keys that differ, final
 * and best metrics, duration and state; click a header to sort (again to reverse). Built by the host
 * (client/src/panels/metrics/comparison.ts); this only draws and sorts it.
 */
import type { ComparisonTable } from '../../client/src/panels/metrics/contract';
import { type ChartEnv, runLabel } from './chart-env';
import { el } from './chart-view';
import { formatDuration, formatValue } from './format';

export class ComparisonView {
  readonly el = el('section', 'comparison');
  private sortKey = 'run';
  private dir: 1 | -1 = 1;
  private table: ComparisonTable = { columns: [], rows: [] };

  constructor(private readonly env: ChartEnv) {
    this.el.setAttribute('aria-label', 'Run comparison');
  }

  render(table: ComparisonTable): void {
    this.table = table;
    const title = el('h2', 'section-title', 'Run comparison');
    if (table.rows.length === 0) {
      this.el.replaceChildren(title, el('p', 'muted', 'Select runs to compare them.'));
      return;
    }
    const col = table.columns.find((c) => c.key === this.sortKey) ?? table.columns[0];
    const rows = [...table.rows].sort(
      (a, b) => this.dir * compare(a.cells[col?.key ?? 'run'], b.cells[col?.key ?? 'run']),
    );
    const t = el('table', 'compare-table');
    const head = el('tr', '');
    for (const c of table.columns) {
      const th = el('th', c.kind === 'text' ? '' : 'num');
      th.scope = 'col';
      th.title = c.title ?? c.label;
      if (c.key === this.sortKey) th.setAttribute('aria-sort', this.dir === 1 ? 'ascending' : 'descending');
      const b = el('button', 'sort', `${c.label}${c.key === this.sortKey ? (this.dir === 1 ? ' ▲' : ' ▼') : ''}`);
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
          td.append(sw, el('span', 'run-cell', runLabel(String(v))));
          td.title = String(v);
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

/** Numbers before strings before blanks; numbers numerically, strings naturally. */
function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (blank(a) || blank(b)) return blank(a) === blank(b) ? 0 : blank(a) ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}
