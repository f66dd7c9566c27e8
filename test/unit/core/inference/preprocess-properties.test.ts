/**
 * Inference preprocessing (core/src/inference/preprocess.ts) by property: standardization is (x − mean) / std per
 * column (a zero or non-finite std divides by 1), float32 inputs get exactly Math.fround of that, unstandardized
 * inputs are copied, and integer inputs take whole numbers up to their type's limit, naming the first bad cell.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { InferenceError, inputLabel } from '../../../../core/src/inference/errors';
import type { FeedPlan, FeedType } from '../../../../core/src/inference/feed-plan';
import type { InputTable } from '../../../../core/src/inference/input-table';
import type { Preprocessing } from '../../../../core/src/inference/model-facts';
import { buildTensorData } from '../../../../core/src/inference/preprocess';

/** A parsed table of `rows` (the fields preprocessing reads; the rest is display). */
function table(rows: readonly number[][], width: number, lines?: number[]): InputTable {
  return {
    format: 'csv',
    n: rows.length,
    width,
    values: Float64Array.from(rows.flat()),
    features: Array.from({ length: width }, (_, j) => `f${j}`),
    ignored: [],
    columns: [],
    lines,
  } as unknown as InputTable;
}
const feed = (type: FeedType): FeedPlan =>
  ({
    inputName: 'x',
    type,
    dims: undefined,
    rank: 2,
    width: undefined,
    maxBatch: undefined,
    label: `input "x" (${type})`,
    labelPhrase: inputLabel('x', `(${type})`),
  }) as unknown as FeedPlan;

/** The preprocessing facts (the description is for display only). */
const pre = (p: Omit<Preprocessing, 'description'>): Preprocessing =>
  ({ description: { text: '', args: [] }, ...p }) as Preprocessing;

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const shaped = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    rows: fc.array(fc.array(finite, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }),
    mean: fc.array(finite, { minLength: width, maxLength: width }),
    std: fc.array(
      fc.oneof(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY),
      ),
      { minLength: width, maxLength: width },
    ),
  }),
);

function thrown(f: () => unknown): InferenceError {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof InferenceError, String(err));
    return err;
  }
  assert.fail('expected an InferenceError');
}

describe('inference preprocessing (properties)', () => {
  it('standardizes each column with its own mean and std, in float64 and (rounded once) float32', () => {
    fc.assert(
      fc.property(shaped, ({ width, rows, mean, std }) => {
        const facts = pre({ kind: 'standardize', mean, std });
        const want = rows.flatMap((row) =>
          row.map((x, j) => (x - mean[j]!) * (std[j]! > 0 && Number.isFinite(std[j]!) ? 1 / std[j]! : 1)),
        );
        assert.deepEqual([...buildTensorData(table(rows, width), feed('float64'), facts)], want);
        const f32 = buildTensorData(table(rows, width), feed('float32'), facts);
        assert.ok(f32 instanceof Float32Array);
        assert.deepEqual([...f32], want.map(Math.fround));
      }),
    );
  });

  it('copies the values when the model needs no standardization or does it itself', () => {
    fc.assert(
      fc.property(shaped, ({ width, rows }) => {
        for (const kind of ['none', 'folded'] as const) {
          assert.deepEqual([...buildTensorData(table(rows, width), feed('float64'), pre({ kind }))], rows.flat());
          assert.deepEqual(
            [...buildTensorData(table(rows, width), feed('float32'), pre({ kind }))],
            rows.flat().map(Math.fround),
          );
        }
      }),
    );
  });

  it("statistics that do not match the model's width are refused, saying how many there are", () => {
    const rows = [[1, 2, 3]];
    for (const [mean, std] of [
      [
        [0, 0],
        [1, 1, 1],
      ],
      [
        [0, 0, 0],
        [1, 1],
      ],
      [undefined, [1, 1, 1]],
      [[0, 0, 0], undefined],
      [
        [0, 0, 0, 0],
        [1, 1, 1, 1],
      ],
    ] as const) {
      const e = thrown(() => buildTensorData(table(rows, 3), feed('float32'), pre({ kind: 'standardize', mean, std })));
      assert.equal(e.code, 'invalid-model');
      assert.match(
        e.message,
        new RegExp(
          `have ${mean?.length ?? 0} means and ${std?.length ?? 0} standard deviations, but the model input "x" \\(float32\\) takes 3 features`,
        ),
      );
    }
  });

  it('integer inputs: whole numbers up to the limit pass as they are; the first fraction or overflow is named by row, line and column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -(2 ** 31 - 1), max: 2 ** 31 - 1 }), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          assert.deepEqual(
            [...buildTensorData(table(rows, 2), feed('int32'), pre({ kind: 'standardize' }))],
            rows.flat(),
          );
          assert.deepEqual(
            [...buildTensorData(table(rows, 2), feed('int64'), pre({ kind: 'none' }))],
            rows.flat().map(BigInt),
          );
        },
      ),
    );
    const edge = [[2 ** 31 - 1, -(2 ** 31 - 1)]];
    assert.deepEqual([...buildTensorData(table(edge, 2), feed('int32'), pre({ kind: 'none' }))], edge.flat());
    const big = [[Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]];
    assert.deepEqual([...buildTensorData(table(big, 2), feed('int64'), pre({ kind: 'none' }))], big.flat().map(BigInt));
    for (const [type, rows, cell] of [
      [
        'int32',
        [
          [1, 2],
          [3, 2 ** 31],
        ],
        'Row 2 \\(line 12\\), column "f1": 2147483648',
      ],
      [
        'int32',
        [
          [1, 2],
          [-(2 ** 31), 0],
        ],
        'Row 2 \\(line 12\\), column "f0": -2147483648',
      ],
      ['int64', [[0.5, 1]], 'Row 1 \\(line 11\\), column "f0": 0.5'],
      ['int64', [[1, 2 ** 53]], 'Row 1 \\(line 11\\), column "f1": 9007199254740992'],
      ['int32', [[1, Number.NaN]], 'Row 1 \\(line 11\\), column "f1": NaN'],
    ] as const) {
      const e = thrown(() =>
        buildTensorData(table(rows as unknown as number[][], 2, [11, 12]), feed(type), pre({ kind: 'none' })),
      );
      assert.equal(e.code, 'dtype');
      assert.match(
        e.message,
        new RegExp(
          `^${cell} is not a whole number, but the model input "x" \\(${type}\\) takes ${type}\\. Give whole numbers\\.$`,
        ),
      );
    }
    const noLines = thrown(() => buildTensorData(table([[0.5, 1]], 2), feed('int32'), pre({ kind: 'none' })));
    assert.match(noLines.message, /^Row 1, column "f0": 0\.5 is not/);
  });
  it('a scratch array is written into when it is of the input’s float type and long enough (exactly, or longer)', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ];
    const std = pre({ kind: 'standardize', mean: [1, 2], std: [2, 4] });
    for (const [type, Scratch] of [
      ['float32', Float32Array],
      ['float64', Float64Array],
    ] as const) {
      for (const length of [4, 7]) {
        const scratch = new Scratch(length).fill(9);
        const out = buildTensorData(table(rows, 2), feed(type), std, scratch);
        assert.equal(out.buffer, scratch.buffer, `${type}, scratch of ${length}: a view of the scratch array`);
        assert.equal(out.length, 4);
        assert.deepEqual([...out], [0, 0, 1, 0.5]);
        assert.deepEqual([...scratch.subarray(4)], new Array(length - 4).fill(9), 'nothing written past the rows');
      }
      // Too short, or of the other float type: a new array, the scratch untouched.
      const Other = Scratch === Float32Array ? Float64Array : Float32Array;
      for (const scratch of [new Scratch(3).fill(9), new Other(8).fill(9)]) {
        const out = buildTensorData(table(rows, 2), feed(type), std, scratch);
        assert.notEqual(out.buffer, scratch.buffer);
        assert.ok(out instanceof Scratch);
        assert.deepEqual([...out], [0, 0, 1, 0.5]);
        assert.ok(
          scratch.every((v) => v === 9),
          'the scratch array was written',
        );
      }
    }
  });
});
