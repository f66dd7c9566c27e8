/**
 * Lines of text → predictions, one per line: tokenize with the experiment's `inference.text` (a local
 * tokenizer.json, max_length, padding, truncation), feed the ids, the attention mask and the token type ids to the
 * model inputs that take them (by `inference.text.input_ids`/`attention_mask`/`token_type_ids`, else by those
 * names), other inputs from `inference.inputs` as for tables, in batches; read the output as class scores with the
 * model's labels (`inference.labels`, the model's metadata, `task.labels`).
 */
import * as path from 'node:path';
import { phrase, type Phrase } from '../../l10n';
import { cancelled, InferenceError, listNames } from '../errors';
import type { ExperimentSettings } from '../experiment-settings';
import { constantTensor, mapInputs, type InputInfo } from '../input-values';
import { modelFacts, type ModelFacts } from '../model-facts';
import { mapNativeError } from '../native-errors';
import { loadOrt, type OrtTensor } from '../ort';
import { interpretOutput, type Predictions } from '../outputs';
import type { SessionCache } from '../session-cache';
import { encodeLines, loadTokenizer } from './tokenize';

export interface TextInferenceRequest {
  readonly model: string;
  /** The lines to classify (blank ones are the caller's to drop). */
  readonly lines: readonly string[];
  /** How each line is named in messages (`line 12`); default `line 1`, `line 2`, … */
  readonly names?: readonly string[];
  readonly experiment?: ExperimentSettings;
  readonly topK?: number;
  readonly signal?: AbortSignal;
}

export interface TextInferenceResult {
  readonly modelPath: string;
  readonly provider: string;
  readonly tokenizer: string;
  readonly lines: readonly string[];
  /** Tokens per line (special tokens included, before padding). */
  readonly tokens: readonly number[];
  /** Indexes of lines cut to max_length. */
  readonly truncated: readonly number[];
  /** Which model input took what: `input_ids ← ids`, … */
  readonly feeds: readonly string[];
  readonly facts: ModelFacts;
  readonly predictions: Predictions;
  readonly timing: { readonly tokenizeMs: number; readonly runMs: number };
}

/** Lines per run when the model's batch dimension is not fixed. */
const BATCH = 64;

type SeqRole = 'ids' | 'attention mask' | 'token type ids';

/** A sequence input's role, for messages ("the attention mask"). */
function roleName(role: SeqRole): Phrase {
  return role === 'ids'
    ? phrase('ids')
    : role === 'attention mask'
      ? phrase('attention mask')
      : phrase('token type ids');
}

export async function runTextInference(cache: SessionCache, req: TextInferenceRequest): Promise<TextInferenceResult> {
  const text = req.experiment?.text;
  if (!text?.tokenizer)
    throw new InferenceError(
      'tokenizer',
      phrase(
        "A text model needs its tokenizer: set inference.text.tokenizer in the experiment to the model's tokenizer.json.",
      ),
    );
  if (req.lines.length === 0) throw new InferenceError('no-rows', phrase('No lines of text were given.'));
  const tok = await loadTokenizer(text.tokenizer);
  const lease = await cache.acquire(req.model);
  try {
    const model = lease.model;
    const label = path.basename(model.path);
    const facts = modelFacts(model.inspection, model.card, req.experiment);
    const infos: InputInfo[] = model.session.inputMetadata.map((m) => ({
      name: m.name,
      type: m.isTensor ? m.type : 'non-tensor',
      dims: model.inspection.inputs.find((i) => i.name === m.name)?.dims ?? (m.isTensor ? m.shape : undefined),
    }));
    const names = infos.map((i) => i.name);
    const find = (wanted: string | undefined, fallback: string, key: string, required: boolean) => {
      if (wanted !== undefined) {
        const hit = infos.find((i) => i.name === wanted);
        if (!hit)
          throw new InferenceError(
            'unbuildable-input',
            phrase(
              'inference.text.{0} is "{1}", but {2} has no such input (its inputs: {3}).',
              key,
              wanted,
              label,
              listNames(names),
            ),
          );
        return hit;
      }
      const byName = infos.find((i) => i.name === fallback);
      if (byName || !required) return byName;
      const ints = infos.filter((i) => i.type === 'int64' || i.type === 'int32');
      if (infos.length === 1 || ints.length === 1) return infos.length === 1 ? infos[0] : ints[0];
      throw new InferenceError(
        'unbuildable-input',
        phrase(
          '{0} has no input named "input_ids" (its inputs: {1}): set inference.text.input_ids to the input that takes the token ids.',
          label,
          listNames(names),
        ),
      );
    };
    const idsIn = find(text.inputIds, 'input_ids', 'input_ids', true)!;
    const maskIn = find(text.attentionMask, 'attention_mask', 'attention_mask', false);
    const typeIn = find(text.tokenTypeIds, 'token_type_ids', 'token_type_ids', false);
    const roles = new Map<InputInfo, SeqRole>([[idsIn, 'ids']]);
    for (const [i, role] of [
      [maskIn, 'attention mask'],
      [typeIn, 'token type ids'],
    ] as const) {
      if (!i) continue;
      if (roles.has(i))
        throw new InferenceError(
          'unbuildable-input',
          phrase(
            'The model input "{0}" is named for both the {1} and the {2} in inference.text.',
            i.name,
            roleName(roles.get(i)!),
            roleName(role),
          ),
        );
      roles.set(i, role);
    }
    let seqLength: number | undefined;
    for (const [i, role] of roles) {
      if (i.type !== 'int64' && i.type !== 'int32')
        throw new InferenceError(
          'dtype',
          phrase(
            'The model input "{0}" takes {1}, but the {2} are integers (int64 or int32). Is inference.text right about which input takes what?',
            i.name,
            i.type,
            roleName(role),
          ),
        );
      if (i.dims && i.dims.length !== 2)
        throw new InferenceError(
          'rank',
          phrase(
            'The model input "{0}" has rank {1}, but the {2} have rank 2 ([lines, tokens]).',
            i.name,
            i.dims.length,
            roleName(role),
          ),
        );
      const l = i.dims?.[1];
      if (typeof l === 'number' && l > 0) seqLength = l;
    }
    // Inputs besides the sequence inputs: constants from inference.inputs, with the ids input as the fed one.
    const rest = infos.filter((i) => i === idsIn || !roles.has(i));
    const { constants } =
      rest.length === 1
        ? { constants: [] }
        : mapInputs(rest, {
            input: idsIn.name,
            ...(req.experiment?.inputValues && { values: req.experiment.inputValues }),
            source: path.basename(req.experiment!.file),
          });
    const batchDim = idsIn.dims?.[0];
    const batch = typeof batchDim === 'number' && batchDim > 0 ? batchDim : BATCH;
    const ort = loadOrt();
    const lineNames = req.names ?? req.lines.map((_, i) => phrase('line {0}', i + 1));
    const tokens: number[] = [];
    const truncated: number[] = [];
    const outputs: OrtTensor[] = [];
    let chosen = model.session.outputNames[0]!;
    let tokenizeMs = 0;
    let runMs = 0;
    for (let start = 0; start < req.lines.length; start += batch) {
      if (req.signal?.aborted) throw cancelled();
      const t0 = performance.now();
      const lines = req.lines.slice(start, start + batch);
      const enc = encodeLines(tok, lines, text, seqLength, lineNames.slice(start, start + batch));
      tokens.push(...enc.tokens);
      truncated.push(...enc.truncated.map((i) => start + i));
      const tensor = (i: InputInfo, data: Int32Array) =>
        new ort.Tensor(
          i.type as 'int64' | 'int32',
          (i.type === 'int64' ? BigInt64Array.from(data, (v) => BigInt(v)) : data) as never,
          [enc.n, enc.length],
        );
      const feeds: Record<string, OrtTensor> = { [idsIn.name]: tensor(idsIn, enc.ids) };
      if (maskIn) feeds[maskIn.name] = tensor(maskIn, enc.attentionMask);
      if (typeIn) feeds[typeIn.name] = tensor(typeIn, enc.tokenTypeIds);
      for (const k of constants) {
        const ct = constantTensor(k, enc.n);
        feeds[k.name] = new ort.Tensor(k.type, ct.data as never, ct.dims);
      }
      const t1 = performance.now();
      let result: Record<string, OrtTensor>;
      try {
        result = (await model.session.run(feeds)) as Record<string, OrtTensor>;
      } catch (err) {
        throw mapNativeError(err, label);
      }
      if (facts.outputName && result[facts.outputName]) chosen = facts.outputName;
      outputs.push(result[chosen]!);
      tokenizeMs += t1 - t0;
      runMs += performance.now() - t1;
    }
    const n = req.lines.length;
    const first = outputs[0]!;
    const width = first.dims.slice(1).reduce((a, b) => a * b, 1);
    const data = new Float32Array(n * width);
    let at = 0;
    for (const o of outputs) {
      const values = o.data as ArrayLike<number>;
      for (let j = 0; j < values.length; j++) data[at + j] = Number(values[j]);
      at += values.length;
    }
    const predictions = interpretOutput(
      { name: chosen, type: first.type, dims: [n, width], data, perRow: width },
      n,
      facts,
      req.topK ?? facts.topK ?? 3,
    );
    const feeds = [...roles].map(([i, role]) => `${i.name} ← ${role}`);
    for (const k of constants) feeds.push(`${k.name} ← inference.inputs`);
    return {
      modelPath: model.path,
      provider: model.provider,
      tokenizer: tok.file,
      lines: req.lines,
      tokens,
      truncated,
      feeds,
      facts,
      predictions,
      timing: { tokenizeMs, runMs },
    };
  } finally {
    lease.release();
  }
}
