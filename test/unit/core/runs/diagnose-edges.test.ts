/**
 * The edges of core/src/runs/diagnose.ts (issue 22: its first Stryker run left a third of its mutants alive): time
 * limits in every form Slurm and the schema accept, which output line is evidence and how it is shown, each fix's
 * sizing at its boundaries, the order in which causes are tried, what evidence each cause shows, and the same
 * diagnosis in Chinese. Facts written by hand, as a run folder gives them (core/src/runs/explain.ts).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  diagnoseRun,
  diagnosisIn,
  fixPlanIn,
  formatTimeLimit,
  parseTimeLimit,
  type Diagnosis,
  type RunFacts,
} from '../../../../core/src/runs/diagnose';

const failed = (f: Partial<RunFacts> = {}): Diagnosis => diagnoseRun({ state: 'failed', ...f })!;
const evidence = (d: Diagnosis) => d.evidence.map((e) => `${e.source}: ${e.text}`);

describe('diagnosing a failed run: the edges (core/src/runs/diagnose.ts)', () => {
  describe('time limits', () => {
    it('reads minutes, MM:SS, HH:MM:SS and D-HH:MM:SS; refuses anything else', () => {
      const cases: Array<[unknown, number | undefined]> = [
        [90, 5400],
        [0.5, 30],
        [0, undefined],
        [-5, undefined],
        [NaN, undefined],
        [Infinity, undefined],
        ['90', 5400],
        [' 90 ', 5400],
        ['1:30', 90],
        ['01:00:00', 3600],
        ['2-03:04:05', 2 * 86400 + 3 * 3600 + 4 * 60 + 5],
        ['2-03:04', 2 * 86400 + 3 * 60 + 4],
        [' 00:20:00 ', 1200],
        ['1:2:3', 3723],
        ['1:234', undefined],
        ['1:00:000', undefined],
        ['x01:00:00', undefined],
        ['01:00:00x', undefined],
        ['1.5', undefined],
        ['', undefined],
        ['-1', undefined],
        [null, undefined],
        [true, undefined],
      ];
      for (const [v, sec] of cases) assert.equal(parseTimeLimit(v), sec, JSON.stringify(v));
    });

    it('formats any whole number of seconds back to what parseTimeLimit reads (a property)', () => {
      assert.equal(formatTimeLimit(59.1), '00:01:00', 'rounded up to the second');
      assert.equal(formatTimeLimit(86400), '1-00:00:00');
      assert.equal(formatTimeLimit(86399), '23:59:59');
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 400 * 86400 }), (s) => {
          assert.equal(parseTimeLimit(formatTimeLimit(s)), s);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('evidence from the output', () => {
    it('the newest matching line, colours and spaces removed, cut at 300 characters', () => {
      const d = failed({
        exitCode: 1,
        stderrTail: 'ValueError: old\n  \x1b[31mRuntimeError: newest\x1b[0m  \nplain line\n',
      });
      assert.deepEqual(evidence(d), ['stderr: RuntimeError: newest', 'exit: exit code 1']);
      const at = (n: number) => failed({ exitCode: 1, stderrTail: `Error: ${'x'.repeat(n - 7)}` }).evidence[0]!.text;
      assert.equal(at(300).length, 300);
      assert.equal(at(301), `Error: ${'x'.repeat(293)}…`);
    });

    it('lines end at \\n, \\r\\n or a lone \\r (progress bars); stderr is searched before stdout, then the one log', () => {
      const cr = failed({ exitCode: 1, stdoutTail: '10%|█\r50%|█████\rRuntimeError: boom\r90%|████████' });
      assert.equal(cr.evidence[0]!.text, 'RuntimeError: boom');
      const both = failed({
        exitCode: 1,
        stdoutTail: 'Error: out\n',
        stderrTail: 'Error: err\n',
        logTail: 'Error: log\n',
      });
      assert.equal(both.evidence[0]!.source, 'stderr');
      const noErr = failed({ exitCode: 1, stdoutTail: 'Error: out\n', logTail: 'Error: log\n' });
      assert.equal(noErr.evidence[0]!.source, 'stdout');
      const log = failed({ exitCode: 1, logTail: 'Error: log\n' });
      assert.deepEqual(log.evidence[0], { source: 'log', text: 'Error: log' });
    });
  });

  describe('fixes and their sizes', () => {
    const oom = (training: Record<string, unknown>) =>
      failed({ stderrTail: 'torch.OutOfMemoryError: CUDA out of memory.', experiment: { training } }).fix;

    it('CUDA OOM halves the batch (rounding down, never under 1) and doubles the accumulation; no fix under 2', () => {
      assert.deepEqual(oom({ batch_size: 5 })?.changes, [
        { path: 'training.batch_size', value: 2 },
        { path: 'training.gradient_accumulation', value: 2 },
      ]);
      assert.deepEqual(oom({ batch_size: 2, gradient_accumulation: 3 })?.changes, [
        { path: 'training.batch_size', value: 1 },
        { path: 'training.gradient_accumulation', value: 6 },
      ]);
      assert.equal(
        oom({ batch_size: 64, gradient_accumulation: 2 })?.title,
        'Halve training.batch_size (64 → 32) and double gradient_accumulation (2 → 4): same effective batch',
      );
      for (const batch of [1, 0, '64', NaN, undefined]) assert.equal(oom({ batch_size: batch }), undefined, `${batch}`);
      assert.equal(failed({ stderrTail: 'CUDA out of memory', experiment: [1] }).fix, undefined);
    });

    it('host OOM asks for 32 GB when none is set, else doubles it', () => {
      const host = (resources: unknown) => failed({ stderrTail: 'MemoryError', experiment: { resources } }).fix;
      assert.deepEqual(host(undefined)?.changes, [{ path: 'resources.memory_gb', value: 32 }]);
      assert.equal(host({})?.title, 'Ask for memory explicitly: resources.memory_gb: 32');
      assert.deepEqual(host({ memory_gb: 12 })?.changes, [{ path: 'resources.memory_gb', value: 24 }]);
      assert.equal(host({ memory_gb: 12 })?.title, 'Double resources.memory_gb (12 → 24)');
    });

    it('a time limit sized from the measured speed with 20 % more, else doubled; at least a minute more', () => {
      const limit = (f: Partial<RunFacts>) => failed({ slurmState: 'TIMEOUT', reason: 'TIMEOUT', ...f }).fix;
      // 3 of 10 epochs in 20 min → 66.7 min → 80 min with the margin.
      const measured = limit({
        elapsedSec: 1200,
        progress: { done: 3, total: 10 },
        experiment: { resources: { time_limit: '00:20:00' } },
      })!;
      assert.deepEqual(measured.changes, [{ path: 'resources.time_limit', value: '01:20:00' }]);
      assert.equal(measured.title, 'Raise resources.time_limit to 01:20:00 (3/10 done in 00:20:00)');
      // Nearly done: the measured need (6 min) is under the old limit plus a minute, so a minute more.
      const nearly = limit({
        elapsedSec: 300,
        progress: { done: 99, total: 100 },
        experiment: { resources: { time_limit: 10 } },
      })!;
      assert.deepEqual(nearly.changes, [{ path: 'resources.time_limit', value: '00:11:00' }]);
      // No progress, no elapsed time or all epochs done: the limit doubled.
      for (const f of [
        {},
        { progress: { done: 0, total: 10 }, elapsedSec: 60 },
        { progress: { done: 10, total: 10 }, elapsedSec: 60 },
        { progress: { done: 3, total: 10 } },
      ]) {
        const doubled = limit({ ...f, experiment: { resources: { time_limit: '00:30:00' } } })!;
        assert.deepEqual(doubled.changes, [{ path: 'resources.time_limit', value: '01:00:00' }], JSON.stringify(f));
        if (!f.progress || f.progress.done === 0) assert.equal(doubled.title, 'Raise resources.time_limit to 01:00:00');
      }
      // Nothing to size it from: no fix, but checkpoints are still offered.
      const none = limit({ experiment: { training: { epochs: 3 } } });
      assert.equal(none, undefined);
      const alt = failed({ slurmState: 'TIMEOUT', experiment: { training: { epochs: 3 } } }).alternatives;
      assert.deepEqual(alt?.[0]?.changes, [
        { path: 'training.checkpoint.dir', value: 'checkpoints' },
        { path: 'training.checkpoint.keep_last', value: 2 },
      ]);
    });

    it('checkpoints are offered only to an experiment with a training section that has none', () => {
      const alts = (experiment: unknown) => failed({ slurmState: 'PREEMPTED', experiment }).alternatives;
      assert.equal(alts({ training: { checkpoint: { dir: 'c' } } }), undefined);
      assert.equal(alts({ training: { checkpoint: null } }), undefined, 'a key written without a value is a setting');
      assert.equal(alts({}), undefined);
      assert.equal(alts({ training: 'x' }), undefined);
      assert.equal(alts(undefined), undefined);
      assert.equal(alts({ training: {} })?.length, 1);
    });

    it('a diverged loss lowers the learning rate tenfold to three significant digits', () => {
      const lr = (learning_rate: unknown) =>
        failed({ lastMetrics: { loss: NaN }, experiment: { training: { optimizer: { learning_rate } } } }).fix;
      assert.deepEqual(lr(0.003)?.changes, [{ path: 'training.optimizer.learning_rate', value: 0.0003 }]);
      assert.deepEqual(lr(0.0012345)?.changes, [{ path: 'training.optimizer.learning_rate', value: 0.000123 }]);
      assert.equal(lr(0.003)?.title, 'Lower training.optimizer.learning_rate (0.003 → 0.0003)');
      assert.equal(lr('0.003'), undefined);
      assert.equal(lr(Infinity), undefined);
    });
  });

  describe('causes, in order, with their evidence', () => {
    it('stopped by the user: by the reason, or a cancelled run that Slurm did not time out or preempt', () => {
      assert.equal(failed({ reason: 'Stopped by the user' }).cause, 'stopped-by-user');
      assert.equal(failed({ reason: 'cancelled by user' }).cause, 'stopped-by-user');
      const c = diagnoseRun({ state: 'cancelled' })!;
      assert.deepEqual([c.cause, evidence(c)], ['stopped-by-user', ['exit: cancelled']]);
      assert.deepEqual(evidence(diagnoseRun({ state: 'cancelled', reason: 'scancel' })!), ['exit: scancel']);
      assert.equal(diagnoseRun({ state: 'cancelled', slurmState: 'timeout' })!.cause, 'time-limit');
      assert.equal(diagnoseRun({ state: 'cancelled', slurmState: 'PREEMPTED' })!.cause, 'preempted');
      assert.equal(
        diagnoseRun({ state: 'cancelled', stderrTail: 'CANCELLED AT 10:00 DUE TO TIME LIMIT' })!.cause,
        'time-limit',
      );
      assert.equal(diagnoseRun({ state: 'cancelled', logTail: 'slurmstepd: DUE TO PREEMPTION' })!.cause, 'preempted');
      for (const state of ['succeeded', 'running', 'queued', '']) assert.equal(diagnoseRun({ state }), undefined);
    });

    it('a time limit: Slurm’s state, a log line or the reason, each shown once', () => {
      const slurm = failed({ slurmState: 'TIMEOUT', reason: 'TIMEOUT (time limit 00:20:00)' });
      assert.deepEqual(evidence(slurm), ['slurm: Slurm state TIMEOUT (TIMEOUT (time limit 00:20:00))']);
      const bare = failed({ slurmState: 'TIMEOUT' });
      assert.deepEqual(evidence(bare), ['slurm: Slurm state TIMEOUT']);
      const local = failed({ reason: 'time limit 00:10:00 reached (resources.time_limit); Liftoff stopped the run' });
      assert.deepEqual(evidence(local), [
        'exit: time limit 00:10:00 reached (resources.time_limit); Liftoff stopped the run',
      ]);
      const log = failed({ stderrTail: 'slurmstepd: error: *** JOB 7 CANCELLED DUE TO TIME LIMIT ***' });
      assert.deepEqual([log.cause, log.evidence[0]!.source], ['time-limit', 'stderr']);
    });

    it('preemption and node failure are transient; OOM, NCCL and the rest are not', () => {
      const p = failed({ slurmState: 'PREEMPTED' });
      const n = failed({ stdoutTail: 'srun: error: Node failure on gpu7' });
      assert.deepEqual([p.cause, p.transient, n.cause, n.transient], ['preempted', true, 'node-failure', true]);
      assert.equal(failed({ slurmState: 'NODE_FAIL' }).cause, 'node-failure');
      const nccl = failed({ stderrTail: 'torch.distributed.DistNetworkError: connection refused' });
      assert.deepEqual([nccl.cause, nccl.transient, nccl.fix], ['distributed', false, undefined]);
      assert.equal(failed({ stderrTail: 'CUDA out of memory' }).transient, false);
    });

    it('host OOM: its line, Slurm’s state, and the signal or the exit status that killed it', () => {
      const signal = failed({ signal: 'SIGKILL', stderrTail: 'Killed\n' });
      assert.deepEqual(evidence(signal), ['stderr: Killed', 'exit: SIGKILL']);
      const status = failed({ exitCode: 137, stderrTail: 'Killed\n' });
      assert.deepEqual(evidence(status), ['stderr: Killed', 'exit: exit code 137']);
      // A bare "Killed" without a SIGKILL is not evidence of memory.
      assert.equal(failed({ exitCode: 1, stderrTail: 'Killed\n' }).cause, 'exit-status');
      const slurm = failed({ slurmState: 'OUT_OF_MEMORY', exitCode: 0 });
      assert.deepEqual([slurm.cause, evidence(slurm)], ['host-oom', ['slurm: Slurm state OUT_OF_MEMORY']]);
      assert.equal(failed({ stderrTail: 'terminate called after throwing std::bad_alloc' }).cause, 'host-oom');
    });

    it('a missing module or file names it; the CUDA OOM line wins over a later generic error', () => {
      const mod = failed({ stderrTail: "ModuleNotFoundError: No module named 'timm.layers'" });
      assert.deepEqual([mod.cause, mod.title], ['missing-module', "Python module 'timm.layers' is not installed"]);
      assert.match(mod.detail, /pip install timm\)/);
      const files: Array<[string, string]> = [
        ["FileNotFoundError: [Errno 2] No such file or directory: 'data/train.csv'", 'data/train.csv'],
        ["python3: can't open file '/w/train.py': [Errno 2] No such file or directory", '/w/train.py'],
        ["OSError: No such file or directory: 'weights.pt'", 'weights.pt'],
      ];
      for (const [line, name] of files) {
        const d = failed({ stderrTail: line });
        assert.deepEqual([d.cause, d.title], ['missing-file', `File not found: ${name}`], line);
      }
      const both = failed({ stderrTail: 'CUDA out of memory. Tried to allocate\nRuntimeError: later\n' });
      assert.equal(both.cause, 'cuda-oom');
    });

    it('a diverged loss: non-finite loss-like metrics (not others) or a log line', () => {
      const d = failed({ lastMetrics: { loss: NaN, val_perplexity: Infinity, accuracy: NaN, lr: 0.1 } });
      assert.deepEqual(evidence(d), ['metrics: loss = NaN', 'metrics: val_perplexity = Infinity']);
      assert.equal(failed({ lastMetrics: { accuracy: NaN } }).cause, 'exit-status');
      assert.equal(failed({ lastMetrics: { loss: 0.5 } }).cause, 'exit-status');
      const logged = failed({ stdoutTail: 'step 10: loss nan\n' });
      assert.deepEqual([logged.cause, evidence(logged)], ['diverged', ['stdout: step 10: loss nan']]);
    });

    it('otherwise the exit status: a signal, an exit code, Slurm’s state or none, with the last error line if any', () => {
      const title = (f: Partial<RunFacts>) => failed(f).title;
      assert.equal(title({ signal: 'SIGSEGV', exitCode: 139 }), 'Failed (signal SIGSEGV)');
      assert.equal(title({ exitCode: 0 }), 'Failed (exit code 0)');
      assert.equal(title({ exitCode: null, slurmState: 'failed' }), 'Failed (Slurm state FAILED)');
      assert.equal(title({ exitCode: null }), 'Failed (no exit status)');
      assert.equal(title({}), 'Failed (no exit status)');
      const quiet = failed({ exitCode: 2, stdoutTail: 'all good\n' });
      assert.deepEqual(evidence(quiet), ['exit: exit code 2']);
      assert.equal(quiet.detail, 'The command failed without an error message in its output; open its log.');
      const loud = failed({ exitCode: 2, stdoutTail: 'Traceback (most recent call last):\n  x\n' });
      assert.deepEqual(evidence(loud), ['stdout: Traceback (most recent call last):', 'exit: exit code 2']);
      assert.equal(loud.detail, 'The command failed; the last error line of its output is below.');
    });
  });

  describe('in Chinese', () => {
    it('says the title, detail, Liftoff’s own evidence and the fixes in Chinese; the run’s output as it is', () => {
      const d = failed({
        slurmState: 'TIMEOUT',
        stderrTail: 'slurmstepd: error: *** JOB 7 CANCELLED DUE TO TIME LIMIT ***',
        experiment: { resources: { time_limit: '00:30:00' }, training: {} },
      });
      const zh = diagnosisIn('zh-cn', d);
      assert.notEqual(zh.title, d.title);
      assert.match(zh.title, /[\u4e00-\u9fff]/);
      assert.match(zh.detail, /[\u4e00-\u9fff]/);
      assert.equal(zh.evidence[1]!.text, d.evidence[1]!.text, 'a log line is shown as the run wrote it');
      assert.match(zh.evidence[0]!.text, /[\u4e00-\u9fff]/, 'Liftoff’s own evidence is said again');
      assert.match(zh.fix!.title, /[\u4e00-\u9fff]/);
      assert.match(zh.alternatives![0]!.title, /[\u4e00-\u9fff]/);
      assert.deepEqual(zh.fix!.changes, d.fix!.changes);
      assert.equal(diagnosisIn('en', d), d);
      assert.equal(diagnosisIn(undefined, d), d);
      assert.equal(fixPlanIn('en', d.fix!), d.fix);
      assert.equal(fixPlanIn('zh-cn', d.fix!).title, zh.fix!.title);
      const plain = { title: 't', changes: [] };
      assert.equal(fixPlanIn('zh-cn', plain), plain, 'a fix without a phrase is kept');
    });
  });
});
