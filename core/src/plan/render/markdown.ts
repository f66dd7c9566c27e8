/**
 * The plan as Markdown (CommonMark + GitHub tables): numbered sections, key figures and tables; charts become
 * tables (funnel, shares, heat map) or are covered by the table next to them (periods, milestones).
 */
import { mdEscape as md } from './escape';
import { threadsMarkdown } from './review';
import type { Block, DiagnosticView, Figure, PlanViewModel } from './model';
import { renderPlanDiffMarkdown } from './diff';
import type { ExportChanges } from './standalone';

export function renderPlanMarkdown(model: PlanViewModel, options: { changes?: ExportChanges } = {}): string {
  const out: string[] = [`# ${md(model.title)}`, ''];
  if (model.status === 'not-a-plan' || model.status === 'too-big')
    return [...out, `> ${md(model.message ?? '')}`, ''].join('\n');
  if (model.facts.length) out.push(model.facts.map((f) => `**${md(f.label)}:** ${md(f.value)}`).join(' · '), '');
  const { errors, warnings, infos } = model.counts;
  out.push(
    errors + warnings + infos
      ? `> Liftoff found ${plural(errors, 'error')}, ${plural(warnings, 'warning')} and ${plural(infos, 'info')} in this plan.`
      : '> Liftoff found no problems in this plan.',
    '',
  );
  if (model.status === 'syntax-error') out.push(`> **Warning:** ${md(model.message ?? '')}`, '');
  if (model.missing.length) out.push(`> Core sections missing: ${md(model.missing.join(', '))}.`, '');
  out.push(...diagnostics(model.diagnostics));
  if (model.summary.length) out.push('## Key figures', '', ...figures(model.summary));
  for (const s of model.sections) {
    out.push(`## ${s.number}. ${md(s.title)}`, '', ...diagnostics(s.diagnostics));
    for (const b of s.blocks) out.push(...block(b));
    out.push(...threadsMarkdown(s.threads, 'Review comments'));
  }
  if (model.review) {
    for (const p of model.review.problems) out.push(`> **Warning:** ${md(model.review.fileName)}: ${md(p)}`, '');
    out.push(...threadsMarkdown(model.review.outdated, 'Review comments elsewhere (outdated or on the header)'));
  }
  if (options.changes) out.push(renderPlanDiffMarkdown(options.changes.diff, options.changes.labels));
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function diagnostics(ds: readonly DiagnosticView[]): string[] {
  if (!ds.length) return [];
  return [
    ...ds.map(
      (d) =>
        `> **${d.severity}**${d.code ? ` ${md(d.code)}` : ''}${d.ref.range ? ` (line ${d.ref.range.start.line + 1})` : ''}: ${md(d.message)}  `,
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

function figures(fs: readonly Figure[]): string[] {
  return table(
    ['Figure', 'Value', 'Detail'],
    fs.map((f) => [f.label, f.value, f.hint ?? '']),
  );
}

function label(text: string | undefined): string[] {
  return text ? [`**${md(text)}**`, ''] : [];
}

function block(b: Block): string[] {
  switch (b.kind) {
    case 'text':
      return [b.label ? `**${md(b.label)}.** ${md(b.text)}` : md(b.text), ''];
    case 'list':
      return [
        ...label(b.label),
        ...b.items.map((i) => `- ${md(i.text)}`),
        ...(b.more ? [`- … and ${b.more} more`] : []),
        '',
      ];
    case 'fields':
      return [...label(b.label), ...b.items.map((i) => `- **${md(i.label)}:** ${md(i.value)}`), ''];
    case 'figures':
      return figures(b.items);
    case 'table':
      return [
        ...label(b.label),
        ...table(
          b.columns.map((c) => c.label),
          b.rows.map((r) => r.cells),
          b.columns.map((c) => c.numeric === true),
        ),
        ...(b.more ? [`… and ${b.more} more rows`, ''] : []),
      ];
    case 'funnel':
      return [
        '**Market size**',
        '',
        ...table(
          ['Level', 'Value', 'Share', 'Source'],
          b.levels.map((l) => [l.label, l.display, l.ratio ?? '', l.detail ?? '']),
          [false, true],
        ),
      ];
    case 'donut':
      return [
        `**${md(b.title)}** (total ${md(b.centre)})`,
        '',
        ...table(
          ['Item', 'Share'],
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
        '**Team by role**',
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
        '**Risk heat map** (risks per cell; rows: likelihood, columns: impact)',
        '',
        ...table(
          ['Likelihood \\ impact', '1', '2', '3', '4', '5'],
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
        ['KPI', 'Baseline', 'Target', 'Direction', 'Deadline', 'Owner'],
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
        ['Criterion', 'Score', 'Evidence'],
        b.items.map((s) => [s.label, s.score === undefined ? '—' : `${s.score}/5`, s.evidence ?? '']),
      );
    case 'note':
      return [`> ${b.level === 'warning' ? '**Warning:** ' : '**Note:** '}${md(b.text)}`, ''];
  }
}
