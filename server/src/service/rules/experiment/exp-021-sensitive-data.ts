import { diagnostic } from '../../diagnostic';
import { at, has, mapOf, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';

const SENSITIVE = new Set(['personal', 'health', 'financial']);
const NEEDS_LICENSE = new Set(['third_party', 'scraped', 'partner']);

/**
 * EXP-021: personal, health or financial data ⇒ a `privacy` block (error for health, warning otherwise);
 * third-party, partner or scraped data ⇒ `data.license` (warning).
 */
export const sensitiveData: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const out: LiftoffDiagnostic[] = [];
  const sensitivity = at(root, ['data', 'sensitivity']);
  const level = str(sensitivity);
  const privacy = at(root, ['privacy']);
  const hasPrivacy = has(privacy) && mapOf(privacy)?.items.length !== 0;
  if (sensitivity && level && SENSITIVE.has(level) && !hasPrivacy) {
    out.push(
      diagnostic(
        settings,
        'EXP-021',
        level === 'health' ? 'error' : 'warning',
        valueRange(file, sensitivity),
        privacy
          ? t(
              settings.locale,
              '`data.sensitivity` is `{0}` but the `privacy` section is empty: say how the data is protected, e.g. `anonymization` (pseudonymised identifiers), `encryption`, `differential_privacy` or `federated`.',
              level,
            )
          : t(
              settings.locale,
              '`data.sensitivity` is `{0}` but there is no `privacy` section: say how the data is protected, e.g. `anonymization` (pseudonymised identifiers), `encryption`, `differential_privacy` or `federated`.',
              level,
            ),
      ),
    );
  }
  const source = at(root, ['data', 'source']);
  const origin = str(source);
  if (source && origin && NEEDS_LICENSE.has(origin) && !has(at(root, ['data', 'license']))) {
    out.push(
      diagnostic(
        settings,
        'EXP-021',
        'warning',
        valueRange(file, source),
        t(
          settings.locale,
          '`data.source` is `{0}` but `data.license` is not set: record the licence or data-use agreement that allows training on this data.',
          origin,
        ),
      ),
    );
  }
  return out;
};
