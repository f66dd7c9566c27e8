import * as assert from 'node:assert/strict';
import { parseJobLine, parseSacct, parseSqueueJson } from '../../../../../core/src/launchers/slurm/job-info';
import { mapJobState } from '../../../../../core/src/launchers/slurm/run-state';
import { parseKeyValues, parseSlurmTime } from '../../../../../core/src/launchers/slurm/key-values';

// Real output of Slurm 22.05.8 (Debian 12), trimmed.
const SCONTROL_FAILED =
  'JobId=1 JobName=sbatch UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=FAILED Reason=NonZeroExitCode Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=3:0 RunTime=00:00:03 TimeLimit=UNLIMITED TimeMin=N/A NodeList=localhost BatchHost=localhost NumNodes=1 Command=(null) WorkDir=/tmp/sl StdErr=/tmp/sl/out-1.log StdIn=/dev/null StdOut=/tmp/sl/out-1.log Power= ';
const SCONTROL_PENDING =
  'JobId=7 JobName=liftoff-x UserId=root(0) JobState=PENDING Reason=Resources Dependency=(null) ExitCode=0:0 TimeLimit=00:10:00 NodeList= NumNodes=1';
const JOBCOMP_TIMEOUT =
  'JobId=3 UserId=root(0) GroupId=root(0) Name=sbatch JobState=TIMEOUT Partition=debug TimeLimit=1 StartTime=2026-11-22T20:29:19 EndTime=2026-11-22T20:30:34 NodeList=localhost NodeCnt=1 ProcCnt=1 WorkDir=/tmp/sl ReservationName= Tres=cpu=1,mem=1G,node=1,billing=1 Account= QOS= WcKey= Cluster=unknown SubmitTime=2026-11-22T20:29:19 EligibleTime=2026-11-22T20:29:19 DerivedExitCode=0:0 ExitCode=0:0 ';

describe('Slurm job state', () => {
  it('reads key=value lines whose values hold spaces', () => {
    const kv = parseKeyValues('NodeName=n1 OS=Linux 6.1 #1 SMP RealMemory=4000 Comment=');
    assert.equal(kv.get('OS'), 'Linux 6.1 #1 SMP');
    assert.equal(kv.get('RealMemory'), '4000');
    assert.equal(kv.get('Comment'), '');
  });

  it('parses scontrol show job -o and the jobcomp log', () => {
    assert.deepEqual(parseJobLine(SCONTROL_FAILED, 'scontrol'), {
      jobId: '1',
      state: 'FAILED',
      reason: 'NonZeroExitCode',
      exitCode: 3,
      signal: 0,
      nodes: 'localhost',
      timeLimit: 'UNLIMITED',
      runTimeSec: 3,
      timeLimitSec: undefined,
      source: 'scontrol',
    });
    assert.deepEqual(parseJobLine(SCONTROL_PENDING, 'scontrol'), {
      jobId: '7',
      state: 'PENDING',
      reason: 'Resources',
      exitCode: 0,
      signal: 0,
      nodes: undefined,
      timeLimit: '00:10:00',
      runTimeSec: undefined,
      timeLimitSec: 600,
      source: 'scontrol',
    });
    assert.equal(parseJobLine(JOBCOMP_TIMEOUT, 'jobcomp')?.state, 'TIMEOUT');
    assert.equal(parseJobLine('slurm_load_jobs error: Invalid job id specified', 'scontrol'), undefined);
  });

  it('parses squeue --json (22.05: exit_code is a wait status) and sacct', () => {
    const json = JSON.stringify({
      jobs: [
        { job_id: 1, job_state: 'FAILED', state_reason: 'NonZeroExitCode', exit_code: 768, nodes: 'localhost' },
        { job_id: 2, job_state: 'CANCELLED', state_reason: 'None', exit_code: 15, nodes: 'localhost' },
        {
          job_id: 3,
          job_state: ['RUNNING'],
          state_reason: 'None',
          exit_code: { return_code: { number: 0 }, signal: { id: { number: 0 } } },
        },
      ],
    });
    const jobs = parseSqueueJson(json);
    assert.deepEqual([jobs.get('1')?.exitCode, jobs.get('1')?.signal], [3, 0]);
    assert.deepEqual(
      [jobs.get('2')?.state, jobs.get('2')?.reason, jobs.get('2')?.signal],
      ['CANCELLED', undefined, 15],
    );
    assert.equal(jobs.get('3')?.state, 'RUNNING');
    assert.equal(parseSqueueJson('not json').size, 0);
    assert.deepEqual(parseSacct('12|OUT_OF_MEMORY|0:125|None|gpu01\n', '12'), {
      jobId: '12',
      state: 'OUT_OF_MEMORY',
      reason: undefined,
      exitCode: 0,
      signal: 125,
      nodes: 'gpu01',
      source: 'sacct',
    });
  });

  it('maps Slurm states to run states with the reason a user sees', () => {
    const job = (state: string, more: object = {}) => ({ jobId: '5', state, source: 'scontrol' as const, ...more });
    assert.deepEqual(mapJobState(job('PENDING', { reason: 'Resources' })), {
      state: 'queued',
      reason: 'PENDING (Resources)',
    });
    assert.deepEqual(mapJobState(job('PENDING')), { state: 'queued', reason: 'PENDING' });
    assert.deepEqual(mapJobState(job('RUNNING', { nodes: 'gpu[01-02]' })), {
      state: 'running',
      reason: 'RUNNING on gpu[01-02]',
    });
    assert.deepEqual(mapJobState(job('COMPLETING')), { state: 'running', reason: 'COMPLETING' });
    assert.deepEqual(mapJobState(job('COMPLETED', { exitCode: 0 })), {
      state: 'succeeded',
      reason: 'COMPLETED (exit code 0)',
      exitCode: 0,
    });
    assert.deepEqual(mapJobState(job('FAILED', { exitCode: 3, signal: 0 })), {
      state: 'failed',
      reason: 'FAILED (exit code 3)',
      exitCode: 3,
    });
    assert.deepEqual(mapJobState(job('FAILED', { exitCode: 0, signal: 9 })), {
      state: 'failed',
      reason: 'FAILED (killed by signal 9)',
      exitCode: null,
    });
    assert.deepEqual(mapJobState(job('CANCELLED', { exitCode: 0, signal: 15 })), {
      state: 'cancelled',
      reason: 'CANCELLED',
      exitCode: null,
    });
    assert.deepEqual(mapJobState(job('CANCELLED'), { cancelRequested: true }), {
      state: 'cancelled',
      reason: 'stopped by the user (scancel)',
      exitCode: null,
    });
    assert.deepEqual(
      mapJobState(job('TIMEOUT', { reason: 'TimeLimit', timeLimit: '00:01:00', exitCode: 0, signal: 15 })),
      {
        state: 'failed',
        reason: 'TIMEOUT (time limit 00:01:00): the job reached its time limit; raise resources.time_limit',
        exitCode: null,
      },
    );
    assert.equal(mapJobState(job('NODE_FAIL')).reason, 'NODE_FAIL: a node of the job failed; Slurm ended the job');
    assert.equal(
      mapJobState(job('OUT_OF_MEMORY')).reason,
      'OUT_OF_MEMORY: the job ran out of memory; raise resources.memory_gb',
    );
    assert.deepEqual(
      mapJobState(job('SOMETHING_NEW')),
      { state: 'running', reason: 'SOMETHING_NEW' },
      'an unknown state is not taken for an end',
    );
  });

  it('reads Slurm time limits', () => {
    assert.equal(parseSlurmTime('infinite'), undefined);
    assert.equal(parseSlurmTime('UNLIMITED'), undefined);
    assert.equal(parseSlurmTime('30'), 1800);
    assert.equal(parseSlurmTime('30:00'), 1800);
    assert.equal(parseSlurmTime('4:00:00'), 14400);
    assert.equal(parseSlurmTime('1-00:00:00'), 86400);
    assert.equal(parseSlurmTime('2-12'), 2 * 86400 + 12 * 3600);
  });
});
