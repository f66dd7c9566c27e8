/**
 * The facts a run folder gives the diagnosis (log tail, NaN metrics, signals, Slurm state, progress), what runs cost
 * summed across attempts, and the message when a run ends. Real run folders made by the run store.
 */
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  attemptsCost,
  costOf,
  explainRun,
  formatCost,
  groupAttempts,
  lastMetricValues,
  notifyWhen,
  runCost,
  runEndMessage,
  retryDecision,
  retryPolicyOf,
  runFacts,
  RunStore,
  signalOf,
  slurmStateOf,
  sumCosts,
  workspaceComputeSpend,
  type RunHandle,
  type RunRecord,
} from '../../../../core/src/runs';

async function makeRun(
  ws: string,
  patch: Partial<RunRecord>,
  files: { log?: string; metrics?: string; config?: string } = {},
): Promise<RunHandle> {
  const store = new RunStore(ws);
  const created = await store.create(
    {
      experiment: 'exp',
      launcher: patch.launcher ?? 'local',
      command: ['python', 'train.py'],
      cwd: ws,
      resources: patch.resources ?? { gpus: 0 },
    },
    files.config ?? 'training:\n  epochs: 10\n  batch_size: 64\nresources:\n  cpus: 4\n',
  );
  if (files.log) appendFileSync(path.join(created.dir, 'stdout.log'), files.log);
  if (files.metrics) appendFileSync(path.join(created.dir, 'metrics.jsonl'), files.metrics);
  const record = await store.update(created.dir, patch);
  return { dir: created.dir, record };
}

describe('explaining a run from its folder', () => {
  let ws: string;
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-explain-'));
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('NaN and Infinity as Python writes them (bare) and as strings, and the highest epoch', () => {
    const { values, epoch } = lastMetricValues(
      [
        '{"epoch": 1, "train_loss": 0.5, "val_loss": 0.7}',
        '{"epoch": 2, "train_loss": NaN, "grad_norm": Infinity, "lr": -Infinity}',
        '{"epoch": 3, "val_loss": "nan", "note": "NaN is fine here"}',
        'not json',
        '{"epoch": 4, "train_loss": [1, 2]',
      ].join('\n'),
    );
    assert.ok(Number.isNaN(values.train_loss));
    assert.ok(Number.isNaN(values.val_loss));
    assert.equal(values.grad_norm, Infinity);
    assert.equal(values.lr, -Infinity);
    assert.equal(epoch, 3);
  });

  it('signals and Slurm states from the record', () => {
    assert.equal(signalOf({ reason: 'killed by SIGKILL' }), 'SIGKILL');
    assert.equal(signalOf({ reason: 'exit code 137 (killed by signal 9)', exitCode: 137 }), 'SIGKILL');
    assert.equal(signalOf({ reason: 'exit code 1', exitCode: 1 }), undefined);
    assert.equal(
      slurmStateOf({ launcher: 'slurm', reason: 'OUT_OF_MEMORY: the job ran out of memory' }),
      'OUT_OF_MEMORY',
    );
    assert.equal(slurmStateOf({ launcher: 'slurm', reason: 'TIMEOUT (time limit 00:01:00): …' }), 'TIMEOUT');
    assert.equal(slurmStateOf({ launcher: 'local', reason: 'TIMEOUT' }), undefined);
  });

  it('a Slurm TIMEOUT after 3 of 10 epochs: the new limit comes from the measured speed', async () => {
    const run = await makeRun(
      ws,
      {
        launcher: 'slurm',
        state: 'failed',
        reason: 'TIMEOUT (time limit 00:20:00): the job reached its time limit; raise resources.time_limit',
        startedAt: '2026-12-01T10:00:00.000Z',
        endedAt: '2026-12-01T10:20:00.000Z',
        exitCode: null,
      },
      {
        metrics: [1, 2, 3].map((e) => JSON.stringify({ epoch: e, train_loss: 1 / e })).join('\n') + '\n',
        config: 'training:\n  epochs: 10\nresources:\n  time_limit: "00:20:00"\n',
      },
    );
    const f = await runFacts(run);
    assert.deepEqual(f.progress, { done: 3, total: 10 });
    assert.equal(f.elapsedSec, 1200);
    const d = (await explainRun(run))!;
    assert.equal(d.cause, 'time-limit');
    assert.deepEqual(d.fix?.changes, [{ path: 'resources.time_limit', value: '01:20:00' }]);
    assert.match(d.fix!.title, /3\/10 done in 00:20:00/);
  });

  it('the log is read from its tail only, and a huge log still gives the last error line', async () => {
    const noise = 'x'.repeat(1000) + '\n';
    const run = await makeRun(
      ws,
      { state: 'failed', reason: 'exit code 1', exitCode: 1, endedAt: new Date().toISOString() },
      { log: noise.repeat(5000) + "ModuleNotFoundError: No module named 'timm'\n" },
    );
    const d = (await explainRun(run))!;
    assert.equal(d.cause, 'missing-module');
    assert.deepEqual(d.evidence[0], { source: 'stdout', text: "ModuleNotFoundError: No module named 'timm'" });
  });

  it('stderr.log is evidence of its own; a run from before it existed has one log, read as `log`', async () => {
    const run = await makeRun(ws, {
      state: 'failed',
      reason: 'exit code 1',
      exitCode: 1,
      endedAt: new Date().toISOString(),
    });
    appendFileSync(
      path.join(run.dir, 'stderr.log'),
      'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n',
    );
    assert.deepEqual((await explainRun(run))?.evidence[0], {
      source: 'stderr',
      text: 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB',
    });
    const old = await makeRun(
      ws,
      { state: 'failed', reason: 'exit code 1', exitCode: 1, endedAt: new Date().toISOString() },
      { log: "ModuleNotFoundError: No module named 'timm'\n" },
    );
    rmSync(path.join(old.dir, 'stderr.log'));
    assert.deepEqual((await explainRun(old))?.evidence[0], {
      source: 'log',
      text: "ModuleNotFoundError: No module named 'timm'",
    });
  });

  it('a log that is a symbolic link or a FIFO is not read (no hang); the run still gets a cause', async () => {
    const run = await makeRun(ws, {
      state: 'failed',
      reason: 'exit code 2',
      exitCode: 2,
      endedAt: new Date().toISOString(),
    });
    const log = RunStore.file(run, 'stdout');
    const { rmSync, symlinkSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    rmSync(log);
    symlinkSync('/etc/passwd', log);
    assert.equal((await explainRun(run))!.cause, 'exit-status');
    rmSync(log);
    execFileSync('mkfifo', [log]);
    assert.equal((await explainRun(run))!.title, 'Failed (exit code 2)');
  });

  it('succeeded and running runs have no diagnosis', async () => {
    const run = await makeRun(ws, { state: 'succeeded', exitCode: 0, endedAt: new Date().toISOString() });
    assert.equal(await explainRun(run), undefined);
  });
});

describe('what runs cost', () => {
  const h = (n: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, 0) + n * 3_600_000).toISOString();

  it('GPU-hours are hours × GPUs × nodes, summed across attempts, priced per GPU-hour', () => {
    const c = costOf(
      [
        { startedAt: h(0), endedAt: h(2), gpus: 4, nodes: 2, cpus: 8 },
        { startedAt: h(3), endedAt: h(3.5), gpus: 4, nodes: 2, cpus: 8 },
      ],
      2.5,
    );
    assert.equal(c.attempts, 2);
    assert.equal(c.hours, 2.5);
    assert.equal(c.gpuHours, 20);
    assert.equal(c.cpuHours, 40);
    assert.equal(c.cost, 50);
    assert.equal(formatCost(c), '20.0 GPU-h · $50.00');
  });

  it('a running attempt counts to now; bad or reversed times and negative counts cost nothing', () => {
    const now = Date.parse(h(1));
    assert.equal(costOf([{ startedAt: h(0), gpus: 1 }], undefined, now).gpuHours, 1);
    assert.equal(costOf([{ startedAt: 'soon', gpus: 1 }]).gpuHours, 0);
    assert.equal(costOf([{ startedAt: h(2), endedAt: h(1), gpus: 1 }]).gpuHours, 0);
    assert.equal(costOf([{ startedAt: h(0), endedAt: h(1), gpus: -3 }]).gpuHours, 0);
    assert.equal(costOf([], undefined).cost, undefined, 'no price, no cost');
  });

  it('property: cost is never negative or NaN and adds up across attempts', () => {
    const attempt = fc.record({
      startedAt: fc.integer({ min: 0, max: 1e6 }).map((s) => new Date(1.7e12 + s * 1000).toISOString()),
      endedAt: fc.integer({ min: 0, max: 1e6 }).map((s) => new Date(1.7e12 + s * 1000).toISOString()),
      gpus: fc.oneof(fc.integer({ min: -5, max: 64 }), fc.double()),
      nodes: fc.oneof(fc.integer({ min: -2, max: 16 }), fc.double()),
      cpus: fc.oneof(fc.integer({ min: 0, max: 256 }), fc.double()),
    });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 6 }), fc.double({ min: 0, max: 100, noNaN: true }), (as, price) => {
        const all = costOf(as, price);
        for (const v of [all.gpuHours, all.cpuHours, all.cost!]) assert.ok(Number.isFinite(v) && v >= 0);
        const parts = sumCosts(
          as.map((a) => costOf([a], price)),
          price,
        );
        assert.ok(Math.abs(parts.gpuHours - all.gpuHours) < 1e-9 * Math.max(1, all.gpuHours));
      }),
    );
  });

  it('a run’s CPU cores come from its config snapshot; the workspace total is what the plan reads', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cost-'));
    await makeRun(ws, { state: 'succeeded', startedAt: h(0), endedAt: h(1), resources: { gpus: 2, nodes: 1 } });
    await makeRun(ws, { state: 'failed', startedAt: h(1), endedAt: h(1.5), resources: { gpus: 2 } });
    await makeRun(ws, { state: 'queued', startedAt: h(1), resources: { gpus: 8 } });
    const spend = await workspaceComputeSpend(ws, 3);
    assert.equal(spend.runs, 3);
    assert.equal(spend.gpuHours, 3);
    assert.equal(spend.cpuHours, 6, '4 cores from resources.cpus × 1.5 h');
    assert.equal(spend.cost, 9);
    const [one] = await new RunStore(ws).list();
    assert.equal((await runCost(one!)).cost, undefined);
    writeFileSync(RunStore.file(one!, 'config'), ': not yaml [');
    assert.equal((await runCost(one!)).cpuHours, 0, 'a queued run costs nothing yet');
    rmSync(ws, { recursive: true, force: true });
  });
});

describe('the message when a run ends', () => {
  const r = { id: 'r1', experiment: 'exp', reason: 'exit code 1' };

  it('success with the primary metric only when asked for every end; failures with the cause and the fix', () => {
    assert.equal(runEndMessage({ ...r, state: 'succeeded' }, 'failure'), undefined);
    assert.equal(
      runEndMessage({ ...r, state: 'succeeded' }, 'all', { primary: { name: 'val_auc', value: 0.91234 } })?.message,
      'Run r1 of exp succeeded: val_auc 0.9123.',
    );
    const m = runEndMessage({ ...r, state: 'failed' }, 'failure', {
      diagnosis: {
        cause: 'cuda-oom',
        title: 'CUDA out of memory',
        detail: '',
        evidence: [],
        transient: false,
        fix: { title: 'Halve training.batch_size (64 → 32)', changes: [] },
      },
    })!;
    assert.equal(m.severity, 'error');
    assert.equal(m.message, 'Run r1 of exp failed: CUDA out of memory. Fix: Halve training.batch_size (64 → 32).');
    assert.equal(m.fix, 'Halve training.batch_size (64 → 32)');
    assert.equal(runEndMessage({ ...r, state: 'failed' }, 'none'), undefined);
    assert.equal(
      runEndMessage({ ...r, state: 'cancelled' }, 'all', {
        diagnosis: { cause: 'stopped-by-user', title: '', detail: '', evidence: [], transient: false },
      }),
      undefined,
      'a stop the user asked for is no news',
    );
    assert.equal(runEndMessage({ ...r, state: 'running' }, 'all'), undefined);
  });

  it('the setting reads anything unknown as failures only', () => {
    assert.equal(notifyWhen('all'), 'all');
    assert.equal(notifyWhen('none'), 'none');
    for (const v of [undefined, 'ALL', 3, null, {}]) assert.equal(notifyWhen(v), 'failure');
  });
});

describe('run.retry: which failures start another attempt', () => {
  const d = (cause: string, title = cause) =>
    ({ cause, title, detail: '', evidence: [], transient: false }) as unknown as Parameters<typeof retryDecision>[1];
  const withCkpt = { training: { checkpoint: { dir: 'ckpt' } } };

  it('reads the policy; a malformed one is no policy; max is capped at 10; on defaults to preemption and node failure', () => {
    assert.deepEqual(retryPolicyOf({ run: { retry: { max: 2 } } }), { max: 2, on: ['preempted', 'node_failure'] });
    assert.deepEqual(retryPolicyOf({ run: { retry: { max: 50, on: ['time_limit', 'bogus'] } } }), {
      max: 10,
      on: ['time_limit'],
    });
    for (const bad of [{ run: { retry: { max: 0 } } }, { run: { retry: 'yes' } }, { run: null }, null, 7])
      assert.equal(retryPolicyOf(bad), undefined);
  });

  it('retries listed causes up to max; never a cause that would repeat; a time limit only with checkpoints', () => {
    const all = retryPolicyOf({
      run: { retry: { max: 2, on: ['preempted', 'time_limit', 'failed', 'distributed'] } },
    })!;
    assert.equal(retryDecision(all, d('preempted'), 1, {}).retry, true);
    assert.equal(retryDecision(all, d('preempted'), 2, {}).retry, true);
    assert.match(retryDecision(all, d('preempted'), 3, {}).why, /2 retries used/);
    assert.equal(retryDecision(all, d('node-failure'), 1, {}).retry, false, 'not listed');
    for (const cause of ['cuda-oom', 'host-oom', 'missing-module', 'missing-file', 'diverged', 'stopped-by-user'])
      assert.match(retryDecision(all, d(cause), 1, withCkpt).why, /would happen again/, cause);
    assert.equal(retryDecision(all, d('time-limit'), 1, {}).retry, false);
    assert.equal(retryDecision(all, d('time-limit'), 1, withCkpt).retry, true);
    assert.equal(retryDecision(all, d('exit-status'), 1, {}).retry, true);
    assert.equal(retryDecision(all, undefined, 1, {}).retry, true, 'no diagnosis: an ordinary failure');
  });
});

describe('attempts grouped under the run they retry', () => {
  const handle = (id: string, extra: Partial<RunRecord> = {}): RunHandle => ({
    dir: `/ws/.liftoff/runs/e/${id}`,
    record: {
      id,
      experiment: 'e',
      state: 'failed',
      launcher: 'local',
      createdAt: '',
      startedAt: '2026-12-01T00:00:00.000Z',
      endedAt: '2026-12-01T01:00:00.000Z',
      command: [],
      cwd: '/',
      resources: { gpus: 2 },
      files: { config: 'c', stdout: 's', stderr: 'e', metrics: 'm', artifacts: 'a' },
      ...extra,
    },
  });

  it('later attempts go under their first run in attempt order; an orphan or self-reference stands alone', () => {
    const groups = groupAttempts([
      handle('r3', { retryOf: 'r1', attempt: 3 }),
      handle('r2', { retryOf: 'r1', attempt: 2 }),
      handle('r1'),
      handle('x2', { retryOf: 'gone', attempt: 2 }),
      handle('s', { retryOf: 's', attempt: 2 }),
    ]);
    assert.deepEqual(
      groups.map((g) => g.attempts.map((a) => a.record.id)),
      [['r1', 'r2', 'r3'], ['x2'], ['s']],
    );
  });

  it('a retried run costs what all its attempts cost', async () => {
    const [g] = groupAttempts([handle('r2', { retryOf: 'r1', attempt: 2 }), handle('r1')]);
    const c = await attemptsCost(g!, 2);
    assert.deepEqual([c.attempts, c.gpuHours, c.cost], [2, 4, 8]);
  });
});
