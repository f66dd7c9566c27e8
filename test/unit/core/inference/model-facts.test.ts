import * as assert from 'node:assert/strict';
import { parseExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { parseModelCard } from '../../../../core/src/inference/model-card';
import { modelFacts } from '../../../../core/src/inference/model-facts';
import { say } from '../../../../core/src/l10n';
import type { ModelInspection } from '../../../../core/src/onnx/inspect/model-inspection';

function inspection(metadata: Record<string, string>): ModelInspection {
  return {
    fileBytes: 0,
    irVersion: 8,
    opsets: [],
    opsetVersion: 17,
    producerName: '',
    producerVersion: '',
    domain: '',
    modelVersion: undefined,
    docString: '',
    graphName: '',
    inputs: [],
    outputs: [],
    operators: [],
    nodes: 0,
    subgraphs: 0,
    functions: 0,
    parameters: { count: 0, bytes: 0, tensors: 0, external: 0, byType: [] },
    metadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
}

const EXPERIMENT = `apiVersion: liftoff/v1
kind: Experiment
metadata: {name: credit}
task: {type: classification, labels: [no, yes]}
data: {train: data/train.csv, test: data/test.csv, features: [a, b]}
inference: {model: models/m.onnx, feature_order: [b, a], labels: [good, bad], top_k: 2}
`;

describe('core inference: model facts (feature order, labels, preprocessing) and where they come from', () => {
  it('reads the experiment: inference section, fallbacks and data files resolved against its folder', () => {
    const s = parseExperimentSettings(EXPERIMENT, '/ws/exp/credit.experiment.yaml')!;
    assert.deepEqual(
      [s.name, s.model, s.featureOrder, s.labels, s.topK, s.task],
      ['credit', '/ws/exp/models/m.onnx', ['b', 'a'], ['good', 'bad'], 2, 'classification'],
    );
    assert.deepEqual(s.dataFiles, ['/ws/exp/data/train.csv', '/ws/exp/data/test.csv']);
    assert.deepEqual(
      [s.dataFeatures, s.taskLabels],
      [
        ['a', 'b'],
        ['no', 'yes'],
      ],
    );
    assert.equal(parseExperimentSettings('kind: BusinessPlan\n', '/x.yaml'), undefined);
    assert.equal(parseExperimentSettings('a: [', '/x.yaml'), undefined);
  });

  it("the experiment's inference section wins, then the model metadata, then model.json, then data.features / task.labels", () => {
    const meta = { feature_order: '["m1","m2"]', labels: '["x","y"]', task: 'classification' };
    const card = parseModelCard({ feature_order: ['c1', 'c2'], labels: ['p', 'q'] }, '/m/model.json');
    const exp = parseExperimentSettings(EXPERIMENT, '/ws/credit.experiment.yaml')!;
    const all = modelFacts(inspection(meta), card, exp);
    assert.deepEqual(
      [all.featureOrder?.value, say('en', all.featureOrder!.source)],
      [['b', 'a'], 'credit.experiment.yaml inference.feature_order'],
    );
    assert.deepEqual([all.labels?.value, all.topK], [['good', 'bad'], 2]);
    const noExp = modelFacts(inspection(meta), card, undefined);
    assert.deepEqual(
      [noExp.featureOrder?.value, say('en', noExp.featureOrder!.source), noExp.labels?.value],
      [['m1', 'm2'], 'the model metadata (feature_order)', ['x', 'y']],
    );
    const cardOnly = modelFacts(inspection({}), card, undefined);
    assert.deepEqual(
      [say('en', cardOnly.featureOrder!.source), cardOnly.labels?.value],
      ['model.json (feature_order)', ['p', 'q']],
    );
    const bare = parseExperimentSettings(
      'kind: Experiment\ntask: {labels: [n, y]}\ndata: {features: [f1, f2]}\n',
      '/e.experiment.yaml',
    )!;
    const fallback = modelFacts(inspection({}), undefined, bare);
    assert.deepEqual(
      [fallback.featureOrder?.value, say('en', fallback.labels!.source)],
      [['f1', 'f2'], 'e.experiment.yaml task.labels'],
    );
  });

  it("says where the feature order and labels came from in the reader's language (zh-cn: no English left)", () => {
    const meta = { feature_order: '["m1","m2"]', labels: '["x","y"]' };
    const card = parseModelCard({ feature_order: ['c1', 'c2'], labels: ['p', 'q'] }, '/m/model.json');
    const exp = parseExperimentSettings(EXPERIMENT, '/ws/credit.experiment.yaml')!;
    const bare = parseExperimentSettings(
      'kind: Experiment\ntask: {labels: [n, y]}\ndata: {features: [f1, f2]}\n',
      '/e.experiment.yaml',
    )!;
    const sources = [
      modelFacts(inspection(meta), card, exp),
      modelFacts(inspection(meta), card, undefined),
      modelFacts(inspection({}), card, undefined),
      modelFacts(inspection({}), undefined, bare),
    ].flatMap((f) => [f.featureOrder!.source, f.labels!.source]);
    assert.deepEqual(
      sources.map((s) => say('zh-cn', s)),
      [
        'credit.experiment.yaml 中的 inference.feature_order',
        'credit.experiment.yaml 中的 inference.labels',
        '模型元数据（feature_order）',
        '模型元数据（labels）',
        'model.json（feature_order）',
        'model.json（labels）',
        'e.experiment.yaml 中的 data.features',
        'e.experiment.yaml 中的 task.labels',
      ],
    );
  });

  it('preprocessing: folded (Liftoff metadata or model.json) feeds raw values; PyTorch-style model.json statistics are replayed', () => {
    assert.equal(
      modelFacts(
        inspection({ 'liftoff.preprocessing': 'folded-standardize', 'liftoff.mean': '[1]', 'liftoff.std': '[2]' }),
        undefined,
        undefined,
      ).preprocessing.kind,
      'folded',
    );
    assert.equal(
      modelFacts(
        inspection({}),
        parseModelCard({ preprocessing: { op: 'standardize', folded: true, mean: [1], std: [2] } }, '/m/model.json'),
        undefined,
      ).preprocessing.kind,
      'folded',
    );
    const torch = modelFacts(
      inspection({}),
      parseModelCard({ preprocessing: { op: 'standardize', mean: [1, 2], std: [3, 4] } }, '/run/model.json'),
      undefined,
    ).preprocessing;
    assert.deepEqual([torch.kind, torch.mean, torch.std], ['standardize', [1, 2], [3, 4]]);
    assert.match(say('en', torch.description), /training statistics from model\.json/);
    assert.equal(say('zh-cn', torch.description), '用 model.json 中的训练统计量计算 (x − mean) / std');
    const meta = modelFacts(
      inspection({ 'liftoff.preprocessing': 'standardize', 'liftoff.mean': '[0.5]', 'liftoff.std': '[2]' }),
      undefined,
      undefined,
    ).preprocessing;
    assert.deepEqual([meta.kind, meta.mean, meta.std], ['standardize', [0.5], [2]]);
    assert.equal(modelFacts(inspection({}), undefined, undefined).preprocessing.kind, 'none');
    const hot = modelFacts(
      inspection({ 'liftoff.one_hot': '{"color": ["red", "blue"]}' }),
      undefined,
      undefined,
    ).preprocessing;
    assert.deepEqual(hot.oneHot, { color: ['red', 'blue'] });
  });
});
