import { diagnostic } from '../../diagnostic';
import { at, has, str, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { replace, withFixes } from './edits';
import { CLASSIFICATION_LOSSES, REGRESSION_LOSSES } from './vocabulary';

/** EXP-003: `training.loss` fits `task.type` (a classification loss for classification, a regression loss for regression). */
export const lossFitsTask: Rule = ({ file, yaml, settings }) => {
  const type = str(at(yaml.root, ['task', 'type']));
  const lossEntry = at(yaml.root, ['training', 'loss']);
  const loss = str(lossEntry)?.toLowerCase();
  if (!loss || !has(lossEntry)) return [];
  let message: string;
  let choices: string[];
  if (type === 'classification' && REGRESSION_LOSSES.has(loss)) {
    message = t(
      settings.locale,
      '`training.loss` is `{0}`, a regression loss, but `task.type` is `classification`: use `cross_entropy` (multi-class) or `bce` (binary).',
      loss,
    );
    choices = ['cross_entropy', 'bce'];
  } else if (type === 'regression' && CLASSIFICATION_LOSSES.has(loss)) {
    message = t(
      settings.locale,
      '`training.loss` is `{0}`, a classification loss, but `task.type` is `regression`: use `mse`, `mae` or `huber` (robust to outliers).',
      loss,
    );
    choices = ['mse', 'mae', 'huber'];
  } else {
    return [];
  }
  const d = diagnostic(settings, 'EXP-003', 'error', valueRange(file, lossEntry), message);
  return [
    withFixes(
      d,
      choices.map((c) => ({
        title: t(settings.locale, 'Change `training.loss` to `{0}`', c),
        edits: [replace(file, lossEntry.node, c)],
      })),
    ),
  ];
};
