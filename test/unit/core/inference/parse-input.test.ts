import * as assert from 'node:assert/strict';
import { InferenceError } from '../../../../core/src/inference/errors';
import type { InputTable } from '../../../../core/src/inference/input-table';
import { parseInput, type TextContext } from '../../../../core/src/inference/parse-input';

const ORDER = { value: ['income', 'age', 'debt'], source: 'the model metadata (feature_order)' };
const CTX: TextContext = {
  width: 3,
  featureOrder: ORDER,
  oneHot: undefined,
  inputLabel: 'input "features" [N, 3]',
  inputName: 'features',
};
const rows = (t: InputTable) =>
  Array.from({ length: t.n }, (_, r) => Array.from(t.values.subarray(r * t.width, (r + 1) * t.width)));

function fails(text: string, code: InferenceError['code'], message: RegExp | string, ctx: TextContext = CTX): void {
  assert.throws(
    () => parseInput(text, ctx),
    (err: unknown) => {
      assert.ok(err instanceof InferenceError, String(err));
      assert.equal(err.code, code, err.message);
      if (typeof message === 'string') assert.equal(err.message, message);
      else assert.match(err.message, message);
      return true;
    },
  );
}

describe('core inference: parsing every input format', () => {
  it('CSV with a header maps names to the feature order, ignores extra columns and keeps the source cells', () => {
    const t = parseInput('age,debt,outcome,income\n30,0.5,good,1000\n41,0.25,default,2500.5\n', CTX);
    assert.equal(t.format, 'csv');
    assert.equal(t.header, 'text');
    assert.deepEqual(rows(t), [
      [1000, 30, 0.5],
      [2500.5, 41, 0.25],
    ]);
    assert.deepEqual(t.features, ORDER.value);
    assert.deepEqual(t.ignored, ['outcome']);
    assert.deepEqual(t.columns, ['age', 'debt', 'outcome', 'income']);
    assert.deepEqual(t.cells(1), ['41', '0.25', 'default', '2500.5']);
    assert.deepEqual(Array.from(t.lines!), [2, 3]);
    assert.equal(t.headerLine, 1);
  });

  it('matches header names ignoring case and surrounding spaces', () => {
    assert.deepEqual(rows(parseInput(' Income , AGE ,Debt\n1,2,3', CTX)), [[1, 2, 3]]);
  });

  it('CSV rows without a header: positional, or mapped by the document header line when one is given', () => {
    assert.deepEqual(rows(parseInput('1,2,3\n4,5,6', CTX)), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const t = parseInput('30,0.5,good,1000\n41,0.25,default,2500', {
      ...CTX,
      fallbackHeader: 'age,debt,outcome,income',
      firstLine: 14,
    });
    assert.equal(t.header, 'document');
    assert.deepEqual(rows(t), [
      [1000, 30, 0.5],
      [2500, 41, 0.25],
    ]);
    assert.deepEqual(Array.from(t.lines!), [14, 15]);
  });

  it('TSV, semicolons, whitespace- and comma-separated numbers, CRLF, blank lines, quotes, signs and exponents', () => {
    assert.equal(parseInput('income\tage\tdebt\n1\t2\t3', CTX).format, 'tsv');
    assert.deepEqual(rows(parseInput('income\tage\tdebt\n1\t2\t3', CTX)), [[1, 2, 3]]);
    assert.equal(parseInput('1;2;3', CTX).format, 'semicolon');
    const ws = parseInput('  1   2\t3\n\n4 5 6  \n', CTX);
    assert.equal(ws.format, 'whitespace');
    assert.deepEqual(rows(ws), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(rows(parseInput('1, 2, 3\r\n-4.5, +5e2, 1.5E-3\r\n', CTX)), [
      [1, 2, 3],
      [-4.5, 500, 0.0015],
    ]);
    assert.deepEqual(rows(parseInput('income,age,debt\n"1000.5","2",3', CTX)), [[1000.5, 2, 3]]);
    assert.deepEqual(parseInput('income,age,debt,note\n1,2,3,"a, b"', CTX).cells(0), ['1', '2', '3', 'a, b']);
    assert.deepEqual(rows(parseInput('a,b,c\n"7",8,9', { ...CTX, featureOrder: undefined })), [[7, 8, 9]]);
    assert.deepEqual(rows(parseInput('0.1234567890123456789,12345678901234567890,3', CTX)), [
      [0.1234567890123456789, 12345678901234567890, 3],
    ]);
  });

  it('JSON: array of arrays, one flat array, array of objects, one object, {"<input>": rows}', () => {
    const arrays = parseInput('[[1,2,3],[4,5,6]]', CTX);
    assert.equal(arrays.format, 'json-rows');
    assert.deepEqual(rows(arrays), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(rows(parseInput(' [1, 2, "3"] ', CTX)), [[1, 2, 3]]);
    const objects = parseInput(
      '[{"age": 30, "income": 1000, "debt": 0.5, "id": "a"}, {"debt": 1, "age": 2, "income": 3, "id": "b"}]',
      CTX,
    );
    assert.equal(objects.format, 'json-objects');
    assert.deepEqual(rows(objects), [
      [1000, 30, 0.5],
      [3, 2, 1],
    ]);
    assert.deepEqual(objects.ignored, ['id']);
    assert.deepEqual(objects.cells(1), ['2', '3', '1', 'b']);
    const one = parseInput('{"income": 5, "age": 6, "debt": 7}', CTX);
    assert.equal(one.format, 'json-object');
    assert.deepEqual(rows(one), [[5, 6, 7]]);
    assert.deepEqual(rows(parseInput('{"features": [[1,2,3]]}', CTX)), [[1, 2, 3]]);
  });

  it('JSON lines of arrays or of objects, with document line numbers', () => {
    const t = parseInput('[1,2,3]\n\n[4,5,6]\n', { ...CTX, firstLine: 10 });
    assert.equal(t.format, 'jsonl');
    assert.deepEqual(rows(t), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.deepEqual(Array.from(t.lines!), [10, 12]);
    assert.deepEqual(rows(parseInput('{"income":1,"age":2,"debt":3}\n{"income":4,"age":5,"debt":6}', CTX)), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('one-hot columns: a categorical column feeds its `column=category` features; a dropped category feeds zeros', () => {
    const ctx: TextContext = {
      ...CTX,
      width: 3,
      featureOrder: { value: ['size', 'color=red', 'color=blue'], source: 'model.json (feature_order)' },
      oneHot: { color: ['green', 'red', 'blue'] },
    };
    const t = parseInput('size,color\n1.5,blue\n2,red\n3,green', ctx);
    assert.deepEqual(rows(t), [
      [1.5, 0, 1],
      [2, 1, 0],
      [3, 0, 0],
    ]);
    fails(
      'size,color\n1,purple',
      'unknown-category',
      'Row 1 (line 2), column "color": "purple" is not a category the model knows (green, red, blue).',
      ctx,
    );
    assert.deepEqual(rows(parseInput('[{"size": 1, "color": "red"}]', ctx)), [[1, 1, 0]]);
  });

  it('a large CSV parses in one pass (100,000 rows)', () => {
    const line = '41766,62,0.379\n';
    const t = parseInput(`income,age,debt\n${line.repeat(100_000)}`, CTX);
    assert.equal(t.n, 100_000);
    assert.deepEqual(rows(t).at(-1), [41766, 62, 0.379]);
  });
});

describe('core inference: input validation messages', () => {
  it('names the row, line and column of a non-numeric cell', () => {
    fails(
      'income,age,debt\n1,2,3\n4,abc,6',
      'not-a-number',
      'Row 2 (line 3), column "age": "abc" is not a number. The model takes numbers only; fix the cell or leave the row out.',
    );
    fails('1,2,3\n4,5,six', 'not-a-number', /^Row 2 \(line 2\), column "debt": "six" is not a number/);
    fails('1 2 3x', 'not-a-number', /^Row 1 \(line 1\), column "debt": "3x" is not a number/);
    fails('[{"income": 1, "age": true, "debt": 3}]', 'not-a-number', /^Row 1, column "age": "true" is not a number/);
  });

  it('NaN, empty, null and infinite cells are missing values', () => {
    fails(
      'income,age,debt\n1,NaN,3',
      'missing-value',
      'Row 1 (line 2), column "age" is "NaN": a missing value (NaN), which the model cannot use. Fill it in or leave the row out.',
    );
    fails('income,age,debt\n1,,3', 'missing-value', /^Row 1 \(line 2\), column "age" is empty: a missing value/);
    fails('[[1, null, 3]]', 'missing-value', /^Row 1, column "age" is "null": a missing value/);
    fails('1,inf,3', 'missing-value', /^Row 1 \(line 1\), column "age" is "inf": an infinite value/);
    fails('[{"income": 1, "debt": 3}]', 'missing-column', /The input has no column "age"/);
    fails(
      '[{"income": 1, "age": 2, "debt": 3}, {"income": 1, "debt": 3}]',
      'missing-value',
      'Row 2, column "age" is missing from this object: a missing value, which the model cannot use.',
    );
  });

  it('feature count: row width against the model input, with the features it takes', () => {
    fails(
      '1,2,3,4',
      'feature-count',
      'Row 1 (line 1) has 4 values, but the model input "features" [N, 3] takes 3 features (income, age, debt).',
    );
    fails(
      '[[1,2]]',
      'feature-count',
      'Row 1 has 2 values, but the model input "features" [N, 3] takes 3 features (income, age, debt).',
    );
    fails(
      '1,2,3\n4,5',
      'feature-count',
      'Row 2 (line 2) has 2 values, but the model input "features" [N, 3] takes 3 (income, age, debt).',
    );
    fails(
      'a,b,c,d\n1,2,3,4',
      'feature-count',
      /^The input has 4 columns \(a, b, c, d\), but the model input "features" \[N, 3\] takes 3 features, and no feature order says which to use/,
      { ...CTX, featureOrder: undefined },
    );
    fails(
      'a,b\n1,2',
      'feature-count',
      /^The feature order from model\.json lists 2 features, but the model input "features" \[N, 3\] takes 3/,
      { ...CTX, featureOrder: { value: ['a', 'b'], source: 'model.json' } },
    );
  });

  it('a missing column names the column, where the feature order came from, and the columns there are', () => {
    fails(
      'income,debt\n1,2',
      'missing-column',
      'The input has no column "age", which the model needs. Its features (from the model metadata (feature_order)) are income, age, debt; the input\'s columns are income, debt.',
    );
  });

  it('ragged rows, empty input, header without rows, invalid JSON, mixed JSON, nested arrays (rank)', () => {
    fails('income,age,debt\n1,2,3\n4,5', 'ragged', 'Row 2 (line 3) has 2 values, but the header has 3 columns.');
    fails('  \n \n', 'no-rows', /^The input has no rows/);
    fails('income,age,debt\n', 'no-rows', /has a header but no rows/);
    fails('[[1,2,3],', 'bad-json', /^The input looks like JSON but is not valid JSON: /);
    fails('[1,2,3]\n{"income": 1, "age": 2, "debt": 3}', 'bad-json', /mix arrays and objects/);
    fails('[[1,2,3],{"a":1}]', 'bad-json', /mixes rows of different kinds/);
    fails(
      '[[[1,2,3]],[[4,5,6]]]',
      'rank',
      'The input is a rank-3 array (rows of arrays), but the model input "features" [N, 3] takes rows of plain numbers (rank 2: [rows, features]).',
    );
    fails('[]', 'no-rows', /empty array/);
  });
});
