/**
 * Failure diagnosis of Slurm runs on a real Slurm 22.05 (localhost, test/support/slurm-cluster.ts): a job killed at
 * its time limit (TIMEOUT, with slurmstepd's "DUE TO TIME LIMIT" line in the log), a job whose stderr says CUDA ran
 * out of memory, and one that allocates past `ulimit -v`. Each gets its cause and fix from the same explainRun the
 * Runs view and the CLI use.
 *
 * Not here: a job Slurm itself kills for memory (OUT_OF_MEMORY). The test cluster runs with
 * ProctrackType=proctrack/linuxproc and TaskPlugin=task/none because cgroups cannot be delegated inside this
 * container, and without task/cgroup (or jobacct_gather enforcing memory) Slurm never kills a job for memory. The
 * OUT_OF_MEMORY state itself is covered by the unit tests (runs-diagnose.test.ts).
 */
import * as assert from 'node:assert/strict';
import {
  cancelQueueJob,
  createSlurmRunner,
  describeQueueJob,
  parseQueue,
  userQueue,
  type SlurmRunner,
} from '../../core/src/launchers/slurm';
import { waitFor } from '../support/wait';
import { explainRun } from '../../core/src/runs';
import { SlurmCluster, skipWithoutSlurm } from '../support/slurm-cluster';
import { launchRun, type RunLaunch } from '../../core/src/launchers';
import { RunStore } from '../../core/src/runs';
import { readFileSync } from 'node:fs';
import {
  BUILTIN_TRAINER,
  commandExperiment,
  removeWorkspaces,
  submitAndTrack,
  workspaceWith,
  type Tracked,
} from './slurm-support';

describe('Slurm runs explain their failures (real Slurm 22.05)', function () {
  this.timeout(60_000);
  let cluster: SlurmCluster | undefined;
  let runner: SlurmRunner;
  let timeoutJob: Tracked;
  let retried: { launch: RunLaunch; ws: string };

  before(async function () {
    if (skipWithoutSlurm(this)) return;
    cluster = await SlurmCluster.start({ nodes: 1 });
    runner = createSlurmRunner({ env: cluster.processEnv() });
    // Time limits are whole minutes, enforced every 30 s: submitted first, checked last.
    timeoutJob = await submitAndTrack(
      'too-slow',
      commandExperiment('too-slow', ['sleep', '600'], { resources: 'time_limit: "00:01:00"' }),
      { runner },
    );
    // run.retry on Slurm: the experiment keeps checkpoints (training.checkpoint), so a time limit is worth retrying.
    // The first attempt is killed at its 1-minute limit; the retry is a new job told where the attempt before ran
    // (LIFTOFF_RESUME_FROM) and ends at once. Started here, checked last.
    const script =
      'if [ -n "$LIFTOFF_RESUME_FROM" ]; then echo "attempt $LIFTOFF_ATTEMPT resume_from $LIFTOFF_RESUME_FROM"; exit 0; fi; ' +
      'echo started; sleep 600';
    const text = [
      'apiVersion: liftoff/v1',
      'kind: Experiment',
      'metadata: {name: slurm-resumes}',
      'task: {type: classification}',
      'training: {checkpoint: {dir: ckpt, keep_last: 1}}',
      'resources: {cpus: 1, memory_gb: 0.5, time_limit: "00:01:00"}',
      'run:',
      '  trainer: command',
      `  command: ${JSON.stringify(['sh', '-c', script])}`,
      '  launcher: slurm',
      '  retry: {max: 2, on: [time_limit]}',
      '',
    ].join('\n');
    const { ws, experimentPath } = workspaceWith('slurm-resumes', text);
    const launch = await launchRun({
      workspace: ws,
      experimentPath,
      experimentText: text,
      builtinTrainer: BUILTIN_TRAINER,
      nodePath: process.execPath,
      slurmRunner: runner,
    });
    retried = { launch, ws };
  });

  after(async () => {
    timeoutJob?.tracker.dispose();
    retried?.launch.dispose();
    await cluster?.stop();
    removeWorkspaces();
  });

  it('a CUDA out-of-memory message on the job’s stderr: cuda-oom, the line as evidence', async () => {
    const msg = 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 GiB';
    const t = await submitAndTrack(
      'oom-job',
      commandExperiment('oom-job', ['bash', '-c', `echo '${msg}' >&2; exit 1`]),
      {
        runner,
      },
    );
    const final = await t.tracker.done;
    assert.equal(final.state, 'failed');
    const d = (await explainRun({ dir: t.submitted.dir, record: final }))!;
    assert.equal(d.cause, 'cuda-oom');
    assert.equal(d.evidence[0]?.text, msg);
    t.tracker.dispose();
  });

  it('an allocation past ulimit -v in the job: host out of memory, more memory_gb', async () => {
    const t = await submitAndTrack(
      'host-oom-job',
      commandExperiment('host-oom-job', ['bash', '-c', 'ulimit -v 300000; python3 -c "b = bytearray(2 * 1024 ** 3)"']),
      { runner },
    );
    const final = await t.tracker.done;
    const d = (await explainRun({ dir: t.submitted.dir, record: final }))!;
    assert.equal(d.cause, 'host-oom', JSON.stringify(d));
    assert.deepEqual(d.fix?.changes, [{ path: 'resources.memory_gb', value: 1 }]);
    t.tracker.dispose();
  });

  it('the queue view lists a job not started from Liftoff (plain sbatch), with state and limit, and cancels it', async () => {
    const r = await runner([
      'sbatch',
      '--parsable',
      '--job-name=not|liftoff',
      '--time=00:05:00',
      '--output=/dev/null',
      '--wrap=sleep 300',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const id = r.stdout.trim().split(';')[0]!;
    await waitFor(async () => (await userQueue(runner)).some((j) => j.jobId === id && j.state === 'RUNNING'), {
      timeoutMs: 30_000,
      what: 'the plain sbatch job to run',
    });
    const job = (await userQueue(runner)).find((j) => j.jobId === id)!;
    assert.equal(job.name, 'not|liftoff', 'a | in the name stays in the name');
    assert.equal(job.limitSec, 300);
    assert.match(describeQueueJob(job), /^RUNNING \d\d:\d\d:\d\d \/ 00:05:00/);
    await cancelQueueJob(runner, id);
    await waitFor(async () => !(await userQueue(runner)).some((j) => j.jobId === id && j.state !== 'CANCELLED'), {
      timeoutMs: 30_000,
      what: 'the job to leave the queue',
    });
    await assert.rejects(cancelQueueJob(runner, '1; rm -rf /'), /not a Slurm job id/);
    assert.deepEqual(parseQueue('garbage\n12|PENDING|Priority|0:00|1:00:00|debug|x\n'), [
      {
        jobId: '12',
        state: 'PENDING',
        reason: 'Priority',
        partition: 'debug',
        elapsedSec: 0,
        limitSec: 3600,
        name: 'x',
      },
    ]);
  });

  it('TIMEOUT: time-limit, slurmstepd’s line as evidence, a longer time limit as the fix', async function () {
    this.timeout(180_000);
    const final = await timeoutJob.tracker.done;
    assert.equal(final.state, 'failed');
    const d = (await explainRun({ dir: timeoutJob.submitted.dir, record: final }))!;
    assert.equal(d.cause, 'time-limit');
    assert.equal(d.evidence[0]?.source, 'slurm');
    assert.ok(
      d.evidence.some((e) => /DUE TO TIME LIMIT/.test(e.text)),
      JSON.stringify(d.evidence),
    );
    // No progress recorded: double the limit.
    assert.deepEqual(d.fix?.changes, [{ path: 'resources.time_limit', value: '00:02:00' }]);
  });

  it('run.retry: a job killed at its time limit with checkpoints is submitted again, resuming from the attempt before; the run ends succeeded', async function () {
    this.timeout(240_000);
    const final = await retried.launch.done;
    assert.equal(final.state, 'succeeded', JSON.stringify(final));
    const attempts = (await new RunStore(retried.ws).list('slurm-resumes')).reverse();
    assert.equal(attempts.length, 2, `${attempts.length} attempts`);
    const [first, second] = attempts as [(typeof attempts)[0], (typeof attempts)[0]];
    assert.equal(first.record.state, 'failed');
    assert.equal((await explainRun({ dir: first.dir, record: first.record }))?.cause, 'time-limit');
    assert.notEqual(first.record.jobId, second.record.jobId, 'the retry is a new Slurm job');
    assert.deepEqual([second.record.retryOf, second.record.attempt], [first.record.id, 2]);
    assert.match(
      readFileSync(RunStore.file(second, 'stdout'), 'utf8'),
      new RegExp(`attempt 2 resume_from ${first.dir.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}`),
    );
  });
});
