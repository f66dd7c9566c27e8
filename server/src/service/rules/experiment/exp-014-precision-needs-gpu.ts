import { diagnostic } from '../../diagnostic';
import { at, str, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { replace, withFixes } from './edits';
import { t } from '../../../../../core/src/l10n';

/** EXP-014: reduced or mixed precision (`fp16`, `bf16`, `mixed`) is a GPU feature: it needs `resources.accelerator: gpu`. */
export const precisionNeedsGpu: Rule = ({ file, yaml, settings }) => {
  const precisionEntry = at(yaml.root, ['training', 'precision']);
  const precision = str(precisionEntry);
  if (!precisionEntry?.node || !precision || precision === 'fp32') return [];
  const accelerator = at(yaml.root, ['resources', 'accelerator']);
  const value = str(accelerator);
  if (value === 'gpu') return [];
  const d = diagnostic(
    settings,
    'EXP-014',
    'error',
    valueRange(file, precisionEntry),
    value
      ? t(
          settings.locale,
          '`training.precision` is `{0}` but `resources.accelerator` is `{1}`: reduced and mixed precision are for GPU training. Use `precision: fp32` on CPU, or set `resources.accelerator: gpu`.',
          precision,
          value,
        )
      : t(
          settings.locale,
          '`training.precision` is `{0}` but `resources.accelerator` is not set: reduced and mixed precision are for GPU training. Use `precision: fp32` on CPU, or set `resources.accelerator: gpu`.',
          precision,
        ),
  );
  return [
    withFixes(d, [
      {
        title: t(settings.locale, 'Change `training.precision` to `fp32`'),
        edits: [replace(file, precisionEntry.node, 'fp32')],
      },
      ...(accelerator?.node && value
        ? [
            {
              title: t(settings.locale, 'Change `resources.accelerator` to `gpu`'),
              edits: [replace(file, accelerator.node, 'gpu')],
            },
          ]
        : []),
    ]),
  ];
};
