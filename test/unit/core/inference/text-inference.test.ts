import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { InferenceError } from '../../../../core/src/inference/errors';
import { parseExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { runTextInference } from '../../../../core/src/inference/text/text-inference';
import { FIXTURES } from '../../../support/fixtures';

/**
 * test/fixtures/onnx/tiny-text/make.py: logits = Σ (E[ids] + T[type ids]) · mask. "good"/"great" score
 * positive, "bad"/"terrible"/"awful" negative; [PAD] weighs 10 towards negative (so an ignored mask shows) and a
 * type id of 1 weighs 5 towards positive (so wrong token type ids show).
 */
const DIR = path.join(FIXTURES, 'onnx', 'tiny-text');
const MODEL = path.join(DIR, 'tiny-text.onnx');

const exp = (text: string, more = '') =>
  parseExperimentSettings(
    `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: t}\ninference:\n  text: ${text}\n${more}`,
    path.join(DIR, 't.experiment.yaml'),
  );

function labels(r: Awaited<ReturnType<typeof runTextInference>>): string[] {
  const p = r.predictions;
  assert.ok(p.kind === 'classification');
  return Array.from({ length: r.lines.length }, (_, i) => p.labels[p.top[i * p.k]!]!);
}

describe('text inference with onnxruntime-node: a text classifier built with Python onnx (tiny-text)', function () {
  this.timeout(30_000);
  let cache: SessionCache;
  before(() => {
    cache = new SessionCache({ idleMs: 60_000 });
  });
  after(() => cache.dispose());

  it('one prediction per line, labels from the model metadata; ids, mask and type ids fed by name', async () => {
    const lines = ['good movie', 'The film was TERRIBLE.', 'great', 'bad bad movie, but great great great!'];
    const r = await runTextInference(cache, { model: MODEL, lines, experiment: exp('{tokenizer: tokenizer.json}') });
    // "great" alone is padded to the longest line: it stays positive only because the mask hides the padding.
    assert.deepEqual(labels(r), ['positive', 'negative', 'positive', 'positive']);
    assert.deepEqual(r.feeds, [
      'input_ids ← ids',
      'attention_mask ← attention mask',
      'token_type_ids ← token type ids',
    ]);
    assert.deepEqual(r.tokens, [4, 7, 3, 11]);
    const p = r.predictions;
    assert.ok(p.kind === 'classification' && p.activation === 'softmax');
    // "good movie": logits [0, 2] → softmax 1 / (1 + e^-2)
    assert.ok(Math.abs(p.topP[0]! - 1 / (1 + Math.exp(-2))) < 1e-5);
  });

  it('truncation to max_length changes what the model sees; labels from inference.labels win', async () => {
    const line = 'good good good bad bad bad bad';
    const cut = await runTextInference(cache, {
      model: MODEL,
      lines: [line],
      experiment: exp('{tokenizer: tokenizer.json, max_length: 6}', '  labels: [neg, pos]\n'),
    });
    assert.deepEqual(labels(cut), ['pos']);
    assert.deepEqual(cut.truncated, [0]);
    const whole = await runTextInference(cache, {
      model: MODEL,
      lines: [line],
      experiment: exp('{tokenizer: tokenizer.json}'),
    });
    assert.deepEqual(labels(whole), ['negative']);
    await assert.rejects(
      runTextInference(cache, {
        model: MODEL,
        lines: ['bad', line],
        names: ['line 7', 'line 8'],
        experiment: exp('{tokenizer: tokenizer.json, max_length: 6, truncation: false}'),
      }),
      /line 8 is 9 tokens, more than max_length 6/,
    );
  });

  it('more lines than one batch: every line keeps its own answer, in order', async () => {
    const lines = Array.from({ length: 150 }, (_, i) =>
      i % 3 === 0 ? 'awful film' : i % 3 === 1 ? 'good' : 'great movie !',
    );
    const r = await runTextInference(cache, {
      model: MODEL,
      lines,
      experiment: exp('{tokenizer: tokenizer.json, padding: max_length, max_length: 16}'),
    });
    assert.deepEqual(
      labels(r),
      lines.map((l) => (l.startsWith('awful') ? 'negative' : 'positive')),
    );
  });

  it('a wrong mapping or tokenizer says what is wrong and what to set', async () => {
    const cases: Array<[string | undefined, RegExp]> = [
      [undefined, /needs its tokenizer: set inference\.text\.tokenizer/],
      ['{tokenizer: missing.json}', /missing\.json does not exist/],
      [
        '{tokenizer: tokenizer.json, input_ids: ids}',
        /inference\.text\.input_ids is "ids", but tiny-text\.onnx has no such input \(its inputs: input_ids, attention_mask, token_type_ids\)/,
      ],
      ['{tokenizer: tokenizer.json, attention_mask: input_ids}', /named for both the ids and the attention mask/],
    ];
    for (const [text, re] of cases) {
      const experiment = text === undefined ? exp('{}') : exp(text);
      await assert.rejects(
        runTextInference(cache, { model: MODEL, lines: ['good'], ...(experiment && { experiment }) }),
        (e: unknown) => e instanceof InferenceError && re.test(e.message),
        String(text),
      );
    }
  });
});
