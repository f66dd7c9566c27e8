/**
 * PLAN-004 at and around its tolerance, by property: a share list is accepted exactly when its sum is 100 (±1e-6),
 * never because it merely rounds to 100; the quick fix's shares add up to exactly 100, keep their order and stay
 * within one unit (1, or 0.1 for decimal input) of the proportional share.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits } from '../../../support/fixtures';
import { diagnosticsOf, fixTitles, service } from './support';

const URI = 'file:///tmp/shares.plan.yaml';

/** A plan whose revenue streams carry `shares` (as written: decimals stay as typed). */
function planWith(shares: readonly string[]): string {
  return [
    'apiVersion: liftoff/v1',
    'kind: BusinessPlan',
    'metadata:',
    '  name: shares',
    '  currency: CNY',
    'business_model:',
    '  revenue_streams:',
    ...shares.map((s, i) => `    - {name: S${i}, type: license, share_pct: ${s}}`),
    '',
  ].join('\n');
}

async function plan004(text: string): Promise<LiftoffDiagnostic[]> {
  return diagnosticsOf({ uri: URI, text }, 'PLAN-004');
}

/** Shares with at most two decimals, as text and in exact hundredths. */
const hundredths = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 });
const text = (h: number): string => String(h / 100);

describe('PLAN-004 boundaries (property)', () => {
  it('flags a list exactly when its shares do not add up to 100', async () => {
    await fc.assert(
      fc.asyncProperty(hundredths, async (hs) => {
        const flagged = (await plan004(planWith(hs.map(text)))).length === 1;
        assert.equal(flagged, hs.reduce((s, h) => s + h, 0) !== 10_000, `${hs.map(text).join(' + ')}`);
      }),
      { numRuns: 150 },
    );
  });

  it('lists that nearly add up to 100: accepted within ±1e-6, flagged beyond, never rounded to 100', async () => {
    for (const ok of [
      ['60', '40'],
      ['33.3', '33.3', '33.4'],
      ['60', '40.0000005'],
      ['60', '39.9999995'],
      ['0.1', '0.2', '99.7'],
    ]) {
      assert.deepEqual(await plan004(planWith(ok)), [], ok.join(' + '));
    }
    for (const [bad, sum] of [
      [['60', '39.6'], '99.6'],
      [['60', '40.4'], '100.4'],
      [['60', '40.00001'], '100.00001'],
      [['60', '39.99999'], '99.99999'],
      [['99.5'], '99.5'],
      [['100.5'], '100.5'],
      [['50', '49.99'], '99.99'],
    ] as const) {
      const ds = await plan004(planWith(bad));
      assert.equal(ds.length, 1, `${bad.join(' + ')} is flagged`);
      assert.match(String(ds[0]!.message), new RegExp(`adds up to ${sum.replace('.', '\\.')} %, not 100 %`));
    }
  });

  it('says exactly what is off, naming items without a share (one, or several)', async () => {
    const [off] = await plan004(planWith(['60', '39.6']));
    assert.equal(
      off?.message,
      '`revenue_streams` adds up to 99.6 %, not 100 %: S0 60 + S1 39.6. Scale the shares so they add up to 100.',
    );
    assert.equal(off?.severity, 1, 'an error');
    const missing = (n: number) =>
      planWith(['60']).replace(
        /\n$/,
        `\n${Array.from({ length: n }, (_, i) => `    - {name: M${i}, type: license}`).join('\n')}\n`,
      );
    assert.match(
      String((await plan004(missing(1)))[0]?.message),
      /\(1 revenue stream item has no `share_pct`\)\. Scale/,
    );
    assert.match(
      String((await plan004(missing(2)))[0]?.message),
      /\(2 revenue stream items have no `share_pct`\)\. Scale/,
    );
  });

  it('the quick fix adds up to exactly 100, keeps the order of the shares and moves none by a whole unit', async () => {
    const positive = fc
      .array(fc.integer({ min: 1, max: 10_000 }), { minLength: 2, maxLength: 6 })
      .filter((hs) => hs.reduce((s, h) => s + h, 0) !== 10_000);
    await fc.assert(
      fc.asyncProperty(positive, fc.boolean(), async (hs, whole) => {
        const values = whole ? hs.map((h) => Math.max(1, Math.round(h / 100))) : hs.map((h) => h / 100);
        if (values.reduce((s, v) => s + v, 0) === 100) return;
        const doc = { uri: URI, text: planWith(values.map(String)) };
        const [d] = await plan004(doc.text);
        const title = fixTitles(d)[0];
        assert.ok(title, `a fix for ${values.join(' + ')}`);
        const scaled = title.replace(/^.*: /, '').split(' / ').map(Number);
        assert.equal(scaled.length, values.length);
        const integers = values.every((v) => Number.isInteger(v));
        const unit = integers && scaled.every((s) => Number.isInteger(s)) ? 1 : 0.1;
        assert.equal(Math.round(scaled.reduce((s, v) => s + v, 0) * 10), 1000, `${scaled.join(' + ')} is 100`);
        if (!integers) scaled.forEach((s) => assert.equal(Math.round(s * 10) / 10, s, `${s} has one decimal at most`));
        const sum = values.reduce((s, v) => s + v, 0);
        values.forEach((v, i) => {
          assert.ok(
            Math.abs(scaled[i]! - (v / sum) * 100) < unit + 1e-9,
            `${v} → ${scaled[i]} (exact ${((v / sum) * 100).toFixed(3)})`,
          );
          values.forEach((w, j) => {
            if (v > w) assert.ok(scaled[i]! >= scaled[j]!, `${v} > ${w} but ${scaled[i]} < ${scaled[j]}`);
          });
        });
        const action = service.codeActions(doc, [d!]).find((a) => a.title === title);
        const fixed = applyEdits(doc.text, action!.edit!.changes![doc.uri]!);
        assert.deepEqual(await plan004(fixed), [], 'the fixed list is accepted');
      }),
      { numRuns: 80 },
    );
  });
});
