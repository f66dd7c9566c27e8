/**
 * Edges of PLAN-001, -002, -005 and -008 that the fixture tests leave open: severities, singular and plural
 * messages, what each section stands for, the skeleton every missing section gets, the currency that amounts without
 * `metadata.currency` narrow to, the known-ids list at 8 and 9 ids, and `depends_on` written as one id.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { fixedText } from '../support';
import { service } from './support';

/**
 * A new document name for every check: the language service keeps incremental state per document and reuses a rule's
 * last diagnostics when what it read is unchanged, which under mutation testing (modules stay loaded from one mutant
 * to the next) could hand one mutant's results to another.
 */
let docs = 0;
const newUri = () => `file:///tmp/edges2-${++docs}.plan.yaml`;
const HEAD = ['apiVersion: liftoff/v1', 'kind: BusinessPlan'];
const META = ['metadata:', '  name: edges', '  currency: CNY'];

/** The rule's diagnostics of `lines`; every entry the service returns must be a diagnostic. */
async function check(
  code: string,
  lines: readonly string[],
): Promise<{ uri: string; text: string; ds: LiftoffDiagnostic[] }> {
  const text = [...lines, ''].join('\n');
  const uri = newUri();
  const all = await service.validate({ uri, text });
  for (const d of all) assert.ok(typeof d === 'object' && d !== null && 'range' in d, `not a diagnostic: ${String(d)}`);
  return { uri, text, ds: all.filter((d) => d.code === code) };
}

const SECTIONS = {
  overview: 'overview: {background: x}',
  market: 'market: {trends: [x]}',
  business_model: 'business_model: {revenue_streams: []}',
  team: 'team: {members: []}',
  financials: 'financials: {periods: []}',
  risks: 'risks: []',
} as const;

describe('PLAN-001 boundaries', () => {
  it('five missing sections: listed with what they stand for, plural; the fix adds every skeleton', async () => {
    const { uri, text, ds } = await check('PLAN-001', [...HEAD, ...META, SECTIONS.risks]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
    assert.match(
      String(ds[0]!.message),
      /^The plan has no `overview`, `market`, `business_model` \(product\), `team` \(operations\) and `financials` sections: reviewers expect/,
    );
    const fixed = fixedText(
      service,
      { uri, text },
      ds[0],
      /^Add the missing sections overview, market, business_model, team, financials$/,
    );
    for (const comment of [
      '# Background, goals',
      '# Trends, size',
      '# How the product makes money',
      '# Who builds and sells it',
      '# Revenue, costs and profit',
    ])
      assert.ok(fixed.includes(`\n${comment}`), `the fix adds the ${comment} skeleton`);
    const after = (await service.validate({ uri: newUri(), text: fixed })).filter((d) => d.code === 'PLAN-001');
    assert.deepEqual(after, [], 'every section is there after the fix');
  });

  it('one missing section: singular, without a list', async () => {
    const { ds } = await check('PLAN-001', [...HEAD, ...META, ...Object.values(SECTIONS).slice(0, 5)]);
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]!.message), /^The plan has no `risks` section: reviewers/);
  });

  it('a document that is not a mapping gives nothing (and no junk)', async () => {
    assert.deepEqual((await check('PLAN-001', ['- just', '- a list'])).ds, []);
  });
});

describe('PLAN-002 boundaries', () => {
  it('a currency that is not a code and missing currency are errors', async () => {
    const bad = await check('PLAN-002', [...HEAD, 'metadata:', '  name: x', '  currency: yuan']);
    assert.equal(bad.ds[0]!.severity, DiagnosticSeverity.Error);
    const none = await check('PLAN-002', [...HEAD, 'metadata: {name: x}', 'financing: {cash_on_hand: "¥2M"}']);
    assert.equal(none.ds.length, 1);
    assert.equal(none.ds[0]!.severity, DiagnosticSeverity.Error);
  });

  it('no currency and no amounts: nothing to ask for', async () => {
    assert.deepEqual((await check('PLAN-002', [...HEAD, 'metadata: {name: x}'])).ds, []);
  });

  it('without metadata at all, the missing currency is reported on the kind', async () => {
    const { ds } = await check('PLAN-002', [...HEAD, 'financing: {cash_on_hand: "¥2M"}']);
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]!.message), /money amounts but no `metadata.currency`/);
    assert.deepEqual(ds[0]!.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 18 } });
  });

  it('without metadata.currency, ¥ then CNY narrows the plan to CNY: a later JPY amount is flagged', async () => {
    const { ds } = await check('PLAN-002', [
      ...HEAD,
      'metadata: {name: x}',
      'financing:',
      '  cash_on_hand: "¥2M"',
      '  rounds:',
      '    - {name: A, amount: "CNY 3M"}',
      '    - {name: B, amount: "JPY 4M"}',
    ]);
    const mismatch = ds.filter((d) => /convert the amount/.test(String(d.message)));
    assert.equal(mismatch.length, 1);
    assert.match(
      String(mismatch[0]!.message),
      /`financing\.rounds\[B\]\.amount` \(JPY 4M\) is in JPY, but `financing\.cash_on_hand` is in/,
    );
  });

  it('without metadata.currency, amounts that stay within the narrowed currency are accepted', async () => {
    const { ds } = await check('PLAN-002', [
      ...HEAD,
      'metadata: {name: x}',
      'financing:',
      '  cash_on_hand: "¥2M"',
      '  rounds:',
      '    - {name: A, amount: "CNY 3M"}',
      '    - {name: B, amount: "¥4M"}',
    ]);
    assert.deepEqual(
      ds.filter((d) => /convert the amount/.test(String(d.message))),
      [],
      '¥ is still CNY after the plan narrowed to CNY',
    );
  });
});

describe('PLAN-005 boundaries', () => {
  it('a period that is not one is a warning', async () => {
    const { ds } = await check('PLAN-005', [
      ...HEAD,
      ...META,
      'financials:',
      '  periods:',
      '    - {period: 2026-H2, revenue: "¥1M"}',
    ]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
    assert.match(String(ds[0]!.message), /^`2026-H2` is not a period/);
  });
});

describe('PLAN-008 boundaries', () => {
  const members = (n: number) => [
    'team:',
    '  members:',
    ...Array.from({ length: n }, (_, i) => `    - {id: p${i + 1}, role: engineer}`),
  ];
  const kpiOwnedBy = (owner: string) => ['kpis:', `  - {id: k1, name: K, owner: ${owner}}`];

  it('lists 8 known ids in full and the first 8 of 9 with an ellipsis; errors', async () => {
    const eight = await check('PLAN-008', [...HEAD, ...META, ...members(8), ...kpiOwnedBy('zz')]);
    assert.equal(eight.ds.length, 1);
    assert.equal(eight.ds[0]!.severity, DiagnosticSeverity.Error);
    assert.match(String(eight.ds[0]!.message), /\(known ids: `p1`, `p2`, `p3`, `p4`, `p5`, `p6`, `p7`, `p8`\)\.$/);
    const nine = await check('PLAN-008', [...HEAD, ...META, ...members(9), ...kpiOwnedBy('zz')]);
    assert.match(String(nine.ds[0]!.message), /\(known ids: `p1`, `p2`, `p3`, `p4`, `p5`, `p6`, `p7`, `p8`, …\)\.$/);
  });

  it('a reference into an empty list says so', async () => {
    const { ds } = await check('PLAN-008', [...HEAD, ...META, ...kpiOwnedBy('ceo')]);
    assert.match(
      String(ds[0]!.message),
      /^`owner: ceo` does not name a team member \(the plan lists no team members\)\.$/,
    );
  });

  it('a repeated id is an error', async () => {
    const { ds } = await check('PLAN-008', [...HEAD, ...META, ...members(1), 'kpis:', '  - {id: p1, name: K}']);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Error);
    assert.match(String(ds[0]!.message), /^Id `p1` is already used by the team member on line \d+/);
  });

  it('depends_on written as one id is checked like a list', async () => {
    const { ds } = await check('PLAN-008', [...HEAD, ...META, 'milestones:', '  - {id: m1, title: A, depends_on: m9}']);
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]!.message), /^`depends_on: m9` does not name a milestone \(known ids: `m1`\)\.$/);
  });
});
