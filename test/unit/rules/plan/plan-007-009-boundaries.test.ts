/**
 * PLAN-007 and PLAN-009 at their edges. PLAN-007: revenue equal to the SOM passes, one yuan more is flagged, a SOM
 * without a year is named without one. PLAN-009: `start` equal to `due` passes, a dependent may start the day its
 * dependency is due, `depends_on` written as one id (not a list) counts, dependencies that are not ids are ignored.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { service } from './support';

/**
 * A new document name for every check: the language service keeps incremental state per document and reuses a rule's
 * last diagnostics when what it read is unchanged, which under mutation testing (modules stay loaded from one mutant
 * to the next) could hand one mutant's results to another.
 */
let docs = 0;
const newUri = () => `file:///tmp/edges-${++docs}.plan.yaml`;

/** The rule's diagnostics of a plan with `lines` after its metadata; every entry must be a diagnostic. */
async function check(code: string, lines: readonly string[]): Promise<LiftoffDiagnostic[]> {
  const text = [
    'apiVersion: liftoff/v1',
    'kind: BusinessPlan',
    'metadata:',
    '  name: edges',
    '  currency: CNY',
    ...lines,
    '',
  ].join('\n');
  const all = await service.validate({ uri: newUri(), text });
  for (const d of all) assert.ok(typeof d === 'object' && d !== null && 'range' in d, `not a diagnostic: ${String(d)}`);
  return all.filter((d) => d.code === code);
}

const som = (value: string, year = ', year: 2026') => [
  'market:',
  '  size:',
  `    som: {value: "${value}"${year}, source: "5% of SAM"}`,
];
const periods = (...rows: string[]) => ['financials:', '  periods:', ...rows.map((r) => `    - ${r}`)];

describe('PLAN-007 boundaries', () => {
  it('revenue equal to the SOM passes; one yuan more is flagged on that revenue', async () => {
    assert.deepEqual(await check('PLAN-007', [...som('¥60M'), ...periods('{period: 2027, revenue: "¥60M"}')]), []);
    const ds = await check('PLAN-007', [...som('¥60M'), ...periods('{period: 2027, revenue: "¥60000001"}')]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
    assert.match(
      String(ds[0]!.message),
      /^Revenue in 2027 \(.*\) exceeds the SOM \(¥60M, 2026\): a plan cannot earn more/,
    );
    assert.equal(ds[0]!.range.start.line, 10);
  });

  it('a SOM without a year is named without one; a bare SOM value counts too', async () => {
    const noYear = await check('PLAN-007', [...som('¥60M', ''), ...periods('{period: 2027, revenue: "¥70M"}')]);
    assert.match(String(noYear[0]!.message), /exceeds the SOM \(¥60M\): /);
    const bare = await check('PLAN-007', [
      'market:',
      '  size:',
      '    som: "¥60M"',
      ...periods('{period: 2027, revenue: "¥70M"}'),
    ]);
    assert.match(String(bare[0]!.message), /exceeds the SOM \(¥60M\): /);
  });

  it('months of one year add up; the warning sits on the year’s last period with revenue', async () => {
    const ds = await check('PLAN-007', [
      ...som('¥60M'),
      ...periods(
        '{period: 2027-01, revenue: "¥30M"}',
        '{period: 2027-02, revenue: "¥30M"}',
        '{period: 2027-03, revenue: "¥1"}',
      ),
    ]);
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]!.message), /^Revenue in 2027 \(.*, 3 periods summed\)/);
    assert.equal(ds[0]!.range.start.line, 12);
  });
});

const milestones = (...rows: string[]) => ['milestones:', ...rows.map((r) => `  - ${r}`)];

describe('PLAN-009 boundaries', () => {
  it('start equal to due passes; a day later is an error on due', async () => {
    assert.deepEqual(await check('PLAN-009', milestones('{id: a, start: 2026-03-10, due: 2026-03-10}')), []);
    const ds = await check('PLAN-009', milestones('{id: a, start: 2026-03-11, due: 2026-03-10}'));
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Error);
    assert.match(String(ds[0]!.message), /^Milestone `a` is due 2026-03-10, before it starts \(2026-03-11\)/);
  });

  it('a dependent may start the day its dependency is due, not the day before', async () => {
    const dep = '{id: d, start: 2026-01-01, due: 2026-04-30}';
    assert.deepEqual(
      await check('PLAN-009', milestones(dep, '{id: m, start: 2026-04-30, due: 2026-08, depends_on: [d]}')),
      [],
    );
    const ds = await check('PLAN-009', milestones(dep, '{id: m, start: 2026-04-29, due: 2026-08, depends_on: [d]}'));
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
  });

  it('depends_on written as one id counts like a list of one', async () => {
    const ds = await check(
      'PLAN-009',
      milestones(
        '{id: d, start: 2026-01-01, due: 2026-04-30}',
        '{id: m, start: 2026-02-01, due: 2026-08, depends_on: d}',
      ),
    );
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]!.message), /^Milestone `m` starts 2026-02-01, before its dependency `d` is due/);
    const cycle = await check('PLAN-009', milestones('{id: x, depends_on: y}', '{id: y, depends_on: x}'));
    assert.equal(cycle.length, 1);
    assert.match(String(cycle[0]!.message), /cycle: x → y → x\./);
  });

  it('dependencies that are not ids are ignored; a cycle is reported once', async () => {
    assert.deepEqual(
      await check('PLAN-009', milestones('{id: m, start: 2026-02-01, due: 2026-08, depends_on: [5, {a: b}, null]}')),
      [],
    );
    const ds = await check('PLAN-009', milestones('{id: x, depends_on: [y, y]}', '{id: y, depends_on: [x]}'));
    assert.equal(ds.length, 1);
  });
});
