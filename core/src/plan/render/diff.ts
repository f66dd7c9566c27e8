/**
 * The plan diff report: Markdown for a pull-request comment, HTML for the compare panel (interactive: rows reveal
 * their YAML) and for a standalone file (no script). Every piece of plan text is escaped.
 */
import type { FigureChange, InputChange, PlanDiff, RuleChange } from '../diff';
import { esc, mdEscape } from './escape';
import { EXPORT_THEME_CSS, PLAN_CSS } from './css';
import { pathKey } from './model';

export interface DiffLabels {
  /** The old version, e.g. `HEAD:plan.yaml`. */
  readonly a: string;
  /** The new version, e.g. `plan.yaml (working copy)`. */
  readonly b: string;
}

/**
 * The report's own words in the reader's language: the compare panel passes its `w` (webviews/shared/l10n.ts, the
 * host's translations), the CLI its table for `--lang` (cli/src/plan-diff.ts); English by default. `{0}`, `{1}`…
 * are filled from `args`.
 */
export type DiffWords = (english: string, ...args: readonly unknown[]) => string;

const english: DiffWords = (text, ...args) =>
  text.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

function arrow(direction: FigureChange['direction'], w: DiffWords): string {
  return direction === 'better' ? w('▲ better') : direction === 'worse' ? w('▼ worse') : '';
}

function counts(d: PlanDiff, w: DiffWords = english): string {
  const inputs = d.inputs.length === 1 ? w('1 changed input') : w('{0} changed inputs', d.inputs.length);
  const figures = d.figures.length === 1 ? w('1 moved figure') : w('{0} moved figures', d.figures.length);
  const rules = d.rules.length === 1 ? w('1 rule change') : w('{0} rule changes', d.rules.length);
  return w('{0}, {1}, {2}', inputs, figures, rules);
}

function inputValue(c: InputChange): { old: string; new: string } {
  return { old: c.kind === 'added' ? '—' : (c.old ?? ''), new: c.kind === 'removed' ? '—' : (c.new ?? '') };
}

function lines(c: InputChange): string {
  const a = c.oldLine === undefined ? '' : `L${c.oldLine}`;
  const b = c.newLine === undefined ? '' : `L${c.newLine}`;
  return a && b ? (a === b ? b : `${a} → ${b}`) : a || b;
}

export function renderPlanDiffMarkdown(d: PlanDiff, labels: DiffLabels, w: DiffWords = english): string {
  const out: string[] = [];
  out.push(`## ${w('Plan changes')}: ${mdEscape(labels.a)} → ${mdEscape(labels.b)}`, '', counts(d, w), '');
  if (d.figures.length) {
    out.push(
      `### ${w('Figures that moved')}`,
      '',
      `| ${w('Figure')} | ${w('Before')} | ${w('After')} | ${w('Change')} |`,
      '| --- | ---: | ---: | --- |',
    );
    for (const f of d.figures)
      out.push(
        `| ${mdEscape(f.label)} | ${mdEscape(f.old ?? '—')} | ${mdEscape(f.new ?? '—')} | ${mdEscape(f.delta)}${f.direction === 'neutral' ? '' : ` ${arrow(f.direction, w)}`} |`,
      );
    out.push('');
  }
  if (d.rules.length) {
    out.push(`### ${w('Rules')}`, '');
    for (const r of d.rules) out.push(`- ${ruleText(r, mdEscape, w)}`);
    out.push('');
  }
  if (d.inputs.length) {
    out.push(
      `### ${w('Changed inputs')}`,
      '',
      `| ${w('Path')} | ${w('Before')} | ${w('After')} | ${w('Line')} |`,
      '| --- | --- | --- | --- |',
    );
    for (const c of d.inputs) {
      const v = inputValue(c);
      out.push(`| \`${c.pathText.replace(/[`|]/g, '')}\` | ${mdEscape(v.old)} | ${mdEscape(v.new)} | ${lines(c)} |`);
    }
    out.push('');
  }
  if (!d.figures.length && !d.rules.length && !d.inputs.length)
    out.push(w === english ? 'No changes.' : w('No changes: the two versions are the same plan.'), '');
  return out.join('\n');
}

function ruleText(r: RuleChange, escape: (s: string) => string, w: DiffWords): string {
  const code = escape(r.code);
  const message = escape(r.message);
  if (r.line === undefined)
    return r.status === 'fails' ? w('{0} now fails: {1}', code, message) : w('{0} now passes: {1}', code, message);
  return r.status === 'fails'
    ? w('{0} now fails (line {1}): {2}', code, r.line, message)
    : w('{0} now passes (line {1}): {2}', code, r.line, message);
}

/** The report as HTML; `interactive` adds `data-path` (and `data-version`) so the panel can reveal each row. */
export function renderPlanDiffBody(
  d: PlanDiff,
  labels: DiffLabels,
  o: { interactive: boolean; embedded?: boolean; words?: DiffWords },
): string {
  const w = o.words ?? english;
  // Embedded in a plan's export ("changes since REV"), the report is one section under the plan's own title.
  const [top, sub] = o.embedded ? ['h2', 'h3'] : ['h1', 'h2'];
  const title = o.embedded ? esc(w('Changes since {0}', labels.a)) : esc(w('Plan changes'));
  const attr = (path: readonly (string | number)[] | undefined, version: 'a' | 'b') =>
    o.interactive && path ? ` data-path="${esc(pathKey(path))}" data-version="${version}"` : '';
  const parts: string[] = [];
  parts.push(
    `<header><${top}>${title}</${top}><p class="diff-versions">${esc(labels.a)} → ${esc(labels.b)}</p><p class="diff-counts" role="status">${esc(counts(d, w))}</p></header>`,
  );
  if (!d.figures.length && !d.rules.length && !d.inputs.length)
    parts.push(`<p class="diff-empty">${esc(w('No changes: the two versions are the same plan.'))}</p>`);
  if (d.figures.length) {
    const rows = d.figures.map((f: FigureChange) => {
      const version = f.new === undefined ? 'a' : 'b';
      return `<tr class="tone-${f.direction === 'better' ? 'good' : f.direction === 'worse' ? 'bad' : 'neutral'}" data-figure="${esc(f.id)}"${attr(f.path, version)}><th scope="row">${esc(f.label)}</th><td class="num">${esc(f.old ?? '—')}</td><td class="num">${esc(f.new ?? '—')}</td><td>${esc(f.delta)}${f.direction === 'neutral' ? '' : ` <span class="diff-dir">${esc(arrow(f.direction, w))}</span>`}</td></tr>`;
    });
    parts.push(
      `<section aria-labelledby="diff-figures"><${sub} id="diff-figures">${esc(w('Figures that moved'))}</${sub}><table class="diff-table" data-table="diff-figures"><thead><tr><th scope="col">${esc(w('Figure'))}</th><th scope="col">${esc(w('Before'))}</th><th scope="col">${esc(w('After'))}</th><th scope="col">${esc(w('Change'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  if (d.rules.length) {
    const items = d.rules.map(
      (r) =>
        `<li class="rule-${r.status}"${attr(r.path, r.status === 'fails' ? 'b' : 'a')}>${ruleText(r, esc, w)}</li>`,
    );
    parts.push(
      `<section aria-labelledby="diff-rules"><${sub} id="diff-rules">${esc(w('Rules'))}</${sub}><ul class="diff-rules">${items.join('')}</ul></section>`,
    );
  }
  if (d.inputs.length) {
    const rows = d.inputs.map((c) => {
      const v = inputValue(c);
      const version = c.kind === 'removed' ? 'a' : 'b';
      return `<tr class="input-${c.kind}"${attr(c.kind === 'removed' ? (c.oldPath ?? c.path) : c.path, version)}><th scope="row"><code>${esc(c.pathText)}</code></th><td>${esc(v.old)}</td><td>${esc(v.new)}</td><td class="num">${esc(lines(c))}</td></tr>`;
    });
    parts.push(
      `<section aria-labelledby="diff-inputs"><${sub} id="diff-inputs">${esc(w('Changed inputs'))}</${sub}><table class="diff-table" data-table="diff-inputs"><thead><tr><th scope="col">${esc(w('Path'))}</th><th scope="col">${esc(w('Before'))}</th><th scope="col">${esc(w('After'))}</th><th scope="col">${esc(w('Line'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  return parts.join('\n');
}

export const DIFF_CSS = `
.plan-diff table.diff-table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; }
.plan-diff th, .plan-diff td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--plan-border, #8884); vertical-align: top; }
.plan-diff td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.plan-diff tr.tone-good td:last-child { color: var(--plan-good, #2e7d32); }
.plan-diff tr.tone-bad td:last-child { color: var(--plan-bad, #c62828); }
.plan-diff .rule-fails::before { content: '✗ '; }
.plan-diff .rule-passes::before { content: '✓ '; }
.plan-diff tr.input-added th code::after { content: ' (added)'; }
.plan-diff tr.input-removed th code::after { content: ' (removed)'; }
.plan-diff [data-path] { cursor: pointer; }
.plan-diff [data-path]:focus { outline: 1px solid var(--vscode-focusBorder, #0078d4); }
.plan-diff .diff-versions, .plan-diff .diff-counts { margin: 2px 0; opacity: 0.85; }
`;

export function renderPlanDiffHtml(
  d: PlanDiff,
  labels: DiffLabels,
  options: { generator?: string; words?: DiffWords; lang?: string } = {},
): string {
  const w = options.words ?? english;
  return `<!DOCTYPE html>
<html lang="${esc(options.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(options.generator ?? 'Liftoff')}">
<title>${esc(w('Plan changes'))}: ${esc(labels.a)} → ${esc(labels.b)}</title>
<style>${EXPORT_THEME_CSS}${PLAN_CSS}${DIFF_CSS}</style>
</head>
<body>
<main class="plan plan-diff">
${renderPlanDiffBody(d, labels, { interactive: false, words: w })}
</main>
</body>
</html>
`;
}
