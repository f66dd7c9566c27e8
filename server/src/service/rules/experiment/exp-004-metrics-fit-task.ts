import { diagnostic } from '../../diagnostic';
import { at, list, rangeOf, str, text } from '../../yaml-path';
import type { Rule } from '../rule';
import { removeItem, withFixes } from './edits';
import { metricFamily } from './vocabulary';

const SUGGEST: Record<string, string> = {
  classification: 'accuracy, precision, recall, f1, auc or log_loss',
  regression: 'mse, mae, rmse, r2 or mape',
};

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
    const kind = family === 'other' ? 'does not apply to' : `is a ${family} metric, not one for`;
    const d = diagnostic(
      settings,
      'EXP-004',
      'error',
      rangeOf(file, item.node),
      `\`evaluation.metrics\` lists \`${name}\`, which ${kind} a ${type} task (\`task.type: ${type}\`): use ${SUGGEST[type]}.`,
    );
    return [
      withFixes(d, [
        { title: `Remove \`${name}\` from \`evaluation.metrics\``, edits: [removeItem(file, entry?.node ?? null, i)] },
      ]),
    ];
  });
};
