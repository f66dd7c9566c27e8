import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, num, str, valueRange, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { replace, withFixes } from './edits';
import { rescaleToOne } from './rescale';

const PARTS = ['train', 'validation', 'test'] as const;

/** EXP-006: `data.split` fractions lie in (0, 1) and sum to 1 (±1e-6); `strategy: by_group` names its `group_key`. */
export const splitFractions: Rule = ({ file, yaml, settings }) => {
  const split = at(yaml.root, ['data', 'split']);
  if (!split) return [];
  const out: LiftoffDiagnostic[] = [];
  const parts = PARTS.map((p) => at(split.node, [p])).filter((e): e is Entry => has(e));
  const fractions = parts.map((e) => ({ e, v: num(e) }));
  if (parts.length && fractions.every((f) => f.v !== undefined)) {
    const bad = fractions.filter((f) => (f.v ?? 0) <= 0);
    for (const { e, v } of bad) {
      out.push(
        diagnostic(
          settings,
          'EXP-006',
          'error',
          valueRange(file, e),
          t(
            settings.locale,
            '`data.split.{0}` is {1}: a split fraction must be between 0 and 1 (exclusive). Remove the part if you do not want it.',
            String(e.keyNode.value),
            v,
          ),
        ),
      );
    }
    const sum = fractions.reduce((s, f) => s + (f.v ?? 0), 0);
    const only = fractions.length === 1 ? fractions[0] : undefined;
    if (only && !bad.length && Math.abs(sum - 1) <= 1e-6) {
      out.push(
        diagnostic(
          settings,
          'EXP-006',
          'error',
          valueRange(file, only.e),
          t(
            settings.locale,
            '`data.split` has only `{0}: {1}`, which leaves no data to validate or test on: add `validation` and/or `test` fractions (e.g. 0.8 / 0.1 / 0.1).',
            String(only.e.keyNode.value),
            only.v,
          ),
        ),
      );
    } else if (!bad.length && Math.abs(sum - 1) > 1e-6) {
      const shownParts = fractions.map((f) => `${String(f.e.keyNode.value)} ${f.v}`).join(' + ');
      const scaled = rescaleToOne(fractions.map((f) => f.v ?? 0));
      const d = diagnostic(
        settings,
        'EXP-006',
        'error',
        keyRange(file, split),
        sum > 1.5
          ? t(
              settings.locale,
              '`data.split` fractions sum to {0} ({1}), not 1 (percentages? write fractions such as 0.8): scale them so they add up to 1.',
              +sum.toFixed(6),
              shownParts,
            )
          : t(
              settings.locale,
              '`data.split` fractions sum to {0} ({1}), not 1: scale them so they add up to 1.',
              +sum.toFixed(6),
              shownParts,
            ),
      );
      out.push(
        scaled
          ? withFixes(d, [
              {
                title: t(settings.locale, 'Rescale the split to {0}', scaled.join(' / ')),
                edits: fractions.map((f, i) => replace(file, f.e.node!, scaled[i] ?? '')),
              },
            ])
          : d,
      );
    }
  }
  const strategy = at(split.node, ['strategy']);
  if (strategy && str(strategy) === 'by_group' && !has(at(split.node, ['group_key']))) {
    out.push(
      diagnostic(
        settings,
        'EXP-006',
        'error',
        valueRange(file, strategy),
        t(
          settings.locale,
          '`data.split.strategy` is `by_group` but `data.split.group_key` is not set: name the column that identifies a group (e.g. `group_key: patient_id`) so no group spans two splits.',
        ),
      ),
    );
  }
  return out;
};
