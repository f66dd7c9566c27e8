/** Contingency plans: trigger → actions (with owners). */
import type { Block } from '../../../../core/src/plan/render';
import { child, isMapAt, items, ref, scalarText, summary, type At, type BuildContext } from './tree-at';
import { genericBlocks } from './generic';

export function contingencyBlocks(ctx: BuildContext, at: At): Block[] {
  const list = items(at);
  if (!list.length || !list.every(isMapAt)) return genericBlocks(ctx, at, undefined, 1);
  return [
    {
      kind: 'table',
      id: 'contingency',
      ref: ref(ctx, at),
      columns: [{ label: 'Plan' }, { label: 'Trigger' }, { label: 'Actions' }],
      rows: list.map((p) => {
        const actions = items(child(p, 'actions')).map((a) => {
          const owner = scalarText(child(a, 'owner'));
          return isMapAt(a) ? `${summary(child(a, 'action'))}${owner ? ` (${owner})` : ''}` : summary(a);
        });
        return {
          cells: [
            summary(child(p, 'id')),
            summary(child(p, 'trigger')),
            actions.length ? actions.join('; ') : summary(child(p, 'actions')),
          ],
          ref: ref(ctx, p),
        };
      }),
    },
  ];
}
