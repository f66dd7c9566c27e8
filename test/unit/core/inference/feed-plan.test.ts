/**
 * planFeed on each shape of model input a user's model can declare (issue 22: the file's mutants). The session is a
 * stand-in holding only `inputMetadata` and the inspection only `inputs` — what planFeed reads; the real models go
 * through it in run-inference, multi-input and third-party-models tests.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { InferenceError } from '../../../../core/src/inference/errors';
import type { ExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { inputMapping, planFeed } from '../../../../core/src/inference/feed-plan';
import type { OrtSession } from '../../../../core/src/inference/ort';
import type { ModelInspection } from '../../../../core/src/onnx/inspect/model-inspection';

type Dims = ReadonlyArray<number | string>;
interface Input {
  readonly name: string;
  /** What onnxruntime says: a tensor's element type and shape, or a non-tensor value. */
  readonly ort: { readonly type: string; readonly shape?: Dims } | 'non-tensor';
  /** What the inspector read from the file: its type name and dims; absent when the file does not list the input. */
  readonly file?: { readonly type: string; readonly dims: Dims | undefined };
}

function model(inputs: readonly Input[]): [OrtSession, ModelInspection] {
  const session = {
    inputMetadata: inputs.map((i) =>
      i.ort === 'non-tensor'
        ? { name: i.name, isTensor: false }
        : { name: i.name, isTensor: true, type: i.ort.type, shape: i.ort.shape ?? [] },
    ),
  } as unknown as OrtSession;
  const inspection = {
    inputs: inputs.flatMap((i) =>
      i.file ? [{ name: i.name, type: i.file.type, elemType: 1, dims: i.file.dims }] : [],
    ),
  } as unknown as ModelInspection;
  return [session, inspection];
}

function refusal(inputs: readonly Input[]): InferenceError {
  const [s, m] = model(inputs);
  try {
    planFeed(s, m);
  } catch (err) {
    assert.ok(err instanceof InferenceError, String(err));
    return err;
  }
  assert.fail('planFeed accepted it');
}

describe('planFeed: which model input the rows feed, and how', () => {
  it('a model without inputs is refused: nothing to feed', () => {
    const err = refusal([]);
    assert.equal(err.code, 'unbuildable-input');
    assert.equal(err.message, 'The model takes no inputs: there is nothing to feed it.');
  });

  it('[N, 7] float32: rank 2, 7 features, any batch, labelled with the file’s dims', () => {
    const [s, m] = model([
      { name: 'features', ort: { type: 'float32', shape: [-1, 7] }, file: { type: 'float', dims: ['N', 7] } },
    ]);
    const plan = planFeed(s, m);
    assert.deepEqual(
      { ...plan, labelPhrase: undefined },
      {
        inputName: 'features',
        type: 'float32',
        dims: ['N', 7],
        rank: 2,
        width: 7,
        maxBatch: undefined,
        label: 'input "features" [N, 7]',
        labelPhrase: undefined,
        constants: [],
      },
    );
  });

  it('dims come from the file first, then from onnxruntime’s shape, else unknown (rank 2, no width)', () => {
    const fromOrt = planFeed(...model([{ name: 'x', ort: { type: 'float64', shape: [4, 3] } }]));
    assert.deepEqual(
      [fromOrt.dims, fromOrt.width, fromOrt.maxBatch, fromOrt.label],
      [[4, 3], 3, 4, 'input "x" [4, 3]'],
    );
    const unknown = planFeed(...model([{ name: 'x', ort: { type: 'int64', shape: [] } }]));
    assert.deepEqual(
      [unknown.dims, unknown.rank, unknown.width, unknown.maxBatch],
      [undefined, 2, undefined, undefined],
    );
    assert.equal(unknown.label, 'input "x" ?');
    // The file's word wins over onnxruntime's shape, and a file that lists the input without dims falls back to it.
    const both = planFeed(
      ...model([{ name: 'x', ort: { type: 'int32', shape: [2, 9] }, file: { type: 'int32', dims: ['b', 5] } }]),
    );
    assert.deepEqual([both.dims, both.width, both.maxBatch], [['b', 5], 5, undefined]);
    const noDims = planFeed(
      ...model([{ name: 'x', ort: { type: 'int32', shape: [2, 9] }, file: { type: 'int32', dims: undefined } }]),
    );
    assert.deepEqual([noDims.dims, noDims.width, noDims.maxBatch], [[2, 9], 9, 2]);
  });

  it('rank 1 [features]: one row a run', () => {
    const p = planFeed(...model([{ name: 'v', ort: { type: 'float32' }, file: { type: 'float', dims: [6] } }]));
    assert.deepEqual([p.rank, p.width, p.maxBatch], [1, 6, 1]);
    const open = planFeed(...model([{ name: 'v', ort: { type: 'float32' }, file: { type: 'float', dims: ['f'] } }]));
    assert.deepEqual([open.rank, open.width, open.maxBatch], [1, undefined, 1]);
  });

  it('property: width and batch are taken only from positive numbers; anything else leaves them open', () => {
    // Symbolic dims are names, and a hostile model may name one '5': a name is never a size.
    const dim = fc.oneof(fc.integer({ min: -3, max: 9 }), fc.constantFrom('N', 'batch', '?', '', '5', '1e3', ' 7'));
    fc.assert(
      fc.property(dim, dim, (batch, width) => {
        const p = planFeed(
          ...model([{ name: 'x', ort: { type: 'float32' }, file: { type: 'float', dims: [batch, width] } }]),
        );
        assert.equal(p.width, typeof width === 'number' && width > 0 ? width : undefined);
        assert.equal(p.maxBatch, typeof batch === 'number' && batch > 0 ? batch : undefined);
        assert.equal(p.rank, 2);
      }),
      { numRuns: 300 },
    );
  });

  it('every numeric type Liftoff builds is fed; others are refused naming the type', () => {
    for (const type of ['float32', 'float64', 'int32', 'int64'])
      assert.equal(planFeed(...model([{ name: 'x', ort: { type, shape: [1, 2] } }])).type, type);
    for (const type of ['float16', 'bool', 'uint8', 'int8', 'bfloat16', '']) {
      const err = refusal([{ name: 'x', ort: { type, shape: [1, 2] } }]);
      assert.equal(err.code, 'dtype');
      assert.equal(
        err.message,
        `The model input "x" [1, 2] takes ${type}, which Liftoff cannot build: it feeds float32, float64, int32 and int64 inputs.`,
      );
    }
    const strings = refusal([
      { name: 'text', ort: { type: 'string', shape: [-1] }, file: { type: 'string', dims: ['N'] } },
    ]);
    assert.equal(strings.code, 'dtype');
    assert.match(strings.message, /^The model input "text" \[N\] takes strings \(dtype string\)/);
  });

  it('a non-tensor input is refused, naming its kind when the file says it', () => {
    const seq = refusal([{ name: 's', ort: 'non-tensor', file: { type: 'sequence', dims: undefined } }]);
    assert.equal(seq.code, 'unbuildable-input');
    assert.equal(seq.message, 'The model input "s" is a sequence, not a tensor: Liftoff cannot build it from a table.');
    const unnamed = refusal([{ name: 'm', ort: 'non-tensor' }]);
    assert.equal(
      unnamed.message,
      'The model input "m" is a non-tensor value, not a tensor: Liftoff cannot build it from a table.',
    );
  });

  it('ranks other than 1 and 2 are refused with the rank', () => {
    for (const dims of [[], [1, 3, 224, 224], ['N', 4, 4]] as Dims[]) {
      const err = refusal([{ name: 'x', ort: { type: 'float32' }, file: { type: 'float', dims } }]);
      assert.equal(err.code, 'rank');
      assert.match(err.message, new RegExp(`has rank ${dims.length}, but Liftoff builds rank-2 tensors`));
    }
  });

  it('several inputs: the rows feed the one the mapping names, the others get constants shaped from either source', () => {
    const inputs: Input[] = [
      { name: 'mask', ort: { type: 'float32', shape: [-1, 3] } }, // not in the file's list: onnxruntime's shape
      { name: 'x', ort: { type: 'float32', shape: [-1, 4] }, file: { type: 'float', dims: ['N', 4] } },
      { name: 'scale', ort: { type: 'float32', shape: [] }, file: { type: 'float', dims: [2] } },
    ];
    const [s, m] = model(inputs);
    const p = planFeed(s, m, { input: 'x', values: { mask: 'ones', scale: [0.5, 2] }, source: 'e.experiment.yaml' });
    assert.equal(p.inputName, 'x');
    assert.equal(p.width, 4);
    assert.deepEqual(
      p.constants.map((c) => [c.name, [...c.dims], [...c.item]]),
      [
        ['mask', ['batch', 3], [1, 1, 1]],
        ['scale', [2], [0.5, 2]],
      ],
    );
    // Without a mapping, a model with two open inputs cannot be fed: the message names both.
    assert.throws(() => planFeed(s, m), /mask[\s\S]*x/);
    // A non-tensor among several inputs is named as such in the listing.
    const [s2, m2] = model([
      { name: 'rows', ort: { type: 'float32', shape: [-1, 2] } },
      { name: 'extra', ort: 'non-tensor' },
    ]);
    assert.throws(() => planFeed(s2, m2, { values: {} }), /"extra" \(non-tensor/);
  });
});

describe('planFeed: what the experiment says of the inputs', () => {
  it('a one-input model: a mapping that names it is followed, one that names another input is refused', () => {
    const [s, m] = model([{ name: 'features', ort: { type: 'float32', shape: [-1, 3] } }]);
    assert.equal(planFeed(s, m, { input: 'features', source: 'e.experiment.yaml' }).inputName, 'features');
    assert.equal(planFeed(s, m).inputName, 'features');
    assert.throws(
      () => planFeed(s, m, { input: 'featurs', source: 'e.experiment.yaml' }),
      /inference\.input of e\.experiment\.yaml is "featurs", which the model does not have/,
    );
    assert.throws(
      () => planFeed(s, m, { values: { mask: 'ones' }, source: 'e.experiment.yaml' }),
      /inference\.inputs of e\.experiment\.yaml names "mask", which the model does not have/,
    );
  });

  it('a constant for an input of unknown rank takes the list’s length; the non-tensor fed input is named by its own kind', () => {
    const [s, m] = model([
      { name: 'rows', ort: { type: 'float32', shape: [-1, 2] }, file: { type: 'float', dims: ['N', 2] } },
      { name: 'bias', ort: { type: 'float32', shape: [] } },
    ]);
    const p = planFeed(s, m, { input: 'rows', values: { bias: [1, 2, 3] } });
    assert.deepEqual(
      p.constants.map((c) => [c.name, [...c.dims]]),
      [['bias', [3]]],
    );
    const [s2, m2] = model([
      { name: 'a', ort: { type: 'float32', shape: [-1, 2] }, file: { type: 'float', dims: ['N', 2] } },
      { name: 's', ort: 'non-tensor', file: { type: 'map', dims: undefined } },
    ]);
    assert.throws(
      () => planFeed(s2, m2, { input: 's', values: { a: 'zeros' } }),
      /The model input "s" is a map, not a tensor/,
    );
  });
});

describe('inputMapping: the experiment’s word on a model’s inputs', () => {
  const e = (extra: Partial<ExperimentSettings>): ExperimentSettings => ({
    file: '/w/exp/model.experiment.yaml',
    name: 'm',
    dataFiles: [],
    ...extra,
  });
  it('nothing said, nothing mapped', () => {
    assert.equal(inputMapping(undefined), undefined);
    assert.equal(inputMapping(e({})), undefined);
  });
  it('the fed input, the values, or both, with the file named for messages (either slash)', () => {
    assert.deepEqual(inputMapping(e({ input: 'x' })), { input: 'x', source: 'model.experiment.yaml' });
    assert.deepEqual(inputMapping(e({ inputValues: { mask: 'zeros' } })), {
      values: { mask: 'zeros' },
      source: 'model.experiment.yaml',
    });
    assert.deepEqual(inputMapping(e({ file: 'C:\\w\\b.experiment.yaml', input: '', inputValues: { a: 1 } })), {
      input: '',
      values: { a: 1 },
      source: 'b.experiment.yaml',
    });
  });
});
