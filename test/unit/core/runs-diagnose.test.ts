/**
 * Failure diagnosis on real failures: the logs in test/fixtures/failures were produced on an NVIDIA H200 by
 * test/gpu/failures.sh (PyTorch 2.11, NCCL 2.28, torchrun), one script failing each way. Slurm's own messages are
 * quoted from slurmstepd; the rest are properties over hostile input.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { diagnoseRun, formatTimeLimit, parseTimeLimit, type RunFacts } from '../../../core/src/runs/diagnose';
import { FIXTURES } from '../../support/fixtures';

const DIR = path.join(FIXTURES, 'failures');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const EXPERIMENT = {
  training: {
    batch_size: 256,
    gradient_accumulation: 1,
    epochs: 10,
    optimizer: { type: 'adam', learning_rate: 0.001 },
  },
  resources: { memory_gb: 16, time_limit: '01:00:00' },
};

function facts(name: string, extra: Partial<RunFacts> = {}): RunFacts {
  const status = Number(read(`${name}.status`).trim());
  return {
    state: 'failed',
    exitCode: status > 128 ? null : status,
    signal: status === 137 ? 'SIGKILL' : null,
    stdoutTail: read(`${name}.out`),
    stderrTail: read(`${name}.err`),
    experiment: EXPERIMENT,
    ...extra,
  };
}

describe('failure diagnosis on real failures recorded on a GPU machine', () => {
  it('CUDA out of memory: the PyTorch line as evidence; fix halves the batch and doubles accumulation', () => {
    const d = diagnoseRun(facts('cuda-oom'))!;
    assert.equal(d.cause, 'cuda-oom');
    assert.match(d.evidence[0]!.text, /^torch\.OutOfMemoryError: CUDA out of memory\. Tried to allocate 400\.00 GiB/);
    assert.deepEqual(d.fix?.changes, [
      { path: 'training.batch_size', value: 128 },
      { path: 'training.gradient_accumulation', value: 2 },
    ]);
    assert.equal(d.transient, false, 'a retry would fail the same way');
  });

  it('host memory (MemoryError under ulimit -v): more memory', () => {
    const d = diagnoseRun(facts('host-oom'))!;
    assert.equal(d.cause, 'host-oom');
    assert.equal(d.evidence[0]!.text, 'MemoryError');
    assert.deepEqual(d.fix?.changes, [{ path: 'resources.memory_gb', value: 32 }]);
  });

  it("SIGKILL with no message (the kernel OOM killer's way) is not called out of memory without evidence", () => {
    const d = diagnoseRun(facts('sigkill'))!;
    assert.equal(d.cause, 'exit-status');
    assert.equal(d.title, 'Failed (signal SIGKILL)');
  });

  it('a missing module names the module and what to install', () => {
    const d = diagnoseRun(facts('missing-module'))!;
    assert.equal(d.cause, 'missing-module');
    assert.equal(d.title, "Python module 'flash_attn_liftoff_missing' is not installed");
    assert.match(d.detail, /pip install flash_attn_liftoff_missing/);
  });

  it('a missing file names the file', () => {
    const d = diagnoseRun(facts('missing-file'))!;
    assert.equal(d.cause, 'missing-file');
    assert.equal(d.title, 'File not found: data/train.csv');
  });

  it('a loss that became Inf, from the metrics and from the log: lower the learning rate tenfold', () => {
    const metrics = read('nan-loss.metrics.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l.replace('Infinity', '"Infinity"')) as { train_loss: number | string });
    const last = Number(metrics[metrics.length - 1]!.train_loss);
    const d = diagnoseRun(facts('nan-loss', { lastMetrics: { train_loss: last } }))!;
    assert.equal(d.cause, 'diverged');
    assert.deepEqual(
      d.evidence.map((e) => e.source),
      ['metrics', 'stderr'],
    );
    assert.deepEqual(d.fix?.changes, [{ path: 'training.optimizer.learning_rate', value: 0.0001 }]);
  });

  it('NCCL refusing two ranks on one GPU, and a torchrun rendezvous that timed out: distributed', () => {
    for (const name of ['nccl', 'rendezvous']) {
      const d = diagnoseRun(facts(name))!;
      assert.equal(d.cause, 'distributed', name);
      assert.match(d.evidence[0]!.text, name === 'nccl' ? /NCCL error in:/ : /RendezvousTimeoutError/, name);
    }
  });
});

describe('failure diagnosis: Slurm states and the user', () => {
  const slurmLine = (why: string) =>
    `slurmstepd: error: *** JOB 42 ON localhost CANCELLED AT 2026-12-04T17:00:00 DUE TO ${why} ***`;

  it('TIMEOUT: a new time limit from the measured speed (3 of 10 epochs in 20 min → 80 min with a 20 % margin)', () => {
    const d = diagnoseRun({
      state: 'failed',
      slurmState: 'TIMEOUT',
      stderrTail: slurmLine('TIME LIMIT'),
      experiment: EXPERIMENT,
      elapsedSec: 1200,
      progress: { done: 3, total: 10 },
    })!;
    assert.equal(d.cause, 'time-limit');
    assert.deepEqual(d.fix?.changes, [{ path: 'resources.time_limit', value: '01:20:00' }]);
  });

  it('PREEMPTED and NODE_FAIL are transient (worth a retry), with no edit', () => {
    for (const [state, why, cause] of [
      ['PREEMPTED', 'PREEMPTION', 'preempted'],
      ['NODE_FAIL', 'NODE FAILURE', 'node-failure'],
    ] as const) {
      const d = diagnoseRun({ state: 'failed', slurmState: state, stderrTail: slurmLine(why) })!;
      assert.equal(d.cause, cause);
      assert.equal(d.transient, true);
      assert.equal(d.fix, undefined);
    }
  });

  it('OUT_OF_MEMORY from Slurm is host memory even without a log line', () => {
    assert.equal(
      diagnoseRun({ state: 'failed', slurmState: 'OUT_OF_MEMORY', experiment: EXPERIMENT })!.cause,
      'host-oom',
    );
  });

  it('stopped by the user: no fix; a cancelled job killed by its time limit is still a time limit', () => {
    assert.equal(diagnoseRun({ state: 'cancelled', reason: 'stopped by user' })!.cause, 'stopped-by-user');
    assert.equal(
      diagnoseRun({ state: 'cancelled', slurmState: 'CANCELLED', stderrTail: slurmLine('TIME LIMIT') })!.cause,
      'time-limit',
    );
  });

  it('succeeded and running runs have no diagnosis', () => {
    for (const state of ['succeeded', 'running', 'queued'])
      assert.equal(diagnoseRun({ state, stderrTail: 'CUDA out of memory' }), undefined);
  });
});

describe('failure diagnosis: properties', () => {
  it('never throws on any log, exit status or experiment, and evidence lines are short and from the input', () => {
    fc.assert(
      fc.property(
        fc.record({
          state: fc.constantFrom('failed', 'cancelled'),
          exitCode: fc.option(fc.integer({ min: -300, max: 300 })),
          signal: fc.option(fc.constantFrom('SIGKILL', 'SIGTERM', 'SIGSEGV')),
          slurmState: fc.option(fc.constantFrom('TIMEOUT', 'FAILED', 'OUT_OF_MEMORY', 'CANCELLED', 'x'), {
            nil: undefined,
          }),
          stdoutTail: fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
          stderrTail: fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
          experiment: fc.anything(),
          elapsedSec: fc.option(fc.double(), { nil: undefined }),
        }),
        (f) => {
          const d = diagnoseRun(f as RunFacts)!;
          assert.ok(d.title.length > 0);
          for (const e of d.evidence) assert.ok(e.text.length <= 301);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('time limits round-trip through the forms Slurm accepts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 * 86400 }), (s) => assert.equal(parseTimeLimit(formatTimeLimit(s)), s)),
    );
    assert.equal(parseTimeLimit('2-03:00:00'), (2 * 24 + 3) * 3600);
    assert.equal(parseTimeLimit('90'), 5400);
    assert.equal(parseTimeLimit('10:30'), 630, 'MM:SS');
  });
});
