/**
 * EXP-006 at and around its tolerance, by property: split fractions are accepted exactly when they sum to 1 (±1e-6),
 * below 1 as well as above; the rescale fix sums to exactly 1, keeps every part in (0, 1) and gives the rounding
 * remainder to the largest part (every other part is its own proportional share, rounded).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { rescaleToOne } from '../../../../server/src/service/rules/experiment/rescale';
import { FIXTURES, applyEdits } from '../../../support/fixtures';
import { fixTitles, service } from './support';

const URI = 'file:///tmp/split.experiment.yaml';
const BASE = readFileSync(path.join(FIXTURES, 'rules', 'exp-006', 'pass.experiment.yaml'), 'utf8');
const PARTS = ['train', 'validation', 'test'] as const;

/** The passing fixture with its `data.split` replaced by these fractions (as written). */
function withSplit(fractions: readonly string[]): string {
  const parts = fractions.map((f, i) => `${PARTS[i]}: ${f}`).join(', ');
  assert.match(BASE, /split: \{[^}]*\}/);
  return BASE.replace(/split: \{[^}]*\}/, `split: {${parts}, strategy: stratified, seed: 42}`);
}

async function exp006(text: string): Promise<LiftoffDiagnostic[]> {
  return (await service.validate({ uri: URI, text })).filter((d) => d.code === 'EXP-006');
}

/** Two or three fractions in (0, 1) with at most three decimals, in exact thousandths. */
const thousandths = fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 2, maxLength: 3 });
const text = (t: number): string => String(t / 1000);

/** The decimals a fraction is written with. */
const decimalsOf = (s: string): number => (s.split('.')[1] ?? '').length;

describe('EXP-006 boundaries (property)', () => {
  it('flags a split exactly when its fractions do not sum to 1, below as well as above', async () => {
    await fc.assert(
      fc.asyncProperty(thousandths, async (ts) => {
        const ds = await exp006(withSplit(ts.map(text)));
        const off = ts.reduce((s, t) => s + t, 0) !== 1000;
        assert.equal(ds.length, off ? 1 : 0, `${ts.map(text).join(' + ')}: ${ds.map((d) => d.message).join(' | ')}`);
        if (off) assert.match(String(ds[0]!.message), /fractions sum to .*, not 1/);
      }),
      { numRuns: 150 },
    );
  });

  it('sums just under and just over 1: accepted within ±1e-6, flagged beyond', async () => {
    for (const ok of [
      ['0.7', '0.15', '0.15'],
      ['0.8', '0.2'],
      ['0.7', '0.15', '0.1500005'],
      ['0.7', '0.15', '0.1499995'],
    ]) {
      assert.deepEqual(await exp006(withSplit(ok)), [], ok.join(' + '));
    }
    for (const [bad, sum] of [
      [['0.7', '0.1', '0.1'], '0.9'],
      [['0.8', '0.1', '0.05'], '0.95'],
      [['0.7', '0.15', '0.14999'], '0.99999'],
      [['0.7', '0.15', '0.15001'], '1.00001'],
      [['0.5', '0.49'], '0.99'],
    ] as const) {
      const ds = await exp006(withSplit(bad));
      assert.equal(ds.length, 1, `${bad.join(' + ')} is flagged`);
      assert.match(String(ds[0]!.message), new RegExp(`fractions sum to ${sum.replace('.', '\\.')} \\(`));
      assert.doesNotMatch(String(ds[0]!.message), /percentages/);
    }
  });

  it('the remainder goes to the largest part: 0.5 / 0.3 / 0.3 → 0.46 / 0.27 / 0.27, 0.3 / 0.3 / 0.5 → 0.27 / 0.27 / 0.46', async () => {
    for (const [split, expected] of [
      [['0.5', '0.3', '0.3'], '0.46 / 0.27 / 0.27'],
      [['0.3', '0.3', '0.5'], '0.27 / 0.27 / 0.46'],
      [['0.3', '0.5', '0.3'], '0.27 / 0.46 / 0.27'],
    ] as const) {
      const ds = await exp006(withSplit(split));
      assert.deepEqual(fixTitles(ds[0]), [`Rescale the split to ${expected}`]);
    }
  });

  it('the rescale fix sums to exactly 1, keeps each part in (0, 1) and rounds all but the largest part to its share', async () => {
    await fc.assert(
      fc.asyncProperty(
        thousandths.filter((ts) => ts.reduce((s, t) => s + t, 0) !== 1000),
        async (ts) => {
          const written = ts.map(text);
          const values = ts.map((t) => t / 1000);
          const scaled = rescaleToOne(values);
          assert.ok(scaled, `a rescale for ${written.join(' / ')}`);
          const d = Math.max(...scaled.map(decimalsOf));
          assert.ok(d <= 6, `${scaled.join(' / ')} has at most 6 decimals`);
          const unit = 10 ** d;
          const ints = scaled.map((s) => Math.round(Number(s) * unit));
          assert.equal(
            ints.reduce((s, n) => s + n, 0),
            unit,
            `${scaled.join(' + ')} is exactly 1`,
          );
          ints.forEach((n) => assert.ok(n > 0 && n < unit, `${n / unit} lies in (0, 1)`));
          const sum = values.reduce((s, v) => s + v, 0);
          const rounded = values.map((v) => Math.round((v / sum) * unit));
          const adjusted = ints.map((n, i) => (n !== rounded[i] ? i : -1)).filter((i) => i >= 0);
          assert.ok(adjusted.length <= 1, `only one part takes the remainder (${adjusted.join(', ')})`);
          if (adjusted.length)
            assert.equal(
              rounded[adjusted[0]!],
              Math.max(...rounded),
              `the remainder goes to the largest part: ${written.join(' / ')} → ${scaled.join(' / ')}`,
            );

          // The fix the rule offers is that rescale, and the fixed document passes.
          const doc = { uri: URI, text: withSplit(written) };
          const [diag] = await exp006(doc.text);
          const title = `Rescale the split to ${scaled.join(' / ')}`;
          assert.deepEqual(fixTitles(diag), [title]);
          const action = service.codeActions(doc, [diag!]).find((a) => a.title === title);
          assert.deepEqual(
            await exp006(applyEdits(doc.text, action!.edit!.changes![doc.uri]!)),
            [],
            'the fixed split passes',
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a sum below 1 gets the plain message (no percentage hint), 1.5 is not yet percentages, and no fix without a rescale', async () => {
    const [under] = await exp006(withSplit(['0.7', '0.1', '0.1']));
    assert.equal(
      under?.message,
      '`data.split` fractions sum to 0.9 (train 0.7 + validation 0.1 + test 0.1), not 1: scale them so they add up to 1.',
    );
    assert.equal(under?.severity, 1, 'an error');
    const [half] = await exp006(withSplit(['0.5', '0.5', '0.5']));
    assert.doesNotMatch(String(half?.message), /percentages/);
    const [pct] = await exp006(withSplit(['0.5', '0.5', '0.51']));
    assert.match(String(pct?.message), /not 1 \(percentages\? write fractions such as 0\.8\)/);
  });

  it('one part alone: 1 leaves nothing to validate on; 0.8 is off and has no rescale; a non-number part is left to the schema', async () => {
    const one = BASE.replace(/split: \{[^}]*\}/, 'split: {train: 1, strategy: stratified, seed: 42}');
    const [alone] = await exp006(one);
    assert.match(
      String(alone?.message),
      /^`data.split` has only `train: 1`, which leaves no data to validate or test on/,
    );
    assert.equal(alone?.severity, 1, 'an error');
    const [off] = await exp006(BASE.replace(/split: \{[^}]*\}/, 'split: {train: 0.8, strategy: stratified, seed: 42}'));
    assert.match(String(off?.message), /fractions sum to 0\.8 \(train 0\.8\), not 1/);
    assert.deepEqual(fixTitles(off), []);
    assert.deepEqual(
      await exp006(withSplit(['0.8', 'lots', '0.1'])),
      [],
      "a part that is not a number is the schema's to report",
    );
  });

  it('rescaleToOne: more decimals when a part would round to 0, up to 6; trailing zeros dropped; one part cannot be rescaled', () => {
    assert.deepEqual(rescaleToOne([0.4, 80, 19.6]), ['0.004', '0.8', '0.196']);
    assert.deepEqual(rescaleToOne([0.000001, 0.5]), ['0.000002', '0.999998']);
    assert.deepEqual(rescaleToOne([0.125, 0.125, 0.25]), ['0.25', '0.25', '0.5']);
    assert.equal(rescaleToOne([0.8]), undefined);
  });

  it('rescaleToOne refuses what cannot be a split: a zero, negative or non-finite part', () => {
    assert.equal(rescaleToOne([]), undefined);
    assert.equal(rescaleToOne([0.5, 0]), undefined);
    assert.equal(rescaleToOne([0.5, -0.1]), undefined);
    assert.equal(rescaleToOne([0.5, Number.NaN]), undefined);
    assert.deepEqual(rescaleToOne([1, 1, 1]), ['0.34', '0.33', '0.33']);
    assert.deepEqual(rescaleToOne([0.123, 0.4]), ['0.235', '0.765']);
  });
});
