import { diagnostic } from '../../diagnostic';
import { at, num, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';

/**
 * EXP-010: `optimizer.learning_rate` in (0, 1] (error); above 0.01 with Adam/AdamW (warning: their usual range is
 * about 1e-5 to 1e-3, PyTorch's default being 0.001); `momentum` in [0, 1) (error).
 */
export const optimizerValues: Rule = ({ file, yaml, settings }) => {
  const optimizer = at(yaml.root, ['training', 'optimizer']);
  if (!optimizer) return [];
  const type = str(at(optimizer.node, ['type']))?.toLowerCase();
  const out: LiftoffDiagnostic[] = [];
  const lrEntry = at(optimizer.node, ['learning_rate']);
  const lr = num(lrEntry);
  if (lrEntry && lr !== undefined) {
    if (lr <= 0 || lr > 1) {
      out.push(
        diagnostic(
          settings,
          'EXP-010',
          'error',
          valueRange(file, lrEntry),
          t(
            settings.locale,
            '`training.optimizer.learning_rate` is {0}: it must be greater than 0 and at most 1 (typical values: 1e-3 for Adam, 0.01–0.1 for SGD).',
            lr,
          ),
        ),
      );
    } else if ((type === 'adam' || type === 'adamw') && lr > 0.01) {
      out.push(
        diagnostic(
          settings,
          'EXP-010',
          'warning',
          valueRange(file, lrEntry),
          t(
            settings.locale,
            "`training.optimizer.learning_rate` is {0}, high for `{1}`: above 0.01 Adam-style training is often unstable; common values are 1e-5 to 1e-3 (PyTorch's default is 0.001).",
            lr,
            type,
          ),
        ),
      );
    }
  }
  const momentumEntry = at(optimizer.node, ['momentum']);
  const momentum = num(momentumEntry);
  if (momentumEntry && momentum !== undefined && (momentum < 0 || momentum >= 1)) {
    out.push(
      diagnostic(
        settings,
        'EXP-010',
        'error',
        valueRange(file, momentumEntry),
        t(
          settings.locale,
          '`training.optimizer.momentum` is {0}: it must be at least 0 and below 1 (0.9 is the usual choice for SGD).',
          momentum,
        ),
      ),
    );
  }
  return out;
};
