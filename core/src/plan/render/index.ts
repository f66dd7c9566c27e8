/** Pure renderers of the plan view model, shared by the plan preview webview, the export command and the CLI. */
export * from './model';
export { renderPlanHtml, renderPlanParts, type PlanPart, type RenderOptions } from './html';
export { renderPlanMarkdown } from './markdown';
export {
  applyDelta,
  isUnchanged,
  modelDelta,
  type PlanModelDelta,
  type PostedSections,
  type UnchangedSection,
} from './delta';
export { renderStandaloneHtml, type ExportChanges } from './standalone';
export { PLAN_CSS, EXPORT_THEME_CSS } from './css';
export { esc, mdEscape } from './escape';
export { formatAmount, formatMonths, formatNumber, formatPct, humanize } from './format';
export { niceTicks } from './charts/scale';
export {
  renderPlanDiffMarkdown,
  renderPlanDiffHtml,
  renderPlanDiffBody,
  DIFF_CSS,
  type DiffLabels,
  type DiffWords,
} from './diff';
export { attachReview, sectionThreadsHtml, reviewPartHtml, threadsMarkdown } from './review';
