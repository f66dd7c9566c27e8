import { isHundred, rescaleTo100, sumShares } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, keyRange, mapItems, num, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { replace, withFixes } from '../experiment/edits';
import { label } from './read';

const LISTS = [
  { path: ['business_model', 'revenue_streams'], pct: 'share_pct', what: 'revenue stream' },
  { path: ['financing', 'use_of_funds'], pct: 'pct', what: 'use of funds' },
] as const;

/**
 * PLAN-004: `revenue_streams[].share_pct` and `use_of_funds[].pct` each add up to 100 (±1e-6). Reported on the
 * list's key; the fix rescales the shares to exactly 100 (integers, or one decimal).
 */
export const sharesSum: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  for (const list of LISTS) {
    const section = at(yaml.root, [...list.path]);
    const items = mapItems(section);
    const shares = items
      .map((item) => ({ item, e: field(item.node, list.pct) }))
      .filter((s): s is { item: typeof s.item; e: Entry } => has(s.e));
    if (!section || !shares.length) continue;
    const numbers = shares.map((s) => num(s.e));
    const values = numbers.filter((v): v is number => v !== undefined);
    if (values.length !== numbers.length || isHundred(values)) continue;
    const name = list.path[list.path.length - 1] ?? '';
    const sum = sumShares(values);
    const terms = shares.map((s) => `${label(s.item)} ${num(s.e) ?? 0}`).join(' + ');
    const unset = items.length - shares.length;
    const d = diagnostic(
      settings,
      'PLAN-004',
      'error',
      keyRange(file, section),
      `\`${name}\` adds up to ${sum} %, not 100 %: ${terms}${unset ? ` (${unset} ${list.what} item${unset > 1 ? 's have' : ' has'} no \`${list.pct}\`)` : ''}. Scale the shares so they add up to 100.`,
    );
    const scaled = unset ? undefined : rescaleTo100(values);
    out.push(
      scaled
        ? withFixes(d, [
            {
              title: `Scale ${name} to 100 %: ${scaled.join(' / ')}`,
              edits: shares.map((s, i) => replace(file, s.e.node!, String(scaled[i] ?? 0))),
            },
          ])
        : d,
    );
  }
  return out;
};
