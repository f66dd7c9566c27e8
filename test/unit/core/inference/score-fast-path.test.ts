/**
 * The fast path of a scored file held to simple, obvious ones on random input: numbers read from the bytes
 * (`ByteRowKernel`) against a line-by-line parse with `splitLine`/`cellNumber` and against the text path the
 * reader had before (UTF-16 kernel); the file read in chunks (`lineChunks`) against `split('\n')`; results
 * formatted by the kernel against the TypeScript writer; and a whole `scoreFile` against the reference classifier,
 * line by line, errors included. Inputs: quoted fields, CRLF, blank lines, exponents, NaN/empty cells, a BOM,
 * non-ASCII text, lines longer than the limit.
 */
import * as assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { PlanContext } from '../../../../core/src/inference/column-plan';
import { InferenceError } from '../../../../core/src/inference/errors';
import { cellError } from '../../../../core/src/inference/input-table';
import { cellNumber } from '../../../../core/src/inference/number-text';
import type { Predictions } from '../../../../core/src/inference/outputs';
import { scoreFile } from '../../../../core/src/inference/score-file';
import { lineChunks } from '../../../../core/src/inference/score-lines';
import { ScoreCsv } from '../../../../core/src/inference/score-output';
import { openRowReader, type ChunkRows, type RowError } from '../../../../core/src/inference/score-rows';
import { fileSink } from '../../../../core/src/inference/score-sink';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { splitLine } from '../../../../core/src/inference/split-line';
import { classifierBytes, classifierReference, classifierTolerance, saveModel } from '../../../support/onnx-graphs';

/** Spellings of a numeric cell: ones the kernel reads itself and ones it hands to the exact path. */
const numberCell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -99_999, max: 99_999 }).map(String) },
  {
    weight: 6,
    arbitrary: fc.tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.nat(7)).map(([v, d]) => v.toFixed(d)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.double({ min: -9, max: 9, noNaN: true }), fc.integer({ min: -30, max: 30 }), fc.constantFrom('e', 'E'))
      .map(([m, e, x]) => `${m.toFixed(3)}${x}${e}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      'NaN',
      'nan',
      'inf',
      '-Infinity',
      'null',
      'x',
      '1x',
      '.5',
      '5.',
      '+3',
      '-0',
      '007',
      '"4.5"',
      '" 2 "',
      '"1,5"',
      '""',
      '1e',
      '12345678901234567',
      '0.000000000000000012',
      ' 3 ',
    ),
  },
);
const noteCell = fc.constantFrom('good', 'default', '', '"a, b"', '"say ""hi"""', 'Zoë', '中文', 'ok 🙂', ' x ');

interface Table {
  readonly text: string;
  readonly delimiter: string;
  readonly names: readonly string[];
  readonly features: readonly string[];
}

/**
 * A random delimited table: a header (the feature names, a note column somewhere, perhaps a BOM), rows good and
 * bad, blank lines, LF and CRLF ends mixed, the last line with or without one.
 */
const tableOf = (featureNames: readonly string[], minFeatures: number, delimiters: readonly string[]) =>
  fc
    .record({
      features: fc.integer({ min: minFeatures, max: featureNames.length }),
      notePos: fc.nat(5),
      delimiter: fc.constantFrom(...delimiters),
      bom: fc.boolean(),
      rows: fc.array(
        fc.oneof(
          {
            weight: 8,
            arbitrary: fc.record({
              kind: fc.constant('row' as const),
              cells: fc.array(numberCell, { minLength: 6, maxLength: 6 }),
              note: noteCell,
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({ kind: fc.constant('ragged' as const), n: fc.integer({ min: 0, max: 9 }) }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant('blank' as const),
              text: fc.constantFrom('', '  ', '\t', ' \t '),
            }),
          },
        ),
        { maxLength: 40 },
      ),
      ends: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 41, maxLength: 41 }),
      lastEnd: fc.boolean(),
    })
    .map((t): Table => {
      const features = featureNames.slice(0, t.features);
      const names = [...features];
      names.splice(Math.min(t.notePos, names.length), 0, 'note');
      const d = t.delimiter;
      const lines = [(t.bom ? '\uFEFF' : '') + names.join(d)];
      for (const r of t.rows) {
        if (r.kind === 'blank') lines.push(r.text);
        else if (r.kind === 'ragged') lines.push(Array.from({ length: r.n }, (_, i) => String(i)).join(d));
        else {
          let c = 0;
          // A cell with the delimiter inside quotes is one cell; unquoted it would be two.
          lines.push(names.map((n) => (n === 'note' ? r.note : r.cells[c++]!)).join(d));
        }
      }
      let text = '';
      lines.forEach((l, i) => {
        text += l + (i < lines.length - 1 || t.lastEnd ? t.ends[i]! : '');
      });
      return { text, delimiter: d, names, features };
    });
const table = tableOf(['f0', 'f1', 'f2', 'f3', 'f4'], 1, [',', '\t', ';']);

const ctxFor = (features: readonly string[]): PlanContext => ({
  width: features.length,
  featureOrder: { value: features, source: 'test' },
  oneHot: undefined,
  inputLabel: 'input "x"',
});

interface Parsed {
  readonly rows: number[][];
  readonly lines: number[];
  readonly errors: RowError[];
}

/** The obvious parse: every line split by `splitLine`, every feature cell read by `cellNumber`. */
function simpleParse(t: Table): Parsed {
  const rows: number[][] = [];
  const lines: number[] = [];
  const errors: RowError[] = [];
  const all = t.text.split('\n');
  for (let i = 1; i < all.length; i++) {
    const line = i + 1;
    const row = all[i]!.replace(/\r$/, '');
    if (/^[ \t]*$/.test(row)) continue;
    const cells = splitLine(row, t.delimiter);
    if (cells.length !== t.names.length) {
      errors.push({
        line,
        message: `Line ${line} has ${cells.length} value${cells.length === 1 ? '' : 's'}, but the header has ${t.names.length}.`,
      });
      continue;
    }
    const values = new Array<number>(t.features.length);
    let message: string | undefined;
    for (let col = 0; col < cells.length && message === undefined; col++) {
      const f = t.features.indexOf(t.names[col]!);
      if (f < 0) continue;
      const v = cellNumber(cells[col]!);
      if (v === undefined || !Number.isFinite(v))
        message = cellError({ line, column: t.names[col]! }, cells[col]!, v).message;
      else values[f] = v;
    }
    if (message !== undefined) errors.push({ line, message });
    else {
      rows.push(values);
      lines.push(line);
    }
  }
  return { rows, lines, errors };
}

/** The table's data lines (after the header) through a reader, as `scoreFile` feeds it: bytes, ASCII or not. */
function readerParse(t: Table, path: 'bytes' | 'text'): Parsed & { sources: string[] } {
  const raw = Buffer.from(t.text);
  const nl = raw.indexOf(10);
  const reader = openRowReader(raw.toString('utf8', 0, nl === -1 ? raw.length : nl), 1, ctxFor(t.features));
  const body = raw.subarray(nl === -1 ? raw.length : nl + 1);
  const c = reader.read(body, path === 'bytes' ? isAscii(body) : false, 2);
  const w = reader.width;
  return {
    rows: Array.from({ length: c.n }, (_, r) => Array.from(c.values.subarray(r * w, (r + 1) * w))),
    lines: Array.from(c.lines),
    // The English text (the results CSV's); the phrase beside it says the same (score-file.test checks it in zh-cn).
    errors: c.errors.map(({ line, message }) => ({ line, message })),
    sources: Array.from({ length: c.n }, (_, r) => c.source!(r)),
  };
}

describe('scoreFile fast path: bytes, chunks and results against the simple paths (property)', () => {
  it('numbers read from the bytes equal the line-by-line parse and the text path: values (bit for bit), lines, errors', () => {
    fc.assert(
      fc.property(table, (t) => {
        const simple = simpleParse(t);
        const bytes = readerParse(t, 'bytes');
        const text = readerParse(t, 'text');
        assert.deepStrictEqual(bytes.rows, simple.rows, 'values (Object.is: -0 too)');
        assert.deepStrictEqual(bytes.lines, simple.lines);
        assert.deepStrictEqual(bytes.errors, simple.errors);
        assert.deepStrictEqual(bytes, text, 'the text path gives the same, sources included');
        const all = t.text.split('\n');
        bytes.lines.forEach((line, r) => assert.equal(bytes.sources[r], all[line - 1]!.replace(/\r$/, '')));
      }),
      { numRuns: 400 },
    );
  });

  it('JSON lines read from the bytes equal JSON.parse line by line: values (bit for bit), lines, errors', () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => JSON.stringify(v)) },
      { weight: 4, arbitrary: fc.integer({ min: -99_999, max: 99_999 }).map(String) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '-0',
          '0',
          '0.5',
          '00',
          '01',
          '1.',
          '.5',
          '+1',
          '1e3',
          '2E-2',
          '1e400',
          '-',
          '123456789012345',
          '1234567890123456',
          '0.000000000000001',
          'null',
          'true',
          'false',
          '"5"',
          '" 7 "',
          '"x"',
          '"a\\"b"',
          '[1]',
          '{"a":1}',
          'NaN',
          'nul',
          '',
        ),
      },
    );
    const ws = fc.constantFrom('', '', ' ', '\t', '\r', '  ', '\f');
    const keys = ['a', 'b', 'c', 'note'];
    type Line = { values: string[]; w: string[]; order: boolean } | string;
    const line: fc.Arbitrary<Line> = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          values: fc.array(value, { minLength: 4, maxLength: 4 }),
          w: fc.array(ws, { minLength: 6, maxLength: 6 }),
          order: fc.boolean(),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '',
          '  ',
          '\r',
          '{"a":1,"b":2}',
          '{"a":1,"b":2,"c":3,"note":4,"x":5}',
          '{"a":1,"a":2,"b":3,"c":4,"note":5}',
          '[1,2,3]',
          '[1,2,3,4]',
          '[1,2]',
          'garbage',
          '{"a":1,"b":2,"c":3,"note":"x"} x',
        ),
      },
    );
    /** An object with the keys in order (or reversed), or an array of the first three values. */
    const render = (l: Line, arrays: boolean): string => {
      if (typeof l === 'string') return l;
      const { values, w, order } = l;
      if (arrays)
        return `${w[0]}[${values
          .slice(0, 3)
          .map((v, i) => `${w[(i % 3) + 1]}${v}${w[4]}`)
          .join(',')}]${w[5]}`;
      const ks = order ? keys : [...keys].reverse();
      return `${w[0]}{${ks.map((k, i) => `${w[1]}"${k}"${w[2]}:${w[3]}${values[i]}${w[4]}`).join(',')}}${w[5]}`;
    };
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), (lines, arrays) => {
        const first = arrays ? '[1, 2, 3]' : '{"a": 1, "b": 2, "c": 3, "note": "x"}';
        const body = lines.map((l) => render(l, arrays));
        const raw = Buffer.from(body.join('\n'));
        const reader = openRowReader(first, 1, ctxFor(['a', 'b', 'c']));
        const read = (ascii: boolean) => {
          const c = reader.read(raw, ascii, 2);
          const w = reader.width;
          return {
            rows: Array.from({ length: c.n }, (_, r) => Array.from(c.values.subarray(r * w, (r + 1) * w))),
            lines: Array.from(c.lines),
            errors: c.errors,
          };
        };
        const text = read(false);
        assert.deepStrictEqual(read(true), text, JSON.stringify(body));
      }),
      { numRuns: 400 },
    );
  });

  it('lineChunks: the pieces are the lines of split("\\n") in order, lines over the limit named with their length', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-chunks-'));
    try {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              { weight: 5, arbitrary: fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, '')) },
              { weight: 1, arbitrary: fc.integer({ min: 40, max: 400 }).map((k) => 'z'.repeat(k)) },
              { weight: 1, arbitrary: fc.constantFrom('', '\r', 'é', '\uFEFFa') },
            ),
            { maxLength: 40 },
          ),
          fc.boolean(),
          fc.integer({ min: 1, max: 100 }),
          fc.integer({ min: 1, max: 120 }),
          async (lines, lastEnd, readBytes, maxLineBytes) => {
            const text = lines.join('\n') + (lastEnd && lines.length ? '\n' : '');
            const file = path.join(dir, `f-${n++}.txt`);
            writeFileSync(file, text);
            const expected: string[] = [];
            const bytes = Buffer.from(text);
            let start = 0;
            for (let line = 1; start < bytes.length; line++) {
              let end = bytes.indexOf(10, start);
              const last = end === -1;
              if (last) end = bytes.length;
              const len = end - start;
              expected.push(
                len > maxLineBytes ? `overlong ${line} ${len}` : bytes.toString('utf8', start, last ? end : end + 1),
              );
              start = end + 1;
            }
            const got: string[] = [];
            let read = 0;
            for await (const p of lineChunks(file, { readBytes, maxLineBytes })) {
              assert.ok(p.bytesRead >= read && p.bytesRead <= bytes.length, 'bytesRead grows within the file');
              read = p.bytesRead;
              if (p.kind === 'overlong') {
                assert.equal(got.length, p.line - 1, 'a skipped line at its number');
                got.push(`overlong ${p.line} ${p.bytes}`);
                continue;
              }
              assert.equal(p.ascii, isAscii(p.raw));
              p.raw
                .toString('utf8')
                .split(/(?<=\n)/)
                .forEach((l, i) => {
                  assert.equal(got.length, p.firstLine - 1 + i, 'each line of a piece at its number in the file');
                  got.push(l);
                });
            }
            assert.deepEqual(got, expected);
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('results formatted by the kernel equal the TypeScript writer, byte for byte (probabilities at every edge)', () => {
    const probability = fc.oneof(
      { weight: 5, arbitrary: fc.float({ min: 0, max: 1, noNaN: true }) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          0,
          1,
          0.001,
          0.0009995,
          0.00099999,
          0.0010000001,
          0.9999995,
          0.99999949,
          0.5,
          0.1234565,
          1e-7,
          1.0000001,
          NaN,
          -0,
          Math.fround(0.0010004999),
        ),
      },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.array(
          fc.record({ text: fc.string({ maxLength: 20 }).map((s) => s.replace(/[\n\r]/g, '')), fails: fc.boolean() }),
          {
            maxLength: 30,
          },
        ),
        fc.array(probability, { minLength: 120, maxLength: 120 }),
        fc.array(fc.integer({ min: -1, max: 5 }), { minLength: 120, maxLength: 120 }),
        fc.boolean(),
        (k, labels, rows, probs, classes, copy) => {
          const ascii = rows.map((r) => r.text.replace(/[^\x20-\x7e]/g, '?'));
          const good = rows.map((r, i) => ({ ...r, text: ascii[i]!, line: 2 * i + 3 })).filter((r) => !r.fails);
          const errors: RowError[] = rows
            .map((r, i) => ({ line: 2 * i + 3, message: `Line ${2 * i + 3}: "${r.text}", bad` }))
            .filter((_, i) => rows[i]!.fails);
          const src = Buffer.from(good.map((r) => `${r.text}\r\n`).join(''));
          const starts = new Int32Array(good.length);
          const ends = new Int32Array(good.length);
          for (let i = 0, at = 0; i < good.length; i++) {
            starts[i] = at;
            ends[i] = at + good[i]!.text.length;
            at = ends[i]! + 2;
          }
          const chunk: ChunkRows = {
            n: good.length,
            values: new Float64Array(0),
            lines: Int32Array.from(good.map((r) => r.line)),
            errors,
            source: (i) => good[i]!.text,
            bytes: { buf: src, starts, ends },
          };
          const p: Predictions = {
            kind: 'classification',
            output: 'p',
            labels,
            classes: labels.length,
            probabilities: new Float32Array(0),
            k,
            top: Int32Array.from({ length: good.length * k }, (_, i) => classes[i % 120]!),
            topP: Float32Array.from({ length: good.length * k }, (_, i) => probs[i % 120]!),
            activation: 'none',
          };
          const columns = copy ? ['a'] : [];
          const header = ['prediction', 'probability'];
          const kernel = new ScoreCsv(columns, undefined, header, labels, true);
          const plain = new ScoreCsv(columns, undefined, header, labels, false);
          // Twice: the second call fills the other buffer, the third the first again.
          for (let round = 0; round < 3; round++)
            assert.equal(kernel.rows(chunk, p).toString('latin1'), plain.rows(chunk, p).toString('latin1'));
        },
      ),
      { numRuns: 400 },
    );
  });

  describe('a whole file', function () {
    this.timeout(60_000);
    let dir: string;
    let model: string;
    let cache: SessionCache;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'liftoff-score-fast-'));
      model = saveModel(dir, 'clf', classifierBytes());
      cache = new SessionCache({ idleMs: 60_000 });
    });
    after(async () => {
      await cache.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('scoreFile equals the line-by-line reference: every line scored, failed or skipped in place, lines over the limit named', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          tableOf(['sepal', 'petal', 'width'], 3, [',']),
          fc.array(fc.nat(40), { maxLength: 3 }),
          fc.integer({ min: 1, max: 300 }),
          async (t, longAt, readBytes) => {
            // A few lines made longer than the limit (200 bytes).
            const names = t.names;
            const lines = t.text.split('\n');
            for (const at of longAt) if (at + 1 < lines.length) lines[at + 1] = `9,${'9'.repeat(250)}`;
            const text = lines.join('\n');
            const input = path.join(dir, `in-${n}.csv`);
            const out = path.join(dir, `out-${n++}.csv`);
            writeFileSync(input, text);
            const sink = fileSink(out);
            let summary: Awaited<ReturnType<typeof scoreFile>> | undefined;
            let refused: unknown;
            try {
              summary = await scoreFile(cache, { model, input, sink, topK: 1, readBytes, maxLineBytes: 200 });
            } catch (err) {
              refused = err;
            } finally {
              await sink.close();
            }
            const features = ['sepal', 'petal', 'width'];
            const expected: string[] = [];
            for (let i = 1; i < lines.length; i++) {
              const line = i + 1;
              const raw = lines[i]!;
              const row = raw.replace(/\r$/, '');
              if (Buffer.byteLength(raw) > 200) {
                expected.push(
                  `${line} error Line ${line} is ${Buffer.byteLength(raw).toLocaleString('en-US')} bytes long`,
                );
                continue;
              }
              if (/^[ \t]*$/.test(row)) continue;
              const cells = splitLine(row, ',');
              if (cells.length !== names.length) {
                expected.push(`${line} error Line ${line} has ${cells.length}`);
                continue;
              }
              const x: number[] = [];
              let bad: string | undefined;
              names.forEach((name, col) => {
                const f = features.indexOf(name);
                if (f < 0 || bad) return;
                const v = cellNumber(cells[col]!);
                if (v === undefined || !Number.isFinite(v))
                  bad = cellError({ line, column: name }, cells[col]!, v).message;
                else x[f] = v;
              });
              if (bad) expected.push(`${line} error ${bad.slice(0, 40)}`);
              else
                expected.push(
                  `${line} ok ${row} ${JSON.stringify([...classifierReference(x), classifierTolerance(x)])}`,
                );
            }
            if (!summary) {
              // Nothing usable at all (no rows, or only failed ones): refused as a whole, as the reference predicts.
              assert.ok(refused instanceof InferenceError, String(refused));
              assert.ok(!expected.some((e) => e.split(' ')[1] === 'ok'), `${String(refused)}\n${expected.join('\n')}`);
              return;
            }
            const got = readFileSync(out, 'utf8').split('\n').slice(1, -1);
            assert.equal(got.length, expected.length, `${got.join('\n')}\n---\n${expected.join('\n')}`);
            assert.equal(summary.rows, expected.filter((e) => e.split(' ')[1] === 'ok').length);
            got.forEach((g, i) => {
              const e = expected[i]!;
              const [line, kind] = e.split(' ');
              assert.ok(g.startsWith(`${line},`), `${g} vs ${e}`);
              if (kind === 'error') {
                const message = e.slice(`${line} error `.length);
                assert.ok(g.includes(`,"${message.replace(/"/g, '""')}`) || g.includes(`,${message}`), `${g} vs ${e}`);
                return;
              }
              const row = e.slice(`${line} ok `.length, e.lastIndexOf(' '));
              // The reference's probabilities, then the float32 slack of that row (inputs up to |1e5| are generated).
              const p = JSON.parse(e.slice(e.lastIndexOf(' ') + 1)) as number[];
              const tol = p.pop()!;
              assert.ok(g.startsWith(`${line},${row},`), `input row copied: ${g} vs ${row}`);
              const cells = g.slice(`${line},${row},`.length).split(',');
              const best = p.indexOf(Math.max(...p));
              const second = Math.max(...p.filter((_, j) => j !== best));
              if (p[best]! - second > 2 * tol) assert.equal(cells[0], ['setosa', 'versicolor', 'virginica'][best], g);
              else assert.ok(['setosa', 'versicolor', 'virginica'].includes(cells[0]!), g);
              const label = ['setosa', 'versicolor', 'virginica'].indexOf(cells[0]!);
              assert.ok(Math.abs(Number(cells[1]) - p[label]!) < tol, `${g}: ${p[label]} ± ${tol}`);
              assert.equal(cells[2], '', 'no error');
            });
          },
        ),
        { numRuns: 120 },
      );
    });
  });
});
