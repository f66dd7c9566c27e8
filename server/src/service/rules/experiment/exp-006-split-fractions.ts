import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, num, str, valueRange, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
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
          `\`data.split.${String(e.keyNode.value)}\` is ${v}: a split fraction must be between 0 and 1 (exclusive). Remove the part if you do not want it.`,
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
          `\`data.split\` has only \`${String(only.e.keyNode.value)}: ${only.v}\`, which leaves no data to validate or test on: add \`validation\` and/or \`test\` fractions (e.g. 0.8 / 0.1 / 0.1).`,
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
        `\`data.split\` fractions sum to ${+sum.toFixed(6)} (${shownParts}), not 1${sum > 1.5 ? ' (percentages? write fractions such as 0.8)' : ''}: scale them so they add up to 1.`,
      );
      out.push(
        scaled
          ? withFixes(d, [
              {
                title: `Rescale the split to ${scaled.join(' / ')}`,
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
        '`data.split.strategy` is `by_group` but `data.split.group_key` is not set: name the column that identifies a group (e.g. `group_key: patient_id`) so no group spans two splits.',
      ),
    );
  }
  return out;
};
