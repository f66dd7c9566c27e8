import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  configValue,
  describeFilterError,
  filterCompletions,
  filterNames,
  flattenScalars,
  FilterError,
  looksLikeExpression,
  matchesFilter,
  parseFilter,
  tagsOf,
  type FilterNode,
  type FilterSubject,
  type MetricFunction,
} from '../../../../core/src/metrics/run-filter';

function subject(p: Partial<FilterSubject> & { metrics?: Record<string, number> } = {}): FilterSubject {
  const metrics = p.metrics ?? {};
  return {
    id: p.id ?? 'run-1',
    experiment: p.experiment ?? 'credit-risk',
    state: p.state ?? 'succeeded',
    tags: p.tags ?? [],
    config: p.config ?? {},
    metric: p.metric ?? ((fn: MetricFunction, name: string) => metrics[`${fn}(${name})`]),
    ...(p.name !== undefined && { name: p.name }),
  };
}

const run = (text: string, s: FilterSubject): boolean => matchesFilter(parseFilter(text), s);

function errorOf(text: string): FilterError {
  try {
    parseFilter(text);
  } catch (e) {
    assert.ok(e instanceof FilterError, `not a FilterError: ${String(e)}`);
    return e;
  }
  assert.fail(`no error for ${JSON.stringify(text)}`);
}

describe('run filter expressions', () => {
  it('the issue’s example: lr < 1e-3 && state == "succeeded" && best(val_auc) > 0.8', () => {
    const f = 'lr < 1e-3 && state == "succeeded" && best(val_auc) > 0.8';
    const good = subject({ config: { 'optimizer.lr': 5e-4 }, metrics: { 'best(val_auc)': 0.85 } });
    assert.equal(run(f, good), true);
    assert.equal(run(f, { ...good, state: 'failed' }), false);
    assert.equal(run(f, subject({ config: { 'optimizer.lr': 1e-2 }, metrics: { 'best(val_auc)': 0.85 } })), false);
    assert.equal(run(f, subject({ config: { 'optimizer.lr': 5e-4 }, metrics: { 'best(val_auc)': 0.7 } })), false);
    assert.equal(run(f, subject({ config: { 'optimizer.lr': 5e-4 } })), false, 'no val_auc: the comparison is false');
  });

  it('config values by path, unique last segment or alias; tags, contains, not, or, parentheses', () => {
    const s = subject({
      config: { 'training.seed': 3, 'optimizer.learning_rate': 0.01, 'model.name': 'ResNet-50', 'a.x': 1, 'b.x': 2 },
      tags: ['baseline', 'gpu'],
      experiment: 'cifar',
      name: 'lucky run',
    });
    assert.equal(run('training.seed == 3', s), true);
    assert.equal(run('seed >= 3 and seed < 4', s), true);
    assert.equal(run('lr == 0.01', s), true, 'lr is an alias of learning_rate');
    assert.equal(run('x == 1', s), false, 'an ambiguous last segment matches nothing');
    assert.equal(run('a.x == 1', s), true);
    assert.equal(run('model.name ~ "resnet"', s), true);
    assert.equal(run('"baseline" in tags && !("cpu" in tags)', s), true);
    assert.equal(run('not experiment == "cifar" || name ~ "LUCKY"', s), true);
    assert.equal(run('(seed == 1 || seed == 3) && experiment != "mnist"', s), true);
    assert.equal(run('seed == "3"', s), false, 'no implicit conversion between numbers and strings');
    assert.equal(run('seed > -1', s), true);
    assert.equal(run('missing.key != 1', s), false, 'a missing value compares false, even with !=');
    assert.equal(run('   ', s), true, 'an empty filter passes every run');
  });

  it('says what is wrong and where', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['lr < ', 5, /ends too early/],
      ['lr = 1', 3, /use ==/],
      ['(lr < 1', 7, /expected "\)" to close the "\(" at character 1/],
      ['foo(x) > 1', 0, /unknown function "foo"/],
      ['state == "succ', 9, /never closed/],
      ['lr < 1 seed > 2', 7, /unexpected "seed" \(missing && or \|\| before it\?\)/],
      ['lr @ 2', 3, /unexpected character "@"/],
      ['best(1) > 2', 5, /takes a metric name/],
      ['1e-3abc', 0, /runs into a name/],
      ['lr in 3', 3, /"in" tests a tag/],
      ['&& lr', 0, /expected a value/],
    ];
    for (const [text, at, re] of cases) {
      const e = errorOf(text);
      assert.match(e.message, re, text);
      assert.equal(e.position, at, `${text}: ${e.message}`);
    }
    const shown = describeFilterError('lr < 1 seed > 2', errorOf('lr < 1 seed > 2'));
    assert.equal(shown.split('\n')[2], '       ^');
    assert.match(shown, /at character 8/);
  });

  it('hostile input: very deep nesting and over-long filters are refused with a message, not a stack overflow', () => {
    assert.match(errorOf('('.repeat(10_000)).message, /(nested more than|longer than)/);
    assert.match(errorOf('('.repeat(200) + 'a' + ')'.repeat(200)).message, /nested more than 32 deep/);
    assert.match(errorOf('!'.repeat(100) + 'a').message, /nested/);
    assert.match(errorOf('a == 1 || '.repeat(60) + 'a').message, /longer than 500/);
  });

  it('property: any text either parses or fails with a FilterError inside the text, never anything else', () => {
    const alphabet = fc.constantFrom(...'ab.1e-3 <>=!&|()"\'~,_/x[]@in and or not best(val) tags'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')),
        (text) => {
          try {
            const f = parseFilter(text);
            matchesFilter(f, subject({ config: { a: 1, 'b.x': 'q' }, tags: ['t'] }));
          } catch (e) {
            assert.ok(e instanceof FilterError, String(e));
            assert.ok(e.position >= 0 && e.position <= text.length, `position ${e.position} in ${text.length}`);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Random expressions over random runs: composing them with && / || / ! must decide as boolean algebra says.
  const name = fc.constantFrom('lr', 'seed', 'training.seed', 'state', 'experiment', 'model.arch', 'nope');
  const lit = fc.oneof(
    fc.double({ min: -10, max: 10, noNaN: true }).map((v) => ({ text: String(v).replace('e+', 'e'), v })),
    fc.constantFrom('succeeded', 'failed', 'cnn', 'x y', 'q"uote').map((v) => ({ text: JSON.stringify(v), v })),
  );
  const metric = fc.tuple(
    fc.constantFrom('best', 'last', 'min', 'max', 'smoothed'),
    fc.constantFrom('val_auc', 'loss'),
  );
  const cmp = fc
    .tuple(
      fc.oneof(
        name,
        metric.map(([f, m]) => `${f}(${m})`),
      ),
      fc.constantFrom('==', '!=', '<', '<=', '>', '>=', '~'),
      lit,
    )
    .map(([l, op, r]) => `${l} ${op} ${r.text}`);
  const tag = fc.constantFrom('"a" in tags', '"b" in tags');
  const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      cmp,
      tag,
      fc.tuple(tie('e'), fc.constantFrom('&&', '||', 'and', 'or'), tie('e')).map(([a, op, b]) => `(${a}) ${op} (${b})`),
      tie('e').map((a) => `!(${a})`),
    ),
  })).e;
  const subj = fc
    .record({
      lr: fc.double({ min: -10, max: 10, noNaN: true }),
      seed: fc.integer({ min: 0, max: 5 }),
      state: fc.constantFrom('succeeded', 'failed'),
      arch: fc.constantFrom('cnn', 'x y'),
      tags: fc.subarray(['a', 'b']),
      auc: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map((r) =>
      subject({
        config: { 'optimizer.lr': r.lr, 'training.seed': r.seed, 'model.arch': r.arch },
        state: r.state,
        tags: r.tags,
        metric: (_fn, m) => (m === 'val_auc' ? (r.auc ?? undefined) : 0.5),
      }),
    );

  const decide = (text: string, s: FilterSubject): boolean => matchesFilter(parseFilter(text), s);

  it('property: composed expressions decide as boolean algebra says (&&, ||, !, precedence)', () => {
    fc.assert(
      fc.property(expr, expr, subj, (a, b, s) => {
        fc.pre(2 * a.length + b.length < 480); // the filter's length cap
        const A = decide(a, s);
        const B = decide(b, s);
        assert.equal(decide(`(${a}) && (${b})`, s), A && B);
        assert.equal(decide(`(${a}) || (${b})`, s), A || B);
        assert.equal(decide(`!(${a})`, s), !A);
        assert.equal(decide(`not (${a}) or (${b})`, s), !A || B);
        assert.equal(decide(`(${a}) and (${b}) or (${a})`, s), A, '&& binds tighter than ||');
      }),
      { numRuns: 400 },
    );
  });

  it('property: comparisons agree with JavaScript on numbers', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        (x, y) => {
          const s = subject({ config: { 'optimizer.lr': x } });
          const lit = y < 0 ? `-${String(-y)}` : String(y);
          assert.equal(run(`lr < ${lit}`, s), x < y);
          assert.equal(run(`lr >= ${lit}`, s), x >= y);
          assert.equal(run(`lr == ${lit}`, s), x === y);
        },
      ),
    );
  });

  it('names it reads, expression detection and completion', () => {
    assert.deepEqual(filterNames(parseFilter('lr < 1 && best(val/auc) > 0.8 && state == "x"')), {
      config: ['lr'],
      metrics: ['val/auc'],
    });
    assert.equal(looksLikeExpression('resnet'), false);
    assert.equal(looksLikeExpression('lr < 1'), true);
    const known = { config: ['optimizer.lr', 'training.seed'], metrics: ['val_auc', 'val_loss', 'loss'] };
    assert.deepEqual(filterCompletions('best(val', 8, known), { from: 5, items: ['val_auc', 'val_loss'] });
    assert.deepEqual(filterCompletions('lr < 1 && tra', 13, known).items, ['training.seed']);
    assert.ok(filterCompletions('b', 1, known).items.includes('best('));
    assert.equal(configValue({ 'a.b': null }, 'b'), undefined);
  });

  it('an AST kind the evaluator meets as a bare value is truthy-tested', () => {
    const f = parseFilter('debug') as FilterNode;
    assert.equal(matchesFilter(f, subject({ config: { 'train.debug': true } })), true);
    assert.equal(matchesFilter(f, subject({ config: { 'train.debug': false } })), false);
  });
});

describe('run filter subjects from a config snapshot', () => {
  it('flattens scalars (bounded) and reads metadata.tags as a list or a map', () => {
    const config = {
      metadata: { name: 'x', tags: { team: 'risk', dataset_version: 'v3' } },
      training: { optimizer: { learning_rate: 0.001 }, seed: 7, layers: [32, 16] },
    };
    const flat = flattenScalars(config);
    assert.equal(flat['training.optimizer.learning_rate'], 0.001);
    assert.equal(flat['training.layers'], '[32,16]');
    assert.deepEqual(tagsOf(config), ['team', 'team=risk', 'dataset_version', 'dataset_version=v3']);
    assert.deepEqual(tagsOf({ metadata: { tags: ['baseline', 3] } }), ['baseline']);
    assert.deepEqual(tagsOf('nonsense'), []);
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    assert.equal(Object.keys(flattenScalars(wide)).length, 200);
    const s = subject({ config: flat, tags: tagsOf(config) });
    assert.equal(run('"team=risk" in tags && lr < 1e-2 && seed == 7', s), true);
  });
});
