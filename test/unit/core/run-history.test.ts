import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { finishedRun, readRunHistory } from '../../../core/src/runs/history';

describe('core run history (.liftoff/runs)', () => {
  let ws: string;
  const write = (exp: string, id: string, content: string) => {
    const dir = path.join(ws, '.liftoff', 'runs', exp, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run.json'), content);
  };
  before(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-runs-'));
    write(
      'mlp',
      'r1',
      JSON.stringify({
        state: 'succeeded',
        startedAt: '2026-01-01T10:00:00Z',
        endedAt: '2026-01-01T11:00:00Z',
        resources: { gpus: 2 },
      }),
    );
    write(
      'mlp',
      'r2',
      JSON.stringify({ state: 'failed', startedAt: '2026-01-02T10:00:00Z', endedAt: '2026-01-02T10:05:30Z' }),
    );
    write('mlp', 'r3', JSON.stringify({ state: 'running', startedAt: '2026-01-03T10:00:00Z' }));
    write('mlp', 'r4', '{"state": "succeeded", "startedAt": "2026-01-04T1'); // partial write
    write('mlp', 'r5', 'not json at all');
    write(
      'mlp',
      'r6',
      JSON.stringify({ state: 'cancelled', startedAt: '2026-01-05T10:00:00Z', endedAt: '2026-01-05T10:00:10Z' }),
    );
    write('mlp', 'r7', JSON.stringify({ state: 'succeeded', startedAt: 'yesterday', endedAt: '2026-01-05T10:00:10Z' }));
    mkdirSync(path.join(ws, '.liftoff', 'runs', 'mlp', 'r8')); // no run.json yet
    write(
      'other',
      'x1',
      JSON.stringify({ state: 'succeeded', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:01Z' }),
    );
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('returns finished runs newest first with their duration, skipping unfinished and corrupt ones', async () => {
    const runs = await readRunHistory(ws, 'mlp');
    assert.deepEqual(
      runs.map((r) => [r.id, r.state, r.durationSec, r.gpus]),
      [
        ['r6', 'cancelled', 10, undefined],
        ['r2', 'failed', 330, undefined],
        ['r1', 'succeeded', 3600, 2],
      ],
    );
  });

  it('returns nothing for unknown experiments, missing folders and unsafe names', async () => {
    assert.deepEqual(await readRunHistory(ws, 'nope'), []);
    assert.deepEqual(await readRunHistory(path.join(ws, 'missing'), 'mlp'), []);
    assert.deepEqual(await readRunHistory(ws, '../runs'), []);
    assert.deepEqual(await readRunHistory(ws, '..'), []);
  });

  it('rejects malformed records', () => {
    assert.equal(finishedRun(null, 'a', 'e'), undefined);
    assert.equal(
      finishedRun({ state: 'succeeded', startedAt: '2026-01-02T00:00:00Z', endedAt: '2026-01-01T00:00:00Z' }, 'a', 'e'),
      undefined,
    );
    assert.equal(
      finishedRun({ state: 'done', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T00:00:01Z' }, 'a', 'e'),
      undefined,
    );
  });
});
