import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRunsLog } from '../../cli/src/runs-log';
import { processStartTime } from '../../core/src/launchers/process-tree';
import type { RunRecord } from '../../core/src/runs/run-record';
import { TIMELINE_FILE } from '../../core/src/runs/timeline';
import { cliIn } from '../support/cli';
import { runRecord } from '../support/run-records';
import { waitFor } from '../support/wait';

const rec = (o: object) => JSON.stringify(o) + '\n';

describe('liftoff runs log', () => {
  let ws: string;
  let dir: string;
  const cli = cliIn(() => ws);
  const record = (patch: Partial<RunRecord>): RunRecord => runRecord({ state: 'failed', cwd: ws, ...patch });
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-runs-log-'));
    dir = path.join(ws, '.liftoff', 'runs', 'exp', '20261206-010203-00112233aabbccdd');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(record({ reason: 'exit code 1', exitCode: 1 })));
    writeFileSync(path.join(dir, 'stdout.log'), 'epoch 1\n');
    writeFileSync(path.join(dir, 'stderr.log'), 'torch.OutOfMemoryError: CUDA out of memory\n');
    writeFileSync(
      path.join(dir, TIMELINE_FILE),
      rec({ t: '2026-12-06T01:02:03.000Z', type: 'state', state: 'queued' }) +
        rec({ t: '2026-12-06T01:02:03.100Z', type: 'state', state: 'running' }) +
        rec({ t: '2026-12-06T01:02:04.000Z', type: 'output', stream: 'stdout', end: 8 }) +
        rec({ t: '2026-12-06T01:02:05.000Z', type: 'output', stream: 'stderr', end: 44 }) +
        rec({ t: '2026-12-06T01:02:05.500Z', type: 'state', state: 'failed', reason: 'exit code 1' }),
    );
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('interleaves stdout, stderr and state changes with their times; a unique beginning of the id is enough', async () => {
    const r = await cli('runs', 'log', '20261206-010203-0011');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        '01:02:03.000 ── queued',
        '01:02:03.100 ── running',
        '01:02:04.000 stdout | epoch 1',
        '01:02:05.000 stderr | torch.OutOfMemoryError: CUDA out of memory',
        '01:02:05.500 ── failed: exit code 1',
        '',
      ].join('\n'),
    );
  });

  it('--stream shows one log; --format json gives the entries', async () => {
    const err = await cli('runs', 'log', '20261206-010203-00112233aabbccdd', '--stream', 'stderr');
    assert.equal(err.out, '01:02:05.000 torch.OutOfMemoryError: CUDA out of memory\n');
    const json = await cli('runs', 'log', '20261206-010203-00112233aabbccdd', '--stream', 'stdout', '-f', 'json');
    assert.deepEqual(JSON.parse(json.out), {
      kind: 'line',
      stream: 'stdout',
      text: 'epoch 1',
      t: '2026-12-06T01:02:04.000Z',
    });
  });

  it('an unknown run is exit 1 and says how to list them; a missing id or a bad stream is a usage error', async () => {
    const r = await cli('runs', 'log', 'nope');
    assert.equal(r.code, 1);
    assert.match(r.err, /no run 'nope' .*`liftoff runs` lists them/);
    assert.equal((await cli('runs', 'log')).code, 2);
    assert.match((await cli('runs', 'log', 'x', '--stream', 'stdin')).err, /must be one of stdout, stderr, both/);
  });

  it('--follow prints output as it comes and returns when the run ends', async () => {
    // A live run whose owner is this process: nobody else may end it, so it ends when the test says.
    writeFileSync(
      path.join(dir, 'run.json'),
      JSON.stringify(
        record({ state: 'running', runnerPid: process.pid, runnerStartTime: processStartTime(process.pid) }),
      ),
    );
    let out = '';
    const done = runRunsLog(
      ['20261206-010203-00112233aabbccdd', '--follow'],
      { out: (s) => (out += s), err: () => undefined, cwd: ws },
      { pollMs: 20 },
    );
    await waitFor(() => out.includes('CUDA out of memory'), { timeoutMs: 10_000, what: 'the first lines' });
    appendFileSync(path.join(dir, 'stdout.log'), 'late line\n');
    appendFileSync(
      path.join(dir, TIMELINE_FILE),
      rec({ t: '2026-12-06T01:02:07.000Z', type: 'output', stream: 'stdout', end: 18 }),
    );
    await waitFor(() => out.includes('late line'), { timeoutMs: 10_000, what: 'the appended line' });
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(record({ state: 'succeeded', exitCode: 0 })));
    assert.equal(await done, 0);
    assert.match(out, /01:02:07\.000 stdout \| late line\n$/);
  });
});
