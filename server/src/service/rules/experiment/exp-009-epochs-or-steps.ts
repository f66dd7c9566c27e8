import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, valueRange, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { deletePair, withFixes } from './edits';
import { t } from '../../../../../core/src/l10n';

/** EXP-009: exactly one of `training.epochs` and `training.max_steps`, and it is a positive integer. */
export const epochsOrSteps: Rule = ({ file, yaml, settings }) => {
  const training = at(yaml.root, ['training']);
  if (!training) return [];
  const epochs = at(training.node, ['epochs']);
  const steps = at(training.node, ['max_steps']);
  const out: LiftoffDiagnostic[] = [];
  for (const e of [epochs, steps]) if (e) out.push(...positiveInteger(e));
  if (epochs && steps) {
    const later = (epochs.keyNode.range?.[0] ?? 0) > (steps.keyNode.range?.[0] ?? 0) ? epochs : steps;
    const d = diagnostic(
      settings,
      'EXP-009',
      'error',
      keyRange(file, later),
      t(
        settings.locale,
        '`training.epochs` and `training.max_steps` are both set: training length must be given one way only. Keep `epochs` (passes over the data) or `max_steps` (optimizer steps).',
      ),
    );
    out.push(
      withFixes(d, [
        { title: t(settings.locale, 'Remove `max_steps`'), edits: [deletePair(file, steps)] },
        { title: t(settings.locale, 'Remove `epochs`'), edits: [deletePair(file, epochs)] },
      ]),
    );
  } else if (!epochs && !steps) {
    out.push(
      diagnostic(
        settings,
        'EXP-009',
        'error',
        keyRange(file, training),
        t(
          settings.locale,
          '`training` sets neither `epochs` nor `max_steps`: say how long to train, e.g. `epochs: 10`.',
        ),
      ),
    );
  }
  return out;

  function positiveInteger(e: Entry): LiftoffDiagnostic[] {
    const v = e.value;
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) return [];
    const name = String(e.keyNode.value);
    const example = name === 'epochs' ? 10 : 1000;
    const l = settings.locale;
    const message = !has(e)
      ? t(l, '`training.{0}` is empty: it must be a positive whole number (e.g. `{1}`).', name, example)
      : v === undefined || v === null
        ? t(l, '`training.{0}` is a list or mapping: it must be a positive whole number (e.g. `{1}`).', name, example)
        : t(l, '`training.{0}` is `{1}`: it must be a positive whole number (e.g. `{2}`).', name, String(v), example);
    return [diagnostic(settings, 'EXP-009', 'error', valueRange(file, e), message)];
  }
};
