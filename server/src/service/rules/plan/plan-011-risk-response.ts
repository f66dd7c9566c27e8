import { riskLevel, riskScore } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { t } from '../../../../../core/src/l10n';
import { at, field, has, mapItems, num, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { withFixes } from '../experiment/edits';
import { mitigationFix } from './mitigation-stub';
import { label, textOf } from './read';

/** Words that name an instrument a risk can be transferred with. */
const INSTRUMENT =
  /insur|reinsur|contract|outsourc|warrant|indemn|guarant|\bSLA\b|hedg|loan|credit line|line of credit|escrow|liabilit|bond|保险|合同|外包|担保|协议/i;

/**
 * PLAN-011: the `response` fits the fields: `transfer` names the instrument (insurance, contract, outsourcing…)
 * in `mitigation`; `accept` links a `contingency`; `mitigate` has a `mitigation` (left to PLAN-010 for high
 * risks). Reported on the response value.
 */
export const riskResponse: Rule = ({ file, yaml, settings }) => {
  const out: LiftoffDiagnostic[] = [];
  for (const risk of mapItems(at(yaml.root, ['risks']))) {
    const response = field(risk.node, 'response');
    const kind = str(response);
    if (!response || !kind) continue;
    const mitigation = textOf(field(risk.node, 'mitigation'));
    const name = label(risk);
    const l = settings.locale;
    if (kind === 'transfer' && !INSTRUMENT.test(mitigation)) {
      out.push(
        diagnostic(
          settings,
          'PLAN-011',
          'error',
          valueRange(file, response),
          mitigation
            ? t(
                l,
                'Risk `{0}` is transferred (`response: transfer`) but its mitigation names no instrument that carries it: name the insurance, contract, outsourcing agreement, guarantee or loan facility that takes the risk over.',
                name,
              )
            : t(
                l,
                'Risk `{0}` is transferred (`response: transfer`) but its mitigation is missing: name the insurance, contract, outsourcing agreement, guarantee or loan facility that takes the risk over.',
                name,
              ),
        ),
      );
    } else if (kind === 'accept' && !has(field(risk.node, 'contingency'))) {
      out.push(
        diagnostic(
          settings,
          'PLAN-011',
          'error',
          valueRange(file, response),
          t(
            l,
            'Risk `{0}` is accepted (`response: accept`) but has no `contingency`: link the contingency plan (an id from `contingency_plans`) to follow if it happens.',
            name,
          ),
        ),
      );
    } else if (kind === 'mitigate' && !mitigation) {
      const score = riskScore(num(field(risk.node, 'likelihood')), num(field(risk.node, 'impact')));
      if (score !== undefined && riskLevel(score) === 'high') continue;
      const d = diagnostic(
        settings,
        'PLAN-011',
        'error',
        valueRange(file, response),
        t(
          l,
          'Risk `{0}` is mitigated (`response: mitigate`) but has no `mitigation`: list the actions that reduce it.',
          name,
        ),
      );
      out.push(withFixes(d, [mitigationFix(file, risk.node, str(field(risk.node, 'category')), l)]));
    }
  }
  return out;
};
