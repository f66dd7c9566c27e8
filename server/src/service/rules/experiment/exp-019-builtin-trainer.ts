import { diagnostic } from '../../diagnostic';
import { at, has, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';

/** EXP-019: `run.trainer: builtin` ⇒ a tabular classification or regression task on CSV data. */
export const builtinTrainer: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  if (str(at(root, ['run', 'trainer'])) !== 'builtin') return [];
  const out: LiftoffDiagnostic[] = [];
  const type = at(root, ['task', 'type']);
  if (has(type) && type.value !== 'classification' && type.value !== 'regression') {
    out.push(
      diagnostic(
        settings,
        'EXP-019',
        'error',
        valueRange(file, type),
        t(
          settings.locale,
          '`task.type` is `{0}` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: use `classification` or `regression`, or use `run.trainer: command` with your own training script.',
          String(type.value),
        ),
      ),
    );
  }
  const domain = at(root, ['task', 'domain']);
  if (has(domain) && domain.value !== 'tabular') {
    out.push(
      diagnostic(
        settings,
        'EXP-019',
        'error',
        valueRange(file, domain),
        t(
          settings.locale,
          '`task.domain` is `{0}` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: use `tabular` data, or use `run.trainer: command` with your own training script.',
          String(domain.value),
        ),
      ),
    );
  }
  const format = at(root, ['data', 'format']);
  const train = at(root, ['data', 'train']);
  const path = str(train);
  const ext = /\.([a-z0-9]+)$/i.exec(path ?? '')?.[1]?.toLowerCase();
  if (has(format) && format.value !== 'csv') {
    out.push(
      diagnostic(
        settings,
        'EXP-019',
        'error',
        valueRange(file, format),
        t(
          settings.locale,
          '`data.format` is `{0}` but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: provide a `.csv` file, or use `run.trainer: command` with your own training script.',
          String(format.value),
        ),
      ),
    );
  } else if (!has(format) && train && ext && ext !== 'csv') {
    out.push(
      diagnostic(
        settings,
        'EXP-019',
        'error',
        valueRange(file, train),
        t(
          settings.locale,
          '`data.train` is a `.{0}` file but the builtin trainer trains tabular MLP / logistic-regression models on CSV data only: provide a `.csv` file, or use `run.trainer: command` with your own training script.',
          ext,
        ),
      ),
    );
  }
  return out;
};
