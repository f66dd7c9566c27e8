import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, rangeOf, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
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
    const l = settings.locale;
    const shown = missing.map((s) =>
      s.stands === 'product'
        ? t(l, '`{0}` (product)', s.key)
        : s.stands === 'operations'
          ? t(l, '`{0}` (operations)', s.key)
          : `\`${s.key}\``,
    );
    const list =
      shown.length > 1
        ? t(l, '{0} and {1}', shown.slice(0, -1).join(t(l, ', ')), shown[shown.length - 1] ?? '')
        : (shown[0] ?? '');
    const d = diagnostic(
      settings,
      'PLAN-001',
      'warning',
      range,
      missing.length > 1
        ? t(
            l,
            'The plan has no {0} sections: reviewers expect the six core sections overview, market, business_model (product), team (operations), financials and risks.',
            list,
          )
        : t(
            l,
            'The plan has no {0} section: reviewers expect the six core sections overview, market, business_model (product), team (operations), financials and risks.',
            list,
          ),
    );
    out.push(
      withFixes(d, [
        {
          title:
            missing.length > 1
              ? t(l, 'Add the missing sections {0}', missing.map((s) => s.key).join(t(l, ', ')))
              : t(l, 'Add the missing section {0}', missing.map((s) => s.key).join(t(l, ', '))),
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
          t(
            settings.locale,
            'The `{0}` section is empty: it is one of the six core sections a reviewer reads; fill it in.',
            s.key,
          ),
        ),
      );
    }
  }
  return out;
};
