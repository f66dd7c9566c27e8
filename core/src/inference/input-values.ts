/**
 * The model's other inputs, for a model with several: the experiment's `inference.input` names the one the rows
 * feed, `inference.inputs` gives a value for each other (`zeros`, `ones`, a number, or a list of numbers for one
 * row). Each becomes a constant tensor of the input's declared shape, its batch dimension (the first dimension, or a
 * symbolic dimension named like the fed input's batch) sized to the rows of each run. When the mapping cannot be
 * built, one message lists every input — its name, type and shape, and what feeds it or what is missing — and the
 * YAML that would fix it.
 */
import { formatDims } from '../onnx/inspect/model-inspection';
import { phrase, type Phrase } from '../l10n';
import { InferenceError } from './errors';

export type InputValue = number | readonly number[] | 'zeros' | 'ones';

/** What the experiment says about a model's inputs. */
export interface InputMapping {
  /** `inference.input`: the input the rows feed. */
  readonly input?: string;
  /** `inference.inputs`: values for the others. */
  readonly values?: Readonly<Record<string, InputValue>>;
  /** The experiment file, for messages. */
  readonly source?: string;
}

export type ConstType = 'float32' | 'float64' | 'int32' | 'int64';

export interface ConstantInput {
  readonly name: string;
  readonly type: ConstType;
  /** The tensor's dims, `'batch'` where the rows of the run go. */
  readonly dims: ReadonlyArray<number | 'batch'>;
  /** Values for one batch item (the whole tensor when it has no batch dim). */
  readonly item: Float64Array;
}

export interface InputInfo {
  readonly name: string;
  /** `float32`, …, or `non-tensor`. */
  readonly type: string;
  readonly dims: ReadonlyArray<number | string> | undefined;
}

const CONST_TYPES: ReadonlySet<string> = new Set(['float32', 'float64', 'int32', 'int64']);

function describe(i: InputInfo): string {
  return `"${i.name}" (${i.type} ${formatDims(i.dims)})`;
}

/** The value as text for the suggested YAML. */
function suggestion(i: InputInfo): string {
  const d = i.dims;
  if (d && d.length === 0) return i.type.startsWith('int') ? '1' : '1.0';
  return 'zeros';
}

/**
 * Decides which input the rows feed and builds the others' constants; throws the one message naming every input
 * when something is missing. The fed input's own checks (dtype, rank) run after, in planFeed.
 */
export function mapInputs(
  inputs: readonly InputInfo[],
  mapping: InputMapping | undefined,
): { fed: InputInfo; constants: ConstantInput[] } {
  const values = mapping?.values ?? {};
  const key = (k: string) => (mapping?.source ? phrase('{0} of {1}', k, mapping.source) : k);
  const problems = new Map<string, Phrase>();
  for (const name of Object.keys(values))
    if (!inputs.some((i) => i.name === name))
      problems.set(name, phrase('{0} names "{1}", which the model does not have.', key('inference.inputs'), name));
  let fed: InputInfo | undefined;
  if (mapping?.input !== undefined) {
    fed = inputs.find((i) => i.name === mapping.input);
    if (!fed)
      problems.set(
        mapping.input,
        phrase('{0} is "{1}", which the model does not have.', key('inference.input'), mapping.input),
      );
  } else {
    const open = inputs.filter((i) => !(i.name in values));
    if (open.length === 1) fed = open[0];
  }
  const constants: ConstantInput[] = [];
  const status = new Map<string, Phrase>();
  let failed = false;
  for (const i of inputs) {
    if (i === fed) {
      status.set(i.name, phrase('fed by the rows'));
      continue;
    }
    const v = values[i.name];
    if (v === undefined) {
      failed = true;
      status.set(
        i.name,
        fed
          ? phrase('missing: give it a value in inference.inputs (zeros, ones, a number or a list)')
          : phrase(
              'missing: the rows feed it (inference.input), or it needs a value in inference.inputs (zeros, ones, a number or a list)',
            ),
      );
      continue;
    }
    const built = constantFor(i, v, fed);
    if (!('item' in built)) {
      failed = true;
      status.set(i.name, phrase('cannot use {0}: {1}', JSON.stringify(v), built));
    } else {
      constants.push(built);
      status.set(i.name, phrase('{0} from inference.inputs', JSON.stringify(v)));
    }
  }
  if (fed && !failed && problems.size === 0) return { fed, constants };
  const lines = inputs
    .map((i) => phrase('{0}: {1}', describe(i), status.get(i.name)!))
    .reduce<Phrase | undefined>((all, line) => (all ? phrase('{0}; {1}', all, line) : line), undefined);
  const fix = [
    'inference:',
    `  input: ${fed?.name ?? inputs[0]?.name ?? 'features'}`,
    '  inputs:',
    ...inputs
      .filter((i) => i !== (fed ?? inputs[0]))
      .map((i) => `    ${i.name}: ${values[i.name] !== undefined ? JSON.stringify(values[i.name]) : suggestion(i)}`),
  ].join('\n');
  const which = fed
    ? undefined
    : phrase(
        'Which input the rows feed is not said: set inference.input to one of {0}.',
        inputs.map((i) => `"${i.name}"`).join(', '),
      );
  const notes = [...(which ? [which] : []), ...problems.values()].reduce<Phrase>(
    (all, p) => phrase('{0} {1}', all, p),
    phrase('The model needs {0} inputs, and Liftoff feeds the rows to one of them: {1}.', inputs.length, lines ?? ''),
  );
  throw new InferenceError('unbuildable-input', phrase('{0} In the experiment, for example:\n{1}', notes, fix));
}

function constantFor(i: InputInfo, v: InputValue, fed: InputInfo | undefined): ConstantInput | Phrase {
  if (!CONST_TYPES.has(i.type))
    return phrase('Liftoff builds float32, float64, int32 and int64 constants, not {0}', i.type);
  const fedBatch = fed?.dims?.[0];
  const dims: Array<number | 'batch'> = [];
  for (const [k, d] of (
    i.dims ?? (typeof v === 'number' ? [] : [v === 'zeros' || v === 'ones' ? -1 : v.length])
  ).entries()) {
    if (typeof d === 'number' && d > 0) dims.push(d);
    else if (k === 0 || (typeof d === 'string' && d === fedBatch)) dims.push('batch');
    else
      return typeof d === 'string'
        ? phrase('dimension {0} ("{1}") is not fixed, so its size is unknown', k + 1, d)
        : phrase('dimension {0} (unknown) is not fixed, so its size is unknown', k + 1);
  }
  if (dims.filter((d) => d === 'batch').length > 1) return phrase('it has more than one batch dimension');
  if (Array.isArray(v) && dims.indexOf('batch') > 0)
    return phrase(
      'its batch dimension is not the first, so a list cannot be repeated per row: use zeros, ones or a number',
    );
  const size = dims.reduce<number>((a, d) => (d === 'batch' ? a : a * d), 1);
  const item = new Float64Array(size);
  if (v === 'ones') item.fill(1);
  else if (typeof v === 'number') item.fill(v);
  else if (Array.isArray(v)) {
    const list = v as readonly number[];
    if (list.length !== size) {
      const shape = formatDims(dims.map((d) => (d === 'batch' ? 'N' : d)));
      return dims.includes('batch')
        ? phrase('a list of {0} values, but one row of it holds {1} ({2})', list.length, size, shape)
        : phrase('a list of {0} values, but one value of it holds {1} ({2})', list.length, size, shape);
    }
    item.set(list);
  }
  if (i.type.startsWith('int') && item.some((x) => !Number.isInteger(x)))
    return phrase('{0} takes whole numbers', i.type);
  return { name: i.name, type: i.type as ConstType, dims, item };
}

/** The constant's tensor data and dims for a run of `rows` rows. */
export function constantTensor(
  c: ConstantInput,
  rows: number,
): { data: Float32Array | Float64Array | Int32Array | BigInt64Array; dims: number[] } {
  const batched = c.dims.includes('batch');
  const n = batched ? rows : 1;
  const dims = c.dims.map((d) => (d === 'batch' ? rows : d));
  const total = n * c.item.length;
  const data =
    c.type === 'float32'
      ? new Float32Array(total)
      : c.type === 'float64'
        ? new Float64Array(total)
        : c.type === 'int32'
          ? new Int32Array(total)
          : new BigInt64Array(total);
  for (let r = 0; r < n; r++) {
    if (data instanceof BigInt64Array) c.item.forEach((x, j) => (data[r * c.item.length + j] = BigInt(x)));
    else data.set(c.item, r * c.item.length);
  }
  return { data, dims };
}
