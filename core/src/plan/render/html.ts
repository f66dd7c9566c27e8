/**
 * The plan as semantic HTML with inline SVG charts: no inline `style=` attributes and no scripts, so the webview
 * can keep a strict CSP and the export reads without JavaScript. The webview patches the output per part
 * (`renderPlanParts`), the export takes it whole (`renderPlanHtml`).
 */
import { esc } from './escape';
import { t } from '../../l10n';
import { revealAttr, type RenderOptions } from './attrs';
import { blockHtml, figureHtml } from './blocks-html';
import { reviewPartHtml, sectionThreadsHtml } from './review';
import type { DiagnosticView, PlanViewModel, ScenarioSwitchView, SectionView, ViewSeverity } from './model';

export type { RenderOptions } from './attrs';

/** Diagnostics listed per section; the rest are counted (the Problems panel has them all). */
const MAX_LISTED = 50;
const WORD: Record<ViewSeverity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info', 'infos'],
  hint: ['hint', 'hints'],
};

/** One keyed part of the page: the header, then one per section. The webview replaces only parts whose html changed. */
export interface PlanPart {
  readonly key: string;
  readonly html: string;
}

/**
 * `sections`: HTML already rendered per section object, with these options (the webview keeps one: a section the
 * host did not post again is the same object, so it is not rendered again).
 */
export function renderPlanParts(
  model: PlanViewModel,
  options: RenderOptions,
  sections?: WeakMap<SectionView, string>,
): PlanPart[] {
  const o: RenderOptions = { ...options, locale: options.locale ?? model.locale };
  if (model.status === 'not-a-plan' || model.status === 'too-big') {
    return [
      {
        key: 'header',
        html: `<header class="plan-header"><h1>${esc(model.title)}</h1><p class="banner warning">${esc(model.message ?? '')}</p></header>`,
      },
    ];
  }
  return [
    { key: 'header', html: headerHtml(model, o) },
    ...(o.interactive && model.scenarios
      ? [{ key: 'scenario-switch', html: scenarioSwitchHtml(model.scenarios, o) }]
      : []),
    ...model.sections.map((s) => {
      let html = sections?.get(s);
      if (html === undefined) {
        html = sectionHtml(s, o);
        sections?.set(s, html);
      }
      return { key: `sec-${s.id}`, html };
    }),
    ...(model.review ? [{ key: 'review', html: reviewPartHtml(model, o) }] : []),
  ];
}

export function renderPlanHtml(model: PlanViewModel, o: RenderOptions): string {
  return `<article class="plan" data-status="${esc(model.status)}">${renderPlanParts(model, o)
    .map((p) => p.html)
    .join('')}</article>`;
}

function headerHtml(m: PlanViewModel, o: RenderOptions): string {
  const facts = m.facts.map((f) => `<div><dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd></div>`).join('');
  const counts = [
    m.counts.errors && badge('error', m.counts.errors, o),
    m.counts.warnings && badge('warning', m.counts.warnings, o),
    m.counts.infos && badge('info', m.counts.infos, o),
  ]
    .filter(Boolean)
    .join('');
  const toc = m.sections
    .map(
      (s) =>
        `<li><a href="#sec-${esc(s.id)}"><span class="toc-num">${s.number}</span> ${esc(s.title)}</a>${sectionBadges(s.diagnostics, o)}</li>`,
    )
    .join('');
  return (
    `<header class="plan-header"${revealAttr({ path: [] }, o)}>` +
    `<div class="title-row"><h1>${esc(m.title)}</h1><div class="badges">${counts || `<span class="clean">${esc(t(o.locale, 'No problems'))}</span>`}</div></div>` +
    (facts ? `<dl class="facts">${facts}</dl>` : '') +
    (m.status === 'syntax-error'
      ? `<p class="banner warning">${esc(m.message ?? t(o.locale, 'The YAML has a syntax error.'))} ${esc(t(o.locale, 'The preview may be incomplete until it is fixed.'))}</p>`
      : '') +
    scenarioBannerHtml(m.scenarios, o) +
    (m.missing.length
      ? `<p class="banner info">${esc(t(o.locale, 'Core sections missing: {0}.', m.missing.join(t(o.locale, ', '))))}</p>`
      : '') +
    diagnosticsHtml(m.diagnostics, o) +
    (m.summary.length ? `<div class="figures summary">${m.summary.map((f) => figureHtml(f, o)).join('')}</div>` : '') +
    (toc ? `<nav class="toc" aria-label="${esc(t(o.locale, 'Sections'))}"><ol>${toc}</ol></nav>` : '') +
    '</header>'
  );
}

function sectionHtml(s: SectionView, o: RenderOptions): string {
  const tables = new Set(s.blocks.flatMap((b) => (b.kind === 'table' && b.id ? [b.id] : [])));
  return (
    `<section class="plan-section" id="sec-${esc(s.id)}" data-section="${esc(s.id)}">` +
    `<h2${revealAttr(s.ref, o)}><span class="section-num">${s.number}</span><span class="section-title">${esc(s.title)}</span>${sectionBadges(s.diagnostics, o)}</h2>` +
    diagnosticsHtml(s.diagnostics, o) +
    s.blocks.map((b) => blockHtml(b, o, tables)).join('') +
    sectionThreadsHtml(s.threads, o) +
    '</section>'
  );
}

function sectionBadges(ds: readonly DiagnosticView[], o: RenderOptions): string {
  const order: ViewSeverity[] = ['error', 'warning', 'info', 'hint'];
  const html = order
    .map((sev) => {
      const c = ds.filter((d) => d.severity === sev).length;
      return c ? badge(sev, c, o) : '';
    })
    .join('');
  return html ? `<span class="badges">${html}</span>` : '';
}

function badge(sev: ViewSeverity, count: number, o: RenderOptions): string {
  const [one, many] = WORD[sev];
  const text = esc(t(o.locale, `{0} ${count === 1 ? one : many}`, count));
  return o.interactive
    ? `<vscode-badge class="diag-badge ${sev}" data-severity="${sev}" title="${text}">${text}</vscode-badge>`
    : `<span class="diag-badge ${sev}" data-severity="${sev}">${text}</span>`;
}

function diagnosticsHtml(ds: readonly DiagnosticView[], o: RenderOptions): string {
  if (!ds.length) return '';
  const items = ds
    .slice(0, MAX_LISTED)
    .map(
      (d) =>
        `<li class="diag ${d.severity}"${revealAttr(d.ref, o)}>` +
        `<span class="diag-sev">${esc(t(o.locale, WORD[d.severity][0]))}</span>${d.code ? `<code class="diag-code">${esc(d.code)}</code>` : ''}` +
        `<span class="diag-msg">${esc(d.message)}</span>${d.ref.range ? `<span class="diag-loc">${esc(t(o.locale, 'line {0}', d.ref.range.start.line + 1))}</span>` : ''}</li>`,
    )
    .join('');
  const more =
    ds.length > MAX_LISTED
      ? `<li class="diag more">${esc(t(o.locale, '… and {0} more in the Problems panel', ds.length - MAX_LISTED))}</li>`
      : '';
  return `<ul class="diagnostics">${items}${more}</ul>`;
}

/** The element id of the scenario switcher's select (the webview finds it by this id and keeps its focus). */
export const SCENARIO_SELECT_ID = 'scenario-select';

/**
 * The scenario switcher (webview only): a labelled native select, so the keyboard (arrows, type-ahead) and screen
 * readers work as everywhere; the webview posts the choice to the host, which sends the chosen scenario's model.
 */
function scenarioSwitchHtml(s: ScenarioSwitchView, o: RenderOptions): string {
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const options =
    option('', t(o.locale, 'Plan as written'), s.shown === undefined) +
    s.names.map((name) => option(name, name, name === s.shown)).join('');
  return (
    `<div class="scenario-switch">` +
    `<label id="scenario-switch-label" for="${SCENARIO_SELECT_ID}">${esc(t(o.locale, 'Show scenario'))}</label>` +
    `<select id="${SCENARIO_SELECT_ID}" data-scenario-select${s.names.length ? '' : ' disabled'}>${options}</select>` +
    `<span class="scenario-hint">${esc(t(o.locale, 'All scenarios side by side: the Scenarios section.'))}</span>` +
    '</div>'
  );
}

/** Says which scenario the figures, charts and rules show (also in the export), or that the chosen one is gone. */
function scenarioBannerHtml(s: ScenarioSwitchView | undefined, o: RenderOptions): string {
  if (s?.shown !== undefined)
    return `<p class="banner scenario" data-scenario="${esc(s.shown)}">${esc(t(o.locale, 'Scenario “{0}”: the figures, charts and rules below are this scenario’s.', s.shown))}</p>`;
  if (s?.missing !== undefined)
    return `<p class="banner warning">${esc(t(o.locale, 'The plan has no scenario “{0}” any more: showing the plan as written.', s.missing))}</p>`;
  return '';
}
