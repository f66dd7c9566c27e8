import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, str, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';

/**
 * EXP-007 (warning): health data split at random lets one patient's records land in both training and
 * evaluation data, so the scores overstate how the model does on new patients; suggest `by_group`.
 */
export const healthSplit: Rule = ({ file, yaml, settings }) => {
  if (str(at(yaml.root, ['data', 'sensitivity'])) !== 'health') return [];
  const split = at(yaml.root, ['data', 'split']);
  if (!split || !has(split)) return [];
  const strategy = at(split.node, ['strategy']);
  const value = str(strategy);
  if (has(strategy) && value !== 'random' && value !== 'stratified') return [];
  const range = strategy ? valueRange(file, strategy) : keyRange(file, split);
  return [
    diagnostic(
      settings,
      'EXP-007',
      'warning',
      range,
      has(strategy)
        ? t(
            settings.locale,
            '`data.sensitivity` is `health` and `data.split.strategy` is `{0}`, so the data is split record by record: records of the same patient can end up in both training and validation/test data, which inflates the scores. Use `strategy: by_group` with `group_key` set to the patient identifier (e.g. `patient_id`).',
            value,
          )
        : t(
            settings.locale,
            '`data.sensitivity` is `health` and `data.split.strategy` is not set, so the data is split record by record: records of the same patient can end up in both training and validation/test data, which inflates the scores. Use `strategy: by_group` with `group_key` set to the patient identifier (e.g. `patient_id`).',
          ),
    ),
  ];
};
