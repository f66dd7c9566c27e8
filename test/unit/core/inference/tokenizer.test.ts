import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { InferenceError } from '../../../../core/src/inference/errors';
import { encodeLines, loadTokenizer, type LoadedTokenizer } from '../../../../core/src/inference/text/tokenize';
import { FIXTURES } from '../../../support/fixtures';

/** test/fixtures/onnx/tiny-text/make.py: a BERT-style WordPiece tokenizer with a 20-token vocabulary. */
const TOKENIZER = path.join(FIXTURES, 'onnx', 'tiny-text', 'tokenizer.json');
const PAD = 0;
const UNK = 1;
const CLS = 2;
const SEP = 3;

function rows(e: { ids: Int32Array; attentionMask: Int32Array; n: number; length: number }) {
  return Array.from({ length: e.n }, (_, r) => ({
    ids: Array.from(e.ids.subarray(r * e.length, (r + 1) * e.length)),
    mask: Array.from(e.attentionMask.subarray(r * e.length, (r + 1) * e.length)),
  }));
}

describe('text tokenization with a local tokenizer.json (@huggingface/tokenizers)', () => {
  let tok: LoadedTokenizer;
  let dir: string;
  before(async () => {
    tok = await loadTokenizer(TOKENIZER);
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-tok-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('encodes as BERT does: lower case, accents stripped, greedy longest-match WordPiece, [CLS] … [SEP]', () => {
    // Reference, by the WordPiece algorithm (BertNormalizer lowercase + strip accents, BertPreTokenizer splits
    // punctuation, then longest vocabulary prefix first, "##" for the rest of a word):
    // "Ünbelievably GOOD movies!" → un ##believ ##ably good movie ##s ! — the ids of make.py's VOCAB.
    const e = encodeLines(tok, ['Ünbelievably GOOD movies!'], {});
    assert.deepEqual(rows(e)[0], { ids: [CLS, 12, 13, 14, 6, 5, 11, 15, SEP], mask: [1, 1, 1, 1, 1, 1, 1, 1, 1] });
    assert.deepEqual(Array.from(e.tokenTypeIds), [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(e.tokens, [9]);
    // Words outside the vocabulary are [UNK], one per word.
    assert.deepEqual(rows(encodeLines(tok, ['xyz the film'], {}))[0]!.ids, [CLS, UNK, 4, 18, SEP]);
  });

  it('pads to the longest line with [PAD] and a zero attention mask; max_length pads every line to it', () => {
    const e = encodeLines(tok, ['good movie', 'the film was great !'], {});
    assert.equal(e.length, 7);
    assert.deepEqual(rows(e), [
      { ids: [CLS, 6, 5, SEP, PAD, PAD, PAD], mask: [1, 1, 1, 1, 0, 0, 0] },
      { ids: [CLS, 4, 18, 17, 7, 15, SEP], mask: [1, 1, 1, 1, 1, 1, 1] },
    ]);
    const fixed = encodeLines(tok, ['good'], { padding: 'max_length', maxLength: 6 });
    assert.deepEqual(rows(fixed)[0], { ids: [CLS, 6, SEP, PAD, PAD, PAD], mask: [1, 1, 1, 0, 0, 0] });
  });

  it('truncates the text between the special tokens to max_length, or refuses when truncation is false', () => {
    const e = encodeLines(tok, ['good good good bad bad', 'bad'], { maxLength: 5 });
    assert.deepEqual(rows(e)[0]!.ids, [CLS, 6, 6, 6, SEP]);
    assert.deepEqual(e.truncated, [0]);
    assert.throws(
      () =>
        encodeLines(tok, ['bad', 'good good good bad bad'], { maxLength: 5, truncation: false }, undefined, [
          'line 3',
          'line 4',
        ]),
      (err: unknown) =>
        err instanceof InferenceError &&
        err.code === 'tokenizer' &&
        /line 4 is 7 tokens, more than max_length 5/.test(err.message),
    );
    assert.throws(() => encodeLines(tok, ['good'], { maxLength: 2 }), /no room for text/);
  });

  it('a fixed sequence length in the model wins over max_length', () => {
    const e = encodeLines(tok, ['good good good good'], { maxLength: 100 }, 4);
    assert.equal(e.length, 4);
    assert.deepEqual(rows(e)[0]!.ids, [CLS, 6, 6, SEP]);
  });

  it('pads on the left when tokenizer.json says so, and names a tokenizer without a pad token', async () => {
    const json = JSON.parse(readFileSync(TOKENIZER, 'utf8'));
    const left = path.join(dir, 'left', 'tokenizer.json');
    json.padding = { direction: 'Left', pad_id: 0, pad_type_id: 0, pad_token: '[PAD]', strategy: 'BatchLongest' };
    mkdirSync(path.dirname(left), { recursive: true });
    writeFileSync(left, JSON.stringify(json));
    assert.deepEqual(rows(encodeLines(await loadTokenizer(left), ['good', 'good movie'], {}))[0], {
      ids: [PAD, CLS, 6, SEP],
      mask: [0, 1, 1, 1],
    });
    const noPad = JSON.parse(readFileSync(TOKENIZER, 'utf8'));
    delete noPad.model.vocab['[PAD]'];
    noPad.added_tokens = noPad.added_tokens.filter((t: { content: string }) => t.content !== '[PAD]');
    const file = path.join(dir, 'nopad.json');
    writeFileSync(file, JSON.stringify(noPad));
    const t = await loadTokenizer(file);
    assert.equal(encodeLines(t, ['good', 'bad'], {}).length, 3, 'lines of one length need no padding');
    assert.throws(() => encodeLines(t, ['good', 'good movie'], {}), /nopad\.json has no pad token .*line 1: "good"/);
  });

  it('missing, non-JSON and non-tokenizer files are refused with the file and what to do', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"model": ');
    const other = path.join(dir, 'other.json');
    writeFileSync(other, '{"vocab": {}}');
    for (const [file, re] of [
      [path.join(dir, 'none.json'), /does not exist: set inference\.text\.tokenizer/],
      [bad, /bad\.json is not valid JSON/],
      [other, /other\.json is not a Hugging Face tokenizer\.json/],
    ] as const)
      await assert.rejects(
        loadTokenizer(file),
        (e: unknown) => e instanceof InferenceError && e.code === 'tokenizer' && re.test(e.message),
      );
  });

  it('property: every line is [CLS] … [SEP] within max_length, the mask covers exactly its tokens, padding is [PAD]', () => {
    const word = fc.constantFrom(
      'the',
      'movie',
      'good',
      'GREAT',
      'bad',
      'films',
      'not',
      'unbelievably',
      'xyz',
      '!',
      '.',
      'é',
      '中',
    );
    const line = fc.array(word, { maxLength: 30 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 3, max: 40 }),
        fc.boolean(),
        (lines, max, fixed) => {
          const e = encodeLines(tok, lines, { maxLength: max, ...(fixed && { padding: 'max_length' as const }) });
          assert.ok(e.length <= max);
          if (fixed) assert.equal(e.length, max);
          rows(e).forEach((r, i) => {
            const n = r.mask.reduce((a, b) => a + b, 0);
            assert.equal(n, e.tokens[i]);
            assert.deepEqual(r.mask, [...Array(n).fill(1), ...Array(e.length - n).fill(0)]);
            assert.equal(r.ids[0], CLS);
            assert.equal(r.ids[n - 1], SEP);
            assert.ok(r.ids.slice(1, n - 1).every((id) => id !== CLS && id !== SEP && id !== PAD));
            assert.ok(r.ids.slice(n).every((id) => id === PAD));
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
