import * as assert from 'node:assert/strict';
import { heatMap, riskLevel, riskScore } from '../../../../core/src/plan/risk';
import { isHundred, rescaleTo100, sumShares } from '../../../../core/src/plan/shares';

describe('plan risk', () => {
  it('scores likelihood × impact on 1–5 scales', () => {
    assert.equal(riskScore(3, 5), 15);
    assert.equal(riskScore(0, 5), undefined);
    assert.equal(riskScore(2.5, 2), undefined);
    assert.equal(riskScore('3', 5), undefined);
  });

  it('levels: high ≥ 15, medium ≥ 8, else low', () => {
    assert.deepEqual([25, 15, 14, 8, 7, 1].map(riskLevel), ['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('counts risks per heat-map cell [likelihood − 1][impact − 1]', () => {
    const cells = heatMap([
      { likelihood: 3, impact: 5 },
      { likelihood: 3, impact: 5 },
      { likelihood: 1, impact: 2 },
      { likelihood: 9, impact: 1 },
      {},
    ]);
    assert.equal(cells[2]?.[4], 2);
    assert.equal(cells[0]?.[1], 1);
    assert.equal(
      cells.flat().reduce((s, n) => s + n, 0),
      3,
    );
  });
});

describe('plan shares', () => {
  it('sums without float noise', () => {
    assert.equal(sumShares([33.3, 33.3, 33.4]), 100);
    assert.ok(isHundred([33.3, 33.3, 33.4]));
    assert.ok(!isHundred([40, 15, 15, 15, 10]));
  });

  it('rescales to exactly 100: integers for integer input, else one decimal', () => {
    assert.deepEqual(rescaleTo100([40, 15, 15, 15, 10]), [42, 16, 16, 16, 10]);
    assert.deepEqual(rescaleTo100([1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(rescaleTo100([35.5, 30, 30]), [37.2, 31.4, 31.4]);
    assert.deepEqual(rescaleTo100([200, 1, 0]), [99.5, 0.5, 0]);
    assert.equal(rescaleTo100([0, 0]), undefined);
    assert.equal(rescaleTo100([50, -10]), undefined);
    for (const v of [
      [40, 15, 15, 15, 10],
      [1, 1, 1],
      [35.5, 30, 30],
      [7, 13, 17, 19],
      [1000, 1, 1],
    ]) {
      assert.ok(isHundred(rescaleTo100(v)!), `${v.join('+')} → ${rescaleTo100(v)!.join('+')}`);
    }
  });
});
