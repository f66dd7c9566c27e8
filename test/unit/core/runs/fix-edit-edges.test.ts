/**
 * A fix as a text edit, at its edges (issue 22, mutation testing of `core/src/runs/fix-edit.ts`): the exact YAML each
 * value is written as, the exact text and edit for each place a key can go (an empty document, after a nested map or
 * a block scalar, a file that indents by 4 or by 10), each refusal's exact message, and the edit's region: whole
 * lines, no more than changed.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import type { ExperimentChange } from '../../../../core/src/runs/diagnose';
import { applySpanEdits, fixEdit, FixEditError, yamlLiteral } from '../../../../core/src/runs/fix-edit';

const fix = (text: string, ...changes: ExperimentChange[]) => fixEdit(text, { title: '', changes });
const set = (path: string, value: unknown): ExperimentChange => ({ path, value }) as ExperimentChange;
const refuses = (text: string, change: ExperimentChange, message: string) =>
  assert.throws(
    () => fix(text, change),
    (e: unknown) => e instanceof FixEditError && e.message === message,
    message,
  );

describe('fixes as edits at their edges (fix-edit.ts)', () => {
  it('writes numbers and booleans as they are, -0 as -0, and refuses what YAML cannot hold', () => {
    assert.equal(yamlLiteral(3), '3');
    assert.equal(yamlLiteral(-2.5e-7), '-2.5e-7');
    assert.equal(yamlLiteral(-0), '-0');
    assert.equal(yamlLiteral(0), '0');
    assert.equal(yamlLiteral(true), 'true');
    assert.equal(yamlLiteral(false), 'false');
    for (const [v, what] of [
      [NaN, 'NaN'],
      [Infinity, 'Infinity'],
      [-Infinity, '-Infinity'],
    ] as const)
      assert.throws(
        () => yamlLiteral(v),
        (e: unknown) => e instanceof FixEditError && e.message === `cannot write ${what} into the experiment`,
      );
    for (const [v, type] of [
      [{}, 'object'],
      [null, 'object'],
      [undefined, 'undefined'],
      [[1], 'object'],
      [1n, 'bigint'],
    ] as const)
      assert.throws(
        () => yamlLiteral(v),
        (e: unknown) => e instanceof FixEditError && e.message === `cannot write a ${type} into the experiment`,
      );
  });

  it('writes a string plain only when it is a whole safe word, else double-quoted', () => {
    const plain = ['ck', '_x', 'a.b/c-d_1', 'checkpoints/run-1', 'yesno', 'nope', 'Null_', 'ny', 'tilde'];
    for (const s of plain) assert.equal(yamlLiteral(s), s, s);
    const quoted = [
      '',
      '-abc',
      '1abc',
      '.x',
      'a b',
      'abc def',
      'abc:',
      'a#b',
      'yes',
      'No',
      'ON',
      'off',
      'y',
      'N',
      'null',
      'True',
      '~',
      '01:20:00',
    ];
    for (const s of quoted) assert.equal(yamlLiteral(s), JSON.stringify(s), s);
  });

  it('property: any string is written as a single YAML scalar that reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const lit = yamlLiteral(s);
        assert.deepEqual(parse(`k: ${lit}`), { k: s });
        assert.ok(lit === s || lit === JSON.stringify(s));
      }),
    );
  });

  it('refuses, with the exact message: invalid YAML (its first line only), a list or map in place of a value', () => {
    assert.throws(
      () => fix('a:\n  b: 1\n bad: [\n', set('a.b', 1)),
      (e: unknown) =>
        e instanceof FixEditError && /^the experiment is not valid YAML \([^\n]+\); fix it first$/.test(e.message),
    );
    refuses('a:\n  b: [1]\n', set('a.b', 1), 'a.b is not a single value in the experiment; edit it by hand');
    refuses('a:\n  b: {x: 1}\n', set('a.b', 1), 'a.b is not a single value in the experiment; edit it by hand');
  });

  it('refuses a path through a value, naming the first segment that is not a mapping', () => {
    refuses('a: 1\n', set('a.b', 1), 'a is not a mapping in the experiment, so a.b cannot be added; edit it by hand');
    refuses(
      'a:\n  b: 1\n',
      set('a.b.c.d', 1),
      'a.b is not a mapping in the experiment, so a.b.c.d cannot be added; edit it by hand',
    );
    refuses(
      'training:\n',
      set('training.b', 1),
      'training is not a mapping in the experiment, so training.b cannot be added; edit it by hand',
    );
  });

  it('refuses a document that is not a mapping, and inline maps, naming where to add the key by hand', () => {
    refuses('- 1\n', set('a', 1), 'the experiment is not a mapping; edit it by hand');
    refuses('3\n', set('a', 1), 'the experiment is not a mapping; edit it by hand');
    refuses('{a: 1}\n', set('b', 'x y'), 'the experiment is written inline ({…}); add b: "x y" by hand');
    refuses('t:\n  o: {a: 1}\n', set('t.o.b', 2), 't.o is written inline ({…}); add t.o.b: 2 by hand');
  });

  it('a key whose line does not start with its indentation (an anchor before it): refused, naming the map', () => {
    refuses('&k a: 1\n', set('b', 1), 'cannot tell the indentation of the experiment; edit it by hand');
    refuses('a:\n  b:\n    &k c: 1\n', set('a.b.d', 1), 'cannot tell the indentation of a.b; edit it by hand');
  });

  it('invalid YAML: the parser’s first line, whole', () => {
    assert.throws(
      () => fix('a:\n  b: 1\n bad: [\n', set('a.b', 1)),
      (e: unknown) =>
        e instanceof FixEditError &&
        e.message ===
          'the experiment is not valid YAML (All mapping items must start at the same column at line 3, column 1:); fix it first',
    );
  });

  it('a key added inside a file that does not end with a line end: no line end added before it', () => {
    assert.deepEqual(fix('a:\n  b: 1\nc: 2', set('a.x', 1)), {
      text: 'a:\n  b: 1\n  x: 1\nc: 2',
      edit: { offset: 10, length: 0, newText: '  x: 1\n' },
    });
    assert.deepEqual(fix('a:\n  b: 1\nc: 2\n', set('a.x', 1)).edit, { offset: 10, length: 0, newText: '  x: 1\n' });
  });

  it('a key the readback cannot find (it would be a comment) is refused, not written', () => {
    refuses('a:\n  b: 1\n', set('a.#x', 1), 'could not set a.#x; edit it by hand');
  });

  it('an empty document or one of comments: the keys become its content, after a line end', () => {
    assert.deepEqual(fix('', set('a.b', 1)), {
      text: 'a:\n  b: 1\n',
      edit: { offset: 0, length: 0, newText: 'a:\n  b: 1\n' },
    });
    assert.equal(fix('# c', set('a.b', 1)).text, '# c\na:\n  b: 1\n');
    assert.equal(fix('# c\n', set('a', 1)).text, '# c\na: 1\n');
  });

  it('new keys go after the last entry, whatever it spans: a nested map, a block scalar, an empty value', () => {
    assert.equal(
      fix('run:\n  script: |\n    echo hi\n    echo bye\nx: 1\n', set('run.python', 'py')).text,
      'run:\n  script: |\n    echo hi\n    echo bye\n  python: py\nx: 1\n',
    );
    assert.equal(
      fix('training:\n  opt:\n    lr: 1\nother: 1\n', set('training.x', 1)).text,
      'training:\n  opt:\n    lr: 1\n  x: 1\nother: 1\n',
    );
    assert.equal(
      fix('training:\n  epochs:\nx: 1\n', set('training.b', 1)).text,
      'training:\n  epochs:\n  b: 1\nx: 1\n',
    );
    assert.equal(fix('a: &m\n  b: 1\n', set('a.c', 1)).text, 'a: &m\n  b: 1\n  c: 1\n');
    assert.equal(fix('a:\n  b: 1\n\n\n', set('a.c', 2)).text, 'a:\n  b: 1\n  c: 2\n\n\n');
    assert.equal(fix('a: 1 # one\nb: 2\n', set('c', 3)).text, 'a: 1 # one\nb: 2\nc: 3\n');
  });

  it('nested keys indent by the file’s own step: 4 spaces, 2 when it shows none, 2 when its step is over 8', () => {
    assert.equal(fix('a:\n    b: 1\nc:\n  d: 1\n', set('c.e.f', 2)).text, 'a:\n    b: 1\nc:\n  d: 1\n  e:\n    f: 2\n');
    assert.equal(fix('a:\n    b: 1\n', set('a.c.d', 2)).text, 'a:\n    b: 1\n    c:\n        d: 2\n');
    assert.equal(fix('a: 1', set('b.c', 1)).text, 'a: 1\nb:\n  c: 1\n');
    assert.equal(
      fix('a:\n        b: 1\n', set('a.c.d', 2)).text,
      'a:\n        b: 1\n        c:\n                d: 2\n',
    );
    assert.equal(
      fix('a:\n          b: 1\n', set('a.c.d', 1)).text,
      'a:\n          b: 1\n          c:\n            d: 1\n',
    );
    // Lines of a list, comments and blank lines say nothing about the step.
    assert.equal(
      fix('l:\n - 1\n# x\n     # y\na:\n   b: 1\n', set('a.c.d', 1)).text,
      'l:\n - 1\n# x\n     # y\na:\n   b: 1\n   c:\n      d: 1\n',
    );
  });

  it('the edit is the changed lines: a value in the middle, an added key at the end without a line end, no change', () => {
    assert.deepEqual(fix('a: 1\nb: 22\nc: 3\n', set('b', 5)).edit, { offset: 5, length: 6, newText: 'b: 5\n' });
    assert.deepEqual(fix('a: 1\nb: 22\nc: 3', set('c', 4)).edit, { offset: 11, length: 4, newText: 'c: 4' });
    assert.deepEqual(fix('a: 1\nbb: 2\nc: 3\n', set('bb', 2)).edit, { offset: 16, length: 0, newText: '' });
    assert.deepEqual(fix('a:\n  b: 1', set('a.c', 2)), {
      text: 'a:\n  b: 1\n  c: 2\n',
      edit: { offset: 3, length: 6, newText: '  b: 1\n  c: 2\n' },
    });
    assert.deepEqual(fix('a: 1\nb: 2\n', set('b', 2)).edit, { offset: 10, length: 0, newText: '' });
    assert.deepEqual(fix('x: 1\n', set('x', 12)).edit, { offset: 0, length: 5, newText: 'x: 12\n' });
    assert.deepEqual(fix('x: 12\n', set('x', 1)).edit, { offset: 0, length: 6, newText: 'x: 1\n' });
  });

  it('several changes: each applied to the text the last one left, and one edit for all of them', () => {
    const text = 'a: 1\nb:\n  c: 2\nd: 3\n';
    const { text: next, edit } = fix(text, set('a', 10), set('b.e', 'x y'), set('d', 30));
    assert.equal(next, 'a: 10\nb:\n  c: 2\n  e: "x y"\nd: 30\n');
    assert.deepEqual(edit, { offset: 0, length: text.length, newText: next });
    assert.equal(applySpanEdits(text, [edit]), next);
  });

  it('applySpanEdits applies edits given in any order against the original offsets', () => {
    const edits = [
      { offset: 0, length: 1, newText: 'A' },
      { offset: 4, length: 2, newText: '' },
      { offset: 2, length: 0, newText: '+' },
    ];
    assert.equal(applySpanEdits('abcdefg', edits), 'Ab+cdg');
    assert.equal(applySpanEdits('abcdefg', [...edits].reverse()), 'Ab+cdg');
    assert.equal(applySpanEdits('abc', []), 'abc');
  });

  it('property: the edit spans whole lines of the original and leaves the text before and after it as it was', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    const value = fc.oneof(fc.integer({ min: -99, max: 999 }), fc.constantFrom('x', 'y z', 'true'));
    const doc = fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value, { minKeys: 1 })), { minKeys: 1 });
    const path = fc.tuple(key, fc.option(key, { nil: undefined })).map(([k, k2]) => (k2 ? `${k}.${k2}` : k));
    fc.assert(
      fc.property(doc, fc.boolean(), path, value, (d, endsWithNewline, p, v) => {
        const yaml = Object.entries(d)
          .map(([k, x]) =>
            typeof x === 'object'
              ? `${k}:\n${Object.entries(x)
                  .map(([k2, y]) => `  ${k2}: ${yamlLiteral(y)}`)
                  .join('\n')}`
              : `${k}: ${yamlLiteral(x)}`,
          )
          .join('\n');
        const text = endsWithNewline ? `${yaml}\n` : yaml;
        let r: ReturnType<typeof fix>;
        try {
          r = fix(text, set(p, v));
        } catch (err) {
          if (!(err instanceof FixEditError)) throw err;
          return;
        }
        const { offset, length, newText } = r.edit;
        assert.equal(applySpanEdits(text, [r.edit]), r.text);
        assert.ok(offset === 0 || text[offset - 1] === '\n', 'starts at a line start');
        const end = offset + length;
        assert.ok(end === text.length || text[end - 1] === '\n' || length === 0, 'ends at a line end');
        assert.equal(r.text.slice(0, offset), text.slice(0, offset));
        assert.equal(r.text.slice(offset + newText.length), text.slice(end));
        // No more than the changed lines: the first and last lines of the region differ (or it is an insertion).
        if (length > 0 && newText.length > 0 && r.text !== text) {
          const firstOld = text.slice(offset, text.indexOf('\n', offset) + 1 || undefined);
          const firstNew = newText.slice(0, newText.indexOf('\n') + 1 || undefined);
          assert.ok(firstOld !== firstNew || length > firstOld.length, 'the first line is part of the change');
        }
      }),
      { numRuns: 300 },
    );
  });
});
