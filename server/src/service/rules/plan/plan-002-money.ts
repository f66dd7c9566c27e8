import { describeCurrency, formatMoney, isCompatible, parseMoney, type Money } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, plain, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { say, t, type Locale } from '../../../../../core/src/l10n';
import { moneyFields } from './money-fields';

/** What currency an amount is in, in the reader's language (core's `describeCurrency` says it in English). */
function describeCurrencyIn(l: Locale | undefined, m: Money): string {
  const c = m.compatible;
  if (!c) return t(l, 'no currency');
  if (describeCurrency(m).startsWith('dollars')) return t(l, 'dollars (USD or another dollar currency)');
  return c.length === 1 ? (c[0] ?? '') : t(l, '{0} or {1}', c.slice(0, -1).join(t(l, ', ')), c[c.length - 1] ?? '');
}

/**
 * PLAN-002: one currency per plan (`metadata.currency`, ISO 4217), every money value parses, amounts are ≥ 0
 * (profit may be negative). ¥ counts as CNY or JPY and a bare $ as any dollar: only a clearly different
 * currency is a mismatch. Without `metadata.currency` the amounts must still agree with each other.
 */
export const moneyValues: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const l = settings.locale;
  const describeCurrency = (m: Money) => describeCurrencyIn(l, m);
  const out: LiftoffDiagnostic[] = [];
  const fields = moneyFields(root);
  const currencyEntry = at(root, ['metadata', 'currency']);
  const declared = str(currencyEntry);
  let reference: { codes: readonly string[]; from: string } | undefined;
  if (currencyEntry && has(currencyEntry) && (declared === undefined || !/^[A-Z]{3}$/.test(declared))) {
    out.push(
      diagnostic(
        settings,
        'PLAN-002',
        'error',
        valueRange(file, currencyEntry),
        t(
          l,
          '`metadata.currency` is `{0}`: write the ISO 4217 code in capitals, e.g. CNY, USD or EUR.',
          String(currencyEntry.value ?? ''),
        ),
      ),
    );
  } else if (declared) {
    reference = { codes: [declared], from: t(l, "the plan's currency (`metadata.currency`) is {0}", declared) };
  } else if (fields.length) {
    const metadata = at(root, ['metadata']);
    const range = metadata ? keyRange(file, metadata) : valueRange(file, at(root, ['kind']) ?? fields[0]!.entry);
    out.push(
      diagnostic(
        settings,
        'PLAN-002',
        'error',
        range,
        t(
          l,
          'The plan has money amounts but no `metadata.currency`: name the one currency they are in (ISO 4217, e.g. `currency: CNY`).',
        ),
      ),
    );
  }
  for (const f of fields) {
    const r = parseMoney(plain(yaml.doc, f.entry.node));
    const range = valueRange(file, f.entry);
    if (!r.ok) {
      out.push(
        diagnostic(
          settings,
          'PLAN-002',
          'error',
          range,
          t(l, '`{0}` is not a money amount: {1}.', f.path, say(l, r.phrase)),
        ),
      );
      continue;
    }
    const m = r.money;
    if (!f.signed && m.amount < 0) {
      out.push(
        diagnostic(
          settings,
          'PLAN-002',
          'error',
          range,
          t(
            l,
            "`{0}` is {1}: amounts must be ≥ 0 (only a period's profit may be negative).",
            f.path,
            formatMoney(m.amount, declared ?? m.currency),
          ),
        ),
      );
    }
    if (!m.compatible) continue;
    if (!reference) {
      reference = { codes: m.compatible, from: t(l, '`{0}` is in {1}', f.path, describeCurrency(m)) };
      continue;
    }
    const ref = reference;
    if (!ref.codes.some((c) => isCompatible(m, c))) {
      out.push(
        diagnostic(
          settings,
          'PLAN-002',
          'error',
          range,
          t(
            l,
            '`{0}` ({1}) is in {2}, but {3}: a plan uses one currency, so convert the amount.',
            f.path,
            String(f.entry.value),
            describeCurrency(m),
            ref.from,
          ),
        ),
      );
    } else if (!declared) {
      reference = { codes: ref.codes.filter((c) => isCompatible(m, c)), from: ref.from };
    }
  }
  return out;
};
