import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, rangeOf, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { withFixes } from '../experiment/edits';
import { appendToRoot } from './edits';

/** The six core sections of the seeds' plan, with what each stands for and a skeleton to insert. */
const CORE: ReadonlyArray<{ key: string; stands?: string; skeleton: string }> = [
  {
    key: 'overview',
    skeleton:
      '# Background, goals and the product in a few sentences.\noverview:\n  background: ""\n  goals: []\n  product_description: ""\n',
  },
  {
    key: 'market',
    skeleton:
      '# Trends, size (SOM ≤ SAM ≤ TAM, each with value, year and source) and competition.\nmarket:\n  trends: []\n  size: {}\n  competition: {}\n',
  },
  {
    key: 'business_model',
    stands: 'product',
    skeleton:
      '# How the product makes money: revenue streams (share_pct adds up to 100) and pricing.\nbusiness_model:\n  revenue_streams: []\n  pricing: {}\n',
  },
  {
    key: 'team',
    stands: 'operations',
    skeleton:
      '# Who builds and sells it; member ids are the owners of KPIs, milestones and risks.\nteam:\n  members: []\n',
  },
  {
    key: 'financials',
    skeleton:
      '# Revenue, costs and profit per period (2026, 2026-Q1 …); profit = revenue − Σ costs.\nfinancials:\n  periods: []\n',
  },
  {
    key: 'risks',
    skeleton:
      '# Risks rated 1–5 for likelihood and impact; likelihood × impact ≥ 15 needs a mitigation and an owner.\nrisks: []\n',
  },
];

/**
 * PLAN-001: the six core sections are present, and not left blank (`overview:` with nothing after it); the fix
 * appends skeletons with a hint comment at the end of the document. An explicit `[]` or `{}` counts as present.
 */
export const coreSections: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  if (!root) return [];
  const out: LiftoffDiagnostic[] = [];
  const missing = CORE.filter((s) => !at(root, [s.key]));
  if (missing.length) {
    const kind = at(root, ['kind']);
    const first = root.items[0]?.key;
    const range = kind ? valueRange(file, kind) : rangeOf(file, first as never);
    const shown = missing.map((s) => `\`${s.key}\`${s.stands ? ` (${s.stands})` : ''}`);
    const d = diagnostic(
      settings,
      'PLAN-001',
      'warning',
      range,
      `The plan has no ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}` : (shown[0] ?? '')} section${missing.length > 1 ? 's' : ''}: reviewers expect the six core sections overview, market, business_model (product), team (operations), financials and risks.`,
    );
    out.push(
      withFixes(d, [
        {
          title: `Add the missing section${missing.length > 1 ? 's' : ''} ${missing.map((s) => s.key).join(', ')}`,
          edits: [appendToRoot(file, root, missing.map((s) => s.skeleton).join(''))],
        },
      ]),
    );
  }
  for (const s of CORE) {
    const e = at(root, [s.key]);
    if (e && (!has(e) || e.value === '')) {
      out.push(
        diagnostic(
          settings,
          'PLAN-001',
          'warning',
          keyRange(file, e),
          `The \`${s.key}\` section is empty: it is one of the six core sections a reviewer reads; fill it in.`,
        ),
      );
    }
  }
  return out;
};
