import { diagnostic } from '../../diagnostic';
import { at, has, mapOf, str, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { PRETRAINED_MODES } from './vocabulary';

/** EXP-013: fine-tuning, transfer learning and feature extraction start from pretrained weights: `model.pretrained`. */
export const pretrainedForMode: Rule = ({ file, yaml, settings }) => {
  const modeEntry = at(yaml.root, ['training', 'mode']);
  const mode = str(modeEntry);
  if (!modeEntry || !mode || !PRETRAINED_MODES.has(mode)) return [];
  const pretrained = at(yaml.root, ['model', 'pretrained']);
  if (has(pretrained) && mapOf(pretrained)?.items.length !== 0) return [];
  return [
    diagnostic(
      settings,
      'EXP-013',
      'error',
      valueRange(file, modeEntry),
      t(
        settings.locale,
        '`training.mode` is `{0}`, which starts from pretrained weights, but `model.pretrained` is not set: name them (e.g. `pretrained: {source: huggingface, name: bert-base-chinese}`) or use `mode: from_scratch`.',
        mode,
      ),
    ),
  ];
};
