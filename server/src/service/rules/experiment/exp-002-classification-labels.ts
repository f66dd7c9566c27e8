import { diagnostic } from '../../diagnostic';
import { at, has, list, rangeOf, str, text, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { removeItem, withFixes } from './edits';

/**
 * EXP-002: a classification task's `task.labels` (when given; otherwise the classes come from the data) has at least
 * two distinct classes, and a binary task names its `positive_label` among them.
 */
export const classificationLabels: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  if (str(at(root, ['task', 'type'])) !== 'classification') return [];
  const out: LiftoffDiagnostic[] = [];
  const labelsEntry = at(root, ['task', 'labels']);
  const items = list(labelsEntry);
  if (!labelsEntry) return out; // the classes come from the data (target column, image folders)
  if (!items) {
    out.push(
      diagnostic(
        settings,
        'EXP-002',
        'error',
        valueRange(file, labelsEntry),
        has(labelsEntry)
          ? t(
              settings.locale,
              '`task.labels` is not a list: list the class names, e.g. `labels: [normal, lesion]`, or remove the key to take them from the data.',
            )
          : t(
              settings.locale,
              '`task.labels` is empty: list the class names, e.g. `labels: [normal, lesion]`, or remove the key to take them from the data.',
            ),
      ),
    );
    return out;
  }
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const label = text(item);
    if (label === undefined) return;
    if (seen.has(label)) {
      out.push(
        withFixes(
          diagnostic(
            settings,
            'EXP-002',
            'error',
            rangeOf(file, item.node),
            t(settings.locale, 'Class `{0}` is listed twice in `task.labels`: each class appears once.', label),
          ),
          [
            {
              title: t(settings.locale, 'Remove the duplicate `{0}`', label),
              edits: [removeItem(file, labelsEntry.node, i)],
            },
          ],
        ),
      );
    }
    seen.add(label);
  });
  if (seen.size < 2) {
    out.push(
      diagnostic(
        settings,
        'EXP-002',
        'error',
        valueRange(file, labelsEntry),
        seen.size === 0
          ? t(
              settings.locale,
              'A classification task needs at least two distinct classes in `task.labels`; found none.',
            )
          : t(
              settings.locale,
              'A classification task needs at least two distinct classes in `task.labels`; found only `{0}`.',
              [...seen][0],
            ),
      ),
    );
    return out;
  }
  const positive = at(root, ['task', 'positive_label']);
  const labelList = [...seen].map((l) => `\`${l}\``).join(', ');
  if (has(positive)) {
    const p = text(positive);
    if (p === undefined || !seen.has(p)) {
      out.push(
        diagnostic(
          settings,
          'EXP-002',
          'error',
          valueRange(file, positive),
          p === undefined
            ? t(
                settings.locale,
                '`task.positive_label` is not a class name, so it is not one of `task.labels` ({0}): name the class that counts as positive.',
                labelList,
              )
            : t(
                settings.locale,
                '`task.positive_label` is `{0}`, which is not one of `task.labels` ({1}): name the class that counts as positive.',
                p,
                labelList,
              ),
        ),
      );
    }
  } else if (seen.size === 2) {
    out.push(
      diagnostic(
        settings,
        'EXP-002',
        'error',
        valueRange(file, labelsEntry),
        t(
          settings.locale,
          '`task.labels` has two classes ({0}), so this is a binary task: set `task.positive_label` to the class that counts as positive (used by precision, recall, F1 and AUC).',
          labelList,
        ),
      ),
    );
  }
  return out;
};
