import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseExperimentSettings } from '../../core/src/inference/experiment-settings';
import { loadSchemas } from '../../server/src/host/schemas';
import { createLanguageService } from '../../server/src/service';
import { applyEdits, REPO_ROOT } from '../support/fixtures';

const service = createLanguageService({}, { schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')) });

const doc = (text: string) => ({
  uri: 'file:///ws/sentiment.experiment.yaml',
  text: `apiVersion: liftoff/v1
kind: Experiment
metadata:
  name: sentiment
task:
  type: classification
data:
  train: data/train.csv
model:
  architecture: mlp
inference:
  model: models/sentiment.onnx
  text:
${text
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`,
});

async function schemaProblems(text: string) {
  const d = doc(text);
  // The document leaves out sections this test is not about (training, run): only problems in inference count.
  const from = d.text.split('\n').indexOf('inference:');
  return {
    d,
    problems: (await service.validate(d)).filter((x) => x.code === 'SCHEMA' && x.range.start.line > from),
  };
}

describe('inference.text in the experiment schema, checked by the language service', () => {
  it('a complete section is accepted and read with the tokenizer path resolved next to the experiment', async () => {
    const text =
      'tokenizer: models/tokenizer.json\nmax_length: 128\npadding: max_length\ntruncation: false\ninput_ids: ids\nattention_mask: mask\ntoken_type_ids: segments';
    assert.deepEqual((await schemaProblems(text)).problems, []);
    const s = parseExperimentSettings(doc(text).text, '/ws/sentiment.experiment.yaml');
    assert.deepEqual(s?.text, {
      tokenizer: path.resolve('/ws/models/tokenizer.json'),
      maxLength: 128,
      padding: 'max_length',
      truncation: false,
      inputIds: 'ids',
      attentionMask: 'mask',
      tokenTypeIds: 'segments',
    });
  });

  it('wrong values and unknown keys are reported where they are, each with the line it is on', async () => {
    const { d, problems } = await schemaProblems(
      'tokenizer: tokenizer.json\nmax_length: 0\npadding: shortest\ntruncation: yes please\ntokeniser: x.json',
    );
    const lines = d.text.split('\n');
    const on = (key: string) => problems.filter((p) => lines[p.range.start.line]!.includes(key));
    for (const key of ['max_length', 'padding', 'truncation', 'tokeniser'])
      assert.equal(on(key).length, 1, `${key}: ${JSON.stringify(problems.map((p) => p.message))}`);
    // Leniently read: the well-formed tokenizer path still counts, the rest falls back to defaults.
    const s = parseExperimentSettings(d.text, '/ws/sentiment.experiment.yaml');
    assert.deepEqual(s?.text, { tokenizer: path.resolve('/ws/tokenizer.json') });
  });

  it('a synonym of a padding value is read as the schema value, with a quick fix to write it so', async () => {
    const d = doc('tokenizer: tokenizer.json\npadding: max');
    const found = (await service.validate(d)).filter((x) => x.code === 'SYNONYM');
    assert.equal(found.length, 1);
    assert.match(String(found[0]!.message), /`max` is read as `max_length`: `inference\.text\.padding`/);
    const fix = service.codeActions(d, found).find((a) => /max_length/.test(a.title));
    assert.ok(fix);
    assert.match(applyEdits(d.text, fix.edit!.changes![d.uri]!), /padding: max_length\n/);
    // Inference reads it the same way, before the fix is applied.
    assert.equal(parseExperimentSettings(d.text, '/ws/sentiment.experiment.yaml')?.text?.padding, 'max_length');
  });
});
