import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { MAX_DIFF_LINES, diffConfigs, diffMetrics, flattenConfig } from '../../../../core/src/runs/run-diff';

const A = parse(`
model:
  backbone: resnet18
  dropout: 0.1
training:
  epochs: 10
  seed: 1
  optimizer: { name: adamw, learning_rate: 0.001 }
data:
  augment: [flip, crop]
`);
const B = parse(`
model:
  backbone: resnet18
  dropout: 0.1
training:
  epochs: 10
  seed: 2
  optimizer: { name: adamw, learning_rate: 0.0003 }
  early_stopping: { monitor: val_loss }
data:
  augment: [flip]
`);

describe('compare two runs: config diff', () => {
  it('lists the changed, added and removed keys with both values', () => {
    const d = diffConfigs(A, B);
    assert.deepEqual(d.changes, [
      { path: 'data.augment[1]', kind: 'removed', a: 'crop' },
      { path: 'training.early_stopping.monitor', kind: 'added', b: 'val_loss' },
      { path: 'training.optimizer.learning_rate', kind: 'changed', a: '0.001', b: '0.0003' },
      { path: 'training.seed', kind: 'changed', a: '1', b: '2' },
    ]);
    assert.equal(d.same, 5);
    assert.equal(d.truncated, false);
  });

  it('shows each side as YAML with the lines of changed keys marked, and their sections', () => {
    const d = diffConfigs(A, B);
    const marked = (lines: typeof d.a) => lines.filter((l) => l.mark !== 'same').map((l) => `${l.mark} ${l.text}`);
    assert.deepEqual(marked(d.a), [
      'changed training:',
      'changed   seed: 1',
      'changed   optimizer:',
      'changed     learning_rate: 0.001',
      'changed data:',
      'changed   augment:',
      'only     - crop',
    ]);
    assert.ok(d.b.some((l) => l.text === '    monitor: val_loss' && l.mark === 'only'));
    assert.ok(d.b.some((l) => l.text === '  early_stopping:' && l.mark === 'only'));
    assert.ok(d.a.some((l) => l.text === '  backbone: resnet18' && l.mark === 'same'));
  });

  it('identical configs: no change, nothing marked; unreadable snapshots compare as empty', () => {
    const d = diffConfigs(A, structuredClone(A));
    assert.equal(d.changes.length, 0);
    assert.ok(d.a.every((l) => l.mark === 'same'));
    const none = diffConfigs(undefined, A);
    assert.equal(none.a.length, 0);
    assert.ok(none.changes.every((c) => c.kind === 'added'));
  });

  it('strings that YAML would read as something else are quoted', () => {
    const d = diffConfigs({ a: 'true', b: '1e-3', c: 'plain text', d: 'x: y' }, {});
    assert.deepEqual(
      d.a.map((l) => l.text),
      ['a: "true"', 'b: "1e-3"', 'c: plain text', 'd: "x: y"'],
    );
  });

  it('property: a key is listed as changed exactly when its values differ; output stays bounded', () => {
    const leaf = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', 'b'), fc.boolean());
    const cfg = fc.dictionary(
      fc.constantFrom('x', 'y', 'z'),
      fc.oneof(leaf, fc.dictionary(fc.constantFrom('p', 'q'), leaf)),
    );
    fc.assert(
      fc.property(cfg, cfg, (a, b) => {
        const d = diffConfigs(a, b);
        const fa = flattenConfig(a);
        const fb = flattenConfig(b);
        for (const key of new Set([...fa.keys(), ...fb.keys()])) {
          const listed = d.changes.some((c) => c.path === key);
          assert.equal(listed, fa.get(key) !== fb.get(key), key);
        }
        assert.ok(d.a.length <= MAX_DIFF_LINES && d.b.length <= MAX_DIFF_LINES);
      }),
    );
  });

  it('a huge or deeply nested config is cut, and says so', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_DIFF_LINES + 50 }, (_, i) => [`k${i}`, i]));
    assert.equal(diffConfigs(wide, {}).truncated, true);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { d: deep };
    const d = diffConfigs(deep, deep);
    assert.equal(d.truncated, true);
    assert.ok(d.a.length < 40);
  });
});

describe('compare two runs: metric deltas', () => {
  const pts = (steps: number[], values: number[]) => ({ steps, values });
  it('gives the values at the last step both logged and each best by the goal, B − A', () => {
    const a = new Map([
      ['val_loss', pts([1, 2, 3, 4], [0.9, 0.5, 0.4, 0.45])],
      ['only_a', pts([1], [1])],
    ]);
    const b = new Map([
      ['val_loss', pts([1, 2, 3], [0.8, 0.3, 0.35])],
      ['only_b', pts([1], [1])],
    ]);
    const d = diffMetrics(a, b);
    assert.deepEqual(d.onlyA, ['only_a']);
    assert.deepEqual(d.onlyB, ['only_b']);
    const m = d.metrics[0]!;
    assert.equal(m.metric, 'val_loss');
    assert.equal(m.goal, 'min');
    assert.equal(m.lastCommon!.step, 3);
    assert.equal(m.lastCommon!.a, 0.4);
    assert.equal(m.lastCommon!.b, 0.35);
    assert.ok(Math.abs(m.lastCommon!.delta - -0.05) < 1e-12);
    assert.deepEqual(m.best!.a, { step: 3, value: 0.4 });
    assert.deepEqual(m.best!.b, { step: 2, value: 0.3 });
    assert.equal(m.better, 'b');
  });

  it('no common step: no last-common row; NaN points are skipped; an explicit goal wins', () => {
    const d = diffMetrics(
      new Map([['score', pts([1, 2], [NaN, 5])]]),
      new Map([['score', pts([3], [4])]]),
      new Map([['score', 'max' as const]]),
    );
    const m = d.metrics[0]!;
    assert.equal(m.lastCommon, undefined);
    assert.equal(m.better, undefined);
    assert.deepEqual(m.best, { a: { step: 2, value: 5 }, b: { step: 3, value: 4 }, delta: -1 });
  });
});
