/**
 * EXP-003, 004, 005, 007 and 009 at their edges: every loss and metric of the vocabulary against both task types (by
 * property), the metric's `@k` suffix and case, the class count at which averaging is needed (2 vs 3), the split
 * strategies a health dataset may use, and training lengths at 0, 1, fractions, text, lists and both keys in either
 * order.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import {
  CLASSIFICATION_LOSSES,
  CLASSIFICATION_METRICS,
  REGRESSION_LOSSES,
  REGRESSION_METRICS,
  metricFamily,
} from '../../../../server/src/service/rules/experiment/vocabulary';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, service, only } from './support';

let n = 0;

async function rule(
  code: string,
  body: string,
): Promise<{ diagnostics: LiftoffDiagnostic[]; text: string; uri: string }> {
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: edges\n${body}`;
  const uri = `file:///tmp/exp-edges-${n++}.experiment.yaml`;
  const diagnostics = only(await service.validate({ uri, text }), code);
  // EXP-007 warns; the others are errors.
  for (const d of diagnostics) assert.equal(d.severity, code === 'EXP-007' ? 2 : 1, `${code}: ${d.message}`);
  return { diagnostics, text, uri };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));

function fix(r: Awaited<ReturnType<typeof rule>>, d: LiftoffDiagnostic | undefined, title: string): string {
  const action = service.codeActions({ uri: r.uri, text: r.text }, [d!]).find((a) => a.title === title);
  assert.ok(action, title);
  return applyEdits(r.text, action.edit!.changes![r.uri]!);
}

const OTHER = ['bleu', 'wer', 'ndcg', 'dice', 'perplexity'];

describe('EXP-003 boundaries', () => {
  it('every loss against both task types, in any case (property)', async () => {
    const losses = [...CLASSIFICATION_LOSSES, ...REGRESSION_LOSSES, 'custom_loss'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...losses),
        fc.constantFrom('classification', 'regression', 'detection'),
        fc.boolean(),
        async (loss, type, upper) => {
          const written = upper ? loss.toUpperCase() : loss;
          const r = await rule('EXP-003', `task:\n  type: ${type}\ntraining:\n  loss: ${written}\n  epochs: 1\n`);
          const wrong =
            (type === 'classification' && REGRESSION_LOSSES.has(loss)) ||
            (type === 'regression' && CLASSIFICATION_LOSSES.has(loss));
          assert.equal(r.diagnostics.length, wrong ? 1 : 0, `${type} ${written}`);
          if (!wrong) return;
          const d = r.diagnostics[0]!;
          assert.deepEqual(d.range.start, { line: 7, character: 8 });
          // The vocabulary's normaliser may have rewritten an alias (`bce_with_logits` → `bce`) before the rule runs.
          const shown = /^`training.loss` is `([^`]+)`/.exec(String(d.message))?.[1] ?? '';
          assert.ok((REGRESSION_LOSSES.has(loss) ? REGRESSION_LOSSES : CLASSIFICATION_LOSSES).has(shown), shown);
          if (type === 'classification') {
            assert.equal(
              String(d.message),
              `\`training.loss\` is \`${shown}\`, a regression loss, but \`task.type\` is \`classification\`: use \`cross_entropy\` (multi-class) or \`bce\` (binary).`,
            );
            assert.deepEqual(fixTitles(d), [
              'Change `training.loss` to `cross_entropy`',
              'Change `training.loss` to `bce`',
            ]);
          } else {
            assert.equal(
              String(d.message),
              `\`training.loss\` is \`${shown}\`, a classification loss, but \`task.type\` is \`regression\`: use \`mse\`, \`mae\` or \`huber\` (robust to outliers).`,
            );
            assert.deepEqual(fixTitles(d), [
              'Change `training.loss` to `mse`',
              'Change `training.loss` to `mae`',
              'Change `training.loss` to `huber`',
            ]);
          }
        },
      ),
      { numRuns: 60 },
    );
    const r = await rule('EXP-003', 'task:\n  type: regression\ntraining:\n  loss: bce\n  epochs: 1\n');
    assert.match(fix(r, r.diagnostics[0], 'Change `training.loss` to `huber`'), /\n {2}loss: huber\n/);
    assert.deepEqual(
      messages((await rule('EXP-003', 'task:\n  type: regression\ntraining:\n  loss:\n')).diagnostics),
      [],
    );
    assert.deepEqual(
      messages((await rule('EXP-003', 'task:\n  type: regression\ntraining:\n  loss: ""\n')).diagnostics),
      [],
    );
  });
});

describe('EXP-004 boundaries', () => {
  it('every metric, with `@k` and in any case, against both task types (property)', async () => {
    const metrics = [...CLASSIFICATION_METRICS, ...REGRESSION_METRICS, ...OTHER, 'my_metric'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...metrics),
        fc.constantFrom('classification', 'regression', 'generation'),
        fc.constantFrom('', '@5', '@10'),
        fc.boolean(),
        async (metric, type, suffix, upper) => {
          let name = `${upper ? metric.toUpperCase() : metric}${suffix}`;
          const r = await rule('EXP-004', `task:\n  type: ${type}\nevaluation:\n  metrics: [f1, ${name}]\n`);
          const family = CLASSIFICATION_METRICS.has(metric)
            ? 'classification'
            : REGRESSION_METRICS.has(metric)
              ? 'regression'
              : OTHER.includes(metric)
                ? 'other'
                : undefined;
          const own = type === 'classification' || type === 'regression';
          const wrong = own && family !== undefined && family !== type;
          const f1Wrong = type === 'regression';
          assert.equal(r.diagnostics.length, (wrong ? 1 : 0) + (f1Wrong ? 1 : 0), `${type} ${name}`);
          if (!wrong) return;
          const d = r.diagnostics[f1Wrong ? 1 : 0]!;
          assert.deepEqual(d.range.start, { line: 7, character: 16 });
          // The vocabulary's normaliser lower-cases known names and rewrites aliases (`sensitivity` → `recall`) first.
          const listed = /^`evaluation.metrics` lists `([^`]+)`/.exec(String(d.message))?.[1] ?? '';
          assert.equal(metricFamily(listed), family, listed);
          name = listed;
          const expected =
            type === 'classification'
              ? family === 'other'
                ? `\`evaluation.metrics\` lists \`${name}\`, which does not apply to a classification task (\`task.type: classification\`): use accuracy, precision, recall, f1, auc or log_loss.`
                : `\`evaluation.metrics\` lists \`${name}\`, which is a regression metric, not one for a classification task (\`task.type: classification\`): use accuracy, precision, recall, f1, auc or log_loss.`
              : family === 'other'
                ? `\`evaluation.metrics\` lists \`${name}\`, which does not apply to a regression task (\`task.type: regression\`): use mse, mae, rmse, r2 or mape.`
                : `\`evaluation.metrics\` lists \`${name}\`, which is a classification metric, not one for a regression task (\`task.type: regression\`): use mse, mae, rmse, r2 or mape.`;
          assert.equal(String(d.message), expected);
          assert.deepEqual(fixTitles(d), [`Remove \`${name}\` from \`evaluation.metrics\``]);
          assert.match(fix(r, d, `Remove \`${name}\` from \`evaluation.metrics\``), /metrics: \[f1\]\n/);
        },
      ),
      { numRuns: 80 },
    );
    const skip = await rule('EXP-004', 'task:\n  type: regression\nevaluation:\n  metrics: [[r2], mse, accuracy]\n');
    assert.deepEqual(
      skip.diagnostics.map((d) => d.range.start.character),
      [23],
    );
    assert.match(
      fix(skip, skip.diagnostics[0], 'Remove `accuracy` from `evaluation.metrics`'),
      /metrics: \[\[r2\], mse\]\n/,
    );
  });
});

describe('EXP-005 boundaries', () => {
  const task = (labels: string) => `task:\n  type: classification\n  labels: [${labels}]\n  positive_label: a\n`;

  it('averaging is needed from three distinct classes on, for precision, recall or f1 (with @k, any case)', async () => {
    assert.deepEqual(
      messages((await rule('EXP-005', `${task('a, b')}evaluation:\n  metrics: [f1]\n`)).diagnostics),
      [],
    );
    assert.deepEqual(
      messages((await rule('EXP-005', `${task('a, b, b')}evaluation:\n  metrics: [f1]\n`)).diagnostics),
      [],
    );
    assert.deepEqual(
      messages((await rule('EXP-005', `${task('a, b, [c]')}evaluation:\n  metrics: [f1]\n`)).diagnostics),
      [],
    );
    const three = await rule('EXP-005', `${task('a, b, c')}evaluation:\n  metrics: [accuracy, Recall@5, PRECISION]\n`);
    assert.deepEqual(messages(three.diagnostics), [
      '`task.labels` has 3 classes and `evaluation.metrics` includes `Recall@5`, `precision`: per-class scores must be averaged, so set `evaluation.average` to `macro` (every class counts equally), `weighted` (by class frequency) or `micro` (over all samples).',
    ]);
    assert.deepEqual(three.diagnostics[0]!.range.start, { line: 9, character: 22 });
    assert.deepEqual(fixTitles(three.diagnostics[0]), [
      'Add `average: macro`',
      'Add `average: weighted`',
      'Add `average: micro`',
    ]);
    assert.match(fix(three, three.diagnostics[0], 'Add `average: weighted`'), /PRECISION\]\n {2}average: weighted\n$/);
    assert.deepEqual(
      messages((await rule('EXP-005', `${task('a, b, c')}evaluation:\n  metrics: [accuracy, auc]\n`)).diagnostics),
      [],
    );
    assert.deepEqual(
      messages((await rule('EXP-005', `${task('a, b, c')}evaluation:\n  average: macro\n`)).diagnostics),
      [],
    );
    assert.deepEqual(
      messages(
        (await rule('EXP-005', 'task:\n  type: regression\n  labels: [a, b, c]\nevaluation:\n  metrics: [f1]\n'))
          .diagnostics,
      ),
      [],
    );
  });

  it('an empty average is filled in place; `binary` is replaced; any other average passes', async () => {
    const empty = await rule('EXP-005', `${task('a, b, c')}evaluation:\n  average:\n  metrics: [f1]\n`);
    assert.equal(empty.diagnostics.length, 1);
    assert.match(
      fix(empty, empty.diagnostics[0], 'Add `average: micro`'),
      /evaluation:\n {2}average: micro\n {2}metrics: \[f1\]\n$/,
    );
    const binary = await rule('EXP-005', `${task('a, b, c, d')}evaluation:\n  metrics: [f1]\n  average: binary\n`);
    assert.deepEqual(messages(binary.diagnostics), [
      '`evaluation.average` is `binary`, which scores only the positive class of a two-class task, but `task.labels` has 4 classes: use `macro`, `weighted` or `micro`.',
    ]);
    assert.deepEqual(binary.diagnostics[0]!.range.start, { line: 10, character: 11 });
    assert.deepEqual(fixTitles(binary.diagnostics[0]), [
      'Change `evaluation.average` to `macro`',
      'Change `evaluation.average` to `weighted`',
      'Change `evaluation.average` to `micro`',
    ]);
    assert.match(fix(binary, binary.diagnostics[0], 'Change `evaluation.average` to `micro`'), /average: micro\n$/);
    assert.deepEqual(
      messages(
        (await rule('EXP-005', `${task('a, b, c')}evaluation:\n  metrics: [f1]\n  average: samples\n`)).diagnostics,
      ),
      [],
    );
  });
});

describe('EXP-007 boundaries', () => {
  const data = (sensitivity: string, split: string) =>
    `data:\n  train: t.csv\n  sensitivity: ${sensitivity}\n  source: internal\n${split}`;

  it('warns for random, stratified or unset strategies on health data only', async () => {
    for (const s of ['random', 'stratified']) {
      const r = await rule('EXP-007', data('health', `  split: {train: 0.8, validation: 0.2, strategy: ${s}}\n`));
      assert.deepEqual(messages(r.diagnostics), [
        `\`data.sensitivity\` is \`health\` and \`data.split.strategy\` is \`${s}\`, so the data is split record by record: records of the same patient can end up in both training and validation/test data, which inflates the scores. Use \`strategy: by_group\` with \`group_key\` set to the patient identifier (e.g. \`patient_id\`).`,
      ]);
      assert.equal(r.diagnostics[0]!.severity, 2);
      assert.deepEqual(r.diagnostics[0]!.range.start, { line: 8, character: 49 });
    }
    const unset = await rule('EXP-007', data('health', '  split: {train: 0.8, validation: 0.2}\n'));
    assert.match(messages(unset.diagnostics)[0] ?? '', /`data.split.strategy` is not set, so/);
    assert.deepEqual(unset.diagnostics[0]!.range, { start: { line: 8, character: 2 }, end: { line: 8, character: 7 } });
    const empty = await rule('EXP-007', data('health', '  split:\n    train: 0.8\n    strategy:\n'));
    assert.match(messages(empty.diagnostics)[0] ?? '', /`data.split.strategy` is not set, so/);
    assert.deepEqual(empty.diagnostics[0]!.range.start, { line: 10, character: 4 });
    for (const s of ['by_group', 'temporal']) {
      assert.deepEqual(
        messages((await rule('EXP-007', data('health', `  split: {train: 0.8, strategy: ${s}}\n`))).diagnostics),
        [],
      );
    }
    assert.deepEqual(
      messages((await rule('EXP-007', data('pii', '  split: {train: 0.8, strategy: random}\n'))).diagnostics),
      [],
    );
    assert.deepEqual(messages((await rule('EXP-007', data('health', '  split:\n'))).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-007', data('health', ''))).diagnostics), []);
  });
});

describe('EXP-009 boundaries', () => {
  it('a training length is a whole number of at least 1 (property over numbers)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('epochs', 'max_steps'),
        fc.oneof(fc.integer({ min: -3, max: 5 }), fc.constantFrom(0.5, 1.5, -0.5)),
        async (key, v) => {
          const r = await rule('EXP-009', `training:\n  ${key}: ${v}\n`);
          if (v >= 1 && Number.isInteger(v)) return assert.deepEqual(messages(r.diagnostics), [], `${key} ${v}`);
          assert.deepEqual(messages(r.diagnostics), [
            `\`training.${key}\` is \`${v}\`: it must be a positive whole number (e.g. \`${key === 'epochs' ? 10 : 1000}\`).`,
          ]);
          assert.deepEqual(r.diagnostics[0]!.range.start, { line: 5, character: key.length + 4 });
        },
      ),
      { numRuns: 40 },
    );
    assert.deepEqual(messages((await rule('EXP-009', 'training:\n  epochs: "3"\n')).diagnostics), [
      '`training.epochs` is `3`: it must be a positive whole number (e.g. `10`).',
    ]);
    assert.deepEqual(messages((await rule('EXP-009', 'training:\n  max_steps:\n')).diagnostics), [
      '`training.max_steps` is empty: it must be a positive whole number (e.g. `1000`).',
    ]);
    assert.deepEqual(messages((await rule('EXP-009', 'training:\n  epochs: [1]\n')).diagnostics), [
      '`training.epochs` is a list or mapping: it must be a positive whole number (e.g. `10`).',
    ]);
  });

  it('both set: the later key is flagged, either fix removes one; neither set names `training`', async () => {
    for (const [first, second] of [
      ['epochs: 3', 'max_steps: 100'],
      ['max_steps: 100', 'epochs: 3'],
    ]) {
      const r = await rule('EXP-009', `training:\n  ${first}\n  ${second}\n  batch_size: 8\n`);
      assert.deepEqual(messages(r.diagnostics), [
        '`training.epochs` and `training.max_steps` are both set: training length must be given one way only. Keep `epochs` (passes over the data) or `max_steps` (optimizer steps).',
      ]);
      assert.deepEqual(r.diagnostics[0]!.range.start, { line: 6, character: 2 });
      assert.deepEqual(fixTitles(r.diagnostics[0]), ['Remove `max_steps`', 'Remove `epochs`']);
      assert.doesNotMatch(fix(r, r.diagnostics[0], 'Remove `max_steps`'), /max_steps/);
      assert.doesNotMatch(fix(r, r.diagnostics[0], 'Remove `epochs`'), /epochs/);
    }
    const both = await rule('EXP-009', 'training:\n  epochs: 0\n  max_steps: 0\n');
    assert.equal(both.diagnostics.length, 3);
    const neither = await rule('EXP-009', 'training:\n  batch_size: 8\n');
    assert.deepEqual(messages(neither.diagnostics), [
      '`training` sets neither `epochs` nor `max_steps`: say how long to train, e.g. `epochs: 10`.',
    ]);
    assert.deepEqual(neither.diagnostics[0]!.range, {
      start: { line: 4, character: 0 },
      end: { line: 4, character: 8 },
    });
    assert.deepEqual(messages((await rule('EXP-009', 'task:\n  type: regression\n')).diagnostics), []);
  });
});
