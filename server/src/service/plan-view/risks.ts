/** Risks: the 5×5 likelihood × impact heat map (core `heatMap`, `riskScore`, `riskLevel`) and the risk table, highest score first. */
import { t } from '../../../../core/src/l10n';
import { heatMap, rating, riskLevel, riskScore, type RiskInput } from '../../../../core/src/plan';
import { humanize } from '../../../../core/src/plan/render';
import type { Block, HeatCell, SourceRef } from '../../../../core/src/plan/render';
import { child, isMapAt, items, js, ref, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks, MAX_ROWS } from './generic';
import { noteAt } from './money-view';

const IDS_PER_CELL = 12;

export function riskBlocks(ctx: BuildContext, at: At): Block[] {
  const list = items(at);
  if (!list.length) return genericBlocks(ctx, at, undefined, 1);
  const inputs: RiskInput[] = list.map((r) => (isMapAt(r) ? (js(ctx, r) as RiskInput) : {}));
  const counts = heatMap(inputs);
  const byCell = new Map<string, { ids: string[]; ref?: SourceRef }>();
  const rows: Array<{ score: number; row: { cells: string[]; ref: SourceRef; tone?: 'bad' | 'warn' | 'neutral' } }> =
    [];
  let unrated = 0;
  for (const [i, r] of list.entries()) {
    if (!isMapAt(r)) continue;
    const id = scalarText(child(r, 'id')) ?? `#${i + 1}`;
    const input = inputs[i] ?? {};
    const score = riskScore(input.likelihood, input.impact);
    const l = rating(input.likelihood);
    const imp = rating(input.impact);
    if (score === undefined || l === undefined || imp === undefined) unrated++;
    else {
      const key = `${l}x${imp}`;
      const cell = byCell.get(key) ?? { ids: [] };
      if (cell.ids.length < IDS_PER_CELL) cell.ids.push(id);
      cell.ref ??= ref(ctx, r);
      byCell.set(key, cell);
    }
    const level = score === undefined ? undefined : riskLevel(score);
    rows.push({
      score: score ?? -1,
      row: {
        cells: [
          id,
          summary(child(r, 'title')),
          humanize(summary(child(r, 'category'))),
          summary(child(r, 'likelihood')),
          summary(child(r, 'impact')),
          score === undefined
            ? '—'
            : `${score} ${level === 'high' ? t(ctx.locale, 'high') : level === 'medium' ? t(ctx.locale, 'medium') : t(ctx.locale, 'low')}`,
          humanize(summary(child(r, 'response'))),
          summary(child(r, 'owner')),
          humanize(summary(child(r, 'status'))),
        ],
        ref: ref(ctx, r),
        tone: level === 'high' ? 'bad' : level === 'medium' ? 'warn' : 'neutral',
      },
    });
  }
  const cells: HeatCell[] = [];
  for (let l = 5; l >= 1; l--) {
    for (let imp = 1; imp <= 5; imp++) {
      const score = l * imp;
      const c = byCell.get(`${l}x${imp}`);
      cells.push({
        likelihood: l,
        impact: imp,
        count: counts[l - 1]?.[imp - 1] ?? 0,
        score,
        level: riskLevel(score),
        riskIds: c?.ids ?? [],
        ...(c?.ref && { ref: c.ref }),
      });
    }
  }
  const notes: Block[] = [];
  const notMaps = list.filter((r) => !isMapAt(r)).length;
  if (notMaps)
    notes.push(
      noteAt(
        ctx,
        at,
        notMaps > 1
          ? t(ctx.locale, '{0} items of `risks` are not a mapping: left out.', notMaps)
          : t(ctx.locale, '1 item of `risks` is not a mapping: left out.'),
      ),
    );
  if (unrated)
    notes.push(
      noteAt(
        ctx,
        at,
        unrated > 1
          ? t(
              ctx.locale,
              '{0} risks have no valid `likelihood` and `impact` (integers 1–5): not on the heat map.',
              unrated,
            )
          : t(ctx.locale, '1 risk has no valid `likelihood` and `impact` (integers 1–5): not on the heat map.'),
        'info',
      ),
    );
  rows.sort((a, b) => b.score - a.score);
  const shown = rows.slice(0, MAX_ROWS);
  return [
    { kind: 'heatmap', cells, rated: list.length - unrated - notMaps, unrated },
    {
      kind: 'table',
      id: 'risks',
      ref: ref(ctx, at),
      columns: [
        { label: 'ID', nowrap: true },
        { label: 'Risk' },
        { label: 'Category' },
        { label: 'L', numeric: true },
        { label: 'I', numeric: true },
        { label: 'Score', numeric: true },
        { label: 'Response' },
        { label: 'Owner' },
        { label: 'Status' },
      ],
      rows: shown.map((r) => r.row),
      ...(rows.length > shown.length && { more: rows.length - shown.length }),
    },
    ...notes,
  ];
}
