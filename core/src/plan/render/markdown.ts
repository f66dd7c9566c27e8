/**
 * The plan as Markdown (CommonMark + GitHub tables): numbered sections, key figures and tables; charts become
 * tables (funnel, shares, heat map) or are covered by the table next to them (periods, milestones).
 */
import { mdEscape as md } from './escape';
import { threadsMarkdown } from './review';
import type { Block, DiagnosticView, Figure, PlanViewModel } from './model';
import { renderPlanDiffMarkdown } from './diff';
import type { ExportChanges } from './standalone';
import { t, type Locale } from '../../l10n';

export function renderPlanMarkdown(
  model: PlanViewModel,
  options: { changes?: ExportChanges; locale?: Locale } = {},
): string {
  // The renderer's own words in the reader's language (the model's, unless given); the plan's text as written.
  const l = options.locale ?? model.locale;
  const out: string[] = [`# ${md(model.title)}`, ''];
  if (model.status === 'not-a-plan' || model.status === 'too-big')
    return [...out, `> ${md(model.message ?? '')}`, ''].join('\n');
  if (model.facts.length) out.push(model.facts.map((f) => `**${md(f.label)}:** ${md(f.value)}`).join(' · '), '');
  const { errors, warnings, infos } = model.counts;
  out.push(
    errors + warnings + infos
      ? `> ${t(l, 'Liftoff found {0}, {1} and {2} in this plan.', counted(l, errors, 'error'), counted(l, warnings, 'warning'), counted(l, infos, 'info'))}`
      : `> ${t(l, 'Liftoff found no problems in this plan.')}`,
    '',
  );
  const warning = `**${t(l, 'Warning:')}**`;
  if (model.status === 'syntax-error') out.push(`> ${warning} ${md(model.message ?? '')}`, '');
  if (model.missing.length)
    out.push(`> ${t(l, 'Core sections missing: {0}.', md(model.missing.join(t(l, ', '))))}`, '');
  out.push(...diagnostics(model.diagnostics, l));
  if (model.summary.length) out.push(`## ${t(l, 'Key figures')}`, '', ...figures(model.summary, l));
  for (const s of model.sections) {
    out.push(`## ${s.number}. ${md(s.title)}`, '', ...diagnostics(s.diagnostics, l));
    for (const b of s.blocks) out.push(...block(b, l));
    out.push(...threadsMarkdown(s.threads, t(l, 'Review comments'), l));
  }
  if (model.review) {
    for (const p of model.review.problems) out.push(`> ${warning} ${md(model.review.fileName)}: ${md(p)}`, '');
    out.push(
      ...threadsMarkdown(model.review.outdated, t(l, 'Review comments elsewhere (outdated or on the header)'), l),
    );
  }
  if (options.changes) out.push(renderPlanDiffMarkdown(options.changes.diff, options.changes.labels));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** `1 error`, `3 warnings`… in the reader's language. */
function counted(l: Locale | undefined, n: number, what: 'error' | 'warning' | 'info'): string {
  if (what === 'error') return n === 1 ? t(l, '1 error') : t(l, '{0} errors', n);
  if (what === 'warning') return n === 1 ? t(l, '1 warning') : t(l, '{0} warnings', n);
  return n === 1 ? t(l, '1 info') : t(l, '{0} infos', n);
}

/** A severity's word in the reader's language. */
function severity(l: Locale | undefined, s: DiagnosticView['severity']): string {
  return s === 'error' ? t(l, 'error') : s === 'warning' ? t(l, 'warning') : t(l, 'info');
}

function diagnostics(ds: readonly DiagnosticView[], l: Locale | undefined): string[] {
  if (!ds.length) return [];
  return [
    ...ds.map(
      (d) =>
        `> **${severity(l, d.severity)}**${d.code ? ` ${md(d.code)}` : ''}${d.ref.range ? ` (${t(l, 'line {0}', d.ref.range.start.line + 1)})` : ''}: ${md(d.message)}  `,
    ),
    '',
  ];
}

function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  numeric: readonly boolean[] = [],
): string[] {
  if (!rows.length) return [];
  return [
    `| ${head.map(md).join(' | ')} |`,
    `|${head.map((_, i) => (numeric[i] ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${head.map((_, i) => md(r[i] ?? '')).join(' | ')} |`),
    '',
  ];
}

function figures(fs: readonly Figure[], l: Locale | undefined): string[] {
  return table(
    [t(l, 'Figure'), t(l, 'Value'), t(l, 'Detail')],
    fs.map((f) => [f.label, f.value, f.hint ?? '']),
  );
}

function label(text: string | undefined): string[] {
  return text ? [`**${md(text)}**`, ''] : [];
}

function block(b: Block, l: Locale | undefined): string[] {
  switch (b.kind) {
    case 'text':
      return [b.label ? `**${md(b.label)}.** ${md(b.text)}` : md(b.text), ''];
    case 'list':
      return [
        ...label(b.label),
        ...b.items.map((i) => `- ${md(i.text)}`),
        ...(b.more ? [`- ${t(l, '… and {0} more', b.more)}`] : []),
        '',
      ];
    case 'fields':
      return [...label(b.label), ...b.items.map((i) => `- **${md(i.label)}:** ${md(i.value)}`), ''];
    case 'figures':
      return figures(b.items, l);
    case 'table':
      return [
        ...label(b.label),
        ...table(
          b.columns.map((c) => c.label),
          b.rows.map((r) => r.cells),
          b.columns.map((c) => c.numeric === true),
        ),
        ...(b.more ? [t(l, '… and {0} more rows', b.more), ''] : []),
      ];
    case 'funnel':
      return [
        `**${t(l, 'Market size')}**`,
        '',
        ...table(
          [t(l, 'Level'), t(l, 'Value'), t(l, 'Share'), t(l, 'Source')],
          b.levels.map((l) => [l.label, l.display, l.ratio ?? '', l.detail ?? '']),
          [false, true],
        ),
      ];
    case 'donut':
      return [
        `**${md(b.title)}** (${t(l, 'total {0}', md(b.centre))})`,
        '',
        ...table(
          [t(l, 'Item'), t(l, 'Share')],
          b.slices.map((s) => [s.label, s.display]),
          [false, true],
        ),
      ];
    case 'periods':
      return []; // the periods table that follows the chart has the same figures
    case 'gantt':
      return []; // the milestones table that follows the timeline has the same dates
    case 'tornado':
      return []; // the sensitivity table that follows the chart has the same figures
    case 'team':
      return [
        `**${t(l, 'Team by role')}**`,
        '',
        ...b.groups.flatMap((g) =>
          g.members.map(
            (m) =>
              `- **${md(g.role)}:** ${md(m.name)}${m.status ? ` (${md(m.status)})` : ''}${m.responsibilities.length ? ` — ${md(m.responsibilities.join(', '))}` : ''}`,
          ),
        ),
        '',
      ];
    case 'heatmap':
      return [
        `**${t(l, 'Risk heat map')}** (${t(l, 'risks per cell; rows: likelihood, columns: impact')})`,
        '',
        ...table(
          [t(l, 'Likelihood \\ impact'), '1', '2', '3', '4', '5'],
          [5, 4, 3, 2, 1].map((l) => [
            String(l),
            ...[1, 2, 3, 4, 5].map((i) => {
              const c = b.cells.find((x) => x.likelihood === l && x.impact === i);
              return c && c.count ? String(c.count) : '·';
            }),
          ]),
          [false, true, true, true, true, true],
        ),
      ];
    case 'kpis':
      return table(
        [t(l, 'KPI'), t(l, 'Baseline'), t(l, 'Target'), t(l, 'Direction'), t(l, 'Deadline'), t(l, 'Owner')],
        b.items.map((k) => [
          k.name,
          k.baselineDisplay,
          k.targetDisplay,
          k.direction ?? '',
          k.deadline ?? '',
          k.owner ?? '',
        ]),
        [false, true, true],
      );
    case 'scores':
      return table(
        [t(l, 'Criterion'), t(l, 'Score'), t(l, 'Evidence')],
        b.items.map((s) => [s.label, s.score === undefined ? '—' : `${s.score}/5`, s.evidence ?? '']),
      );
    case 'note':
      return [`> **${b.level === 'warning' ? t(l, 'Warning:') : t(l, 'Note:')}** ${md(b.text)}`, ''];
  }
}
