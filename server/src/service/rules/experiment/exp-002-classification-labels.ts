import { diagnostic } from '../../diagnostic';
import { at, has, list, rangeOf, str, text, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
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
        `\`task.labels\` ${has(labelsEntry) ? 'is not a list' : 'is empty'}: list the class names, e.g. \`labels: [normal, lesion]\`, or remove the key to take them from the data.`,
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
            `Class \`${label}\` is listed twice in \`task.labels\`: each class appears once.`,
          ),
          [{ title: `Remove the duplicate \`${label}\``, edits: [removeItem(file, labelsEntry.node, i)] }],
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
        `A classification task needs at least two distinct classes in \`task.labels\`; found ${seen.size === 0 ? 'none' : `only \`${[...seen][0]}\``}.`,
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
          `\`task.positive_label\` is ${p === undefined ? 'not a class name' : `\`${p}\``}, which is not one of \`task.labels\` (${labelList}): name the class that counts as positive.`,
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
        `\`task.labels\` has two classes (${labelList}), so this is a binary task: set \`task.positive_label\` to the class that counts as positive (used by precision, recall, F1 and AUC).`,
      ),
    );
  }
  return out;
};
