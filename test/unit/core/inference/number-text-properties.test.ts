/**
 * Reading numbers and cells of an input file (issue 22, mutation testing of the `inference` area), by property and at
 * the boundaries: `cellNumber`/`TextNumberScanner` against JavaScript's own `Number()` on any decimal spelling
 * (signs, leading zeros, 15 and 16 digits, exponents at ±22 and beyond), the missing-value words and what ends them,
 * a number cut by the scan's limit; `splitLine` against the RFC 4180 quoting that wrote the line; `guessDelimiter`.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cellNumber, TextNumberScanner } from '../../../../core/src/inference/number-text';
import { guessDelimiter, splitLine } from '../../../../core/src/inference/split-line';

const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: max });

/** Any decimal spelling: [sign] digits [. digits] [e|E [sign] digits] (some of them not numbers: `.`, `1e`, `+`). */
const decimal = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    digits(20),
    fc.option(digits(20), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(4)), { nil: undefined }),
  )
  .map(([sign, int, frac, e]) => `${sign}${int}${frac === undefined ? '' : `.${frac}`}${e ? e.join('') : ''}`);

/** `Number()`'s answer where it reads a number, else undefined (what `cellNumber` promises for decimal text). */
const expected = (s: string) => {
  const v = Number(s);
  return s.trim() === '' || Number.isNaN(v) ? undefined : v;
};

describe('inference: numbers and cells of an input file, by property', () => {
  it('cellNumber reads every decimal spelling exactly as Number() does (and refuses what Number() refuses)', () => {
    fc.assert(
      fc.property(decimal, (s) => {
        const got = cellNumber(s);
        const want = expected(s);
        assert.ok(Object.is(got, want), `${JSON.stringify(s)}: ${got} ≠ ${want}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('exact at the edges of the fast path: 15 and 16 digits, powers of ten at ±22 and ±23, leading zeros, -0', () => {
    const cases = [
      '123456789012345',
      '1234567890123456',
      '9007199254740993',
      // 16 digits over 2^53: the mantissa is rounded once, the power of ten a second time (found by search)
      '9632940130951923e-1',
      '9747533810613257e-13',
      '9085682009436745e4',
      '0.000000000000000000001',
      '1e22',
      '1e23',
      '1e-22',
      '1e-23',
      '1.5e-22',
      '123456789012345e-22',
      '123456789012345e-23',
      '000000000000001.5',
      '0000000000000001.5',
      '8.589973e9',
      '-0',
      '-0.0e5',
      '+.5',
      '5.',
      '1E+2',
      '1e0',
      '1e100000',
      '1e-100000',
      '1e99999999',
      '2.2250738585072011e-308',
      '0.1',
      '0.3',
    ];
    for (const s of cases) assert.ok(Object.is(cellNumber(s), Number(s)), `${s}: ${cellNumber(s)} ≠ ${Number(s)}`);
    for (const s of ['', '  ', '.', '-', '+', '1e', '1e+', '1.2.3', '--1', '1-', 'e5', '0x10', '1 2', '1,5'])
      assert.equal(cellNumber(s), undefined, JSON.stringify(s));
    assert.equal(cellNumber('  42 \t'), 42);
  });

  it('a number inside a line: scanned up to its end, with the same value; cut by the limit, no number', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(',', '\t', ' ', ';', '\n', '"', ']', '}'), digits(3), (s, delim, tail) => {
        const line = `${s}${delim}${tail}`;
        const scanner = new TextNumberScanner();
        const v = scanner.scan(line, 0, s.length);
        const want = expected(s);
        if (want === undefined) {
          // Not a number (`.`, `1e`, `+`): no number, and nothing consumed.
          assert.equal(scanner.end, -1, JSON.stringify(line));
          assert.ok(Number.isNaN(v));
        } else {
          assert.equal(scanner.end, s.length, JSON.stringify(line));
          assert.ok(Object.is(v, want), `${JSON.stringify(line)}: ${v} ≠ ${want}`);
          // A limit before the number's end (the caller's delimiter inside it): no number.
          if (s.length > 1) {
            const cut = new TextNumberScanner();
            const w = cut.scan(line, 0, s.length - 1);
            assert.ok(cut.end === -1 && Number.isNaN(w), `${JSON.stringify(line)} cut at ${s.length - 1}`);
          }
        }
      }),
      { numRuns: 2000 },
    );
    // Scanning from a position inside the line.
    const scanner = new TextNumberScanner();
    assert.equal(scanner.scan('a,-2.5e1,b', 2, 8), -25);
    assert.equal(scanner.end, 8);
  });

  it('missing-value words in any case are NaN or ±Infinity with their end; a delimiter or the limit ends them', () => {
    const words: [string, number][] = [
      ['NaN', NaN],
      ['nan', NaN],
      ['-nan', NaN],
      ['+NAN', NaN],
      ['inf', Infinity],
      ['+inf', Infinity],
      ['-inf', -Infinity],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
      ['+INFINITY', Infinity],
      ['null', NaN],
      ['None', NaN],
      ['NA', NaN],
      ['n/a', NaN],
      ['N/A', NaN],
    ];
    for (const [word, value] of words) {
      assert.ok(Object.is(cellNumber(word), value), word);
      for (const delim of [',', '\t', ' ', ';', '\r', '\n', '"', ']', '}']) {
        const scanner = new TextNumberScanner();
        const line = `${word}${delim}7`;
        assert.ok(Object.is(scanner.scan(line, 0, line.length), value), JSON.stringify(line));
        assert.equal(scanner.end, word.length, JSON.stringify(line));
      }
      // Up to the limit, not past it.
      const scanner = new TextNumberScanner();
      assert.ok(Object.is(scanner.scan(`${word}xyz`, 0, word.length), value), `${word}xyz`);
      assert.equal(scanner.end, word.length);
    }
    for (const word of ['nana', 'infinit', 'infinityy', 'nul', 'n/', 'na/n', '-null', 'inf-', 'x', ':', '-'])
      assert.equal(cellNumber(word), undefined, word);
    // Far into a line (the word's 12-character bound counts from where it starts).
    const far = new TextNumberScanner();
    assert.ok(Number.isNaN(far.scan('1,2,3,4,5,6,nan,8', 12, 15)));
    assert.equal(far.end, 15);
    assert.ok(Object.is(far.scan('1,2,3,4,5,6,-Infinity', 12, 21), -Infinity));
    assert.equal(far.end, 21);
    // A delimiter inside the limit ends the word; none before the limit: the limit does.
    const spaced = new TextNumberScanner();
    assert.ok(Object.is(spaced.scan('-Infinity   ', 0, 12), -Infinity));
    assert.equal(spaced.end, 9);
  });

  /** A cell as a CSV writer quotes it: when it holds the delimiter, a quote, or space at an end. */
  const quote = (cell: string, delimiter: string) =>
    cell.includes(delimiter) || cell.includes('"') || cell !== cell.trim() || cell.includes('\t')
      ? `"${cell.replace(/"/g, '""')}"`
      : cell;
  const cell = fc.string({ unit: fc.constantFrom('a', '1', ' ', ',', ';', '"', '\t', '.'), maxLength: 8 });

  for (const delimiter of [',', ';', '\t']) {
    it(`splitLine reads back any row a CSV writer quoted (delimiter ${JSON.stringify(delimiter)})`, () => {
      fc.assert(
        fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (cells) => {
          // Unquoted cells come back trimmed; quoted ones as written.
          const written = cells.map((c) => quote(c, delimiter));
          const want = cells.map((c, i) => (written[i] === c ? c.trim() : c));
          assert.deepEqual(splitLine(written.join(delimiter), delimiter), want, JSON.stringify(written));
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('splitLine at the edges: an empty line, a trailing delimiter, space around quotes, an unclosed quote', () => {
    assert.deepEqual(splitLine('', ','), ['']);
    assert.deepEqual(splitLine('a,', ','), ['a', '']);
    assert.deepEqual(splitLine(',', ','), ['', '']);
    assert.deepEqual(splitLine('a,,b', ','), ['a', '', 'b']);
    assert.deepEqual(splitLine('  "x, y"  ,b', ','), ['x, y', 'b']);
    assert.deepEqual(splitLine('"a""b",c', ','), ['a"b', 'c']);
    assert.deepEqual(splitLine('"unclosed, cell', ','), ['unclosed, cell']);
    assert.deepEqual(splitLine('"q"rest,c', ','), ['q', 'c']);
    assert.deepEqual(splitLine('\t a\t,b', ','), ['a', 'b']);
    assert.deepEqual(splitLine('\t"a, b",c', ','), ['a, b', 'c'], 'a tab before a quoted cell is skipped');
    assert.deepEqual(splitLine('a\t\tb', '\t'), ['a', '', 'b'], 'with the tab as delimiter, a tab is a cell');
    assert.deepEqual(splitLine('a\t b\t', '\t'), ['a', 'b', '']);
    assert.deepEqual(splitLine('a::b', '::'), ['a', 'b']);
    assert.deepEqual(splitLine('a::', '::'), ['a', '']);
    assert.deepEqual(splitLine('  1 \t 2   3  ', ' '), ['1', '2', '3']);
    assert.deepEqual(splitLine('   ', ' '), []);
  });

  it('guessDelimiter: tab, then comma, then semicolon, else whitespace; aligned numbers with tabs are whitespace', () => {
    assert.equal(guessDelimiter('a\tb,c'), '\t');
    assert.equal(guessDelimiter('a,b;c'), ',');
    assert.equal(guessDelimiter('a;b c'), ';');
    assert.equal(guessDelimiter('a b'), ' ');
    assert.equal(guessDelimiter(''), ' ');
    assert.equal(guessDelimiter('1   2\t3'), ' ', 'aligned output');
    assert.equal(guessDelimiter('-1.5 2\t3'), ' ');
    assert.equal(guessDelimiter('+1 -2\t3'), ' ');
    assert.equal(guessDelimiter('.5 1\t3'), ' ');
    assert.equal(guessDelimiter('1\t2 3'), ' ');
    assert.equal(guessDelimiter('x 1\t3'), '\t', 'a cell that starts with a word is TSV');
    assert.equal(guessDelimiter('1 x\t3'), '\t', 'a number then a word is TSV');
    assert.equal(guessDelimiter('1\t2'), '\t');
    assert.equal(guessDelimiter('a b\tc d'), '\t');
    assert.equal(guessDelimiter('x 1 2\t3'), '\t', 'numbers after a word in a cell: TSV');
    assert.equal(guessDelimiter('a\t 1 2'), ' ', 'numbers after leading space: aligned');
  });
});
