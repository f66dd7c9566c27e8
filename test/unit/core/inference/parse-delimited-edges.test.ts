/**
 * Edges of reading delimited rows (issue 22: survivors of `parse-delimited.ts`): blank lines and CRLF before the
 * header, which line each message names, the document's header for a selection without one, and what counts as a
 * header.
 */
import * as assert from 'node:assert/strict';
import { InferenceError } from '../../../../core/src/inference/errors';
import { isHeader, parseDelimited } from '../../../../core/src/inference/parse-delimited';
import type { TextContext } from '../../../../core/src/inference/parse-input';

const CTX: TextContext = {
  width: 2,
  featureOrder: { value: ['a', 'b'], source: 'the model metadata (feature_order)' },
  oneHot: undefined,
  inputLabel: 'input "x" [N, 2]',
  inputName: 'x',
};
const read = (text: string, ctx: Partial<TextContext> = {}) => parseDelimited(text, ',', 'csv', { ...CTX, ...ctx });
const message = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof InferenceError, String(err));
    return err.message;
  }
  return assert.fail('no error');
};

describe('parseDelimited: lines, headers and where messages point', () => {
  it('blank and CRLF lines before the header: the header and the rows keep their document lines', () => {
    const t = read('\r\n  \r\na,b\r\n1,2\r\n3,4\r\n', { firstLine: 10 });
    assert.equal(t.header, 'text');
    assert.equal(t.headerLine, 12);
    assert.deepEqual([...t.lines!], [13, 14]);
    assert.deepEqual([...t.values], [1, 2, 3, 4]);
    assert.deepEqual(t.cells(1), ['3', '4'], 'a row read back without its CR');
  });

  it('a row of the wrong width is named by its document line, after blank lines too', () => {
    assert.match(
      message(() => read('\n\na,b\n1,2\n1,2,3\n', { firstLine: 5 })),
      /^Row 2 \(line 9\) has 3 values, but the header has 2 columns\.$/,
    );
    // Without a header, the first row's own line is named in the width message.
    assert.match(
      message(() => read('\n1,2,3\n', { firstLine: 5 })),
      /Row 1 \(line 6\)/,
    );
  });

  it('a CR alone at the end of a line (Windows text) is not a blank line: a header of one CRLF line is read', () => {
    const t = read('a,b\r\n5,6');
    assert.deepEqual([t.header, [...t.values], [...t.lines!]], ['text', [5, 6], [2]]);
    // A line that is only a CR is blank.
    assert.deepEqual([...read('\r\n7,8').values], [7, 8]);
  });

  it("the document's header is used for a selection of rows only when it has as many columns", () => {
    const doc = read('1,2\n', { fallbackHeader: 'b,a' });
    assert.equal(doc.header, 'document');
    assert.deepEqual([...doc.values], [2, 1], 'the columns by the header’s names');
    assert.equal(doc.headerLine, undefined);
    const short = read('1,2\n', { fallbackHeader: 'a' });
    assert.equal(short.header, 'none');
    const numeric = read('1,2\n', { fallbackHeader: '3,4' });
    assert.equal(numeric.header, 'none', 'a first line of numbers is not a header');
    assert.match(
      message(() => read('1,2\n1\n', { fallbackHeader: 'b,a' })),
      /the document's header has 2 columns/,
    );
    assert.match(
      message(() => read('a,b\n1\n')),
      /the header has 2 columns/,
    );
  });

  it('what a header is: every cell text, none empty, none a number', () => {
    assert.equal(isHeader([]), false);
    assert.equal(isHeader(['a', 'b']), true);
    assert.equal(isHeader(['a', '']), false);
    assert.equal(isHeader(['a', '1e3']), false);
    assert.equal(isHeader(['nan', 'x']), false, 'a missing-value word is a (missing) value, not a name');
  });

  it('a whitespace-separated selection and a semicolon one read the same numbers', () => {
    const spaced = parseDelimited('1  2\n3 4', ' ', 'whitespace', CTX);
    const semi = parseDelimited('1;2\n3;4', ';', 'semicolon', CTX);
    assert.deepEqual([...spaced.values], [...semi.values]);
    assert.deepEqual([...spaced.values], [1, 2, 3, 4]);
  });
});
