import { diagnostic } from '../../diagnostic';
import { at, field, keyRange, mapItems, num, str } from '../../yaml-path';
import type { Rule } from '../rule';
import { isEmptySection, names } from './read';

const ALWAYS = ['technical', 'market', 'financial'];
const SECTOR: Record<string, { categories: readonly string[]; why: string }> = {
  healthcare: { categories: ['data', 'legal_compliance'], why: 'patient data and medical-device regulation' },
  fintech: { categories: ['data', 'legal_compliance'], why: 'financial data and financial regulation' },
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
  const parts = [
    ...(missing.length
      ? [`No ${names(missing, 'or')} risk: every plan needs at least one technical, market and financial risk`]
      : []),
    ...(sector && sectorMissing.length
      ? [
          `${missing.length ? 'and ' : ''}\`metadata.sector\` is ${sectorName}, so ${sectorMissing.length > 1 ? `${names(sectorMissing)} risks are` : `a ${names(sectorMissing)} risk is`} expected too (${sector.why})`,
        ]
      : []),
  ];
  const text = parts.join('; ');
  return [
    diagnostic(
      settings,
      'PLAN-012',
      'warning',
      keyRange(file, risks),
      `${text.charAt(0).toUpperCase()}${text.slice(1)}.`,
    ),
  ];
};
