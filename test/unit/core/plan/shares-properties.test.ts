/** core/src/plan/shares by property and at its edges: exact sums, largest-remainder rounding and its tie-breaks. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHundred, rescaleTo100, sumShares } from '../../../../core/src/plan/shares';

describe('plan shares (properties and edges)', () => {
  it('isHundred: 100 ± 1e-6 is a hundred, 100 ± 1e-5 or a sum that only rounds to 100 is not', () => {
    assert.equal(isHundred([60, 40]), true);
    assert.equal(isHundred([60, 40.0000005]), true);
    assert.equal(isHundred([60, 39.9999995]), true);
    assert.equal(isHundred([60, 39.6]), false);
    assert.equal(isHundred([60, 40.4]), false);
    assert.equal(isHundred([60, 40.00001]), false);
    assert.equal(isHundred([60, 39.99999]), false);
    assert.equal(isHundred([]), false);
    assert.equal(sumShares([0.1, 0.2]), 0.3);
    assert.equal(sumShares([33.3, 33.3, 33.4]), 100);
  });

  it('rescaleTo100 adds up to exactly 100, within one unit of each proportional share, order kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (ints, decimal) => {
          const values = decimal ? ints.map((n) => n / 10) : ints;
          const sum = values.reduce((s, v) => s + v, 0);
          const r = rescaleTo100(values);
          if (sum === 0) {
            assert.equal(r, undefined);
            return;
          }
          assert.ok(r);
          assert.equal(Math.round(r.reduce((s, v) => s + v, 0) * 10), 1000, `${values.join('+')} → ${r.join('+')}`);
          const unit = values.every((v) => Number.isInteger(v)) ? 1 : 0.1;
          values.forEach((v, i) => {
            const exact = (v / sum) * 100;
            assert.ok(Math.abs(r[i]! - exact) < unit + 1e-9, `${v} → ${r[i]} (exact ${exact})`);
            if (v === 0) assert.equal(r[i], 0, 'a zero share stays zero');
            values.forEach((w, j) => {
              if (v > w) assert.ok(r[i]! >= r[j]!, `${v} > ${w} but ${r[i]} < ${r[j]}`);
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('integer shares stay integers, also with zero shares among them; one decimal when a share would become 0', () => {
    assert.deepEqual(rescaleTo100([1, 300]), [0.3, 99.7]);
    // Known edge (reported, not fixed here): 1 of 2000 is 0.05 %, a tie at one decimal that goes to the larger share.
    assert.deepEqual(rescaleTo100([1, 1999]), [0, 100]);
    assert.deepEqual(rescaleTo100([50, 30, 0]), [63, 37, 0]);
    assert.deepEqual(rescaleTo100([0, 1, 1, 1]), [0, 34, 33, 33]);
    assert.deepEqual(rescaleTo100([30, 30, 30]), [34, 33, 33]);
  });

  it('equal remainders: the larger share first, then the earlier one', () => {
    // Remainders of .5 are exact in binary, so these are true ties (thirds are not: float noise orders them).
    // 5 / 1 / 1 / 1 of 8 are 62.5 / 12.5 × 3: two spare units, to 5 and then to the first 1.
    assert.deepEqual(rescaleTo100([5, 1, 1, 1]), [63, 13, 12, 12]);
    assert.deepEqual(rescaleTo100([1, 1, 1, 5]), [13, 12, 12, 63]);
    assert.deepEqual(rescaleTo100([1, 5, 1, 1]), [13, 63, 12, 12]);
  });

  it('nothing to scale: negative, non-finite or all-zero shares', () => {
    assert.equal(rescaleTo100([]), undefined);
    assert.equal(rescaleTo100([0]), undefined);
    assert.equal(rescaleTo100([10, -1]), undefined);
    assert.equal(rescaleTo100([10, Number.NaN]), undefined);
    assert.equal(rescaleTo100([10, Number.POSITIVE_INFINITY]), undefined);
  });
});
