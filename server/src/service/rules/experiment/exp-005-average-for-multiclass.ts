import { diagnostic } from '../../diagnostic';
import { at, has, list, rangeOf, str, text, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { insertAfter, replace, setEmpty, withFixes } from './edits';
import { baseMetric } from './vocabulary';

const NEEDS_AVERAGE = new Set(['precision', 'recall', 'f1']);
const AVERAGES = ['macro', 'weighted', 'micro'];

/** EXP-005: a multi-class task that evaluates precision/recall/F1 says how to average them (`evaluation.average`). */
export const averageForMulticlass: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  if (str(at(root, ['task', 'type'])) !== 'classification') return [];
  const classes = new Set((list(at(root, ['task', 'labels'])) ?? []).flatMap((i) => text(i) ?? []));
  if (classes.size <= 2) return [];
  const metricsEntry = at(root, ['evaluation', 'metrics']);
  const items = (list(metricsEntry) ?? []).filter((i) => NEEDS_AVERAGE.has(baseMetric(text(i) ?? '')));
  const first = items[0];
  if (!metricsEntry || !first) return [];
  const names = items.map((i) => `\`${text(i)}\``).join(', ');
  const average = at(root, ['evaluation', 'average']);
  if (!has(average)) {
    const d = diagnostic(
      settings,
      'EXP-005',
      'error',
      rangeOf(file, first.node),
      t(
        settings.locale,
        '`task.labels` has {0} classes and `evaluation.metrics` includes {1}: per-class scores must be averaged, so set `evaluation.average` to `macro` (every class counts equally), `weighted` (by class frequency) or `micro` (over all samples).',
        classes.size,
        names,
      ),
    );
    return [
      withFixes(
        d,
        AVERAGES.map((a) => ({
          title: t(settings.locale, 'Add `average: {0}`', a),
          edits: [average ? setEmpty(file, average, a) : insertAfter(file, metricsEntry, `average: ${a}`)],
        })),
      ),
    ];
  }
  if (str(average) !== 'binary') return [];
  const d = diagnostic(
    settings,
    'EXP-005',
    'error',
    valueRange(file, average),
    t(
      settings.locale,
      '`evaluation.average` is `binary`, which scores only the positive class of a two-class task, but `task.labels` has {0} classes: use `macro`, `weighted` or `micro`.',
      classes.size,
    ),
  );
  return [
    withFixes(
      d,
      AVERAGES.map((a) => ({
        title: t(settings.locale, 'Change `evaluation.average` to `{0}`', a),
        edits: [replace(file, average.node, a)],
      })),
    ),
  ];
};
