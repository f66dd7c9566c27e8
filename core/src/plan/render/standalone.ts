/**
 * The standalone HTML export: the plan's HTML with its CSS inlined, charts as inline SVG, and no script at all.
 * The plan sits in `<main>` so assistive technology finds the content landmark (axe: test/ui/plan-export-a11y).
 */
import { esc } from './escape';
import { EXPORT_THEME_CSS, PLAN_CSS } from './css';
import { renderPlanHtml } from './html';
import type { PlanViewModel } from './model';
import type { PlanDiff } from '../diff';
import { DIFF_CSS, renderPlanDiffBody, type DiffLabels } from './diff';

/** What changed since an earlier version (`liftoff plan export --changes-since REV`), shown after the plan. */
export interface ExportChanges {
  readonly diff: PlanDiff;
  readonly labels: DiffLabels;
}

export function renderStandaloneHtml(
  model: PlanViewModel,
  options: { generator?: string; changes?: ExportChanges } = {},
): string {
  const changes = options.changes
    ? `\n<section class="plan-diff plan-changes" aria-label="Changes since ${esc(options.changes.labels.a)}">\n${renderPlanDiffBody(options.changes.diff, options.changes.labels, { interactive: false, embedded: true })}\n</section>`
    : '';
  // The CSP documents (and enforces, for readers that honour it) that the file needs no script and loads nothing.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${esc(options.generator ?? 'Liftoff')}">
<title>${esc(model.title)}</title>
<style>${EXPORT_THEME_CSS}${PLAN_CSS}${options.changes ? DIFF_CSS : ''}</style>
</head>
<body>
<main>
${renderPlanHtml(model, { interactive: false })}${changes}
</main>
</body>
</html>
`;
}
