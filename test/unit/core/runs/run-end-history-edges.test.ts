/**
 * The edges of two things a user reads after a run: the notification when it ends (run-end.ts: how the primary
 * metric is printed, the cost, cancelled versus failed) and the history that rules compare against (history.ts:
 * which runs count, their order, their duration and GPUs).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { finishedRun, readRunHistory } from '../../../../core/src/runs/history';
import { runEndMessage } from '../../../../core/src/runs/run-end';

const r = { id: 'r1', experiment: 'exp' };
const primary = (value: number) =>
  runEndMessage({ ...r, state: 'succeeded' }, 'all', { primary: { name: 'auc', value } })!.message;

describe('the run-end message at its edges', () => {
  it('the primary metric: four decimals without trailing zeros, exponents from 1000 and below 0.001', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [2, '2'],
      [0.5, '0.5'],
      [0.91234, '0.9123'],
      [-0.25, '-0.25'],
      [0.001, '0.001'],
      [-0.001, '-0.001'],
      [0.000999, '9.990e-4'],
      [-0.000999, '-9.990e-4'],
      [999.5, '999.5'],
      [1000, '1.000e+3'],
      [-1000, '-1.000e+3'],
      [123456, '1.235e+5'],
      [10, '10'],
      [100.25, '100.25'],
    ];
    for (const [v, want] of cases) assert.equal(primary(v), `Run r1 of exp succeeded: auc ${want}.`, String(v));
    assert.equal(runEndMessage({ ...r, state: 'succeeded' }, 'all')!.message, 'Run r1 of exp succeeded.');
    assert.equal(runEndMessage({ ...r, state: 'succeeded' }, 'all')!.severity, 'info');
  });

  it('property: the printed metric reads back within its rounding, with no trailing zero after the point', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        const text = /auc (\S+)\.$/.exec(primary(v))![1]!;
        assert.ok(!/\.\d*0$/.test(text) && !/\.$/.test(text), text);
        const back = Number(text);
        assert.ok(Math.abs(back - v) <= Math.max(5e-5, Math.abs(v) * 5e-4), `${v} → ${text}`);
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('the cost is told when the run used any GPU- or CPU-hours, and not when it used none', () => {
    const with_ = (gpuHours: number, cpuHours: number) =>
      runEndMessage({ ...r, state: 'succeeded' }, 'all', { cost: { gpuHours, cpuHours, attempts: 1, hours: 1 } })!
        .message;
    assert.equal(with_(2, 0), 'Run r1 of exp succeeded (2.00 GPU-h).');
    assert.equal(with_(0, 3), 'Run r1 of exp succeeded (3.00 CPU-h).');
    assert.equal(with_(0, 0), 'Run r1 of exp succeeded.');
    assert.equal(
      runEndMessage({ ...r, state: 'failed', reason: 'exit code 2' }, 'failure', {
        cost: { gpuHours: 0, cpuHours: 0.5, attempts: 1, hours: 0.5 },
      })!.message,
      'Run r1 of exp failed: exit code 2.',
      'a failure says its cause, not its cost',
    );
  });

  it('a cancelled run is a warning, a failed one an error; without a diagnosis the reason, else the state', () => {
    const cancelled = runEndMessage({ ...r, state: 'cancelled', reason: 'time limit' }, 'failure')!;
    assert.deepEqual(cancelled, { severity: 'warning', message: 'Run r1 of exp cancelled: time limit.' });
    assert.deepEqual(runEndMessage({ ...r, state: 'failed' }, 'all'), {
      severity: 'error',
      message: 'Run r1 of exp failed: failed.',
    });
    const diagnosed = runEndMessage({ ...r, state: 'failed', reason: 'exit code 1' }, 'failure', {
      diagnosis: { cause: 'cuda-oom', title: 'CUDA out of memory', detail: '', evidence: [], transient: false },
    })!;
    assert.deepEqual(diagnosed, { severity: 'error', message: 'Run r1 of exp failed: CUDA out of memory.' });
    assert.ok(!('fix' in diagnosed), 'no fix button without a fix');
    for (const state of ['queued', 'running'] as const) assert.equal(runEndMessage({ ...r, state }, 'all'), undefined);
  });
});

describe('run history at its edges', () => {
  let ws: string;
  const write = (exp: string, id: string, content: unknown) => {
    const dir = path.join(ws, '.liftoff', 'runs', exp, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(content));
  };
  const done = (startedAt: string, endedAt: string, extra: object = {}) => ({
    state: 'succeeded',
    startedAt,
    endedAt,
    ...extra,
  });
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-history-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('newest start first; runs that started together are ordered by id, the greater first', async () => {
    write('e', 'b', done('2026-01-01T10:00:00Z', '2026-01-01T10:00:01Z'));
    write('e', 'a', done('2026-01-01T10:00:00Z', '2026-01-01T10:00:02Z'));
    write('e', 'c', done('2026-01-01T10:00:00Z', '2026-01-01T10:00:03Z'));
    write('e', 'z', done('2026-01-01T09:00:00Z', '2026-01-01T10:00:00Z'));
    write('e', 'n', done('2026-01-02T09:00:00Z', '2026-01-02T10:00:00Z'));
    assert.deepEqual(
      (await readRunHistory(ws, 'e')).map((h) => h.id),
      ['n', 'c', 'b', 'a', 'z'],
    );
  });

  it('a run that ended the moment it started lasts 0 s; one that ended before it started is no history', () => {
    assert.equal(finishedRun(done('2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z'), 'a', 'e')?.durationSec, 0);
    assert.equal(finishedRun(done('2026-01-01T10:00:00.500Z', '2026-01-01T10:00:00Z'), 'a', 'e'), undefined);
    assert.equal(finishedRun(done('2026-01-01T10:00:00Z', 'later'), 'a', 'e'), undefined);
    assert.equal(finishedRun(done('2026-01-01T10:00:00Z', '2026-01-01T10:00:01.250Z'), 'a', 'e')?.durationSec, 1.25);
  });

  it('every finished state counts; no other; times must be strings', () => {
    for (const state of ['succeeded', 'failed', 'cancelled'])
      assert.equal(finishedRun({ ...done('2026-01-01', '2026-01-02'), state }, 'a', 'e')?.state, state);
    for (const state of ['queued', 'running', 'has', 3, undefined])
      assert.equal(finishedRun({ ...done('2026-01-01', '2026-01-02'), state }, 'a', 'e'), undefined, String(state));
    assert.equal(finishedRun({ state: 'failed', startedAt: 0, endedAt: '2026-01-02' }, 'a', 'e'), undefined);
    // Date.parse would read these (as '2030' and '2026-01-02'): only strings are times.
    assert.equal(finishedRun({ state: 'failed', startedAt: '2026-01-01', endedAt: 2030 }, 'a', 'e'), undefined);
    assert.equal(
      finishedRun({ state: 'failed', startedAt: '2026-01-01', endedAt: ['2026-01-02'] }, 'a', 'e'),
      undefined,
    );
    assert.equal(
      finishedRun({ state: 'failed', startedAt: ['2026-01-01'], endedAt: '2026-01-02' }, 'a', 'e'),
      undefined,
    );
    assert.equal(finishedRun('{"state":"failed"}', 'a', 'e'), undefined);
    assert.deepEqual(finishedRun(done('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'), 'id1', 'exp1'), {
      id: 'id1',
      experiment: 'exp1',
      state: 'succeeded',
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: '2026-01-01T00:01:00Z',
      durationSec: 60,
    });
  });

  it('GPUs: kept from 0 up, left out when negative, not a number or without resources', () => {
    const gpus = (resources: unknown) =>
      finishedRun(done('2026-01-01', '2026-01-02', { resources }), 'a', 'e')?.gpus ?? 'none';
    assert.deepEqual([{ gpus: 0 }, { gpus: 4 }, { gpus: -1 }, { gpus: '2' }, null, 3, {}].map(gpus), [
      0,
      4,
      'none',
      'none',
      'none',
      'none',
      'none',
    ]);
  });

  it('experiment names that are not one folder name read nothing, not even the folder they would be cleaned to', async () => {
    write('e', 'a', done('2026-01-01', '2026-01-02'));
    write('e.x', 'a', done('2026-01-01', '2026-01-02'));
    // What safeName would make of the names below: a store lookup with them would find these.
    write('experiment', 'a', done('2026-01-01', '2026-01-02'));
    write('x-e', 'a', done('2026-01-01', '2026-01-02'));
    assert.equal((await readRunHistory(ws, 'e')).length, 1);
    assert.equal((await readRunHistory(ws, 'e.x')).length, 1);
    assert.equal((await readRunHistory(ws, 'x-e')).length, 1);
    for (const bad of ['', '.', '..', 'x/e', 'x\\e', 'x\0e']) assert.deepEqual(await readRunHistory(ws, bad), [], bad);
  });
});
