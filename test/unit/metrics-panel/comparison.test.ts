import * as assert from 'node:assert/strict';
import {
  compareRuns,
  configDifferences,
  flattenConfig,
  summarise,
} from '../../../client/src/panels/metrics/comparison';
import { comparisonOf, runCostOf } from '../../../client/src/panels/metrics/view-model';
import { SeriesStore } from '../../../core/src/metrics';
import type { RunHandle, RunRecord } from '../../../core/src/runs';
import { runRecord } from '../../support/run-records';

const base = {
  training: { epochs: 30, optimizer: { type: 'adam', learning_rate: 0.001 }, batch_size: 64 },
  model: { hidden_layers: [32, 16] },
  metadata: { name: 'x' },
};
const series = (values: number[]) => ({ values, length: values.length });

describe('metrics panel: run comparison', () => {
  it('flattens configs to dotted keys; lists compare as a whole', () => {
    const flat = flattenConfig(base);
    assert.equal(flat.get('training.optimizer.learning_rate'), '0.001');
    assert.equal(flat.get('model.hidden_layers'), '[32,16]');
  });

  it('keeps only the keys whose values differ (a key missing in one run differs)', () => {
    const b = { ...base, training: { ...base.training, optimizer: { type: 'adam', learning_rate: 0.01 } } };
    const c = { ...b, model: { hidden_layers: [64] }, extra: true };
    const d = configDifferences([base, b, c]);
    assert.deepEqual(d.keys, ['training.optimizer.learning_rate', 'model.hidden_layers', 'extra']);
    assert.deepEqual(configDifferences([base, structuredClone(base)]).keys, []);
    assert.deepEqual(configDifferences([base]).keys, []);
  });

  it('final and best values by the metric’s goal, skipping NaN', () => {
    assert.deepEqual(summarise([0.9, 0.5, NaN, 0.7], 4, 'min'), { final: 0.7, best: 0.5 });
    assert.deepEqual(summarise([0.6, 0.8, 0.7, NaN], 4, 'max'), { final: 0.7, best: 0.8 });
    assert.deepEqual(summarise([], 0, 'max'), {});
    assert.deepEqual(summarise([3, 4], 2, undefined), { final: 4 });
  });

  it('builds rows with run, state, duration, differing config keys and primary metric first', () => {
    const t = compareRuns([
      {
        key: 'r1',
        experiment: 'e',
        state: 'succeeded',
        durationSec: 12,
        config: base,
        primary: { name: 'val_auc', goal: 'max' },
        metrics: new Map([
          ['val_loss', series([0.7, 0.5, 0.6])],
          ['val_auc', series([0.6, 0.8, 0.75])],
          ['epoch', series([1, 2, 3])],
        ]),
      },
      {
        key: 'r2',
        experiment: 'e',
        state: 'failed',
        config: { ...base, training: { ...base.training, epochs: 10 } },
        primary: { name: 'val_auc', goal: 'max' },
        metrics: new Map([['val_auc', series([0.7])]]),
      },
    ]);
    assert.deepEqual(
      t.columns.map((c) => c.key),
      [
        'run',
        'state',
        'duration',
        'config:training.epochs',
        'final:val_auc',
        'best:val_auc',
        'min:val_auc',
        'max:val_auc',
        'final:val_loss',
        'best:val_loss',
      ],
    );
    assert.deepEqual(t.rows[0]!.cells, {
      run: 'r1',
      state: 'succeeded',
      duration: 12,
      'config:training.epochs': '30',
      'final:val_auc': 0.75,
      'best:val_auc': 0.8,
      'min:val_auc': 0.6,
      'max:val_auc': 0.8,
      'final:val_loss': 0.6,
      'best:val_loss': 0.5,
    });
    assert.equal(t.rows[1]!.cells['final:val_loss'], null, 'a metric the run lacks is blank');
    assert.equal(t.rows[1]!.cells.duration, null);
  });

  it('with smoothing on, each metric gets its smoothed last value (debiased, over every point) and its goal', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i === 999 ? 5 : 1));
    const t = compareRuns(
      [
        {
          key: 'r',
          experiment: 'e',
          state: 'succeeded',
          config: base,
          metrics: new Map([['val_loss', { values, length: 1000, steps: values.map((_, i) => i) }]]),
        },
      ],
      { smoothing: 0.9 },
    );
    const col = t.columns.find((c) => c.key === 'smoothed:val_loss');
    assert.ok(col, 'a smoothed column');
    assert.equal(col.goal, 'min');
    const cell = t.rows[0]!.cells['smoothed:val_loss'] as number;
    assert.ok(Math.abs(cell - (0.9 * 1 + 0.1 * 5)) < 1e-9, `the EMA's last value, not the raw 5: ${cell}`);
    assert.equal(t.rows[0]!.cells['final:val_loss'], 5);
    assert.equal(
      compareRuns([{ key: 'r', experiment: 'e', state: 's', config: base, metrics: new Map() }]).columns.some((c) =>
        c.key.startsWith('smoothed:'),
      ),
      false,
      'no smoothing, no column',
    );
  });

  it('says what it left out', () => {
    const many = new Map(Array.from({ length: 20 }, (_, i) => [`m${i}`, series([i])] as const));
    const t = compareRuns([{ key: 'r', experiment: 'e', state: 'succeeded', config: base, metrics: many }], {
      maxMetrics: 5,
    });
    assert.match(t.note ?? '', /15 more metrics/);
    assert.match(t.note ?? '', /One run selected/);
  });
});

describe('metrics panel: the comparison table’s cost column', () => {
  const handle = (id: string, over: Partial<RunRecord>): RunHandle => ({
    dir: `/w/.liftoff/runs/e/${id}`,
    record: runRecord({
      id,
      experiment: 'e',
      createdAt: '2026-01-01T10:00:00Z',
      startedAt: '2026-01-01T10:00:00Z',
      endedAt: '2026-01-01T12:00:00Z',
      command: ['python'],
      resources: { gpus: 2 },
      ...over,
    }),
  });

  it('sums the GPU-hours of every attempt, priced as the Runs view prices them', () => {
    const first = handle('a', {});
    const retry = handle('a2', {
      retryOf: 'a',
      attempt: 2,
      startedAt: '2026-01-01T12:00:00Z',
      endedAt: '2026-01-01T13:00:00Z',
    });
    const runs = new Map([first, retry, handle('b', { resources: { gpus: 0 } })].map((r) => [r.record.id, r]));
    const t = comparisonOf(['a', 'b'], runs, new Map(), new SeriesStore(), Date.parse('2026-01-02'), 0, 2.5);
    assert.ok(t.columns.some((c) => c.key === 'cost' && c.label === 'Cost'));
    const cell = (run: string) => t.rows.find((r) => r.run === run)?.cells.cost;
    assert.equal(cell('a'), '6.00 GPU-h · $15.00', '2 GPUs × (2 h + 1 h of the retry) × $2.50');
    assert.equal(cell('b'), '2.00 CPU-h', 'a CPU run shows its CPU-hours');
  });

  it('leaves a queued run’s cost blank and has no column when nothing cost anything', () => {
    const runs = new Map([handle('q', { state: 'queued', endedAt: undefined })].map((r) => [r.record.id, r]));
    const t = comparisonOf(['q'], runs, new Map(), new SeriesStore());
    assert.ok(!t.columns.some((c) => c.key === 'cost'));
    assert.deepEqual(runCostOf(runs.get('q')!, [], new Map(), 1, Date.now()), {});
  });
});
