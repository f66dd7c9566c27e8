import { riskLevel, riskScore, HIGH_RISK_SCORE } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { t } from '../../../../../core/src/l10n';
import { at, field, has, mapItems, num, str } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { withFixes } from '../experiment/edits';
import { mitigationFix, SUGGESTED_MITIGATIONS, suggestions } from './mitigation-stub';
import { anchor, label, textOf } from './read';

/**
 * PLAN-010: a high risk (likelihood × impact ≥ 15) has a `mitigation` (fix: a stub with suggested actions for its
 * category) and an `owner`. Reported on the risk's id. An owner that is not a team member id is reported by PLAN-008.
 */
export const highRiskMitigation: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  for (const risk of mapItems(at(yaml.root, ['risks']))) {
    const likelihood = num(field(risk.node, 'likelihood'));
    const impact = num(field(risk.node, 'impact'));
    const score = riskScore(likelihood, impact);
    if (score === undefined || riskLevel(score) !== 'high') continue;
    const l = settings.locale;
    const what = t(
      l,
      'High risk `{0}` (likelihood {1} × impact {2} = {3}, high from {4})',
      label(risk),
      likelihood,
      impact,
      score,
      HIGH_RISK_SCORE,
    );
    const category = str(field(risk.node, 'category'));
    if (!textOf(field(risk.node, 'mitigation'))) {
      const d = diagnostic(
        settings,
        'PLAN-010',
        'error',
        anchor(file, risk),
        category && SUGGESTED_MITIGATIONS[category]
          ? t(
              l,
              '{0} has no mitigation: say how you reduce it, e.g. {1}.',
              what,
              suggestions(category, l).join(t(l, ', ')).toLowerCase(),
            )
          : t(l, '{0} has no mitigation: say how you reduce it.', what),
      );
      out.push(withFixes(d, [mitigationFix(file, risk.node, category, l)]));
    }
    if (!has(field(risk.node, 'owner'))) {
      out.push(
        diagnostic(
          settings,
          'PLAN-010',
          'error',
          anchor(file, risk),
          t(
            l,
            '{0} has no owner: name the team member (an id from `team.members`) who watches it and acts on it.',
            what,
          ),
        ),
      );
    }
  }
  return out;
};
