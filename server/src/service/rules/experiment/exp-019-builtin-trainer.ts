import { diagnostic } from '../../diagnostic';
import { at, has, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';

const WHAT = 'the builtin trainer trains tabular MLP / logistic-regression models on CSV data only';
const ALTERNATIVE = 'or use `run.trainer: command` with your own training script';

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
        `\`task.type\` is \`${String(type.value)}\` but ${WHAT}: use \`classification\` or \`regression\`, ${ALTERNATIVE}.`,
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
        `\`task.domain\` is \`${String(domain.value)}\` but ${WHAT}: use \`tabular\` data, ${ALTERNATIVE}.`,
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
        `\`data.format\` is \`${String(format.value)}\` but ${WHAT}: provide a \`.csv\` file, ${ALTERNATIVE}.`,
      ),
    );
  } else if (!has(format) && train && ext && ext !== 'csv') {
    out.push(
      diagnostic(
        settings,
        'EXP-019',
        'error',
        valueRange(file, train),
        `\`data.train\` is a \`.${ext}\` file but ${WHAT}: provide a \`.csv\` file, ${ALTERNATIVE}.`,
      ),
    );
  }
  return out;
};
