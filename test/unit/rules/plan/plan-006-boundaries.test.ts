/**
 * PLAN-006 at its edges: a runway that ends in the month of the next planned round reaches it (month precision), one
 * that ends the month before does not; closed and past rounds are not "next"; the message's month count (one decimal,
 * singular for 1) and round label; with ranges, the P10 warning only when the midpoints reach the round and P10 does not.
 */
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { service } from './support';

/** The rule's diagnostics of `doc`; every entry the service returns must be a diagnostic (a rule returns no junk). */
async function only(doc: { uri: string; text: string }, code: string): Promise<LiftoffDiagnostic[]> {
  const all = await service.validate(doc);
  for (const d of all) assert.ok(typeof d === 'object' && d !== null && 'range' in d, `not a diagnostic: ${String(d)}`);
  return all.filter((d) => d.code === code);
}

/**
 * A new document name for every check: the language service keeps incremental state per document and reuses a rule's
 * last diagnostics when what it read is unchanged, which under mutation testing (modules stay loaded from one mutant
 * to the next) could hand one mutant's results to another.
 */
let docs = 0;
const newUri = () => `file:///tmp/runway-${++docs}.plan.yaml`;

interface Plan {
  cash?: string;
  burn?: string;
  date?: string;
  rounds?: readonly string[];
}

function planWith(p: Plan): string {
  return [
    'apiVersion: liftoff/v1',
    'kind: BusinessPlan',
    'metadata:',
    '  name: runway',
    ...(p.date !== undefined ? [`  date: ${p.date}`] : []),
    '  currency: CNY',
    'financing:',
    ...(p.cash !== undefined ? [`  cash_on_hand: "${p.cash}"`] : []),
    '  rounds:',
    ...(p.rounds ?? ['{name: Seed, date: 2026-06, amount: "¥10M", status: planned}']).map((r) => `    - ${r}`),
    'financials:',
    `  monthly_burn: "${p.burn ?? '¥300k'}"`,
    '',
  ].join('\n');
}

async function plan006(p: Plan): Promise<LiftoffDiagnostic[]> {
  return only({ uri: newUri(), text: planWith({ date: '2026-01-15', ...p }) }, 'PLAN-006');
}

async function one(p: Plan): Promise<string> {
  const ds = await plan006(p);
  assert.equal(ds.length, 1, `one PLAN-006 for ${JSON.stringify(p)}`);
  assert.equal(ds[0]!.severity, DiagnosticSeverity.Warning);
  return String(ds[0]!.message);
}

describe('PLAN-006 boundaries', () => {
  it('a runway ending in the round’s month reaches it; one ending the month before does not', async () => {
    // 5 months from 2026-01-15 is 2026-06-15: the round is dated 2026-06 (month precision), so it is reached.
    assert.deepEqual(await plan006({ cash: '¥1.5M' }), []);
    // 4.5 months: 2026-05-30, before June.
    assert.match(
      await one({ cash: '¥1.35M' }),
      /^Runway is 4\.5 months \(cash_on_hand ¥1\.35M ÷ monthly_burn ¥300k\): from the plan date 2026-01-15 the cash runs out around 2026-05-\d\d, before the next planned round `Seed` \(2026-06\)\. Raise more cash, cut the burn or plan the round earlier\.$/,
    );
  });

  it('one month is singular; other counts keep one decimal', async () => {
    assert.match(await one({ cash: '¥300k' }), /^Runway is 1 month \(/);
    assert.match(await one({ cash: '¥1.3M' }), /^Runway is 4\.3 months \(/);
    assert.match(await one({ cash: '¥600k' }), /^Runway is 2 months \(/);
  });

  it('the warning sits on the cash value', async () => {
    const ds = await plan006({ cash: '¥300k' });
    const lines = planWith({ date: '2026-01-15', cash: '¥300k' }).split('\n');
    const line = lines.findIndex((l) => l.includes('cash_on_hand'));
    const from = lines[line]!.indexOf('"');
    assert.deepEqual(ds[0]!.range, {
      start: { line, character: from },
      end: { line, character: lines[line]!.length },
    });
  });

  it('closed and past rounds are not the next round; the next is the earliest open one after the plan date', async () => {
    const rounds = [
      '{name: Angel, date: 2026-03, amount: "¥1M", status: closed}',
      '{name: Old, date: 2025-12, amount: "¥1M", status: planned}',
      '{name: Bridge, date: 2026-09, amount: "¥1M", status: planned}',
      '{name: Seed, date: 2026-05, amount: "¥1M"}',
    ];
    assert.match(await one({ cash: '¥900k', rounds }), /before the next planned round `Seed` \(2026-05\)/);
    assert.deepEqual(await plan006({ cash: '¥900k', rounds: rounds.slice(0, 2) }), [], 'no open round ahead');
  });

  it('a round without a name is labelled by its position', async () => {
    assert.match(
      await one({ cash: '¥300k', rounds: ['{date: 2026-06, amount: "¥10M"}'] }),
      /before the next planned round `#1` \(2026-06\)/,
    );
  });

  it('nothing without cash, without a burn that is an amount, or without a plan date', async () => {
    assert.deepEqual(await plan006({}), []);
    assert.deepEqual(await plan006({ cash: '¥300k', burn: 'a lot' }), []);
    assert.deepEqual(await only({ uri: newUri(), text: planWith({ cash: '¥300k' }) }, 'PLAN-006'), []);
  });

  it('ranges: P10 warning when the midpoints reach the round but 1 run in 10 does not', async () => {
    // Cash ¥1M–¥3M (midpoint ¥2M) at ¥400k a month: P50 5 months (2026-06-15, the round's month), P10 about 3.
    const m = await one({ cash: '¥1M–¥3M', burn: '¥400k' });
    assert.match(
      m,
      /^With the ranges written for cash and burn, 1 run in 10 of 10,000 runs out of cash by 2026-04-\d\d \(P10 runway 3(\.\d)? months\), before the next planned round `Seed` \(2026-06\); the midpoints \(P50, 5 months\) reach it\. Narrow the ranges, raise more cash or plan the round earlier\.$/,
    );
  });

  it('ranges: no P10 warning when P10 reaches the round too; the plain warning when the midpoints do not', async () => {
    assert.deepEqual(await plan006({ cash: '¥2.3M–¥2.5M', burn: '¥400k' }), []);
    // Midpoint ¥1.2M: 3 months, before June: the plain runway warning, not the P10 one.
    assert.match(await one({ cash: '¥1M–¥1.4M', burn: '¥400k' }), /^Runway is 3 months \(/);
  });

  it('ranges: no P10 warning when P10 ends in the round’s month (month precision, as for the midpoint)', async () => {
    // ¥1.9M–¥2.1M at ¥400k: P50 5 months (2026-06-15), P10 about 4.8 months (2026-06-09): both in June.
    assert.deepEqual(await plan006({ cash: '¥1.9M–¥2.1M', burn: '¥400k' }), []);
    assert.match(
      await one({ cash: '¥1.9M–¥2.1M', burn: '¥400k', rounds: ['{name: Seed, date: 2026-06-12}'] }),
      /^With the ranges/,
    );
  });

  it('ranges: no P10 warning for point values (nothing uncertain)', async () => {
    assert.deepEqual(await plan006({ cash: '¥2M', burn: '¥400k' }), []);
  });
});
