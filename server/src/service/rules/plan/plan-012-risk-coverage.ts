import { diagnostic } from '../../diagnostic';
import { at, field, keyRange, mapItems, num, str } from '../../yaml-path';
import { t } from '../../../../../core/src/l10n';
import type { Rule } from '../rule';
import { isEmptySection, namesIn } from './read';

const ALWAYS = ['technical', 'market', 'financial'];
/** Sectors that need more risk categories (the reason is written in the message, healthcare's or fintech's). */
const SECTOR: Record<string, { categories: readonly string[] }> = {
  healthcare: { categories: ['data', 'legal_compliance'] },
  fintech: { categories: ['data', 'legal_compliance'] },
};

/**
 * PLAN-012: the risk register covers at least one technical, market and financial risk, plus data and
 * legal_compliance risks for healthcare and fintech plans. One warning on the `risks` key lists what is missing;
 * an absent or empty `risks` section is left to PLAN-001. A missing technical risk in a plan whose technical
 * feasibility scores ≤ 2 is PLAN-016's finding (it says more, on the score): one problem, one warning.
 */
export const riskCoverage: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const risks = at(root, ['risks']);
  if (!risks || isEmptySection(risks)) return [];
  const present = new Set(mapItems(risks).map((r) => str(field(r.node, 'category'))));
  const feasibility = num(at(root, ['selection', 'technical_feasibility', 'score']));
  const leftToPlan016 = (c: string) => c === 'technical' && feasibility !== undefined && feasibility <= 2;
  const missing = ALWAYS.filter((c) => !present.has(c) && !leftToPlan016(c));
  const sectorName = str(at(root, ['metadata', 'sector']));
  const sector = sectorName ? SECTOR[sectorName] : undefined;
  const sectorMissing = sector ? sector.categories.filter((c) => !present.has(c)) : [];
  if (!missing.length && !sectorMissing.length) return [];
  const l = settings.locale;
  const why =
    sectorName === 'healthcare'
      ? t(l, 'patient data and medical-device regulation')
      : t(l, 'financial data and financial regulation');
  const expected = namesIn(l, sectorMissing);
  const parts = [
    ...(missing.length
      ? [
          t(
            l,
            'No {0} risk: every plan needs at least one technical, market and financial risk',
            namesIn(l, missing, 'or'),
          ),
        ]
      : []),
    ...(sector && sectorMissing.length
      ? [
          missing.length
            ? sectorMissing.length > 1
              ? t(l, 'and `metadata.sector` is {0}, so {1} risks are expected too ({2})', sectorName, expected, why)
              : t(l, 'and `metadata.sector` is {0}, so a {1} risk is expected too ({2})', sectorName, expected, why)
            : sectorMissing.length > 1
              ? t(l, '`metadata.sector` is {0}, so {1} risks are expected too ({2})', sectorName, expected, why)
              : t(l, '`metadata.sector` is {0}, so a {1} risk is expected too ({2})', sectorName, expected, why),
        ]
      : []),
  ];
  const text = parts.join(t(l, '; '));
  return [
    diagnostic(
      settings,
      'PLAN-012',
      'warning',
      keyRange(file, risks),
      t(l, '{0}.', `${text.charAt(0).toUpperCase()}${text.slice(1)}`),
    ),
  ];
};
