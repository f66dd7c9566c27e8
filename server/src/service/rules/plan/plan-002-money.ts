import { describeCurrency, formatMoney, isCompatible, parseMoney } from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { at, has, keyRange, plain, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { moneyFields } from './money-fields';

/**
 * PLAN-002: one currency per plan (`metadata.currency`, ISO 4217), every money value parses, amounts are ≥ 0
 * (profit may be negative). ¥ counts as CNY or JPY and a bare $ as any dollar: only a clearly different
 * currency is a mismatch. Without `metadata.currency` the amounts must still agree with each other.
 */
export const moneyValues: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
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
        `\`metadata.currency\` is \`${String(currencyEntry.value ?? '')}\`: write the ISO 4217 code in capitals, e.g. CNY, USD or EUR.`,
      ),
    );
  } else if (declared) {
    reference = { codes: [declared], from: `the plan's currency (\`metadata.currency\`) is ${declared}` };
  } else if (fields.length) {
    const metadata = at(root, ['metadata']);
    const range = metadata ? keyRange(file, metadata) : valueRange(file, at(root, ['kind']) ?? fields[0]!.entry);
    out.push(
      diagnostic(
        settings,
        'PLAN-002',
        'error',
        range,
        'The plan has money amounts but no `metadata.currency`: name the one currency they are in (ISO 4217, e.g. `currency: CNY`).',
      ),
    );
  }
  for (const f of fields) {
    const r = parseMoney(plain(yaml.doc, f.entry.node));
    const range = valueRange(file, f.entry);
    if (!r.ok) {
      out.push(diagnostic(settings, 'PLAN-002', 'error', range, `\`${f.path}\` is not a money amount: ${r.reason}.`));
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
          `\`${f.path}\` is ${formatMoney(m.amount, declared ?? m.currency)}: amounts must be ≥ 0 (only a period's profit may be negative).`,
        ),
      );
    }
    if (!m.compatible) continue;
    if (!reference) {
      reference = { codes: m.compatible, from: `\`${f.path}\` is in ${describeCurrency(m)}` };
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
          `\`${f.path}\` (${String(f.entry.value)}) is in ${describeCurrency(m)}, but ${ref.from}: a plan uses one currency, so convert the amount.`,
        ),
      );
    } else if (!declared) {
      reference = { codes: ref.codes.filter((c) => isCompatible(m, c)), from: ref.from };
    }
  }
  return out;
};
