/** Every money value of a plan, with a readable path for messages. */
import { isMap, type YAMLMap } from 'yaml';
import { at, entries, field, has, mapItems, type Entry } from '../../yaml-path';
import { label } from './read';

export interface MoneyField {
  readonly path: string;
  readonly entry: Entry;
  /** Profit may be negative; every other amount is ≥ 0. */
  readonly signed: boolean;
}

export function moneyFields(root: YAMLMap | undefined): MoneyField[] {
  const out: MoneyField[] = [];
  const add = (path: string, e: Entry | undefined, signed = false) => {
    if (has(e)) out.push({ path, entry: e, signed });
  };
  for (const k of ['tam', 'sam', 'som']) {
    const fig = at(root, ['market', 'size', k]);
    if (isMap(fig?.node)) add(`market.size.${k}.value`, field(fig.node, 'value'));
    else add(`market.size.${k}`, fig);
  }
  for (const t of mapItems(at(root, ['business_model', 'pricing', 'tiers'])))
    add(`business_model.pricing.tiers[${label(t)}].price`, field(t.node, 'price'));
  add('go_to_market.budget', at(root, ['go_to_market', 'budget']));
  for (const h of mapItems(at(root, ['team', 'hiring', 'plan'])))
    add(`team.hiring.plan[${label(h)}].budget`, field(h.node, 'budget'));
  add('financing.cash_on_hand', at(root, ['financing', 'cash_on_hand']));
  for (const r of mapItems(at(root, ['financing', 'rounds']))) {
    add(`financing.rounds[${label(r)}].amount`, field(r.node, 'amount'));
    add(`financing.rounds[${label(r)}].pre_money_valuation`, field(r.node, 'pre_money_valuation'));
  }
  for (const p of mapItems(at(root, ['financials', 'periods']))) {
    const where = `financials.periods[${label(p)}]`;
    add(`${where}.revenue`, field(p.node, 'revenue'));
    const costs = field(p.node, 'costs');
    if (isMap(costs?.node)) for (const c of entries(costs.node)) add(`${where}.costs.${String(c.keyNode.value)}`, c);
    else add(`${where}.costs`, costs);
    add(`${where}.profit`, field(p.node, 'profit'), true);
  }
  add('financials.monthly_burn', at(root, ['financials', 'monthly_burn']));
  return out;
}
