/**
 * The plan's stylesheet, one source for both outputs: the webview adopts it as a constructable stylesheet
 * (`document.adoptedStyleSheets`, which a CSP `style-src` does not govern, so no 'unsafe-inline' is needed), and
 * the standalone export inlines it after `EXPORT_THEME_CSS`. Colours come from VS Code's theme variables
 * (`--vscode-*`), so the preview follows light, dark and high-contrast themes; the export defines the same
 * variables itself for light and dark (`prefers-color-scheme`).
 */
export const PLAN_CSS = String.raw`
.plan {
  --lf-border: var(--vscode-contrastBorder, var(--vscode-panel-border, rgba(128, 128, 128, 0.35)));
  --lf-muted: var(--vscode-descriptionForeground, #8b949e);
  --lf-card: color-mix(in srgb, var(--vscode-foreground, #888) 4%, transparent);
  --lf-hover: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.12));
  /* Solid theme colours only: charts.orange is a translucent minimap colour in some themes. */
  --lf-c0: var(--vscode-charts-blue, #3794ff);
  --lf-c1: var(--vscode-charts-yellow, #cca700);
  --lf-c2: var(--vscode-charts-green, #89d185);
  --lf-c3: var(--vscode-charts-purple, #b180d7);
  --lf-c4: var(--vscode-terminal-ansiCyan, #29b8db);
  --lf-c5: var(--vscode-charts-red, #f14c4c);
  --lf-c6: var(--vscode-terminal-ansiMagenta, #bc3fbc);
  --lf-c7: var(--vscode-charts-lines, #8b949e);
  --lf-good: var(--vscode-charts-green, #89d185);
  --lf-bad: var(--vscode-errorForeground, #f14c4c);
  --lf-warn: var(--vscode-editorWarning-foreground, #cca700);
  --lf-info: var(--vscode-editorInfo-foreground, #3794ff);
  /*
   * Text in a status colour, and badges filled with one: theme accents are made for lines and icons, and several
   * (Light Modern's green, the warning amber) fall under 4.5:1 as small text. Mixing in the foreground keeps the
   * hue and raises the contrast in light, dark and high-contrast themes alike (axe checks it: test/ui).
   */
  --lf-good-text: color-mix(in srgb, var(--lf-good) 60%, var(--vscode-foreground, currentColor));
  --lf-bad-text: color-mix(in srgb, var(--lf-bad) 65%, var(--vscode-foreground, currentColor));
  --lf-warn-text: color-mix(in srgb, var(--lf-warn) 50%, var(--vscode-foreground, currentColor));
  --lf-info-text: color-mix(in srgb, var(--lf-info) 60%, var(--vscode-foreground, currentColor));
  --lf-link: var(--vscode-textLink-foreground, #3794ff);
  /* Every text size follows the panel's base size, so VS Code's font size (and a reader's, in the export) scales it all. */
  --lf-fs: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground);
  font-family: var(--vscode-font-family, system-ui, sans-serif);
  font-size: var(--lf-fs);
  line-height: 1.5;
  max-width: 1040px;
  margin: 0 auto;
  padding: 20px 28px 64px;
}
.plan *, .plan *::before, .plan *::after { box-sizing: border-box; }
.plan h1 { font-size: 1.75em; font-weight: 600; margin: 0; line-height: 1.25; }
.plan h2 { display: flex; align-items: center; gap: 10px; font-size: 1.3em; font-weight: 600; margin: 0 0 12px; }
.plan h3 { font-size: 0.85em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--lf-muted); margin: 16px 0 6px; }
.plan p { margin: 0 0 8px; }
.plan code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); font-size: 0.92em; }
.plan .num { font-variant-numeric: tabular-nums; }
.plan-header { padding-bottom: 16px; }
.title-row { display: flex; align-items: baseline; justify-content: space-between; gap: 16px; flex-wrap: wrap; }
.badges { display: inline-flex; gap: 6px; align-items: center; flex-wrap: wrap; font-size: calc(var(--lf-fs) * 0.923); font-weight: 400; }
.clean { color: var(--lf-good-text); font-size: calc(var(--lf-fs) * 0.923); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 8px 0 14px; color: var(--lf-muted); }
.facts div { display: flex; gap: 6px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; color: var(--vscode-foreground); }
.diag-badge { --vscode-badge-background: var(--lf-muted); --vscode-badge-foreground: var(--vscode-editor-background, #fff);
  display: inline-block; border-radius: 10px; padding: 1px 8px; font-size: calc(var(--lf-fs) * 0.846); line-height: 1.45; white-space: nowrap;
  background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); border: 1px solid var(--vscode-contrastBorder, transparent); }
vscode-badge.diag-badge { padding: 0; background: none; border: 0; }
.diag-badge.error { --vscode-badge-background: var(--lf-bad-text); }
.diag-badge.warning { --vscode-badge-background: var(--lf-warn-text); }
.diag-badge.info, .diag-badge.hint { --vscode-badge-background: var(--lf-info-text); }
.banner { border-left: 3px solid var(--lf-info); background: var(--lf-card); padding: 6px 10px; margin: 8px 0; border-radius: 0 4px 4px 0; }
.banner.warning { border-left-color: var(--lf-warn); }
.banner.scenario { border-left-color: var(--lf-c3); font-weight: 600; }
.scenario-switch { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 12px; font-size: calc(var(--lf-fs) * 0.923); }
.scenario-switch label { font-weight: 600; }
.scenario-switch select { font: inherit; color: var(--vscode-dropdown-foreground, inherit); background: var(--vscode-dropdown-background, transparent);
  border: 1px solid var(--vscode-dropdown-border, var(--lf-border)); border-radius: 2px; padding: 2px 4px; }
.scenario-switch select:focus { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
.scenario-hint { color: var(--lf-muted); }
.diagnostics { list-style: none; margin: 0 0 12px; padding: 0; border: 1px solid var(--lf-border); border-radius: 6px; overflow: hidden; }
.diag { display: flex; gap: 8px; align-items: baseline; padding: 5px 10px; border-top: 1px solid var(--lf-border); font-size: calc(var(--lf-fs) * 0.923); }
.diag:first-child { border-top: 0; }
.diag-sev { font-weight: 600; text-transform: capitalize; min-width: 52px; }
.diag.error .diag-sev { color: var(--lf-bad-text); }
.diag.warning .diag-sev { color: var(--lf-warn-text); }
.diag.info .diag-sev, .diag.hint .diag-sev { color: var(--lf-info-text); }
.diag-code { color: var(--lf-muted); white-space: nowrap; }
.diag-msg { flex: 1; }
.diag-loc { color: var(--lf-muted); white-space: nowrap; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; margin: 8px 0 14px; }
.figure { border: 1px solid var(--lf-border); border-left: 3px solid var(--lf-border); border-radius: 6px; padding: 8px 12px; background: var(--lf-card); min-width: 0; }
.figure.tone-good { border-left-color: var(--lf-good); }
.figure.tone-bad { border-left-color: var(--lf-bad); }
.figure.tone-warn { border-left-color: var(--lf-warn); }
.figure-label { font-size: calc(var(--lf-fs) * 0.846); text-transform: uppercase; letter-spacing: 0.05em; color: var(--lf-muted); }
.figure-value { font-size: 1.45em; font-weight: 600; line-height: 1.3; overflow-wrap: anywhere; }
.figure-hint { font-size: calc(var(--lf-fs) * 0.885); color: var(--lf-muted); }
.toc ol { list-style: none; margin: 6px 0 0; padding: 0; columns: 3 180px; column-gap: 24px; }
.toc li { display: flex; gap: 6px; align-items: center; break-inside: avoid; padding: 1px 0; }
.toc a, .data-link a { color: var(--lf-link); text-decoration: none; }
/* Links are targets of at least 24 × 24 px (WCAG 2.2 target size). */
.toc a { display: inline-block; min-height: 24px; line-height: 24px; }
/* A link inside a sentence is underlined: colour alone does not tell it from the text around it. */
.data-link a { text-decoration: underline; }
.toc a:hover, .toc a:focus-visible, .data-link a:hover, .data-link a:focus-visible { text-decoration: underline; }
.toc-num { display: inline-block; min-width: 1.6em; color: var(--lf-muted); font-variant-numeric: tabular-nums; }
.toc .badges { font-size: calc(var(--lf-fs) * 0.769); }
.plan-section { border-top: 1px solid var(--lf-border); padding: 20px 0 8px; }
.section-num { display: inline-flex; justify-content: center; align-items: center; min-width: 28px; height: 28px; padding: 0 6px; border-radius: 14px;
  background: var(--lf-card); border: 1px solid var(--lf-border); font-size: 0.75em; font-variant-numeric: tabular-nums; color: var(--lf-muted); }
.section-title { flex: 0 1 auto; }
.block { margin: 0 0 12px; }
.block.text p { max-width: 72ch; }
.block ul { margin: 0; padding-left: 20px; }
.fields { display: grid; grid-template-columns: minmax(120px, max-content) 1fr; gap: 4px 18px; margin: 0; }
.fields div { display: contents; }
.fields dt { color: var(--lf-muted); }
.fields dd { margin: 0; }
.table-wrap { overflow-x: auto; }
table.data { width: 100%; border-collapse: collapse; font-size: calc(var(--lf-fs) * 0.962); }
table.data th { text-align: left; font-weight: 600; color: var(--lf-muted); font-size: calc(var(--lf-fs) * 0.846); text-transform: uppercase; letter-spacing: 0.04em; border-bottom: 1px solid var(--lf-border); padding: 6px 10px 6px 0; white-space: nowrap; }
table.data td { padding: 6px 10px 6px 0; border-bottom: 1px solid var(--lf-border); vertical-align: top; }
table.data .num { text-align: right; white-space: nowrap; padding-right: 18px; }
table.data .nowrap { white-space: nowrap; }
table.data tr.tone-bad td:first-child { box-shadow: inset 3px 0 var(--lf-bad); padding-left: 8px; }
table.data tr.tone-warn td:first-child { box-shadow: inset 3px 0 var(--lf-warn); padding-left: 8px; }
table.data tr.tone-good td:first-child { box-shadow: inset 3px 0 var(--lf-good); padding-left: 8px; }
table.data td:first-child, table.data th:first-child { padding-left: 8px; }
table.scores th[scope=row] { font-weight: 400; color: var(--vscode-foreground); text-transform: none; letter-spacing: 0; font-size: calc(var(--lf-fs) * 0.962); border-bottom: 1px solid var(--lf-border); }
.dots { display: inline-flex; gap: 3px; vertical-align: middle; }
.dot { width: 9px; height: 9px; border-radius: 50%; border: 1px solid var(--lf-c0); }
.dot.on { background: var(--lf-c0); }
.more { color: var(--lf-muted); font-size: calc(var(--lf-fs) * 0.923); margin-top: 4px; }
.note { font-size: calc(var(--lf-fs) * 0.923); color: var(--lf-muted); border-left: 3px solid var(--lf-info); padding: 2px 8px; }
.note.warning { border-left-color: var(--lf-warn); }
.note-label { font-weight: 600; color: var(--vscode-foreground); }
figure.chart { margin: 8px 0 18px; }
figure.chart figcaption { font-size: 0.85em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--lf-muted); margin-bottom: 8px; }
.chart-row { display: flex; flex-wrap: wrap; align-items: center; gap: 18px 32px; }
.chart-note { font-size: calc(var(--lf-fs) * 0.846); color: var(--lf-muted); margin: 4px 0 0; }
.chart svg { max-width: 100%; height: auto; overflow: visible; }
.chart text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 12px; }
.chart text.axis { fill: var(--lf-muted); font-size: 11px; font-variant-numeric: tabular-nums; }
.chart text.axis-title { fill: var(--lf-muted); font-size: 11px; font-weight: 600; }
.chart .grid { stroke: var(--lf-border); stroke-width: 1; }
.chart .grid.zero { stroke: var(--lf-muted); }
.chart .grid.year { stroke: var(--lf-muted); stroke-opacity: 0.6; }
.legend { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; font-size: calc(var(--lf-fs) * 0.962); }
.legend li { display: flex; align-items: baseline; gap: 8px; }
.legend.inline { display: flex; flex-wrap: wrap; gap: 4px 18px; margin-top: 6px; font-size: calc(var(--lf-fs) * 0.923); color: var(--lf-muted); }
.legend.inline li { align-items: center; }
.legend-key { min-width: 0; }
.legend-value { margin-left: auto; padding-left: 12px; font-weight: 600; }
.legend-ratio, .legend-detail { color: var(--lf-muted); font-size: calc(var(--lf-fs) * 0.885); }
.funnel-legend li { display: grid; grid-template-columns: 40px auto 1fr; column-gap: 10px; }
.funnel-legend .legend-value { margin: 0; padding: 0; }
.funnel-legend .legend-detail { grid-column: 2 / 4; }
.funnel-legend .legend-key { font-weight: 600; }
.funnel-shape { fill: var(--lf-c0); }
.tornado-good { fill: var(--lf-good); }
.tornado-bad { fill: var(--lf-bad); fill-opacity: 0.8; }
.tornado-base { stroke: var(--vscode-foreground, currentColor); stroke-dasharray: 3 3; stroke-width: 1; }
.chart text.tornado-label, .chart text.tornado-value { fill: var(--vscode-foreground, currentColor); font-size: 11px; }
.funnel-shape.f1 { fill-opacity: 0.75; }
.funnel-shape.f2 { fill-opacity: 0.55; }
.chart text.funnel-label { fill: var(--vscode-editor-background, #fff); font-size: 11px; font-weight: 600; letter-spacing: 0.05em; }
.chart text.funnel-value { fill: var(--vscode-editor-background, #fff); font-size: 13px; font-weight: 700; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; flex: none; align-self: center; }
.c0 { fill: var(--lf-c0); background: var(--lf-c0); } .c1 { fill: var(--lf-c1); background: var(--lf-c1); }
.c2 { fill: var(--lf-c2); background: var(--lf-c2); } .c3 { fill: var(--lf-c3); background: var(--lf-c3); }
.c4 { fill: var(--lf-c4); background: var(--lf-c4); } .c5 { fill: var(--lf-c5); background: var(--lf-c5); }
.c6 { fill: var(--lf-c6); background: var(--lf-c6); } .c7 { fill: var(--lf-c7); background: var(--lf-c7); }
.slice { stroke: var(--vscode-editor-background, #fff); stroke-width: 1.5; }
.donut-track { stroke: var(--lf-card); }
.chart text.donut-total { font-size: 15px; font-weight: 700; }
.chart text.donut-total.off { fill: var(--lf-bad-text); }
.bar.revenue, .swatch.revenue { fill: var(--lf-c0); background: var(--lf-c0); }
.bar.costs, .swatch.costs { fill: var(--lf-c1); background: var(--lf-c1); }
.swatch.profit { background: var(--lf-c2); height: 3px; width: 14px; }
.profit-line { stroke: var(--lf-c2); stroke-width: 2.5; }
.profit-dot { fill: var(--lf-c2); stroke: var(--vscode-editor-background, #fff); stroke-width: 1.5; }
.profit-dot.loss { fill: var(--lf-c5); }
.break-even-band { fill: var(--lf-good); fill-opacity: 0.12; }
.chart text.break-even-label { fill: var(--lf-good-text); font-size: 11px; font-weight: 700; }
.row-band { fill: transparent; }
.row-band.odd { fill: var(--vscode-foreground, #888); fill-opacity: 0.04; }
.chart text.gantt-label { font-size: 12px; }
.chart text.year-label { font-weight: 600; fill: var(--vscode-foreground); }
.gantt-bar, .swatch.planned { fill: var(--lf-c7); background: var(--lf-c7); }
.gantt-bar.done, .swatch.done { fill: var(--lf-c2); background: var(--lf-c2); }
.gantt-bar.active, .swatch.active { fill: var(--lf-c0); background: var(--lf-c0); }
.gantt-bar.blocked { fill: var(--lf-c5); }
.dependency { stroke: var(--lf-muted); stroke-width: 1.2; stroke-dasharray: 2 2; }
.plan-date { stroke: var(--lf-c5); stroke-width: 1.5; stroke-dasharray: 4 3; }
.swatch.plan-date { background: var(--lf-c5); height: 2px; width: 14px; }
.chart text.plan-date-label { fill: var(--lf-c5); }
.cell.high, .swatch.high { fill: var(--lf-c5); background: var(--lf-c5); }
.cell.medium, .swatch.medium { fill: var(--lf-c1); background: var(--lf-c1); }
.cell.low, .swatch.low { fill: var(--lf-c2); background: var(--lf-c2); }
.cell { stroke: var(--vscode-contrastBorder, transparent); }
.chart text.cell-count { font-size: 15px; font-weight: 700; paint-order: stroke; stroke: var(--vscode-editor-background, #fff); stroke-width: 2px; stroke-linejoin: round; }
.team { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 12px; }
.role-group h3 { margin-top: 4px; }
.role-group ul { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
.member { border: 1px solid var(--lf-border); border-radius: 6px; padding: 8px 10px; background: var(--lf-card); }
.member-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.member-name { font-weight: 600; }
.member-title, .member-resp, .member-start { font-size: calc(var(--lf-fs) * 0.923); color: var(--lf-muted); }
.chip { font-size: calc(var(--lf-fs) * 0.808); border-radius: 8px; padding: 0 7px; border: 1px solid var(--lf-border); color: var(--lf-muted); white-space: nowrap; }
.chip.status-founder { border-color: var(--lf-c3); color: color-mix(in srgb, var(--lf-c3) 60%, var(--vscode-foreground, currentColor)); }
.chip.status-hired { border-color: var(--lf-good); color: var(--lf-good-text); }
.chip.status-hiring { border-color: var(--lf-warn); color: var(--lf-warn-text); }
.plan ul.kpis { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 10px; }
.kpi { border: 1px solid var(--lf-border); border-radius: 6px; padding: 8px 12px; background: var(--lf-card); }
.kpi.tone-bad { border-left: 3px solid var(--lf-bad); }
.kpi-name { font-weight: 600; }
.kpi-dir { color: var(--lf-muted); font-weight: 400; }
.kpi-values { font-size: 1.15em; }
.kpi-values .arrow { color: var(--lf-muted); }
.kpi-meta { font-size: calc(var(--lf-fs) * 0.885); color: var(--lf-muted); }
.kpi-meta.bad { color: var(--lf-bad-text); }
.kpi-track { stroke: var(--lf-border); stroke-width: 4; stroke-linecap: round; }
.kpi-span { stroke: var(--lf-c0); stroke-width: 4; stroke-linecap: round; }
.kpi-span.bad, .kpi-target.bad { stroke: var(--lf-bad); fill: var(--lf-bad); }
.kpi-baseline { fill: var(--vscode-editor-background, #fff); stroke: var(--lf-muted); stroke-width: 2; }
.kpi-target { fill: var(--lf-c0); }
[data-path] { cursor: pointer; }
tr[data-path]:hover, li[data-path]:hover, .figure[data-path]:hover, dl.fields div[data-path]:hover dd, .block.text[data-path]:hover, h2[data-path]:hover .section-title { background: var(--lf-hover); }
g[data-path]:hover rect, g[data-path]:hover path, path[data-path]:hover { stroke: var(--vscode-focusBorder, #0078d4); stroke-width: 2; }
/* Focus must be seen: VS Code's focus colour, 2px, outside the element (keyboard users follow it through the plan). */
.plan :focus-visible { outline: 2px solid var(--vscode-focusBorder, #0078d4); outline-offset: 2px; }
.plan-section:focus { outline: none; }
.plan-section:focus-visible h2, .plan-section:focus h2 { outline: 2px solid var(--vscode-focusBorder, #0078d4); outline-offset: 2px; }
@media (prefers-reduced-motion: reduce) {
  .plan *, .plan *::before, .plan *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
}
.review-threads { border: 1px solid var(--lf-border); border-left: 3px solid var(--lf-info); border-radius: 6px; padding: 6px 10px; margin: 10px 0; background: var(--lf-card); }
.review-title { font-size: 1em; margin: 2px 0 6px; }
.review-thread { border-top: 1px solid var(--lf-border); padding: 6px 0; }
.review-thread:first-of-type { border-top: 0; }
.review-anchor { margin: 0 0 4px; display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.review-state { font-weight: 600; }
.review-state.open { color: var(--lf-info-text); }
.review-state.resolved { color: var(--lf-good-text, var(--lf-muted)); }
.review-state.outdated { color: var(--lf-warn-text); }
.review-comments { list-style: none; margin: 0; padding: 0 0 0 12px; }
.review-comment { margin: 4px 0; }
.review-meta { margin: 0; font-size: calc(var(--lf-fs) * 0.885); color: var(--lf-muted); }
.review-author { font-weight: 600; color: var(--vscode-foreground); }
.review-body { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.review-outdated-note { margin: 2px 0 4px; color: var(--lf-warn-text); }
`;

/** The theme variables the standalone export defines itself (VS Code defines them in the webview). */
export const EXPORT_THEME_CSS = String.raw`
:root {
  color-scheme: light dark;
  --vscode-font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --vscode-editor-font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  /* 14px at the browser's default size; a reader who sets a larger default font gets larger text. */
  --vscode-font-size: 0.875rem;
  --vscode-foreground: #1f2328; --vscode-descriptionForeground: #59636e; --vscode-editor-background: #ffffff;
  --vscode-panel-border: #d8dee4; --vscode-textLink-foreground: #005fb8; --vscode-list-hoverBackground: #f2f4f6;
  --vscode-charts-blue: #1a85ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #388a34; --vscode-charts-purple: #652d90;
  --vscode-charts-yellow: #bf8803; --vscode-charts-red: #e51400; --vscode-charts-lines: #8b949e; --vscode-terminal-ansiCyan: #0598bc; --vscode-terminal-ansiMagenta: #bc05bc;
  --vscode-errorForeground: #c5221f; --vscode-editorWarning-foreground: #b36b00; --vscode-editorInfo-foreground: #1a85ff;
  --vscode-focusBorder: #005fb8;
}
@media (prefers-color-scheme: dark) {
  :root {
    --vscode-foreground: #d4d4d4; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1f1f1f;
    --vscode-panel-border: #3c3c3c; --vscode-textLink-foreground: #4daafc; --vscode-list-hoverBackground: #2a2d2e;
    --vscode-charts-blue: #3794ff; --vscode-charts-orange: #d18616; --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7;
    --vscode-charts-yellow: #cca700; --vscode-charts-red: #f14c4c; --vscode-charts-lines: #8b949e; --vscode-terminal-ansiCyan: #29b8db; --vscode-terminal-ansiMagenta: #d670d6;
    --vscode-errorForeground: #f85149; --vscode-editorWarning-foreground: #cca700; --vscode-editorInfo-foreground: #3794ff;
    --vscode-focusBorder: #0078d4;
  }
}
html { background: var(--vscode-editor-background); color: var(--vscode-foreground); }
body { margin: 0; }
@media print { .plan { max-width: none; padding: 0; } .plan-section { break-inside: avoid-page; } }
`;
