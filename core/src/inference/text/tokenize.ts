/**
 * Lines of text → token ids for a text model, with a local Hugging Face `tokenizer.json` (and the
 * `tokenizer_config.json` beside it, when there is one) through @huggingface/tokenizers, Hugging Face's pure-JS
 * tokenizer library (the one Transformers.js uses): nothing is fetched from a hub. The library encodes one text;
 * truncation and padding are done here as the Python `tokenizers` library does them: the special tokens the
 * tokenizer adds ([CLS] … [SEP], <s> … </s>) are kept, the text between them is cut to `max_length`, and lines are
 * padded with the tokenizer's pad token to the longest line (or to `max_length`), attention mask 0 on the padding.
 */
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type * as Tokenizers from '@huggingface/tokenizers' with { 'resolution-mode': 'import' };
import { phrase, type Phrase } from '../../l10n';
import { InferenceError, quoteCell } from '../errors';

type Tokenizer = Tokenizers.Tokenizer;

/** The library, loaded on the first text inference only (activation never pays for it). */
function tokenizerClass(): typeof Tokenizers.Tokenizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@huggingface/tokenizers') as typeof Tokenizers).Tokenizer;
}

export interface TextPreprocessing {
  /** `inference.text.tokenizer`: the tokenizer.json file, absolute. */
  readonly tokenizer?: string;
  /** Tokens per line at most, special tokens included. */
  readonly maxLength?: number;
  /** `longest` (default): pad to the longest line of the batch; `max_length`: pad every line to max_length. */
  readonly padding?: 'longest' | 'max_length';
  /** Cut lines longer than max_length (default true); false: such a line is an error. */
  readonly truncation?: boolean;
  /** The model inputs that take the ids, the attention mask and the token type ids (default: by those names). */
  readonly inputIds?: string;
  readonly attentionMask?: string;
  readonly tokenTypeIds?: string;
}

export interface LoadedTokenizer {
  readonly file: string;
  readonly tokenizer: Tokenizer;
  /** The pad token's id and type id, when the tokenizer has one. */
  readonly padId: number | undefined;
  readonly padTypeId: number;
  readonly padLeft: boolean;
  /** max_length from tokenizer.json's `truncation` or tokenizer_config.json's `model_max_length`. */
  readonly maxLength: number | undefined;
}

export interface Encoded {
  /** Lines × length, row-major. */
  readonly ids: Int32Array;
  readonly attentionMask: Int32Array;
  readonly tokenTypeIds: Int32Array;
  readonly n: number;
  readonly length: number;
  /** Per line: tokens before padding (special tokens included). */
  readonly tokens: readonly number[];
  /** Indexes of the lines that were cut to max_length. */
  readonly truncated: readonly number[];
}

/** tokenizer.json files larger than this are refused (the largest common ones are ~20 MB). */
const MAX_TOKENIZER_BYTES = 128 * 2 ** 20;
/** When neither the experiment nor the tokenizer says. */
export const DEFAULT_MAX_LENGTH = 512;

const cache = new Map<string, { key: string; loaded: LoadedTokenizer }>();

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObj(v) && typeof v.content === 'string') return v.content;
  return undefined;
}

/** Reads and builds the tokenizer (cached by path, modification time and size). */
export async function loadTokenizer(file: string): Promise<LoadedTokenizer> {
  const name = path.basename(file);
  const s = await stat(file).catch(() => undefined);
  if (!s?.isFile())
    throw new InferenceError(
      'tokenizer',
      phrase(
        "The tokenizer {0} does not exist: set inference.text.tokenizer to the model's tokenizer.json (a local file; nothing is downloaded).",
        file,
      ),
    );
  if (s.size > MAX_TOKENIZER_BYTES)
    throw new InferenceError(
      'tokenizer',
      phrase('{0} is {1} MB, larger than a tokenizer Liftoff reads (128 MB).', name, (s.size / 2 ** 20).toFixed(0)),
    );
  const key = `${s.mtimeMs}:${s.size}`;
  const hit = cache.get(file);
  if (hit?.key === key) return hit.loaded;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new InferenceError('tokenizer', phrase('{0} is not valid JSON: {1}.', name, (err as Error).message));
  }
  if (!isObj(json) || !isObj(json.model) || typeof json.model.type !== 'string')
    throw new InferenceError(
      'tokenizer',
      phrase(
        '{0} is not a Hugging Face tokenizer.json (it has no "model" with a "type"). Save one with tokenizer.save_pretrained() or tokenizer.backend_tokenizer.save().',
        name,
      ),
    );
  let config: Json = {};
  const configFile = path.join(path.dirname(file), 'tokenizer_config.json');
  try {
    const parsed: unknown = JSON.parse(await readFile(configFile, 'utf8'));
    if (isObj(parsed)) config = parsed;
  } catch {
    // No tokenizer_config.json, or an unreadable one: tokenizer.json alone describes the tokenizer.
  }
  let tokenizer: Tokenizer;
  try {
    tokenizer = new (tokenizerClass())(json, config);
  } catch (err) {
    throw new InferenceError(
      'tokenizer',
      phrase(
        '{0} cannot be used: {1}. Liftoff reads WordPiece, BPE and Unigram tokenizer.json files.',
        name,
        (err as Error).message,
      ),
    );
  }
  const padding = isObj(json.padding) ? json.padding : undefined;
  const truncation = isObj(json.truncation) ? json.truncation : undefined;
  const padToken =
    tokenText(config.pad_token) ?? (typeof padding?.pad_token === 'string' ? padding.pad_token : undefined);
  const padId =
    typeof padding?.pad_id === 'number'
      ? padding.pad_id
      : [padToken, '[PAD]', '<pad>']
          .filter((t): t is string => t !== undefined)
          .map((t) => tokenizer.token_to_id(t))
          .find((id) => id !== undefined);
  const configMax = config.model_max_length;
  const maxLength =
    typeof truncation?.max_length === 'number' && truncation.max_length > 0
      ? truncation.max_length
      : typeof configMax === 'number' && Number.isInteger(configMax) && configMax > 0 && configMax <= 1_000_000
        ? configMax
        : undefined;
  const loaded: LoadedTokenizer = {
    file,
    tokenizer,
    padId,
    padTypeId: typeof padding?.pad_type_id === 'number' ? padding.pad_type_id : 0,
    padLeft: padding?.direction === 'Left' || config.padding_side === 'left',
    maxLength,
  };
  cache.set(file, { key, loaded });
  return loaded;
}

interface LineTokens {
  readonly ids: number[];
  readonly types: number[];
  readonly truncated: boolean;
}

/** One line with special tokens, the text between them cut to `max` tokens in all. */
function encodeLine(
  tok: Tokenizer,
  text: string,
  max: number,
  truncation: boolean,
  where: string | Phrase,
): LineTokens {
  const full = tok.encode(text, { return_token_type_ids: true });
  const types = full.token_type_ids ?? full.ids.map(() => 0);
  if (full.ids.length <= max) return { ids: full.ids, types, truncated: false };
  if (!truncation)
    throw new InferenceError(
      'tokenizer',
      phrase(
        '{0} is {1} tokens, more than max_length {2}, and inference.text.truncation is false: shorten the line, raise max_length or allow truncation.',
        where,
        full.ids.length,
        max,
      ),
    );
  // Where the text sits between the special tokens: the encoding without them, found inside the one with them.
  const bare = tok.encode(text, { add_special_tokens: false }).ids;
  let at = -1;
  for (let i = 0; i + bare.length <= full.ids.length && at < 0; i++)
    if (bare.every((id: number, j: number) => full.ids[i + j] === id)) at = i;
  if (at < 0) at = 0;
  const before = at;
  const after = full.ids.length - at - bare.length;
  const keep = max - before - after;
  if (keep < 1)
    throw new InferenceError(
      'tokenizer',
      phrase(
        'max_length {0} leaves no room for text: the tokenizer adds {1} special tokens to each line.',
        max,
        before + after,
      ),
    );
  const pick = <T>(a: T[]) => [...a.slice(0, at + keep), ...a.slice(at + bare.length)];
  return { ids: pick(full.ids), types: pick(types), truncated: true };
}

/**
 * Encodes `lines` into one batch. `fixedLength` is the model's sequence dimension when it is a number: every line
 * is then padded (and cut) to it. `names[i]` names line i in messages ("line 12").
 */
export function encodeLines(
  t: LoadedTokenizer,
  lines: readonly string[],
  pre: TextPreprocessing,
  fixedLength?: number,
  names: ReadonlyArray<string | Phrase> = lines.map((_, i) => phrase('line {0}', i + 1)),
): Encoded {
  if (lines.length === 0) throw new InferenceError('no-rows', phrase('No lines of text were given.'));
  const max = fixedLength ?? pre.maxLength ?? t.maxLength ?? DEFAULT_MAX_LENGTH;
  const encoded = lines.map((line, i) => encodeLine(t.tokenizer, line, max, pre.truncation ?? true, names[i]!));
  const longest = Math.max(...encoded.map((e) => e.ids.length));
  const length = fixedLength ?? (pre.padding === 'max_length' ? max : longest);
  if (t.padId === undefined && encoded.some((e) => e.ids.length < length)) {
    const short = encoded.findIndex((e) => e.ids.length < length);
    throw new InferenceError(
      'tokenizer',
      phrase(
        '{0} has no pad token ([PAD], <pad>, or "padding" in tokenizer.json), so lines of different lengths cannot share a batch ({1}: {2}). Give the tokenizer a pad token, or run one line at a time.',
        path.basename(t.file),
        names[short]!,
        quoteCell(lines[short]!),
      ),
    );
  }
  const n = lines.length;
  const ids = new Int32Array(n * length).fill(t.padId ?? 0);
  const attentionMask = new Int32Array(n * length);
  const tokenTypeIds = new Int32Array(n * length).fill(t.padTypeId);
  encoded.forEach((e, r) => {
    const start = r * length + (t.padLeft ? length - e.ids.length : 0);
    ids.set(e.ids, start);
    tokenTypeIds.set(e.types, start);
    attentionMask.fill(1, start, start + e.ids.length);
  });
  return {
    ids,
    attentionMask,
    tokenTypeIds,
    n,
    length,
    tokens: encoded.map((e) => e.ids.length),
    truncated: encoded.flatMap((e, i) => (e.truncated ? [i] : [])),
  };
}
