import { diagnostic } from '../../diagnostic';
import { at, field, mapItems, num, str, valueRange } from '../../yaml-path';
import { t } from '../../../../../core/src/l10n';
import type { Rule } from '../rule';

/** PLAN-016: a `selection.technical_feasibility` score ≤ 2 needs at least one technical risk (warning on the score). */
export const feasibilityRisk: Rule = ({ file, yaml, settings }) => {
  const scoreEntry = at(yaml.root, ['selection', 'technical_feasibility', 'score']);
  const score = num(scoreEntry);
  if (!scoreEntry || score === undefined || score > 2) return [];
  if (mapItems(at(yaml.root, ['risks'])).some((r) => str(field(r.node, 'category')) === 'technical')) return [];
  return [
    diagnostic(
      settings,
      'PLAN-016',
      'warning',
      valueRange(file, scoreEntry),
      t(
        settings.locale,
        '`selection.technical_feasibility` scores {0} (≤ 2) but no risk has `category: technical`: add the technical risk that makes feasibility doubtful, with its mitigation.',
        score,
      ),
    ),
  ];
};
