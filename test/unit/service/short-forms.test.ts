import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LiftoffDiagnostic } from '../../../server/src/service';
import { loadSchemas } from '../../../server/src/host/schemas';
import { canonicalOf, fold, LISTS, NAMED_LISTS, parseExperiment, VOCABULARY } from '../../../core/src/vocabulary';
import { trainerConfigFromExperiment } from '../../../core/src/trainer/config';
import { FALSE_FRIENDS, isSafeCorrection, suggestValue, typoBudget } from '../../../server/src/service/suggest';
import { applyEdits, fixture, REPO_ROOT } from '../../support/fixtures';

const service = createLanguageService({}, { schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')) });
type Kind = 'Experiment' | 'BusinessPlan';
type Schema = Record<string, unknown>;
const SCHEMA_FILES: Record<Kind, string> = {
  Experiment: 'experiment.schema.json',
  BusinessPlan: 'business-plan.schema.json',
};

/** Every enum and every list of the schema, by schema path (`[]` for "each item"), following $ref and unions. */
function schemaShapes(kind: Kind): { enums: Map<string, string[]>; lists: Map<string, Schema> } {
  const root = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', SCHEMA_FILES[kind]), 'utf8')) as Schema;
  const deref = (s: Schema): Schema => {
    let cur = s;
    for (let i = 0; i < 8 && typeof cur.$ref === 'string'; i++) {
      let t: unknown = root;
      for (const p of cur.$ref.replace(/^#\//, '').split('/')) t = (t as Schema)[p];
      cur = t as Schema;
    }
    return cur;
  };
  const enums = new Map<string, string[]>();
  const lists = new Map<string, Schema>();
  const walk = (raw: Schema, p: string, depth: number) => {
    const s = deref(raw);
    if (depth > 14) return;
    if (Array.isArray(s.enum)) enums.set(p, s.enum.map(String));
    if (s.items) {
      lists.set(p, deref(s.items as Schema));
      walk(s.items as Schema, `${p}[]`, depth + 1);
    }
    for (const k of ['oneOf', 'anyOf', 'allOf'])
      if (Array.isArray(s[k])) for (const b of s[k] as Schema[]) walk(b, p, depth + 1);
    if (s.then) walk(s.then as Schema, p, depth + 1);
    for (const [k, v] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
      walk(v, p ? `${p}.${k}` : k, depth + 1);
  };
  walk(root, '', 0);
  return { enums, lists };
}

async function validate(uri: string, text: string): Promise<LiftoffDiagnostic[]> {
  return service.validate({ uri, text });
}
const serious = (ds: LiftoffDiagnostic[]) =>
  ds.filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning);
/** The synonym fixtures are deliberately partial plans: PLAN-001 (core sections missing) is expected there. */
const seriousBesidesCoreSections = (ds: LiftoffDiagnostic[]) => serious(ds).filter((d) => d.code !== 'PLAN-001');

describe('documents written the way people write them (short forms and enum synonyms)', () => {
  describe('the vocabulary table is an audit of every enum in both schemas', () => {
    for (const kind of ['Experiment', 'BusinessPlan'] as const) {
      it(`${kind}: one entry per schema enum, with exactly the schema's values`, () => {
        const { enums } = schemaShapes(kind);
        assert.deepEqual([...Object.keys(VOCABULARY[kind])].sort(), [...enums.keys()].sort());
        for (const [p, values] of enums) assert.deepEqual(VOCABULARY[kind][p]!.values, values, p);
      });

      it(`${kind}: every synonym names an allowed value, and none is spelled like another allowed value`, () => {
        for (const [p, vocab] of Object.entries(VOCABULARY[kind])) {
          const folds = new Map(vocab.values.map((c) => [fold(c), c]));
          for (const [word, c] of Object.entries(vocab.synonyms)) {
            assert.ok(vocab.values.includes(c), `${p}: ${word} → ${c} is not an allowed value`);
            const clash = folds.get(fold(word));
            assert.ok(clash === undefined || clash === c, `${p}: synonym ${word} is spelled like ${clash}`);
          }
          for (const k of Object.keys(vocab.why ?? {})) assert.ok(k in vocab.synonyms, `${p}: why for ${k}`);
        }
      });

      it(`${kind}: each short-form list is a list in the schema; named lists require only their label`, () => {
        const { lists } = schemaShapes(kind);
        for (const p of LISTS[kind]) assert.ok(lists.has(p), `${p} is not a list in the schema`);
        for (const [p, label] of Object.entries(NAMED_LISTS[kind])) {
          const item = lists.get(p);
          assert.ok(item?.properties && label in (item.properties as Schema), `${p} items have no ${label}`);
          const required = (item.required as string[] | undefined) ?? [];
          assert.ok(
            required.every((r) => r === label),
            `${p}: requires ${required.join(', ')}`,
          );
        }
      });
    }
  });

  describe('the issue #17 plan: names for segments, one value for a list, everyday phase words', () => {
    it('validates with no error or warning; each synonym is one information diagnostic with a fix', async () => {
      const doc = fixture('schema/synonyms.plan.yaml');
      const ds = await validate(doc.uri, doc.text);
      assert.deepEqual(
        seriousBesidesCoreSections(ds).map((d) => `${d.code}: ${String(d.message)}`),
        [],
      );
      const notes = ds.filter((d) => d.code === 'SYNONYM');
      assert.deepEqual(
        notes.map((d) => d.message),
        [
          '`Series A` is read as `series_a`: `metadata.stage` names it `series_a`.',
          '`research` is read as `requirements` (the first phase: user and market research, requirements and feasibility): `milestones[0].phase` names it `requirements`.',
          '`development` is read as `training` (building and training the model): `milestones[1].phase` names it `training`.',
          '`pilot` is read as `deployment` (a pilot is a first deployment with a few customers, before launch): `milestones[2].phase` names it `deployment`.',
        ],
      );
      assert.ok(notes.every((d) => d.severity === DiagnosticSeverity.Information));
      // The range is the value the user wrote.
      const dev = notes[2]!;
      const line = doc.text.split('\n')[dev.range.start.line]!;
      assert.equal(line.slice(dev.range.start.character, dev.range.end.character), 'development');
    });

    it('the quick fixes write the canonical values, which is the rule reference pass example', async () => {
      const doc = fixture('schema/synonyms.plan.yaml');
      const notes = (await validate(doc.uri, doc.text)).filter((d) => d.code === 'SYNONYM');
      const edits = service.codeActions(doc, notes).flatMap((a) => a.edit!.changes![doc.uri]!);
      const fixed = applyEdits(doc.text, edits);
      const expected = fixture('schema/synonyms-fixed.plan.yaml').text;
      assert.equal(fixed.split('\n').slice(1).join('\n'), expected.split('\n').slice(1).join('\n'));
      assert.deepEqual(await validate(doc.uri, fixed).then(seriousBesidesCoreSections), []);
      assert.deepEqual(
        (await validate(doc.uri, fixed)).filter((d) => d.code === 'SYNONYM'),
        [],
      );
    });

    it('the canonical document still gets the schema error the short form is not: a list of numbers as names', async () => {
      const doc = fixture('schema/synonyms-fixed.plan.yaml');
      const text = doc.text.replace('segments: [SMBs, banks]', 'segments: [{size: 3}]');
      const errors = serious(await validate(doc.uri, text));
      assert.ok(
        errors.some(
          (d) => d.code === 'SCHEMA' && /target_users\.segments\[0\]` is missing `name`/.test(String(d.message)),
        ),
        errors.map((d) => d.message).join('\n'),
      );
    });

    it('hover on a synonym says what it is read as, with the canonical value’s own description', () => {
      const doc = fixture('schema/synonyms.plan.yaml');
      const lines = doc.text.split('\n');
      const line = lines.findIndex((l) => l.includes('phase: development'));
      const h = service.hover(doc, { line, character: lines[line]!.indexOf('development') + 2 });
      const text = (h?.contents as { value: string }).value;
      assert.match(text, /`development` is read as `training`\./);
      assert.match(text, /milestones\[1\]\.phase/);
    });

    it('the plan maths read the canonical values: `tech`/`finance` risks count for PLAN-012 coverage', async () => {
      const base = fixture('schema/synonyms-fixed.plan.yaml');
      // The fixture's own risks (the last section) give way to the ones under test.
      const head = base.text.slice(0, base.text.indexOf('\nrisks:\n') + 1);
      assert.ok(head.length > 1, 'the fixture ends with its risks section');
      const risks = (cats: string[]) =>
        `${head}risks:\n${cats
          .map(
            (c, i) =>
              `  - {id: r${i}, title: Risk ${i}, category: ${c}, likelihood: 2, impact: 2, response: mitigate, mitigation: Plan B, owner: ceo}\n`,
          )
          .join('')}`;
      const coverage = async (cats: string[]) =>
        (await validate(base.uri, risks(cats))).filter((d) => d.code === 'PLAN-012').map((d) => d.message);
      assert.deepEqual(await coverage(['tech', 'market', 'finance', 'data', 'legal']), []);
      // The same risks without the financial one: the rule notices (it reads categories, not spellings).
      assert.equal((await coverage(['tech', 'market', 'data', 'legal'])).length, 1);
      const model = service.planViewModel({ uri: base.uri, text: risks(['tech', 'market', 'finance']) });
      assert.match(JSON.stringify(model), /"Risk 0","Technical"/);
      assert.match(JSON.stringify(model), /"Risk 2","Financial"/);
    });
  });

  describe('short forms: each validates clean', () => {
    const plan = (body: string) =>
      `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: P, currency: CNY}\n${body}\n`;
    const cases: Array<[string, string]> = [
      ['a list of names for segments', 'target_users:\n  segments: [SMBs, banks]'],
      ['a block list of names for personas', 'target_users:\n  personas:\n    - Clinic manager\n    - Radiologist'],
      ['one name for segments', 'target_users:\n  segments: Hospitals'],
      ['names for competitors', 'market:\n  competition:\n    competitors: [Vendor A, Manual reading]'],
      ['one string for strengths', 'market:\n  competition:\n    competitors:\n      - {name: A, strengths: brand}'],
      ['one trend', 'market:\n  trends: AI policy support'],
      ['names for advisors', 'team:\n  advisors: [Prof. Chen]'],
      ['roles for the hiring plan', 'team:\n  hiring:\n    plan: [ml_engineer, sales]'],
      ['claims for benefits', 'value_proposition:\n  benefits: [Faster reading, Fewer misses]'],
      ['one go-to-market channel', 'go_to_market:\n  channels: direct_sales'],
      ['one financing channel word', 'financing:\n  channels: VC'],
      ['names for rounds', 'financing:\n  rounds: [Seed]'],
      ['one pain point', 'problem:\n  pain_points: Backlogs'],
      ['one depends_on', 'milestones:\n  - {id: a, title: A}\n  - {id: b, title: B, depends_on: a}'],
      ['one responsibility', 'team:\n  members:\n    - {id: c, role: ceo, responsibilities: fundraising}'],
      [
        'contingency actions as text',
        'contingency_plans:\n  - {id: cp, trigger: Cash low, actions: [Cut spend, Bridge round]}',
      ],
    ];
    for (const [name, body] of cases)
      it(name, async () => {
        const ds = (await validate('file:///w/p.plan.yaml', plan(body))).filter((d) => d.code === 'SCHEMA');
        assert.deepEqual(
          ds.map((d) => d.message),
          [],
        );
      });

    const exp = (body: string) =>
      `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: e}\ntask: {type: classification, labels: [a, b]}\n` +
      `model: {architecture: mlp}\ntraining: {epochs: 1}\nrun: {trainer: builtin}\n${body}\n`;
    const expCases: Array<[string, string]> = [
      ['preprocessing as op names', 'data:\n  train: t.csv\n  preprocessing: [drop_missing, standardize]'],
      ['one preprocessing op', 'data:\n  train: t.csv\n  preprocessing: standardize'],
      ['one evaluation metric', 'data: {train: t.csv}\nevaluation:\n  metrics: accuracy'],
      ['one hidden layer size', 'data: {train: t.csv}\nmodel: {architecture: mlp, hidden_layers: 64}'],
    ];
    for (const [name, body] of expCases)
      it(`experiment: ${name}`, async () => {
        const text = exp(body).replace('model: {architecture: mlp}\n', body.includes('model:') ? '' : '$&');
        const ds = (await validate('file:///w/e.experiment.yaml', text)).filter((d) => d.code === 'SCHEMA');
        assert.deepEqual(
          ds.map((d) => d.message),
          [],
        );
      });

    it('the launchers and the built-in trainer read the same canonical values (parseExperiment)', () => {
      const dir = path.join(REPO_ROOT, 'templates', 'experiments', 'credit-risk');
      const text = readFileSync(path.join(dir, 'credit-risk.experiment.yaml'), 'utf8')
        .replace('  type: classification', '  type: Binary classification')
        .replace('  loss: bce', '  loss: binary cross-entropy')
        .replace(
          / {2}preprocessing:\n {4}- op: drop_missing\n {4}- op: standardize/,
          '  preprocessing: [dropna, standardise]',
        )
        .replace('  trainer: builtin', '  trainer: built-in');
      assert.match(text, /binary cross-entropy/);
      const js = parseExperiment(text) as { training: { loss: string }; run: { trainer: string } };
      assert.equal(js.training.loss, 'bce');
      assert.equal(js.run.trainer, 'builtin');
      // The trainer accepts it (it refuses a loss or task it does not know), with the meaning the editor showed.
      const config = trainerConfigFromExperiment(js, dir);
      assert.equal(config.training.task, 'classification');
      assert.equal(config.data.dropMissing, true);
      assert.throws(() => parseExperiment('a: [1'), /flow|end|missing/i);
    });

    it('argument lists are not short forms: `run.command` as one string stays an error', async () => {
      const text = exp('data: {train: t.csv}').replace(
        'run: {trainer: builtin}',
        'run: {trainer: command, command: "python train.py"}',
      );
      const ds = serious(await validate('file:///w/e.experiment.yaml', text));
      assert.ok(ds.some((d) => /run\.command/.test(String(d.message))));
    });
  });

  describe('plausible spellings map to the right value, or to none (then the allowed values are listed)', () => {
    type Row = [string, string | undefined];
    const tables: Array<[Kind, string, Row[]]> = [
      [
        'BusinessPlan',
        'milestones[].phase',
        [
          ['development', 'training'],
          ['Development', 'training'],
          ['research', 'requirements'],
          ['pilot', 'deployment'],
          ['Pilot', 'deployment'],
          ['requirement', 'requirements'],
          ['Requirements analysis', 'requirements'],
          ['data collection', 'data'],
          ['data-preparation', 'data'],
          ['labelling', 'data'],
          ['design', 'model_design'],
          ['Model Design', 'model_design'],
          ['model-design', 'model_design'],
          ['model development', 'training'],
          ['Model training', 'training'],
          ['testing', 'evaluation'],
          ['validation', 'evaluation'],
          ['rollout', 'deployment'],
          ['go-live', 'launch'],
          ['release', 'launch'],
          ['regulatory', 'compliance'],
          ['fundraise', 'fundraising'],
          ['recruiting', 'hiring'],
          ['marketing', undefined],
          ['maintenance', undefined],
          ['poc', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'milestones[].status',
        [
          ['completed', 'done'],
          ['Done', 'done'],
          ['in progress', 'in_progress'],
          ['In-Progress', 'in_progress'],
          ['ongoing', 'in_progress'],
          ['WIP', 'in_progress'],
          ['todo', 'planned'],
          ['not started', 'planned'],
          ['delayed', 'slipped'],
          ['late', 'slipped'],
          ['canceled', 'cancelled'],
          ['at risk', 'at_risk'],
          ['At-Risk', 'at_risk'],
          ['blocked', undefined],
          ['paused', undefined],
          ['finished', 'done'],
          ['achieved', 'done'],
          ['started', 'in_progress'],
          ['upcoming', 'planned'],
          ['dropped', 'cancelled'],
          ['overdue', 'slipped'],
        ],
      ],
      [
        'BusinessPlan',
        'risks[].category',
        [
          ['tech', 'technical'],
          ['Technical', 'technical'],
          ['technology', 'technical'],
          ['data quality', 'data'],
          ['Market', 'market'],
          ['competition', 'market'],
          ['finance', 'financial'],
          ['funding', 'financial'],
          ['legal', 'legal_compliance'],
          ['compliance', 'legal_compliance'],
          ['regulatory', 'legal_compliance'],
          ['Legal & Compliance', undefined],
          ['legal-compliance', 'legal_compliance'],
          ['operations', 'operational'],
          ['ops', 'operational'],
          ['people', 'talent'],
          ['team', 'talent'],
          ['hiring', 'talent'],
          ['security', undefined],
          ['reputation', undefined],
          ['cash', 'financial'],
          ['staffing', 'talent'],
        ],
      ],
      [
        'BusinessPlan',
        'risks[].response',
        [
          ['mitigation', 'mitigate'],
          ['reduce', 'mitigate'],
          ['Mitigate', 'mitigate'],
          ['avoidance', 'avoid'],
          ['insurance', 'transfer'],
          ['share', 'transfer'],
          ['acceptance', 'accept'],
          ['tolerate', 'accept'],
          ['ignore', undefined],
          ['monitor', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'team.members[].role',
        [
          ['CEO', 'ceo'],
          ['Chief Executive Officer', 'ceo'],
          ['chief technology officer', 'cto'],
          ['ML engineer', 'ml_engineer'],
          ['machine learning engineer', 'ml_engineer'],
          ['AI engineer', 'ml_engineer'],
          ['data scientist', 'data_scientist'],
          ['Data-Scientist', 'data_scientist'],
          ['algorithm engineer', 'algorithm_engineer'],
          ['product owner', 'product_manager'],
          ['product manager', 'product_manager'],
          ['project manager', 'project_manager'],
          ['program manager', 'project_manager'],
          ['pm', undefined],
          ['devops', 'ops_engineer'],
          ['MLOps', 'mlops_engineer'],
          ['backend developer', 'backend_engineer'],
          ['frontend', 'frontend_engineer'],
          ['doctor', 'domain_expert'],
          ['clinician', 'domain_expert'],
          ['BD', 'business_development'],
          ['UX designer', 'designer'],
          ['engineer', undefined],
          ['founder', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'team.members[].status',
        [
          ['co-founder', 'founder'],
          ['Founder', 'founder'],
          ['employee', 'hired'],
          ['recruiting', 'hiring'],
          ['open position', 'hiring'],
          ['to hire', 'planned'],
          ['contractor', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'financing.channels[]',
        [
          ['VC', 'venture_capital'],
          ['venture capital', 'venture_capital'],
          ['angels', 'angel'],
          ['angel investors', 'angel'],
          ['grant', 'government_grant'],
          ['government grant', 'government_grant'],
          ['subsidy', 'government_grant'],
          ['loan', 'bank_loan'],
          ['crowd-funding', 'crowdfunding'],
          ['corporate', 'strategic'],
          ['ico', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'business_model.revenue_streams[].type',
        [
          ['SaaS', 'saas'],
          ['subscription', 'saas'],
          ['API', 'api_usage'],
          ['api usage', 'api_usage'],
          ['licensing', 'license'],
          ['licence', 'license'],
          ['consulting', 'technical_service'],
          ['data', 'data_service'],
          ['ads', 'advertising'],
          ['custom development', 'custom_solution'],
          ['commission', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'metadata.stage',
        [
          ['Series A', 'series_a'],
          ['series-a', 'series_a'],
          ['pre-seed', 'pre_seed'],
          ['Pre Seed', 'pre_seed'],
          ['seed round', 'seed'],
          ['concept', 'idea'],
          ['series b', 'growth'],
          ['ipo', undefined],
        ],
      ],
      [
        'BusinessPlan',
        'kpis[].direction',
        [
          ['up', 'increase'],
          ['higher is better', 'increase'],
          ['maximize', 'increase'],
          ['down', 'decrease'],
          ['lower', 'decrease'],
          ['reduce', 'decrease'],
          ['minimise', 'decrease'],
          ['stable', undefined],
        ],
      ],
      [
        'Experiment',
        'task.type',
        [
          ['Classification', 'classification'],
          ['binary classification', 'classification'],
          ['multi-class classification', 'classification'],
          ['classifier', 'classification'],
          ['regressor', 'regression'],
          ['time series forecasting', 'forecasting'],
          ['forecast', 'forecasting'],
          ['object detection', 'detection'],
          ['defect detection', 'detection'],
          ['semantic segmentation', 'segmentation'],
          ['QA', 'question_answering'],
          ['question answering', 'question_answering'],
          ['ASR', 'speech_recognition'],
          ['speech-to-text', 'speech_recognition'],
          ['RL', 'reinforcement'],
          ['text generation', 'generation'],
          ['recommender', 'recommendation'],
          ['clustering', undefined],
          ['ranking', undefined],
          ['anomaly detection', undefined],
        ],
      ],
      [
        'Experiment',
        'training.mode',
        [
          ['fine-tune', 'finetune'],
          ['fine_tune', 'finetune'],
          ['fine tuning', 'finetune'],
          ['finetuning', 'finetune'],
          ['transfer learning', 'transfer'],
          ['from scratch', 'from_scratch'],
          ['scratch', 'from_scratch'],
          ['feature extraction', 'feature_extraction'],
          ['linear probe', 'feature_extraction'],
          ['self-supervised', 'self_supervised'],
          ['SSL', 'self_supervised'],
          ['online learning', 'online'],
          ['reinforcement learning', 'reinforcement'],
          ['pretraining', undefined],
          ['distillation', undefined],
        ],
      ],
      [
        'Experiment',
        'training.loss',
        [
          ['cross-entropy', 'cross_entropy'],
          ['CrossEntropy', 'cross_entropy'],
          ['categorical cross entropy', 'cross_entropy'],
          ['binary cross entropy', 'bce'],
          ['BCE', 'bce'],
          ['mean squared error', 'mse'],
          ['L2', 'mse'],
          ['L1', 'mae'],
          ['smooth L1', 'huber'],
          ['log loss', undefined],
        ],
      ],
      [
        'Experiment',
        'evaluation.metrics[]',
        [
          ['acc', 'accuracy'],
          ['F1 score', 'f1'],
          ['f1-score', 'f1'],
          ['ROC AUC', 'auc'],
          ['AUROC', 'auc'],
          ['PR-AUC', 'auc_pr'],
          ['R²', 'r2'],
          ['r squared', 'r2'],
          ['RMSE', 'rmse'],
          ['mean absolute error', 'mae'],
          ['sensitivity', 'recall'],
          ['mAP', 'map'],
          ['IoU', 'iou'],
        ],
      ],
    ];
    for (const [kind, p, rows] of tables)
      it(`${kind} ${p}: ${rows.length} spellings`, () => {
        const vocab = VOCABULARY[kind][p]!;
        const wrong = rows
          .map(([w, want]) => {
            const got = vocab.values.includes(w) ? w : canonicalOf(kind, p, w)?.value;
            return got === want ? undefined : `${w} → ${got} (want ${want})`;
          })
          .filter(Boolean);
        assert.deepEqual(wrong, []);
      });

    it('sections with many enums get 20+ spellings each', () => {
      const perSection = new Map<string, number>();
      for (const [kind, p, rows] of tables) {
        const section = `${kind}:${p.split(/[.[]/)[0]}`;
        perSection.set(section, (perSection.get(section) ?? 0) + rows.length);
      }
      for (const s of ['BusinessPlan:milestones', 'BusinessPlan:risks', 'BusinessPlan:team', 'Experiment:training'])
        assert.ok((perSection.get(s) ?? 0) >= 20, `${s}: ${perSection.get(s)}`);
    });

    it('an unknown word lists the allowed values and never suggests another meaning', async () => {
      const text = (phase: string) =>
        `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: P, currency: CNY}\nmilestones:\n  - {id: m, title: M, phase: ${phase}}\n`;
      const message = async (phase: string) => {
        const m = (await validate('file:///w/p.plan.yaml', text(phase))).find((d) => d.code === 'SCHEMA')?.message;
        return String(m ?? '');
      };
      const maintenance = await message('maintenance');
      assert.match(maintenance, /must be one of requirements, data, model_design, training, evaluation, deployment/);
      assert.doesNotMatch(maintenance, /did you mean/);
      for (const w of ['developing', 'developmnt', 'develop', 'devlopment'])
        assert.doesNotMatch(await message(w), /deployment`\?/, w);
      assert.match(await message('deploymnt'), /did you mean `deployment`\?/);
      assert.match(await message('trainig'), /did you mean `training`\?/);
      // A typo of a synonym is corrected to what the synonym means, and says so.
      assert.match(await message('devlopment'), /did you mean `development` \(read as `training`\)\?/);
    });
  });

  describe('did-you-mean is a safe typo correction only', () => {
    const allEnums = (['Experiment', 'BusinessPlan'] as const).flatMap((k) =>
      Object.entries(VOCABULARY[k]).map(([p, vocab]) => ({ p, values: vocab.values, synonyms: vocab.synonyms })),
    );
    const allWords = [...new Set(allEnums.flatMap((e) => e.values))];

    it('development is never corrected to deployment, nor increase to decrease', () => {
      const phases = VOCABULARY.BusinessPlan['milestones[].phase']!.values;
      assert.equal(suggestValue('development', phases), undefined);
      assert.equal(suggestValue('develop', phases), undefined);
      const synonyms = VOCABULARY.BusinessPlan['milestones[].phase']!.synonyms;
      assert.deepEqual(suggestValue('devlopment', phases, synonyms), { value: 'training', spelling: 'development' });
      assert.equal(suggestValue('decreese', ['increase', 'decrease'])?.value, 'decrease');
      assert.equal(suggestValue('decrase', ['increase']), undefined);
      assert.equal(suggestValue('adamm', ['sgd', 'adam', 'adamw'])?.value, 'adam');
      assert.equal(suggestValue('onlinestore', ['offline_store']), undefined);
    });

    it('property: a suggestion is an allowed value within the typo budget or an unambiguous start, never a false friend', () => {
      const mutated = fc
        .tuple(
          fc.constantFrom(...allWords),
          fc.array(fc.tuple(fc.nat(20), fc.string({ minLength: 1, maxLength: 1 })), { maxLength: 3 }),
        )
        .map(([w, edits]) =>
          edits.reduce((s, [i, ch]) => {
            const at = i % (s.length + 1);
            return i % 3 === 0 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + ch + s.slice(at);
          }, w),
        );
      fc.assert(
        fc.property(
          fc.oneof(mutated, fc.string(), fc.constantFrom(...allWords)),
          fc.constantFrom(...allEnums),
          (w, e) => {
            const found = suggestValue(w, e.values, e.synonyms);
            if (found === undefined) return true;
            const s = found.spelling;
            // The suggestion is an allowed value, reached through the value itself or one of its listed synonyms.
            assert.ok(e.values.includes(found.value));
            assert.ok(s === found.value || e.synonyms[s] === found.value);
            const a = fold(w);
            const b = fold(s);
            const prefix =
              (a.length >= 4 && b.length - a.length >= 3 && b.startsWith(a)) ||
              (b.length >= 4 && a === b + b.charAt(b.length - 1));
            assert.ok(prefix || distance(a, b) <= typoBudget(Math.min(a.length, b.length)), `${w} → ${s}`);
            for (const [x, y] of FALSE_FRIENDS)
              assert.ok(!(a.includes(x) && !a.includes(y) && b.includes(y)), `${w} → ${s} (${x}/${y})`);
            assert.equal(a.charAt(0), b.charAt(0), `${w} → ${s}`);
            assert.ok(isSafeCorrection(w, s));
            return true;
          },
        ),
        { numRuns: 2000 },
      );
    });

    it('no allowed value of any enum is corrected to a different value of the same enum', () => {
      // Allowed values are never "typos" of one another (`online_store`/`offline_store`, `adam`/`adamw`).
      const wrong: string[] = [];
      for (const { p, values } of allEnums)
        for (const w of values) {
          const s = suggestValue(
            w,
            values.filter((x) => x !== w),
          )?.value;
          if (s !== undefined) wrong.push(`${p}: ${w} → ${s}`);
        }
      assert.deepEqual(wrong, []);
    });
  });
});
