/**
 * The WebAssembly row kernel against the exact path: random delimited tables with every number spelling the fast
 * path takes or hands over (signs, decimals, leading zeros, spaces, quotes, exponents, 16+ digits, CRLF, blank lines,
 * non-ASCII text), parsed through `parseInput`, must give what `Number()` gives for each cell, with the right lines.
 */
import * as assert from 'node:assert/strict';
import { parseInput, type TextContext } from '../../../../core/src/inference/parse-input';
import { readRows } from '../../../../core/src/inference/rows-kernel';
import { mulberry32 } from '../../../support/random';

const SPELLINGS: Array<(rnd: () => number) => string> = [
  (r) => String(Math.floor(r() * 100_000)),
  (r) => (r() * 1000).toFixed(Math.floor(r() * 6)),
  (r) => `-${(r() * 10).toFixed(3)}`,
  (r) => `+${Math.floor(r() * 50)}`,
  (r) => `00${Math.floor(r() * 9)}`,
  (r) => `.${Math.floor(r() * 999)}`,
  (r) => `${Math.floor(r() * 99)}.`,
  (r) => `  ${Math.floor(r() * 10)} `,
  (r) => `"${(r() * 5).toFixed(2)}"`,
  (r) => `${(r() * 9).toFixed(1)}e${Math.floor(r() * 5) - 2}`,
  (r) => `1234567890123456${Math.floor(r() * 9)}`,
  (r) => `0.${String(Math.floor(r() * 1e15)).padStart(15, '0')}`,
  () => '-0',
];

const unquote = (cell: string) => cell.trim().replace(/^"(.*)"$/, '$1');

describe('core inference: the WebAssembly row kernel', () => {
  it('gives Number() of every cell, in feature order, with document lines, over 300 random tables', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = mulberry32(seed);
      const features = 1 + Math.floor(rnd() * 6);
      const names = Array.from({ length: features }, (_, i) => `f${i}`);
      const columns = [...names, 'note'].sort(() => rnd() - 0.5); // an ignored text column somewhere
      const delimiter = [',', '\t', ';'][Math.floor(rnd() * 3)]!;
      const eol = rnd() < 0.3 ? '\r\n' : '\n';
      const lines = [columns.join(delimiter)];
      const expected: number[][] = [];
      const expectedLines: number[] = [];
      const rows = Math.floor(rnd() * 40);
      for (let r = 0; r < rows; r++) {
        if (rnd() < 0.1) lines.push(rnd() < 0.5 ? '' : '  \t');
        const cells = columns.map((c) =>
          c === 'note'
            ? ['good', 'défaut', '违约', 'ok 🙂', ''][Math.floor(rnd() * 5)]!
            : SPELLINGS[Math.floor(rnd() * SPELLINGS.length)]!(rnd),
        );
        lines.push(cells.join(delimiter));
        expectedLines.push(lines.length);
        expected.push(names.map((n) => Number(unquote(cells[columns.indexOf(n)]!))));
      }
      const text = lines.join(eol) + (rnd() < 0.5 ? eol : '');
      const ctx: TextContext = {
        width: features,
        featureOrder: { value: names, source: 'test' },
        oneHot: undefined,
        inputLabel: 'x',
        inputName: 'x',
      };
      if (rows === 0) {
        assert.throws(() => parseInput(text, ctx), /no rows/, `seed ${seed}`);
        continue;
      }
      const t = parseInput(text, ctx);
      const got = Array.from({ length: t.n }, (_, r) => Array.from(t.values.subarray(r * t.width, (r + 1) * t.width)));
      assert.deepEqual(got, expected, `seed ${seed}: ${JSON.stringify(text.slice(0, 300))}`);
      assert.deepEqual(Array.from(t.lines!), expectedLines, `seed ${seed}: lines`);
      assert.deepEqual(
        t.cells(t.n - 1).map((c) => c.trim()),
        lines[expectedLines.at(-1)! - 1]!.split(delimiter).map((c) => unquote(c)),
        `seed ${seed}: cells`,
      );
    }
  });

  it('keeps string offsets past non-ASCII text (a Chinese header, an emoji) for cells and slow rows', () => {
    const ctx: TextContext = {
      width: 2,
      featureOrder: { value: ['收入', '年龄'], source: 'test' },
      oneHot: undefined,
      inputLabel: 'x',
      inputName: 'x',
    };
    const t = parseInput('备注,收入,年龄\n🙂🙂,1000,30\n违约,"2500.5",41\n', ctx);
    assert.deepEqual(Array.from(t.values), [1000, 30, 2500.5, 41]);
    assert.deepEqual(t.cells(0), ['🙂🙂', '1000', '30']);
    assert.deepEqual(t.cells(1), ['违约', '2500.5', '41']);
    assert.throws(
      () => parseInput('备注,收入,年龄\n🙂,1000,30\n违约,x,41\n', ctx),
      /Row 2 \(line 3\), column "收入": "x" is not a number/,
    );
  });

  it('one call does not see another’s data: a wide input, then a narrow one in the same memory', () => {
    const wide = readRows('1,2,3,4\n5,6,7,8\n', 0, 1, 44, Int32Array.from([0, 1, 2, 3]), 4, true);
    assert.deepEqual(Array.from(wide.values), [1, 2, 3, 4, 5, 6, 7, 8]);
    const narrow = readRows('9\n', 0, 1, 44, Int32Array.from([0]), 1, true);
    assert.deepEqual(
      [narrow.n, Array.from(narrow.values), Array.from(narrow.lines), Array.from(narrow.slow)],
      [1, [9], [1], []],
    );
    assert.deepEqual(
      Array.from(wide.values),
      [1, 2, 3, 4, 5, 6, 7, 8],
      'results are copies, not views of the kernel’s memory',
    );
  });

  it('lists the rows it cannot read for the exact path (row, start, end, line) and skips blank lines', () => {
    const text = '1,2\n\n3,x\n 4 , 5 \n"6",7\r\n8e1,9';
    const r = readRows(text, 0, 10, 44, Int32Array.from([0, 1]), 2, true);
    assert.equal(r.n, 5);
    assert.deepEqual(Array.from(r.lines), [10, 12, 13, 14, 15]);
    const slow = Array.from({ length: r.slow.length / 4 }, (_, i) => Array.from(r.slow.subarray(i * 4, i * 4 + 4)));
    const at = (s: string) => text.indexOf(s);
    assert.deepEqual(slow, [
      [1, at('3,x'), at('3,x') + 3, 12],
      [3, at('"6"'), at('"6"') + 5, 14],
      [4, at('8e1'), text.length, 15],
    ]);
    assert.deepEqual(Array.from(r.values.subarray(0, 2)), [1, 2]);
    assert.deepEqual(Array.from(r.values.subarray(4, 6)), [4, 5]);
  });

  it('reads 15 significant digits exactly as Number() does', () => {
    const cells = [
      '0.12345678901234',
      '999999999999999',
      '123456.789012345',
      '-0.00000000000001',
      '0.1',
      '0.7',
      '1.005',
    ];
    const r = readRows(cells.join('\n'), 0, 1, 44, Int32Array.from([0]), 1, true);
    assert.deepEqual(Array.from(r.values), cells.map(Number));
    assert.equal(r.slow.length, 0, 'all on the fast path');
  });
});
