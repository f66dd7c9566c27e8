/**
 * Compare Runs at its edges (issue 22, mutation testing of `core/src/runs/run-diff.ts`): every YAML scalar form a
 * snapshot can hold, the limits (values of 200 characters, 4000 lines, nesting 24 deep) at and one past each bound,
 * the marks of each side's lines, and the metric deltas' ties, goals, NaN points and orders.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  MAX_DEPTH,
  MAX_DIFF_LINES,
  MAX_VALUE_CHARS,
  diffConfigs,
  diffMetrics,
  flattenConfig,
  type MetricPoints,
} from '../../../../core/src/runs/run-diff';

const texts = (lines: ReadonlyArray<{ text: string }>) => lines.map((l) => l.text);
const marks = (lines: ReadonlyArray<{ text: string; mark: string }>) => lines.map((l) => `${l.mark} ${l.text}`);

/** `{d: {d: … {d: leaf}}}`, `n` maps deep. */
function nested(n: number, leaf: unknown, key = 'd'): unknown {
  let v = leaf;
  for (let i = 0; i < n; i++) v = { [key]: v };
  return v;
}

describe('compare two runs: config values and limits (run-diff.ts edges)', () => {
  it('writes each scalar as YAML reads it: null and a missing value, infinities, NaN, booleans, bigints, others', () => {
    const f = flattenConfig({
      n: null,
      u: undefined,
      inf: Infinity,
      ninf: -Infinity,
      nan: NaN,
      zero: 0,
      neg: -2.5,
      yes: true,
      no: false,
      big: 12345678901234567890n,
      sym: Symbol('s'),
    });
    assert.deepEqual(Object.fromEntries(f), {
      n: 'null',
      u: 'null',
      inf: '.inf',
      ninf: '-.inf',
      nan: '.nan',
      zero: '0',
      neg: '-2.5',
      yes: 'true',
      no: 'false',
      big: '12345678901234567890',
      sym: 'Symbol(s)',
    });
  });

  it('quotes exactly the strings YAML would read as another type, whole words only', () => {
    const d = diffConfigs({ a: 'true', b: 'nottrue', c: 'yesterday', d: 'Off', e: '~', f: 'ontology', g: 'x ' }, {});
    assert.deepEqual(texts(d.a), [
      'a: "true"',
      'b: nottrue',
      'c: yesterday',
      'd: "Off"',
      'e: "~"',
      'f: ontology',
      'g: "x "',
    ]);
  });

  it('a value of 200 characters is shown whole; one more is cut to 199 and an ellipsis', () => {
    const at = 'v'.repeat(MAX_VALUE_CHARS);
    const over = 'w'.repeat(MAX_VALUE_CHARS + 1);
    const f = flattenConfig({ at, over });
    assert.equal(f.get('at'), at);
    assert.equal(f.get('over'), `${'w'.repeat(MAX_VALUE_CHARS - 1)}…`);
    assert.equal(f.get('over')!.length, MAX_VALUE_CHARS);
  });

  it('keys YAML would misread are quoted, and a long key is cut to 200 characters', () => {
    const long = 'k'.repeat(300);
    const d = diffConfigs({ 'a b': 1, 'x.y-z_1': 2, [long]: 3 }, {});
    assert.deepEqual(texts(d.a), ['"a b": 1', 'x.y-z_1: 2', `${'k'.repeat(MAX_VALUE_CHARS)}: 3`]);
  });

  it('empty maps and lists are leaves, written {} and []', () => {
    assert.deepEqual(Object.fromEntries(flattenConfig({ m: {}, l: [], in: { m: {}, l: [] } })), {
      m: '{}',
      l: '[]',
      'in.m': '{}',
      'in.l': '[]',
    });
    const d = diffConfigs({ m: {}, l: [], in: { m: {}, l: [] } }, {});
    assert.deepEqual(texts(d.a), ['m: {}', 'l: []', 'in:', '  m: {}', '  l: []']);
  });

  it('a snapshot that is one scalar is one line; an unreadable one (undefined) is none', () => {
    const d = diffConfigs(5, 'five');
    assert.deepEqual(d.a, [{ text: '5', path: '', mark: 'changed' }]);
    assert.deepEqual(d.b, [{ text: 'five', path: '', mark: 'changed' }]);
    assert.deepEqual(diffConfigs(undefined, 5).a, []);
  });

  it('flattening stops at exactly 4000 leaves', () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_DIFF_LINES + 50 }, (_, i) => [`k${i}`, i]));
    const f = flattenConfig(wide);
    assert.equal(f.size, MAX_DIFF_LINES);
    assert.equal(f.has(`k${MAX_DIFF_LINES - 1}`), true);
    assert.equal(f.has(`k${MAX_DIFF_LINES}`), false);
    const d = diffConfigs(wide, {});
    assert.equal(d.a.length, MAX_DIFF_LINES, 'no line past the limit');
    assert.equal(d.a[MAX_DIFF_LINES - 1]!.text, `k${MAX_DIFF_LINES - 1}: ${MAX_DIFF_LINES - 1}`);
  });

  it('more lines than the limit with fewer leaves (sections count too): cut, and either side alone says so', () => {
    // 2001 sections of one key each: 4002 lines, 2001 leaves.
    const sections = Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`s${i}`, { k: i }]));
    assert.equal(flattenConfig(sections).size, 2001);
    const ab = diffConfigs(sections, {});
    assert.equal(ab.truncated, true);
    assert.equal(ab.a.length, MAX_DIFF_LINES);
    assert.equal(ab.a[MAX_DIFF_LINES - 1]!.text, '  k: 1999');
    assert.equal(diffConfigs({}, sections).truncated, true);
    // 1999 sections: 3998 lines, nothing cut.
    const fits = Object.fromEntries(Array.from({ length: 1999 }, (_, i) => [`s${i}`, { k: i }]));
    const d = diffConfigs(fits, fits);
    assert.equal(d.truncated, false);
    assert.equal(d.a.length, 3998);
  });

  it('nesting: 24 levels are shown, the 25th is one "…"; lists nest the same way; nothing is shown after a cut', () => {
    assert.deepEqual(Object.fromEntries(flattenConfig(nested(MAX_DEPTH, 1))), {
      [Array(MAX_DEPTH).fill('d').join('.')]: '1',
    });
    const deep = flattenConfig(nested(MAX_DEPTH + 5, 1));
    assert.deepEqual(Object.fromEntries(deep), {
      [Array(MAX_DEPTH + 1)
        .fill('d')
        .join('.')]: '…',
    });
    let list: unknown = 1;
    for (let i = 0; i < MAX_DEPTH + 5; i++) list = [list];
    assert.deepEqual(Object.fromEntries(flattenConfig(list, undefined, 'l')), {
      [`l${'[0]'.repeat(MAX_DEPTH + 1)}`]: '…',
    });

    const d = diffConfigs({ deep: nested(MAX_DEPTH + 5, 1), after: 1 }, {});
    assert.equal(d.truncated, true);
    // `deep:` and 24 nested `d:` lines, then the cut at the 26th level of the YAML (the 25th below `deep`).
    assert.equal(d.a.length, MAX_DEPTH + 2);
    assert.equal(d.a.at(-1)!.text, `${'  '.repeat(MAX_DEPTH + 1)}…`);
    assert.ok(!d.a.some((l) => l.text.startsWith('after')), 'the view stops at the cut');
    const fits = diffConfigs(nested(MAX_DEPTH, 1), nested(MAX_DEPTH, 1));
    assert.equal(fits.truncated, false);
    assert.equal(fits.a.at(-1)!.text, `${'  '.repeat(MAX_DEPTH - 1)}d: 1`);
  });

  it('marks: a section the other side has as a value is changed; a changed value is changed on both sides', () => {
    const d = diffConfigs({ a: { x: 1 }, s: 1, o: { p: 1 } }, { a: 5, s: 2, n: { q: 1 } });
    assert.deepEqual(marks(d.a), ['changed a:', 'only   x: 1', 'changed s: 1', 'only o:', 'only   p: 1']);
    assert.deepEqual(marks(d.b), ['only a: 5', 'changed s: 2', 'only n:', 'only   q: 1']);
    assert.deepEqual(
      d.changes.map((c) => `${c.kind} ${c.path}`),
      ['added a', 'removed a.x', 'added n.q', 'removed o.p', 'changed s'],
    );
  });

  it('property: each changed key is marked on both sides, a key of one side only is marked `only` there', () => {
    const leaf = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', 'b'));
    const cfg = fc.dictionary(
      fc.constantFrom('x', 'y', 'z'),
      fc.oneof(leaf, fc.dictionary(fc.constantFrom('p', 'q'), leaf, { minKeys: 1 })),
    );
    fc.assert(
      fc.property(cfg, cfg, (a, b) => {
        const d = diffConfigs(a, b);
        for (const c of d.changes) {
          const la = d.a.find((l) => l.path === c.path);
          const lb = d.b.find((l) => l.path === c.path);
          if (c.kind === 'changed') {
            assert.equal(la?.mark, 'changed', c.path);
            assert.equal(lb?.mark, 'changed', c.path);
          } else if (c.kind === 'removed') assert.equal(la?.mark, 'only', c.path);
          else assert.equal(lb?.mark, 'only', c.path);
        }
        assert.equal(d.same + d.changes.filter((c) => c.kind !== 'added').length, flattenConfig(a).size);
      }),
    );
  });
});

describe('compare two runs: metric deltas at their edges', () => {
  const pts = (steps: number[], values: number[]): MetricPoints => ({ steps, values });
  const one = (a: MetricPoints, b: MetricPoints, name = 'val_loss') =>
    diffMetrics(new Map([[name, a]]), new Map([[name, b]])).metrics[0]!;

  it('a goal of max: the best is the highest, and a higher B is better', () => {
    const m = one(pts([1, 2, 3], [0.5, 0.7, 0.6]), pts([1, 2, 3], [0.6, 0.8, 0.9]), 'val_accuracy');
    assert.equal(m.goal, 'max');
    assert.deepEqual(m.best, { a: { step: 2, value: 0.7 }, b: { step: 3, value: 0.9 }, delta: 0.9 - 0.7 });
    assert.equal(m.better, 'b');
    assert.equal(one(pts([1], [0.9]), pts([1], [0.8]), 'val_accuracy').better, 'a');
  });

  it('a goal of min: a higher B is worse; equal values are the same', () => {
    assert.equal(one(pts([1], [0.3]), pts([1], [0.4])).better, 'a');
    assert.equal(one(pts([1], [0.3]), pts([1], [0.2])).better, 'b');
    assert.equal(one(pts([1], [0.3]), pts([1], [0.3])).better, 'same');
    assert.equal(one(pts([1], [0.3]), pts([1], [0.3]), 'val_accuracy').better, 'same');
  });

  it('ties: the first step that reached the best value is its step, for either goal', () => {
    assert.deepEqual(one(pts([1, 2, 3], [0.5, 0.2, 0.2]), pts([1], [1])).best!.a, { step: 2, value: 0.2 });
    assert.deepEqual(one(pts([1, 2, 3], [0.5, 0.9, 0.9]), pts([1], [1]), 'val_accuracy').best!.a, {
      step: 2,
      value: 0.9,
    });
  });

  it('a NaN at a step: that step is not common; a run with only NaN has no best and no delta of bests', () => {
    const m = one(pts([1, 2], [0.5, NaN]), pts([1, 2], [0.4, 0.3]));
    assert.deepEqual(m.lastCommon, { step: 1, a: 0.5, b: 0.4, delta: 0.4 - 0.5 });
    const none = one(pts([1, 2], [NaN, NaN]), pts([1], [0.4]));
    assert.deepEqual(none.best, { b: { step: 1, value: 0.4 } });
    assert.equal(none.lastCommon, undefined);
    assert.deepEqual(one(pts([1], [0.4]), pts([1], [NaN])).best, { a: { step: 1, value: 0.4 } });
  });

  it('the last common step is the highest one, whatever order the steps were logged in', () => {
    const m = one(pts([5, 1, 3], [0.5, 0.9, 0.7]), pts([3, 5, 1], [0.6, 0.4, 0.8]));
    assert.deepEqual(m.lastCommon, { step: 5, a: 0.5, b: 0.4, delta: 0.4 - 0.5 });
  });

  it('a metric without a goal has values but no best and no verdict', () => {
    const m = one(pts([1], [3]), pts([1], [4]), 'throughput');
    assert.equal(m.goal, undefined);
    assert.equal(m.best, undefined);
    assert.equal(m.better, undefined);
    assert.deepEqual(m.lastCommon, { step: 1, a: 3, b: 4, delta: 1 });
  });

  it('names come out sorted: the common metrics and each side’s own', () => {
    const p = pts([1], [1]);
    const d = diffMetrics(
      new Map(['zeta', 'alpha', 'mid', 'a_only2', 'a_only1'].map((n) => [n, p])),
      new Map(['mid', 'zeta', 'alpha', 'b_only2', 'b_only1'].map((n) => [n, p])),
    );
    assert.deepEqual(
      d.metrics.map((m) => m.metric),
      ['alpha', 'mid', 'zeta'],
    );
    assert.deepEqual(d.onlyA, ['a_only1', 'a_only2']);
    assert.deepEqual(d.onlyB, ['b_only1', 'b_only2']);
  });

  it('property: the last common step and the bests agree with a plain search over the points', () => {
    const series = fc
      .array(
        fc.record({ s: fc.integer({ min: 0, max: 8 }), v: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(NaN)) }),
        {
          maxLength: 10,
        },
      )
      .map((ps) =>
        pts(
          ps.map((p) => p.s),
          ps.map((p) => p.v),
        ),
      );
    fc.assert(
      fc.property(series, series, fc.constantFrom('val_loss', 'val_accuracy'), (a, b, name) => {
        const m = one(a, b, name);
        const last = (p: MetricPoints) => {
          const m2 = new Map<number, number>();
          for (let i = 0; i < p.steps.length; i++) if (!Number.isNaN(p.values[i])) m2.set(p.steps[i]!, p.values[i]!);
          return m2;
        };
        const la = last(a);
        const lb = last(b);
        const common = [...la.keys()].filter((s) => lb.has(s));
        assert.equal(m.lastCommon?.step, common.length ? Math.max(...common) : undefined);
        const min = name === 'val_loss';
        const best = (p: MetricPoints) => {
          const vs = Array.from(p.values).filter((v) => !Number.isNaN(v));
          return vs.length ? (min ? Math.min(...vs) : Math.max(...vs)) : undefined;
        };
        assert.equal(m.best?.a?.value, best(a));
        assert.equal(m.best?.b?.value, best(b));
      }),
    );
  });
});
