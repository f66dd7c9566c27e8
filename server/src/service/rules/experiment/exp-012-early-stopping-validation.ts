import { diagnostic } from '../../diagnostic';
import { at, has, keyRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';

/** EXP-012: early stopping watches validation scores, so the experiment needs validation data. */
export const earlyStoppingValidation: Rule = ({ file, yaml, settings }) => {
  const early = at(yaml.root, ['training', 'early_stopping']);
  if (!has(early)) return [];
  if (has(at(yaml.root, ['data', 'validation'])) || has(at(yaml.root, ['data', 'split', 'validation']))) return [];
  return [
    diagnostic(
      settings,
      'EXP-012',
      'error',
      keyRange(file, early),
      t(
        settings.locale,
        '`training.early_stopping` is set but the experiment has no validation data: add `data.validation` (a path) or a `validation` fraction to `data.split` (e.g. `validation: 0.1`), or remove early stopping.',
      ),
    ),
  ];
};
