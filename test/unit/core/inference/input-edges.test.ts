/**
 * Edges of reading a selection (issue 22: survivors of `parse-input.ts` and `input-table.ts`): where the first line
 * starts after blank lines and indentation, a one-line selection, and what each cell problem is called and where.
 */
import * as assert from 'node:assert/strict';
import { cellError, placeText, writeCategory } from '../../../../core/src/inference/input-table';
import { parseInput, type TextContext } from '../../../../core/src/inference/parse-input';

const CTX: TextContext = {
  width: 2,
  featureOrder: { value: ['a', 'b'], source: 'the model metadata (feature_order)' },
  oneHot: undefined,
  inputLabel: 'input "x" [N, 2]',
  inputName: 'x',
};
const values = (text: string) => {
  const t = parseInput(text, CTX);
  return { format: t.format, values: [...t.values.subarray(0, t.n * t.width)] };
};

describe('parseInput: the delimiter comes from the first line that holds text', () => {
  it('blank lines and indentation before the header do not hide its delimiter', () => {
    assert.deepEqual(values('\n\n   a;b\n1;2\n'), { format: 'semicolon', values: [1, 2] });
    assert.deepEqual(values('  \n\ta,b\n3,4'), { format: 'csv', values: [3, 4] });
    // A first line without the delimiter would have said "whitespace" (the comma is on the next line only).
    assert.deepEqual(values('\n \n7,8'), { format: 'csv', values: [7, 8] });
  });

  it('a one-line selection is read to its last character', () => {
    assert.deepEqual(values('5;6'), { format: 'semicolon', values: [5, 6] });
    assert.deepEqual(values('  9,10'), { format: 'csv', values: [9, 10] });
    // The delimiter is the line's last character but one: cut one character short, the line would have none.
    assert.deepEqual(values('1 2'), { format: 'whitespace', values: [1, 2] });
    assert.equal(parseInput('11,1', CTX).format, 'csv');
  });

  it('only the first line decides: a comma in a later quoted note does not make a semicolon file CSV', () => {
    const ctx: TextContext = { ...CTX, fallbackHeader: undefined };
    const t = parseInput('a;b;note\n1;2;"x, y"\n', ctx);
    assert.deepEqual([t.format, [...t.values.subarray(0, 2)]], ['semicolon', [1, 2]]);
  });

  it('a one-line selection ending in its only comma is CSV (two cells, the second empty), not whitespace', () => {
    assert.throws(() => parseInput('1 2,', CTX), /"1 2" is not a number/);
  });

  it('JSON is recognised after leading whitespace', () => {
    assert.equal(parseInput('\n  [[1, 2]]', CTX).format, 'json-rows');
    assert.equal(parseInput(' \t{"a": 1, "b": 2}', CTX).format, 'json-object');
  });
});

describe('cell problems: what and where', () => {
  it('places: a line, a row, a row with its line', () => {
    assert.equal(placeText({ line: 4, column: 'age' }), 'Line 4, column "age"');
    assert.equal(placeText({ column: 'age' }), 'Line ?, column "age"');
    assert.equal(placeText({ row: 0, column: 'age' }), 'Row 1, column "age"');
    assert.equal(placeText({ row: 2, line: 9, column: 'age' }), 'Row 3 (line 9), column "age"');
  });

  it('missing, infinite and non-numbers are told apart, the cell quoted without its padding', () => {
    const at = { line: 3, column: 'age' };
    const nan = cellError(at, '  NaN ', NaN);
    assert.equal(nan.code, 'missing-value');
    assert.equal(
      nan.message,
      'Line 3, column "age" is "NaN": a missing value (NaN), which the model cannot use. Fill it in or leave the row out.',
    );
    assert.match(cellError(at, '   ', undefined).message, /^Line 3, column "age" is empty: a missing value/);
    const inf = cellError(at, ' inf ', Infinity);
    assert.equal(inf.code, 'missing-value');
    assert.match(inf.message, /^Line 3, column "age" is "inf": an infinite value/);
    const word = cellError(at, ' old ', undefined);
    assert.equal(word.code, 'not-a-number');
    assert.equal(
      word.message,
      'Line 3, column "age": "old" is not a number. The model takes numbers only; fix the cell or leave the row out.',
    );
  });

  it('a categorical cell is matched without its padding, one-hot over the known categories', () => {
    const v = new Float64Array(6).fill(-1);
    const cat = { column: 'colour', known: ['red', 'blue'], categories: ['red', 'blue'], features: [3, 5] };
    writeCategory(v, 0, cat as never, ' blue ', () => ({ line: 1, column: 'colour' }));
    assert.deepEqual([...v], [-1, -1, -1, 0, -1, 1]);
    assert.throws(
      () => writeCategory(v, 0, cat as never, 'green', () => ({ line: 2, column: 'colour' })),
      /^InferenceError: Line 2, column "colour": "green" is not a category the model knows \(red, blue\)\.$/,
    );
  });
});
