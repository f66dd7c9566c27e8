/** One view block as HTML (charts delegate to charts/). Every piece of plan text goes through `esc`. */
import { esc } from './escape';
import { t } from '../../l10n';
import { n, revealAttr, tableAnchor, type RenderOptions } from './attrs';
import type { Block, Figure, KpiBlock, ScoresBlock, TableBlock, TableColumn, TeamBlock } from './model';
import { funnelSvg } from './charts/funnel';
import { donutSvg } from './charts/donut';
import { periodsSvg } from './charts/periods';
import { ganttSvg } from './charts/gantt';
import { heatMapSvg } from './charts/heat-map';
import { tornadoSvg } from './charts/tornado';
import { humanize } from './format';

/**
 * A chart drawn as SVG says nothing of its numbers to a screen reader beyond its summary label: the table in the
 * same section that holds its data (when the section has it) is linked from under the chart.
 */
const CHART_TABLES: Partial<Record<Block['kind'], { table: string; label: (o: RenderOptions) => string }>> = {
  periods: { table: 'periods', label: (o) => t(o.locale, 'Table of the figures per period') },
  gantt: { table: 'milestones', label: (o) => t(o.locale, 'Table of the milestones') },
  heatmap: { table: 'risks', label: (o) => t(o.locale, 'Table of the risks') },
  tornado: { table: 'sensitivity', label: (o) => t(o.locale, 'Table of the sensitivity figures') },
};

/** `tables`: ids of the tables in the same section (a chart links to its data table only when it is there). */
export function blockHtml(b: Block, o: RenderOptions, tables: ReadonlySet<string> = new Set()): string {
  const data = CHART_TABLES[b.kind];
  const chart = chartHtml(b, o);
  if (chart === undefined) return otherBlockHtml(b, o);
  if (!data || !tables.has(data.table)) return chart;
  const link = `<p class="chart-note data-link"><a href="#${tableAnchor(data.table)}">${esc(data.label(o))}</a>${esc(t(o.locale, ' (the same data as text)'))}</p>`;
  return chart.replace(/<\/figure>$/, `${link}</figure>`);
}

function chartHtml(b: Block, o: RenderOptions): string | undefined {
  switch (b.kind) {
    case 'funnel':
      return funnelSvg(b, o);
    case 'donut':
      return donutSvg(b, o);
    case 'periods':
      return periodsSvg(b, o);
    case 'gantt':
      return ganttSvg(b, o);
    case 'heatmap':
      return heatMapSvg(b, o);
    case 'tornado':
      return tornadoSvg(b, o);
    default:
      return undefined;
  }
}

function otherBlockHtml(b: Block, o: RenderOptions): string {
  switch (b.kind) {
    case 'text':
      return `<div class="block text"${revealAttr(b.ref, o)}>${b.label ? `<h3>${esc(b.label)}</h3>` : ''}<p>${esc(b.text)}</p></div>`;
    case 'list':
      return (
        `<div class="block list">${b.label ? `<h3>${esc(b.label)}</h3>` : ''}<ul>${b.items.map((i) => `<li${revealAttr(i.ref, o)}>${esc(i.text)}</li>`).join('')}</ul>` +
        `${b.more ? `<p class="more">… and ${b.more} more</p>` : ''}</div>`
      );
    case 'fields':
      return `<div class="block">${b.label ? `<h3>${esc(b.label)}</h3>` : ''}<dl class="fields">${b.items.map((i) => `<div${revealAttr(i.ref, o)}><dt>${esc(i.label)}</dt><dd>${esc(i.value)}</dd></div>`).join('')}</dl></div>`;
    case 'figures':
      return `<div class="block figures">${b.items.map((f) => figureHtml(f, o)).join('')}</div>`;
    case 'table':
      return tableHtml(b, o);
    case 'funnel':
    case 'donut':
    case 'periods':
    case 'gantt':
    case 'heatmap':
    case 'tornado':
      return chartHtml(b, o) ?? '';
    case 'team':
      return teamHtml(b, o);
    case 'kpis':
      return kpisHtml(b, o);
    case 'scores':
      return scoresHtml(b, o);
    case 'note':
      return `<p class="note ${b.level}"${revealAttr(b.ref, o)}><span class="note-label">${esc(b.level === 'warning' ? t(o.locale, 'Warning') : t(o.locale, 'Note'))}</span> ${esc(b.text)}</p>`;
  }
}

export function figureHtml(f: Figure, o: RenderOptions): string {
  return (
    `<div class="figure tone-${f.tone ?? 'neutral'}"${f.id ? ` data-figure="${esc(f.id)}"` : ''}${revealAttr(f.ref, o)}>` +
    `<div class="figure-label">${esc(f.label)}</div><div class="figure-value num">${esc(f.value)}</div>` +
    `${f.hint ? `<div class="figure-hint">${esc(f.hint)}</div>` : ''}</div>`
  );
}

function tableHtml(b: TableBlock, o: RenderOptions): string {
  const cls = (c: TableColumn | undefined) => (c?.numeric ? ' class="num"' : c?.nowrap ? ' class="nowrap"' : '');
  const head = b.columns.map((c) => `<th${cls(c)} scope="col">${esc(c.label)}</th>`).join('');
  const body = b.rows
    .map(
      (r) =>
        `<tr${r.tone && r.tone !== 'neutral' ? ` class="tone-${r.tone}"` : ''}${revealAttr(r.ref, o)}>` +
        r.cells.map((cell, i) => `<td${cls(b.columns[i])}>${esc(cell)}</td>`).join('') +
        '</tr>',
    )
    .join('');
  return (
    `<div class="block table-wrap">${b.label ? `<h3>${esc(b.label)}</h3>` : ''}<table class="data"${b.id ? ` id="${tableAnchor(b.id)}" data-table="${esc(b.id)}"` : ''}>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${b.more ? `<p class="more">… and ${b.more} more rows</p>` : ''}</div>`
  );
}

function teamHtml(b: TeamBlock, o: RenderOptions): string {
  return `<div class="block team">${b.groups
    .map(
      (g) =>
        `<div class="role-group"><h3>${esc(g.role)}</h3><ul>${g.members
          .map(
            (m) =>
              `<li class="member"${revealAttr(m.ref, o)}>` +
              `<div class="member-head"><span class="member-name">${esc(m.name)}</span>${m.status ? `<span class="chip status-${esc(m.status)}">${esc(humanize(m.status))}</span>` : ''}</div>` +
              `${m.title ? `<div class="member-title">${esc(m.title)}</div>` : ''}` +
              `${m.responsibilities.length ? `<div class="member-resp">${esc(m.responsibilities.join(' · '))}</div>` : ''}` +
              `${m.start ? `<div class="member-start">from ${esc(m.start)}</div>` : ''}</li>`,
          )
          .join('')}</ul></div>`,
    )
    .join('')}</div>`;
}

/** Baseline and target on one track per KPI (0 to the larger of the two), with an arrow in the KPI's direction. */
function kpisHtml(b: KpiBlock, o: RenderOptions): string {
  const W = 220;
  const rows = b.items
    .map((k) => {
      let bar = '';
      if (k.baseline !== undefined && k.target !== undefined) {
        const lo = Math.min(0, k.baseline, k.target);
        const hi = k.unit === '%' ? Math.max(100, k.baseline, k.target) : Math.max(k.baseline, k.target) * 1.1 || 1;
        const x = (v: number) => 6 + ((v - lo) / (hi - lo || 1)) * (W - 12);
        const x0 = x(k.baseline);
        const x1 = x(k.target);
        bar =
          `<svg class="kpi-svg" viewBox="0 0 ${W} 22" width="${W}" height="22" role="img" aria-label="${esc(t(o.locale, '{0} to {1}', k.baselineDisplay, k.targetDisplay))}">` +
          `<line class="kpi-track" x1="6" x2="${W - 6}" y1="11" y2="11"/>` +
          `<line class="kpi-span${k.consistent === false ? ' bad' : ''}" x1="${n(x0)}" x2="${n(x1)}" y1="11" y2="11"/>` +
          `<circle class="kpi-baseline" cx="${n(x0)}" cy="11" r="4"/><circle class="kpi-target${k.consistent === false ? ' bad' : ''}" cx="${n(x1)}" cy="11" r="5"/></svg>`;
      }
      const dir = k.direction === 'increase' ? '↑' : k.direction === 'decrease' ? '↓' : '';
      const meta = [
        k.deadline && t(o.locale, 'by {0}', k.deadline),
        k.owner && t(o.locale, 'owner {0}', k.owner),
        k.measuredBy && t(o.locale, 'measured by {0}', k.measuredBy),
      ]
        .filter(Boolean)
        .join(' · ');
      return (
        `<li class="kpi${k.consistent === false ? ' tone-bad' : ''}"${revealAttr(k.ref, o)}><div class="kpi-name">${esc(k.name)}${dir ? ` <span class="kpi-dir" title="${esc(k.direction ?? '')}">${dir}</span>` : ''}</div>` +
        `<div class="kpi-values num">${esc(k.baselineDisplay)} <span class="arrow">→</span> <strong>${esc(k.targetDisplay)}</strong></div>${bar}` +
        `${meta ? `<div class="kpi-meta">${esc(meta)}</div>` : ''}${k.consistent === false ? `<div class="kpi-meta bad">${esc(k.direction === 'decrease' ? t(o.locale, 'The target does not decrease from the baseline.') : k.direction === 'increase' ? t(o.locale, 'The target does not increase from the baseline.') : t(o.locale, 'The target does not {0} from the baseline.', k.direction ?? ''))}</div>` : ''}</li>`
      );
    })
    .join('');
  return `<div class="block"><ul class="kpis">${rows}</ul></div>`;
}

function scoresHtml(b: ScoresBlock, o: RenderOptions): string {
  const rows = b.items
    .map((s) => {
      const dots = [1, 2, 3, 4, 5]
        .map((i) => `<span class="dot${s.score !== undefined && i <= s.score ? ' on' : ''}"></span>`)
        .join('');
      return `<tr${revealAttr(s.ref, o)}><th scope="row">${esc(s.label)}</th><td class="score"><span class="dots" aria-hidden="true">${dots}</span> <span class="num">${s.score ?? '—'}/5</span></td><td>${esc(s.evidence ?? '')}</td></tr>`;
    })
    .join('');
  return `<div class="block table-wrap"><table class="data scores"><thead><tr><th scope="col">${esc(t(o.locale, 'Criterion'))}</th><th scope="col">${esc(t(o.locale, 'Score'))}</th><th scope="col">${esc(t(o.locale, 'Evidence'))}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
