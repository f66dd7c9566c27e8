import { isScalar } from 'yaml';
import { diagnostic } from '../../diagnostic';
import { at, list, rangeOf, text, type Item } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { isSynthesized } from '../../../../../core/src/vocabulary';
import { removeItem, replace, withFixes } from './edits';

/** Operations that draw random numbers: augmentation, which must not run at evaluation or inference time. */
const RANDOM_OP =
  /^(random_|rand_?augment|auto_?augment|trivial_?augment)|^(horizontal_flip|vertical_flip|flip|rotate|rotation|color_jitter|cutout|mixup|cutmix|gaussian_noise|add_noise|time_shift|time_mask|freq_mask|spec_augment|synonym_replace|back_translation|oversample)$/;

/** EXP-020: augmentation applies to training data only, and random operations do not belong in `preprocessing`. */
export const augmentationScope: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  const applies = at(yaml.root, ['data', 'augmentation', 'applies_to']);
  const targets: Item[] = list(applies) ?? (applies?.node ? [{ node: applies.node, value: applies.value }] : []);
  targets.forEach((item, i) => {
    const split = text(item);
    if (split === undefined || split === 'train') return;
    const d = diagnostic(
      settings,
      'EXP-020',
      'error',
      rangeOf(file, item.node),
      t(
        settings.locale,
        '`data.augmentation.applies_to` includes `{0}`: augmentation is for training data only; evaluating on augmented data gives scores that do not match real inputs.',
        split,
      ),
    );
    // `applies_to: validation` is read as a one-item list, but its text is a scalar: replace it.
    const scalar = isScalar(applies?.node) || isSynthesized(applies?.node);
    const edit = scalar ? replace(file, item.node, 'train') : removeItem(file, applies?.node ?? null, i);
    out.push(
      withFixes(d, [
        {
          title: scalar
            ? t(settings.locale, 'Apply augmentation to `train` only')
            : t(settings.locale, 'Remove `{0}`', split),
          edits: [edit],
        },
      ]),
    );
  });
  for (const step of list(at(yaml.root, ['data', 'preprocessing'])) ?? []) {
    const op = isScalar(step.node) ? step : at(step.node, ['op']);
    const name = text(op);
    if (!op?.node || name === undefined || !RANDOM_OP.test(name.toLowerCase())) continue;
    out.push(
      diagnostic(
        settings,
        'EXP-020',
        'error',
        rangeOf(file, op.node),
        t(
          settings.locale,
          '`data.preprocessing` contains `{0}`, a random operation: preprocessing is also applied to validation, test and inference inputs, so move it to `data.augmentation` (training only).',
          name,
        ),
      ),
    );
  }
  return out;
};
