import { diagnostic } from '../../diagnostic';
import { at, list, rangeOf, str, text } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { removeItem, withFixes } from './edits';
import { metricFamily } from './vocabulary';

/** EXP-004: every `evaluation.metrics` entry fits `task.type` (no accuracy on regression, no r2 on classification). */
export const metricsFitTask: Rule = ({ file, yaml, settings }) => {
  const type = str(at(yaml.root, ['task', 'type']));
  if (type !== 'classification' && type !== 'regression') return [];
  const entry = at(yaml.root, ['evaluation', 'metrics']);
  const items = list(entry) ?? [];
  return items.flatMap((item, i) => {
    const name = text(item);
    const family = name === undefined ? undefined : metricFamily(name);
    if (name === undefined || family === undefined || family === type) return [];
    const l = settings.locale;
    let message: string;
    if (type === 'classification')
      message =
        family === 'other'
          ? t(
              l,
              '`evaluation.metrics` lists `{0}`, which does not apply to a classification task (`task.type: classification`): use accuracy, precision, recall, f1, auc or log_loss.',
              name,
            )
          : t(
              l,
              '`evaluation.metrics` lists `{0}`, which is a regression metric, not one for a classification task (`task.type: classification`): use accuracy, precision, recall, f1, auc or log_loss.',
              name,
            );
    else
      message =
        family === 'other'
          ? t(
              l,
              '`evaluation.metrics` lists `{0}`, which does not apply to a regression task (`task.type: regression`): use mse, mae, rmse, r2 or mape.',
              name,
            )
          : t(
              l,
              '`evaluation.metrics` lists `{0}`, which is a classification metric, not one for a regression task (`task.type: regression`): use mse, mae, rmse, r2 or mape.',
              name,
            );
    const d = diagnostic(settings, 'EXP-004', 'error', rangeOf(file, item.node), message);
    return [
      withFixes(d, [
        {
          title: t(l, 'Remove `{0}` from `evaluation.metrics`', name),
          edits: [removeItem(file, entry?.node ?? null, i)],
        },
      ]),
    ];
  });
};
