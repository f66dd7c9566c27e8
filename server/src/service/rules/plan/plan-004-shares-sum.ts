import { isHundred, rescaleTo100, sumShares } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, keyRange, mapItems, num, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
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
    const l = settings.locale;
    const unsetNote = !unset
      ? ''
      : list.what === 'revenue stream'
        ? unset > 1
          ? t(l, ' ({0} revenue stream items have no `{1}`)', unset, list.pct)
          : t(l, ' ({0} revenue stream item has no `{1}`)', unset, list.pct)
        : unset > 1
          ? t(l, ' ({0} use of funds items have no `{1}`)', unset, list.pct)
          : t(l, ' ({0} use of funds item has no `{1}`)', unset, list.pct);
    const d = diagnostic(
      settings,
      'PLAN-004',
      'error',
      keyRange(file, section),
      t(
        l,
        '`{0}` adds up to {1} %, not 100 %: {2}{3}. Scale the shares so they add up to 100.',
        name,
        sum,
        terms,
        unsetNote,
      ),
    );
    const scaled = unset ? undefined : rescaleTo100(values);
    out.push(
      scaled
        ? withFixes(d, [
            {
              title: t(l, 'Scale {0} to 100 %: {1}', name, scaled.join(' / ')),
              edits: shares.map((s, i) => replace(file, s.e.node!, String(scaled[i] ?? 0))),
            },
          ])
        : d,
    );
  }
  return out;
};
