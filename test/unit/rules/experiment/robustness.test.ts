import * as assert from 'node:assert/strict';
import { check, fixTitles } from './support';
import { canonicalEnumValue, ENUM_ALIASES } from '../../../../server/src/service/enum-aliases';

describe('Experiment rules on unusual input', () => {
  it('report wrong shapes without throwing, and offer no line-based fix inside a flow mapping', async () => {
    const { diagnostics } = await check('robustness/odd-shapes.experiment.yaml');
    const both = diagnostics.find((d) => /both set/.test(String(d.message)));
    assert.ok(both, 'epochs and max_steps both set is still reported');
    assert.deepEqual(fixTitles(both), [], 'no fix deletes lines of a one-line flow mapping');
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['EXP-009', 'EXP-012', 'EXP-015']);
  });
});

describe('Chinese enum aliases', () => {
  it('maps the seed terms to canonical values', () => {
    assert.equal(canonicalEnumValue('training.mode', '迁移学习'), 'transfer');
    assert.equal(canonicalEnumValue('training.mode', '转移学习'), 'transfer');
    assert.equal(canonicalEnumValue('training.mode', '微调'), 'finetune');
    assert.equal(canonicalEnumValue('task.type', ' 分类 '), 'classification');
    assert.equal(canonicalEnumValue('data.sensitivity', '医疗数据'), 'health');
    assert.equal(canonicalEnumValue('training.mode', 'transfer'), undefined);
    assert.equal(canonicalEnumValue('no.such.field', '分类'), undefined);
  });

  it('only maps to values of the domain enums', () => {
    const enums: Record<string, string[]> = {
      'training.mode': [
        'from_scratch',
        'finetune',
        'transfer',
        'feature_extraction',
        'self_supervised',
        'online',
        'reinforcement',
      ],
      'task.type': [
        'classification',
        'regression',
        'forecasting',
        'generation',
        'question_answering',
        'recommendation',
        'detection',
        'segmentation',
        'speech_recognition',
        'reinforcement',
      ],
      'task.domain': ['tabular', 'vision', 'nlp', 'speech', 'recsys', 'multimodal'],
      'model.architecture': ['mlp', 'cnn', 'rnn', 'lstm', 'transformer', 'resnet', 'bert', 'gpt', 'custom'],
      'training.optimizer.type': ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'],
      'data.sensitivity': ['none', 'personal', 'health', 'financial'],
    };
    for (const [path, aliases] of Object.entries(ENUM_ALIASES)) {
      for (const [zh, value] of Object.entries(aliases))
        assert.ok(enums[path]?.includes(value), `${path}: ${zh} → ${value}`);
    }
  });
});
