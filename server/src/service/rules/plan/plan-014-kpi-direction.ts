import { diagnostic } from '../../diagnostic';
import { at, field, has, mapItems, num, str, valueRange } from '../../yaml-path';
import { t } from '../../../../../core/src/l10n';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { replace, withFixes } from '../experiment/edits';
import { label } from './read';

/**
 * PLAN-014: a KPI's `target` moves from its `baseline` in its `direction` (warning on the target; fix: flip the
 * direction when the target moves the other way); a `unit: pct` KPI has baseline and target within 0–100.
 */
export const kpiDirection: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  for (const kpi of mapItems(at(yaml.root, ['kpis']))) {
    const baselineEntry = field(kpi.node, 'baseline');
    const targetEntry = field(kpi.node, 'target');
    const directionEntry = field(kpi.node, 'direction');
    const baseline = num(baselineEntry);
    const target = num(targetEntry);
    const direction = str(directionEntry);
    const name = label(kpi);
    const l = settings.locale;
    if (str(field(kpi.node, 'unit')) === 'pct') {
      for (const [key, e, v] of [
        ['baseline', baselineEntry, baseline],
        ['target', targetEntry, target],
      ] as const) {
        if (e && v !== undefined && (v < 0 || v > 100)) {
          out.push(
            diagnostic(
              settings,
              'PLAN-014',
              'warning',
              valueRange(file, e),
              key === 'baseline'
                ? t(
                    l,
                    'KPI `{0}` is a percentage (`unit: pct`) but its baseline is {1}: use a value from 0 to 100.',
                    name,
                    v,
                  )
                : t(
                    l,
                    'KPI `{0}` is a percentage (`unit: pct`) but its target is {1}: use a value from 0 to 100.',
                    name,
                    v,
                  ),
            ),
          );
        }
      }
    }
    if (
      baseline === undefined ||
      target === undefined ||
      !targetEntry ||
      (direction !== 'increase' && direction !== 'decrease')
    )
      continue;
    const moves = direction === 'increase' ? target > baseline : target < baseline;
    if (moves) continue;
    const d = diagnostic(
      settings,
      'PLAN-014',
      'warning',
      valueRange(file, targetEntry),
      direction === 'increase'
        ? target === baseline
          ? t(
              l,
              'KPI `{0}` should increase but its target {1} is equal to its baseline {2}: fix the target, the baseline or the direction.',
              name,
              target,
              baseline,
            )
          : t(
              l,
              'KPI `{0}` should increase but its target {1} is below its baseline {2}: fix the target, the baseline or the direction.',
              name,
              target,
              baseline,
            )
        : target === baseline
          ? t(
              l,
              'KPI `{0}` should decrease but its target {1} is equal to its baseline {2}: fix the target, the baseline or the direction.',
              name,
              target,
              baseline,
            )
          : t(
              l,
              'KPI `{0}` should decrease but its target {1} is above its baseline {2}: fix the target, the baseline or the direction.',
              name,
              target,
              baseline,
            ),
    );
    const flipped = direction === 'increase' ? 'decrease' : 'increase';
    out.push(
      target !== baseline && has(directionEntry)
        ? withFixes(d, [
            { title: t(l, 'Change direction to {0}', flipped), edits: [replace(file, directionEntry.node, flipped)] },
          ])
        : d,
    );
  }
  return out;
};
