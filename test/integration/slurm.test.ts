/**
 * The Slurm launcher against a real Slurm 22.05 (Debian's) on localhost, started by test/support/slurm-cluster.ts and
 * stopped by pid afterwards: a single-node cluster, and a two-node one (two slurmd on this machine) for `srun` across
 * nodes. Jobs really run: the built-in trainer, bash commands. Slurm time limits are whole minutes and enforced every
 * 30 s, so the time-limit job is submitted first and checked last: everything else runs while it waits for TIMEOUT.
 * Each cluster is reached through its own SLURM_CONF, passed to the runners explicitly (both clusters run at once).
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createSlurmRunner,
  JobQuery,
  JOB_SCRIPT,
  reattachSlurmRuns,
  SlurmSubmitError,
  submitSlurmRun,
  type SlurmRunner,
} from '../../core/src/launchers/slurm';
import { SeriesStore } from '../../core/src/metrics/series-store';
import { RunStore } from '../../core/src/runs/run-store';
import { readRunTimeline } from '../../core/src/runs/run-log';
import { createNodeHost } from '../../server/src/host/node-host';
import { createLanguageService } from '../../server/src/service';
import { SlurmCluster, skipWithoutSlurm } from '../support/slurm-cluster';
import { waitFor } from '../support/wait';
import {
  BUILTIN_TRAINER,
  commandExperiment,
  creditRiskOnSlurm,
  errOf,
  logOf,
  removeWorkspaces,
  submitAndTrack,
  workspaceWith,
  type Tracked,
} from './slurm-support';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Slurm launcher on a real Slurm 22.05 (localhost)', function () {
  this.timeout(60_000);
  let cluster: SlurmCluster | undefined;
  let runner: SlurmRunner;
  let timeoutJob: Tracked;
  const track = (name: string, text: string, o: Parameters<typeof submitAndTrack>[2] = {}) =>
    submitAndTrack(name, text, { runner, ...o });

  before(async function () {
    if (skipWithoutSlurm(this)) return;
    assert.ok(existsSync(BUILTIN_TRAINER), 'npm run build first (dist/trainer/builtin.js)');
    cluster = await SlurmCluster.start({ nodes: 1 });
    runner = createSlurmRunner({ env: cluster.processEnv() });
    timeoutJob = await track(
      'too-short',
      commandExperiment('too-short', ['sleep', '600'], { resources: 'time_limit: "00:01:00"' }),
    );
  });

  after(async () => {
    timeoutJob?.tracker.dispose();
    await cluster?.stop();
    removeWorkspaces();
    if (cluster) assert.deepEqual(cluster.pids().filter(alive), [], 'no Slurm daemon left');
  });

  describe('single node', () => {
    it('trains the tabular example: PENDING/RUNNING → COMPLETED, metrics ingested while it runs', async () => {
      const series = new SeriesStore();
      let pointsWhileRunning = 0;
      const t = await track('credit', creditRiskOnSlurm(400), { series });
      series.onChange(() => {
        const exitMarker = path.join(t.submitted.dir, 'job-exit-code');
        if (!existsSync(exitMarker)) pointsWhileRunning = series.pointCount();
      });
      const record = t.submitted.record;
      assert.match(record.jobId ?? '', /^\d+$/);
      assert.ok(existsSync(path.join(t.submitted.dir, JOB_SCRIPT)));
      const final = await t.tracker.done;
      assert.equal(final.state, 'succeeded', `${final.reason}\n${logOf(t).slice(-1500)}`);
      assert.equal(final.exitCode, 0);
      assert.match(t.states[0]!, /^queued: /);
      assert.ok(
        t.states.some((s) => s.startsWith('running: RUNNING on localhost')),
        `states seen: ${t.states.join(' | ')}`,
      );
      assert.equal(t.states[t.states.length - 1], 'succeeded: COMPLETED (exit code 0)');
      assert.ok(pointsWhileRunning > 0, 'metrics reached the store before the job ended');
      const auc = series.series(record.id, 'val_auc');
      assert.ok(auc && auc.length >= 10, `val_auc points: ${auc?.length}`);
      assert.ok(
        existsSync(path.join(t.submitted.dir, 'artifacts', 'model.onnx')),
        'the trainer exported its model into the run folder',
      );
      assert.match(logOf(t), /^epoch 1\/400 /m);
    });

    it('Stop on a running job: scancel → cancelled', async () => {
      const t = await track('to-cancel', commandExperiment('to-cancel', ['bash', '-c', 'echo started; sleep 300']));
      await waitFor(() => t.tracker.current.state === 'running' && logOf(t).includes('started'), {
        timeoutMs: 30_000,
        what: 'the job to run',
      });
      await t.tracker.cancel();
      const final = await t.tracker.done;
      assert.deepEqual([final.state, final.reason], ['cancelled', 'stopped by the user (scancel)']);
      const squeue = cluster!.run('squeue', ['-h', '-t', 'R', '-o', '%i']);
      assert.ok(!squeue.stdout.split('\n').includes(t.submitted.record.jobId!), 'the job no longer runs');
    });

    it('a job that exits 3 → failed with exit code 3, its stderr in stderr.log and in the timeline', async () => {
      const t = await track(
        'exits-3',
        commandExperiment('exits-3', ['bash', '-c', 'echo "reading input"; echo "bad input" >&2; exit 3']),
      );
      const final = await t.tracker.done;
      assert.deepEqual([final.state, final.reason, final.exitCode], ['failed', 'FAILED (exit code 3)', 3]);
      assert.match(errOf(t), /bad input/);
      assert.doesNotMatch(logOf(t), /bad input/, 'stdout.log holds stdout only');
      assert.match(logOf(t), /reading input/);
      const shown = readRunTimeline({ dir: t.submitted.dir, record: final }).map((e) =>
        e.kind === 'line' ? `${e.stream}: ${e.text}` : e.kind === 'state' ? e.state : '',
      );
      assert.ok(shown.includes('stderr: bad input'), shown.join('\n'));
      assert.equal(shown[0], 'queued');
      assert.equal(shown[shown.length - 1], 'failed');
    });

    it('a job requeued with `scontrol requeue` while running: queued again, then runs again; the timeline shows both', async function () {
      this.timeout(240_000);
      // The first start prints "first" and waits; after the requeue (SLURM_RESTART_COUNT 1) it prints "again" and ends.
      const t = await track(
        'requeued',
        commandExperiment('requeued', [
          'bash',
          '-c',
          'if [ "0$SLURM_RESTART_COUNT" = 0 ]; then echo first; sleep 300; else echo again; sleep 2; fi',
        ]),
      );
      await waitFor(() => t.tracker.current.state === 'running' && logOf(t).includes('first'), {
        timeoutMs: 60_000,
        what: 'the first start',
      });
      const r = cluster!.run('scontrol', ['requeue', t.submitted.record.jobId!]);
      assert.equal(r.status, 0, r.stderr);
      t.tracker.pollNow();
      const final = await t.tracker.done;
      assert.equal(final.state, 'succeeded', `${final.reason}\n${t.states.join('\n')}`);
      assert.match(logOf(t), /^first\n(?:.*\n)*again\n/m, 'both starts append to stdout.log');
      // Running, then queued again (Slurm's PENDING (BeginTime) after a requeue), then the second start's output and
      // the end. (The second start may be too short for a poll to see it running: its output is the proof it ran.)
      const states = t.states.map((s) => s.split(':')[0]);
      const firstRun = states.indexOf('running');
      assert.ok(firstRun >= 0 && states.indexOf('queued', firstRun) > firstRun, t.states.join('\n'));
      const shown = readRunTimeline({ dir: t.submitted.dir, record: final })
        .filter((e) => e.kind !== 'skipped')
        .map((e) => (e.kind === 'line' ? e.text : e.state));
      // State records are what Slurm said when polled, output is recorded as it lands: a start's first line can come
      // before the poll that sees it running (CI, 2026-12-06: queued, first, running). What must hold: the first
      // start's output and a running state (in either order), then queued again by the requeue, the second start's
      // output, the end.
      const at = (x: string, from = 0) => shown.indexOf(x, from);
      const started = Math.max(at('first'), at('running'));
      const i = [at('first'), at('running')];
      i.push(at('queued', started));
      i.push(at('again', i[2]));
      i.push(at('succeeded', i[3]));
      assert.ok(i.every((v) => v >= 0) && i[2]! > started && i[3]! > i[2]! && i[4]! > i[3]!, shown.join('\n'));
    });

    it("an unknown partition: EXP-025 before submitting, sbatch's own error when submitted anyway", async () => {
      const text = commandExperiment('wrong-partition', ['true'], { slurm: '{partition: gpu}' });
      const { ws, experimentPath } = workspaceWith('wrong-partition', text);
      const service = createLanguageService(
        {},
        { host: createNodeHost({ workspaceFolders: [ws], slurm: { runner } }) },
      );
      const diagnostics = (await service.validate({ uri: pathToFileURL(experimentPath).toString(), text })).filter(
        (d) => d.code === 'EXP-025',
      );
      assert.equal(diagnostics.length, 1);
      assert.match(
        String(diagnostics[0]!.message),
        /Partition `gpu` does not exist on this Slurm cluster.*`debug` \(default\), `short`/,
      );
      const err = await submitSlurmRun({
        workspace: ws,
        experimentPath,
        experimentText: text,
        builtinTrainer: BUILTIN_TRAINER,
        nodePath: process.execPath,
        runner,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof SlurmSubmitError, String(err));
      assert.match(err.sbatchMessage, /sbatch: error: invalid partition specified: gpu/);
      assert.match(err.hint, /run\.slurm\.partition/);
      assert.match((await RunStore.read(err.runDir))?.reason ?? '', /invalid partition specified: gpu/);
    });

    it("EXP-026 reads the partition's real limits (short: MaxNodes 1, MaxTime 5 min)", async () => {
      const text = commandExperiment('too-big', ['true'], {
        resources: 'nodes: 2, time_limit: "01:00:00"',
        slurm: '{partition: short}',
      });
      const { ws, experimentPath } = workspaceWith('too-big', text);
      const service = createLanguageService(
        {},
        { host: createNodeHost({ workspaceFolders: [ws], slurm: { runner } }) },
      );
      const messages = (await service.validate({ uri: pathToFileURL(experimentPath).toString(), text }))
        .filter((d) => d.code === 'EXP-026')
        .map((d) => String(d.message));
      assert.equal(messages.length, 2, messages.join('\n'));
      assert.match(
        messages.join('\n'),
        /`resources.nodes: 2` is more than partition `short` allows for one job \(1, its MaxNodes\)/,
      );
      assert.match(
        messages.join('\n'),
        /`resources.time_limit` 01:00:00 is longer than the MaxTime of partition `short` \(00:05:00\)/,
      );
    });

    it('re-attaches by job id after a reload; a job purged from the controller is found in the completion log', async () => {
      const t = await track('reattach', commandExperiment('reattach', ['bash', '-c', 'sleep 1; echo done']));
      await waitFor(
        () => t.tracker.current.state !== 'queued' || existsSync(path.join(t.submitted.dir, 'job-exit-code')),
        { timeoutMs: 30_000, what: 'the job to start' },
      );
      t.tracker.dispose(); // the window reloads
      await waitFor(() => existsSync(path.join(t.submitted.dir, 'job-exit-code')), {
        timeoutMs: 30_000,
        what: 'the job to finish unwatched',
      });
      // The controller forgot the job (as after MinJobAge): scontrol says "Invalid job id"; the jobcomp log still knows.
      const real = runner;
      const purged: SlurmRunner = async (argv, o) =>
        argv[0] === 'scontrol' && argv[2] === 'job'
          ? { code: 1, stdout: '', stderr: 'slurm_load_jobs error: Invalid job id specified\n' }
          : real(argv, o);
      await waitFor(async () => (await new JobQuery(real).job(t.submitted.record.jobId!))?.state === 'COMPLETED', {
        timeoutMs: 15_000,
        what: 'Slurm to record the end',
      });
      const [tracker, ...others] = await reattachSlurmRuns(t.submitted.store, { runner: purged, tailFiles: false });
      assert.equal(others.length, 0);
      const final = await tracker!.done;
      assert.deepEqual([final.state, final.reason, final.exitCode], ['succeeded', 'COMPLETED (exit code 0)', 0]);
      assert.equal((await new JobQuery(purged).job(t.submitted.record.jobId!))?.source, 'jobcomp');
    });
  });

  describe('two nodes on one machine', () => {
    let two: SlurmCluster | undefined;
    let twoRunner: SlurmRunner;
    before(async () => {
      two = await SlurmCluster.start({ nodes: 2, cpusPerNode: 2, memoryMBPerNode: 2048 });
      twoRunner = createSlurmRunner({ env: two.processEnv() });
    });
    after(async () => {
      await two?.stop();
      if (two) assert.deepEqual(two.pids().filter(alive), [], 'no Slurm daemon left');
    });

    it('a 2-node job: srun starts one task per node and both ranks run', async () => {
      const text = commandExperiment(
        'two-ranks',
        ['bash', '-c', 'echo "rank $SLURM_PROCID of $SLURM_NTASKS on $SLURMD_NODENAME"'],
        { resources: 'nodes: 2', run: 'distributed: ddp' },
      );
      const t = await submitAndTrack('two-ranks', text, { runner: twoRunner });
      assert.match(t.submitted.plan.script, /^#SBATCH --nodes=2$/m);
      const final = await t.tracker.done;
      assert.equal(final.state, 'succeeded', `${final.reason}\n${logOf(t)}`);
      const ranks = logOf(t)
        .split('\n')
        .filter((l) => l.startsWith('rank '))
        .sort();
      assert.deepEqual(ranks, ['rank 0 of 2 on n1', 'rank 1 of 2 on n2']);
      assert.equal(final.resources.nodes, 2);
    });
  });

  describe('time limits', () => {
    it('a too-short time limit → TIMEOUT, shown with its reason', async function () {
      this.timeout(150_000);
      // Submitted in before(): by now it may have run and ended already (the requeue test alone takes minutes).
      await waitFor(() => timeoutJob.tracker.current.state !== 'queued', {
        timeoutMs: 30_000,
        what: 'the time-limited job to run',
      });
      const final = await timeoutJob.tracker.done;
      assert.equal(final.state, 'failed');
      assert.equal(
        final.reason,
        'TIMEOUT (time limit 00:01:00): the job reached its time limit; raise resources.time_limit',
      );
      assert.equal(final.exitCode, null);
      assert.ok(
        timeoutJob.states.some((s) => s.startsWith('running:')),
        timeoutJob.states.join(' | '),
      );
    });
  });
});
