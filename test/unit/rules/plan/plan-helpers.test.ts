/**
 * The plan rules' shared helpers, called directly: labels, the currency code, empty sections, mitigation text, the
 * closest id, name lists (`read.ts`); the inserted blocks and lists and the quoting (`edits.ts`); the suggested
 * mitigations in both languages (`mitigation-stub.ts`); every money field's path (`money-fields.ts`); and the rule
 * ids the runner names a failing rule by (`index.ts`).
 */
import * as assert from 'node:assert/strict';
import type { YAMLMap } from 'yaml';
import { parseFile, type ParsedFile } from '../../../../server/src/service/parse';
import { RULE_CATALOGUE } from '../../../../server/src/service/rules/catalogue';
import { appendToRoot, sameQuotes, setList } from '../../../../server/src/service/rules/plan/edits';
import { PLAN_ASYNC_RULES, PLAN_RULES } from '../../../../server/src/service/rules/plan/index';
import {
  mitigationFix,
  suggestions,
  SUGGESTED_MITIGATIONS,
} from '../../../../server/src/service/rules/plan/mitigation-stub';
import { moneyFields } from '../../../../server/src/service/rules/plan/money-fields';
import {
  closest,
  isEmptySection,
  label,
  lineOf,
  names,
  namesIn,
  planCurrency,
  textOf,
} from '../../../../server/src/service/rules/plan/read';
import { at, field, mapItems } from '../../../../server/src/service/yaml-path';
import { applyEdits } from '../../../support/fixtures';

let serial = 0;
function parse(text: string): { file: ParsedFile; root: YAMLMap | undefined } {
  serial += 1;
  const file = parseFile({ uri: `file:///tmp/helpers-${serial}.plan.yaml`, text });
  return { file, root: file.documents[0]?.root };
}

describe('plan rule helpers: read.ts', () => {
  it('labels an item by id, name, title, period or category, skipping empty ones, else by its position', () => {
    const { root } = parse(
      [
        'items:',
        '  - {id: a, name: n}',
        '  - {id: "", name: n, title: t}',
        '  - {title: t, period: p}',
        '  - {period: 2026, category: c}',
        '  - {category: c}',
        '  - {other: x}',
      ].join('\n'),
    );
    assert.deepEqual(mapItems(at(root, ['items'])).map(label), ['a', 'n', 't', '2026', 'c', '#6']);
  });

  it('reads the currency only as three capital letters', () => {
    const cur = (c: string) => planCurrency(parse(`metadata: {currency: ${c}}`).root);
    assert.equal(cur('CNY'), 'CNY');
    for (const bad of ['XCNY', 'CNYX', 'cny', 'CN', '" CNY"']) assert.equal(cur(bad), undefined, bad);
  });

  it('calls a section empty when it holds nothing', () => {
    const { root } = parse('a:\nb: {}\nc: []\nd: ""\ne: 0\nf: [x]\ng: {k: v}\nh: text\ni: ~\n');
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k) => isEmptySection(at(root, [k])!)),
      [true, true, true, true, false, false, false, false, true],
    );
    assert.equal(isEmptySection({ node: null } as never), true);
  });

  it('reads mitigation text from a value or a list, joined and trimmed', () => {
    const { root } = parse('a: "  x  "\nb: [" p ", ~, {k: v}, q]\nc:\nd: 3\n');
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'z'].map((k) => textOf(at(root, [k]))),
      ['x', 'p ; ; ; q', '', '3', ''],
    );
  });

  it('gives one-based line numbers', () => {
    const { file, root } = parse('a: 1\n\nb: 2\n');
    assert.equal(lineOf(file, at(root, ['b'])!.node!), 3);
  });

  it('finds the one close id: at most 2 edits and less than half its length, in any case', () => {
    assert.equal(closest('ml2', ['ml1', 'ceo']), 'ml1');
    assert.equal(closest('CEO', ['ceo']), 'ceo');
    assert.equal(closest('abcxy', ['abcde']), 'abcde');
    assert.equal(closest('abxyz', ['abcde']), undefined, 'three edits');
    assert.equal(closest('b', ['a']), undefined, 'a one-letter id takes no edit');
    assert.equal(closest('ab', ['cd']), undefined);
    assert.equal(closest('xy', ['xz']), 'xz', 'a two-letter id takes one edit');
    assert.equal(closest('ml', ['ml1', 'ml2']), undefined, 'two are as close');
    assert.equal(closest('', ['ab']), undefined);
    assert.equal(closest('kitten', ['sitting']), undefined, 'three edits');
    assert.equal(closest('kitten', ['sitten']), 'sitten');
    assert.equal(closest('xxab', ['ab']), undefined, 'two letters before it are two edits');
    assert.equal(closest('xml1', ['ml1']), 'ml1');
  });

  it('lists names with commas and the conjunction, in English and Chinese', () => {
    assert.equal(names([]), '');
    assert.equal(names(['a']), '`a`');
    assert.equal(names(['a', 'b']), '`a` and `b`');
    assert.equal(names(['a', 'b', 'c'], 'or'), '`a`, `b` or `c`');
    assert.equal(namesIn(undefined, []), '');
    assert.equal(namesIn(undefined, ['a', 'b', 'c']), '`a`, `b` and `c`');
    assert.equal(namesIn(undefined, ['a', 'b'], 'or'), '`a` or `b`');
    assert.notEqual(namesIn('zh-cn', ['a', 'b', 'c']), '`a`, `b` and `c`');
  });
});

describe('plan rule helpers: edits.ts', () => {
  it('appends a block after the root mapping, adding a line break when the text lacks one', () => {
    const edit = (text: string) => {
      const { file, root } = parse(text);
      const e = appendToRoot(file, root!, 'x: 1\n');
      return e && applyEdits(text, [e]);
    };
    assert.equal(edit('a: 1\n'), 'a: 1\nx: 1\n');
    assert.equal(edit('a: 1'), 'a: 1\nx: 1\n');
    assert.equal(edit('a: 1\n# end\n'), 'a: 1\nx: 1\n# end\n');
    assert.equal(edit('a: 1\n# end'), 'a: 1\nx: 1\n# end');
    assert.equal(edit('{a: 1}'), undefined, 'a flow mapping');
    assert.equal(edit('  a: 1\n'), undefined, 'an indented mapping');
  });

  it('sets a list: in place of an empty value, inside braces, or as block lines after the last pair', () => {
    const set = (text: string) => {
      const { file, root } = parse(text);
      const item = mapItems(at(root, ['r']))[0]!.node;
      const e = setList(file, item, 'm', ['A', 'B'], 'note');
      return e && applyEdits(text, [e]);
    };
    assert.equal(set('r:\n  - {id: x, m: ""}\n'), 'r:\n  - {id: x, m: [A, B]}\n');
    assert.equal(set('r:\n  - {id: x, m: []}\n'), 'r:\n  - {id: x, m: [A, B]}\n');
    assert.equal(set('r:\n  - {id: x, m: ~}\n'), 'r:\n  - {id: x, m: [A, B]}\n');
    assert.equal(set('r:\n  - id: x\n    m: null\n'), 'r:\n  - id: x\n    m: [A, B]\n');
    assert.equal(set('r:\n  - {id: x, m: keep}\n'), undefined, 'never overwrites');
    assert.equal(set('r:\n  - {id: x, m: [keep]}\n'), undefined, 'never overwrites a list');
    assert.equal(set('r:\n  - {id: x, m: {k: v}}\n'), undefined);
    assert.equal(set('r:\n  - {id: x}\n'), 'r:\n  - {id: x, m: [A, B]}\n');
    assert.equal(set('r:\n  - id: x\n    t: y\n'), 'r:\n  - id: x\n    t: y\n    m:  # note\n      - A\n      - B\n');
    assert.equal(set('r:\n  - id: x\n    t: y'), 'r:\n  - id: x\n    t: y\n    m:  # note\n      - A\n      - B\n');
    assert.equal(
      set('r:\n  - id: x\n    t: y\nz: 1\n'),
      'r:\n  - id: x\n    t: y\n    m:  # note\n      - A\n      - B\nz: 1\n',
    );
    assert.equal(set('r:\n  - id: x\n    m:\n'), 'r:\n  - id: x\n    m: [A, B]\n');
    assert.equal(set('r:\n  - id: x\nz: 1'), 'r:\n  - id: x\n    m:  # note\n      - A\n      - B\nz: 1');
  });

  it('offers no list for an empty mapping', () => {
    const { file, root } = parse('r:\n  - {}\n');
    assert.equal(setList(file, mapItems(at(root, ['r']))[0]!.node, 'm', ['A'], 'note'), undefined);
  });

  it('writes a value in the quotes of the value it replaces', () => {
    const { root } = parse(`a: "x"\nb: 'x'\nc: x\n`);
    assert.equal(sameQuotes(at(root, ['a'])!.node!, 'it "is"'), '"it \\"is\\""');
    assert.equal(sameQuotes(at(root, ['b'])!.node!, "it's"), "'it''s'");
    assert.equal(sameQuotes(at(root, ['c'])!.node!, "it's"), "it's");
    assert.equal(sameQuotes(root!, 'v'), 'v');
  });
});

describe('plan rule helpers: mitigation-stub.ts', () => {
  it('suggests actions per category in English and Chinese, and a generic one otherwise', () => {
    const en: Record<string, string> = {
      technical: 'Staged rollout, Fallback model, Extra validation before release',
      data: 'Anonymization, Access control, Data-processing agreements',
      market: 'Pilot customers, Staged launch',
      financial: 'Reduce burn, Bridge financing',
      legal_compliance: 'Early regulator engagement, Compliance review',
      operational: 'Runbooks, Redundancy',
      talent: 'Key-person backups, Hiring pipeline',
    };
    const zh: Record<string, string> = {
      technical: '分阶段上线|备用模型|发布前追加验证',
      data: '匿名化|访问控制|数据处理协议',
      market: '试点客户|分阶段推出',
      financial: '降低资金消耗|过桥融资',
      legal_compliance: '尽早与监管机构沟通|合规审查',
      operational: '运行手册|冗余备份',
      talent: '关键岗位备份人员|招聘储备',
    };
    assert.deepEqual(Object.keys(SUGGESTED_MITIGATIONS).sort(), Object.keys(en).sort());
    for (const [category, text] of Object.entries(en)) {
      assert.equal(suggestions(category).join(', '), text, category);
      assert.equal(suggestions(category, 'zh-cn').join('|'), zh[category], category);
    }
    assert.deepEqual(suggestions('weather'), ['Describe how the likelihood or impact is reduced']);
    assert.deepEqual(suggestions(undefined), ['Describe how the likelihood or impact is reduced']);
    assert.deepEqual(suggestions('weather', 'zh-cn'), ['说明如何降低发生的可能性或影响']);
    assert.deepEqual(suggestions(undefined, 'zh-cn'), ['说明如何降低发生的可能性或影响']);
  });

  it('writes the generic comment for a risk without a category', () => {
    const text = 'r:\n  - id: x\n    t: y\n';
    const { file, root } = parse(text);
    const fix = mitigationFix(file, mapItems(at(root, ['r']))[0]!.node, undefined);
    assert.equal(fix.title, 'Add a mitigation stub (Describe how the likelihood or impact is reduced)');
    assert.equal(
      applyEdits(text, fix.edits as never),
      'r:\n  - id: x\n    t: y\n    mitigation:  # suggested for a generic risk: adapt to your plan\n      - Describe how the likelihood or impact is reduced\n',
    );
  });
});

describe('plan rule helpers: money-fields.ts', () => {
  it('lists every money value with its path, profit alone signed', () => {
    const { root } = parse(
      [
        'market:',
        '  size:',
        '    tam: {value: "¥1B", year: 2026}',
        '    sam: "¥100M"',
        'business_model:',
        '  pricing:',
        '    tiers: [{name: Pro, price: "¥100"}, {name: Free}]',
        'go_to_market: {budget: "¥1M"}',
        'team:',
        '  hiring:',
        '    plan: [{role: ml_engineer, budget: "¥300k"}]',
        'financing:',
        '  cash_on_hand: "¥2M"',
        '  rounds: [{name: Seed, amount: "¥5M", pre_money_valuation: "¥20M"}]',
        'financials:',
        '  monthly_burn: "¥200k"',
        '  periods:',
        '    - {period: 2026, revenue: "¥1M", costs: {personnel: "¥2M", compute: "¥1M"}, profit: "-¥2M"}',
        '    - {period: 2027, costs: "¥3M"}',
        '    - {period: 2028, revenue: "¥5M"}',
      ].join('\n'),
    );
    assert.deepEqual(
      moneyFields(root).map((f) => [f.path, f.signed]),
      [
        ['market.size.tam.value', false],
        ['market.size.sam', false],
        ['business_model.pricing.tiers[Pro].price', false],
        ['go_to_market.budget', false],
        ['team.hiring.plan[#1].budget', false],
        ['financing.cash_on_hand', false],
        ['financing.rounds[Seed].amount', false],
        ['financing.rounds[Seed].pre_money_valuation', false],
        ['financials.periods[2026].revenue', false],
        ['financials.periods[2026].costs.personnel', false],
        ['financials.periods[2026].costs.compute', false],
        ['financials.periods[2026].profit', true],
        ['financials.periods[2027].costs', false],
        ['financials.periods[2028].revenue', false],
        ['financials.monthly_burn', false],
      ],
    );
    assert.equal(field(mapItems(at(root, ['financials', 'periods']))[0]!.node, 'revenue')?.node?.toString(), '¥1M');
  });
});

describe('plan rule helpers: index.ts', () => {
  it('names each plan rule by the code it reports, in catalogue order', () => {
    const ids = [...PLAN_RULES, ...PLAN_ASYNC_RULES].map((r) => r.id);
    const catalogue = RULE_CATALOGUE.map((r) => r.id).filter((id) => /^(PLAN-0(0[1-9]|1\d|20)|XDOC-)/.test(id));
    assert.deepEqual(ids, catalogue);
  });
});
