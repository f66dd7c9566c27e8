import { diagnostic } from '../../diagnostic';
import { at, has, list, str, text, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { replace, withFixes } from './edits';
import { metricGoal } from './vocabulary';
import { t } from '../../../../../core/src/l10n';

/** Places that name a metric, and the sibling that says which way is better. */
const REFERENCES: ReadonlyArray<{ path: string[]; name: string; mode: string }> = [
  { path: ['training', 'early_stopping'], name: 'monitor', mode: 'mode' },
  { path: ['training', 'checkpoint', 'save_best'], name: 'metric', mode: 'mode' },
  { path: ['metrics', 'primary'], name: 'name', mode: 'goal' },
];

/** The names a run reports: losses, tracked and evaluated metrics, and their `train_`/`val_` variants. */
export function knownMetrics(root: unknown): Set<string> {
  const names = ['metrics.track', 'evaluation.metrics']
    .flatMap((p) => list(at(root, p.split('.'))) ?? [])
    .flatMap((i) => text(i) ?? []);
  const known = new Set(['loss', 'train_loss', 'val_loss']);
  for (const n of names.map((m) => m.toLowerCase())) {
    known.add(n);
    if (!/^(train|val)_/.test(n)) known.add(`train_${n}`).add(`val_${n}`);
  }
  return known;
}

/** EXP-011: metrics named by early stopping, best-checkpoint selection and the primary metric exist, and their mode fits. */
export const metricReferences: Rule = ({ file, yaml, settings }) => {
  const known = knownMetrics(yaml.root);
  const out: LiftoffDiagnostic[] = [];
  for (const ref of REFERENCES) {
    const section = at(yaml.root, ref.path);
    const nameEntry = at(section?.node, [ref.name]);
    const name = text(nameEntry);
    if (!nameEntry || name === undefined) continue;
    const where = `${ref.path.join('.')}.${ref.name}`;
    if (!known.has(name.toLowerCase())) {
      const examples = [...known]
        .slice(0, 8)
        .map((k) => `\`${k}\``)
        .join(', ');
      out.push(
        diagnostic(
          settings,
          'EXP-011',
          'error',
          valueRange(file, nameEntry),
          t(
            settings.locale,
            '`{0}` is `{1}`, which the run neither tracks (`metrics.track`) nor evaluates (`evaluation.metrics`): add it there or use one of {2}.',
            where,
            name,
            examples,
          ),
        ),
      );
    }
    const modeEntry = at(section?.node, [ref.mode]);
    const mode = str(modeEntry);
    const goal = metricGoal(name);
    if (!has(modeEntry) || !goal || (mode !== 'min' && mode !== 'max') || mode === goal) continue;
    const modePath = `${ref.path.join('.')}.${ref.mode}`;
    const d = diagnostic(
      settings,
      'EXP-011',
      'error',
      valueRange(file, modeEntry),
      goal === 'min'
        ? t(settings.locale, '`{0}` is `{1}` but for `{2}` lower is better: use `{3}`.', modePath, mode, name, goal)
        : t(settings.locale, '`{0}` is `{1}` but for `{2}` higher is better: use `{3}`.', modePath, mode, name, goal),
    );
    out.push(
      withFixes(d, [
        {
          title: t(settings.locale, 'Change `{0}` to `{1}`', ref.mode, goal),
          edits: [replace(file, modeEntry.node, goal)],
        },
      ]),
    );
  }
  return out;
};
