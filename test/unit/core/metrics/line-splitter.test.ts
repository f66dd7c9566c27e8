import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineSplitter, type LineSplitterOptions } from '../../../../core/src/metrics/line-splitter';

interface Split {
  lines: string[];
  offsets: number[];
  overlong: number;
}

/** Splits `data` pushed in the pieces `cuts` gives, then ends the input. */
function split(data: Buffer, cuts: readonly number[], options: LineSplitterOptions = {}): Split {
  const lines: string[] = [];
  const offsets: number[] = [];
  const s: LineSplitter = new LineSplitter((b, start, end) => {
    lines.push(b.toString('latin1', start, end));
    offsets.push(s.lineOffset);
  }, options);
  let from = 0;
  for (const to of [...[...cuts].sort((a, b) => a - b).filter((c) => c > 0 && c < data.length), data.length]) {
    s.push(data.subarray(from, to));
    from = to;
  }
  s.end();
  return { lines, offsets, overlong: s.overlong };
}

/** The obvious whole-buffer splitter the incremental one must agree with (no length cap). */
function reference(text: string, options: LineSplitterOptions): { lines: string[]; offsets: number[] } {
  const lines: string[] = [];
  const offsets: number[] = [];
  let start = 0;
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (options.quotes && c === '"') {
      inQuote = !inQuote;
      continue;
    }
    if (inQuote) continue;
    if (c === '\n' || (options.cr && c === '\r')) {
      let end = i;
      if (c === '\n' && !options.cr && end > start && text[end - 1] === '\r') end--;
      lines.push(text.slice(start, end));
      offsets.push(start);
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  if (start < text.length) {
    lines.push(text.slice(start));
    offsets.push(start);
  }
  return { lines, offsets };
}

const text = (chars: string[], maxLength = 300) =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));
const cuts = (max = 20) => fc.array(fc.nat(400), { maxLength: max });

describe('line splitter', () => {
  for (const [label, options, chars] of [
    ['plain lines (\\n, \\r\\n)', {}, ['a', 'b', ',', '\n', '\r', '"']],
    ['process output (\\r ends a line too)', { cr: true }, ['a', '1', '=', '\n', '\r']],
    ['CSV records (line ends inside quotes)', { quotes: true }, ['a', ',', '"', '\n', '\r']],
  ] as const) {
    it(`${label}: the same lines and offsets as a whole-buffer split, whatever the chunk boundaries`, () => {
      fc.assert(
        fc.property(text([...chars]), cuts(), (t, c) => {
          const got = split(Buffer.from(t, 'latin1'), c, options);
          assert.deepEqual({ lines: got.lines, offsets: got.offsets }, reference(t, options));
          assert.equal(got.overlong, 0);
        }),
        { numRuns: 500 },
      );
    });
  }

  it('skips lines longer than the cap, counts them, and keeps every other line whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')),
          { maxLength: 30 },
        ),
        cuts(),
        fc.integer({ min: 1, max: 20 }),
        (lines, c, cap) => {
          const data = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'latin1');
          const got = split(data, c, { maxLineBytes: cap });
          const bytes = lines.map((l) => Buffer.byteLength(l, 'latin1'));
          assert.deepEqual(
            got.lines,
            lines.filter((_, i) => (bytes[i] as number) <= cap),
          );
          assert.equal(got.overlong, bytes.filter((b) => b > cap).length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a stray quote in CSV costs one line, not the rest of the file', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},0.5`);
    const data = Buffer.from(`step,loss\n1,"oops\n${rows.join('\n')}\n`);
    const got = split(data, [7, 100, 5000], { quotes: true, maxLineBytes: 1024 });
    assert.equal(got.lines[1], '1,"oops', 'the line with the stray quote ends at its line end');
    assert.deepEqual(got.lines.slice(2), rows);
    assert.equal(got.offsets[2], data.indexOf('0,0.5'));
  });

  it('never hands on more than the cap, whatever the bytes', () => {
    fc.assert(
      fc.property(
        text(['a', '"', '\n', '\r', ','], 600),
        cuts(),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (t, c, cap, quotes) => {
          const got = split(Buffer.from(t, 'latin1'), c, { quotes, maxLineBytes: cap });
          for (const l of got.lines) assert.ok(l.length <= cap, `a line of ${l.length} bytes passed a cap of ${cap}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
