import { isMap } from 'yaml';
import { formatMoney } from '../../../../../core/src/plan';
import { amountOf } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, field, has, keyRange, num, plain, text, valueRange, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { names, planCurrency } from './read';

const LEVELS = ['som', 'sam', 'tam'] as const;

interface Figure {
  key: (typeof LEVELS)[number];
  entry: Entry;
  value?: Entry;
  amount?: number;
  year?: number;
}

/**
 * PLAN-003: SOM ≤ SAM ≤ TAM when they are for the same year (or a year is missing) — error on the figure that is
 * too large; each figure has a `source` and a `year` — warning on its key.
 */
export const marketSize: Rule = ({ file, yaml, settings }) => {
  const size = at(yaml.root, ['market', 'size']);
  if (!isMap(size?.node)) return [];
  const currency = planCurrency(yaml.root);
  const out: LiftoffDiagnostic[] = [];
  const figures: Figure[] = [];
  for (const key of LEVELS) {
    const entry = at(size.node, [key]);
    if (!has(entry)) continue;
    const value = isMap(entry.node) ? field(entry.node, 'value') : entry;
    const amount = has(value) ? amountOf(plain(yaml.doc, value.node)) : undefined;
    const year = isMap(entry.node) ? num(field(entry.node, 'year')) : undefined;
    figures.push({
      key,
      entry,
      ...(has(value) && { value }),
      ...(amount !== undefined && { amount }),
      ...(year !== undefined && { year }),
    });
    const lacking = [
      ...(isMap(entry.node) && text(field(entry.node, 'source'))?.trim() ? [] : ['source']),
      ...(year === undefined ? ['year'] : []),
    ];
    if (lacking.length) {
      out.push(
        diagnostic(
          settings,
          'PLAN-003',
          'warning',
          keyRange(file, entry),
          lacking.length > 1
            ? t(
                settings.locale,
                '`market.size.{0}` has no `source` and no `year`: a market figure needs the year it is for and where it comes from, e.g. `{value: "¥1.2bn", year: 2026, source: "…"}`.',
                key,
              )
            : t(
                settings.locale,
                '`market.size.{0}` has no {1}: a market figure needs the year it is for and where it comes from, e.g. `{value: "¥1.2bn", year: 2026, source: "…"}`.',
                key,
                names(lacking),
              ),
        ),
      );
    }
  }
  for (let i = 0; i + 1 < figures.length; i++) {
    const small = figures[i];
    const large = figures[i + 1];
    if (!small || !large || small.amount === undefined || large.amount === undefined || !small.value) continue;
    if (small.year !== undefined && large.year !== undefined && small.year !== large.year) continue;
    if (small.amount > large.amount) {
      const year = small.year ?? large.year;
      out.push(
        diagnostic(
          settings,
          'PLAN-003',
          'error',
          valueRange(file, small.value),
          small.key === 'som'
            ? t(
                settings.locale,
                'SOM ({0}) is larger than {1} ({2}){3}: SOM is the part of SAM you can realistically win, so SOM ≤ SAM ≤ TAM.',
                formatMoney(small.amount, currency),
                large.key.toUpperCase(),
                formatMoney(large.amount, currency),
                year !== undefined ? t(settings.locale, ' for {0}', year) : '',
              )
            : t(
                settings.locale,
                'SAM ({0}) is larger than {1} ({2}){3}: SAM is the part of TAM your product and channels can reach, so SOM ≤ SAM ≤ TAM.',
                formatMoney(small.amount, currency),
                large.key.toUpperCase(),
                formatMoney(large.amount, currency),
                year !== undefined ? t(settings.locale, ' for {0}', year) : '',
              ),
        ),
      );
    }
  }
  return out;
};
