/**
 * A real Slurm 22.05 cluster on this machine for the integration, extension and bench tiers (ENVIRONMENT.md, "Slurm"):
 * munged as the munge user, slurmctld and one or two slurmd ("nodes" n1/n2 on one machine), with the tested settings
 * (DefMemPerCPU, EnforcePartLimits=ALL, jobcomp/filetxt, MinJobAge…). Its configuration, state, spool and logs live
 * in a temporary folder and are found through `SLURM_CONF`, so /etc/slurm is never touched. Ports are free ones
 * chosen at start. `stop()` cancels what is left, `scontrol shutdown`s the daemons and ends munged by its pid file
 * (only if this helper started it); nothing is ever stopped by name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive } from '../../core/src/launchers/process-tree';
import { waitFor } from './wait';

const SBIN = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const MUNGE_PID = '/run/munge/munged.pid';
/** munged as started by this process (clusters of one process share it; the last one to stop ends it). */
const munge: { pid: number | undefined; users: number } = { pid: undefined, users: 0 };

export interface SlurmClusterOptions {
  /** 1: node `localhost`; 2: nodes `n1`, `n2` (two slurmd on this machine). */
  readonly nodes?: 1 | 2;
  /** CPUs and memory each node claims (more than the machine has is fine: config_overrides), so jobs run side by side. */
  readonly cpusPerNode?: number;
  readonly memoryMBPerNode?: number;
}

function which(name: string): string | undefined {
  return SBIN.map((d) => path.join(d, name)).find((p) => existsSync(p));
}

/** Why a cluster cannot be started here, or undefined when it can (the tests skip with this reason). */
export function slurmUnavailable(): string | undefined {
  const missing = ['slurmctld', 'slurmd', 'sbatch', 'munged'].filter((b) => !which(b));
  if (missing.length)
    return `Slurm is not installed (${missing.join(', ')} missing): run scripts/setup-integration.sh as root`;
  if (process.getuid?.() !== 0)
    return 'starting a local Slurm cluster needs root (munged runs as the munge user, slurmd as root)';
  if (!existsSync('/etc/munge/munge.key'))
    return '/etc/munge/munge.key is missing: reinstall munge (its postinst creates the key)';
  return undefined;
}

/**
 * In a `before` hook: skips the suite, saying why and what would un-skip it, where Slurm cannot run here
 * (the test tier installs it as root, so this happens only outside it). Returns whether it skipped.
 */
export function skipWithoutSlurm(ctx: Mocha.Context): boolean {
  const why = slurmUnavailable();
  if (!why) return false;
  console.log(`      (skipped: ${why})`);
  ctx.skip();
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class SlurmCluster {
  /** The environment every Slurm command needs to reach this cluster. */
  readonly env: { SLURM_CONF: string };
  private stopped = false;

  private constructor(
    readonly dir: string,
    readonly conf: string,
    readonly nodeNames: readonly string[],
  ) {
    this.env = { SLURM_CONF: conf };
  }

  /** The environment for processes that talk to this cluster (Slurm commands, and through sbatch the jobs' srun). */
  processEnv(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.env };
  }

  static async start(options: SlurmClusterOptions = {}): Promise<SlurmCluster> {
    const why = slurmUnavailable();
    if (why) throw new Error(why);
    await startMunge();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-slurm-'));
    const nodeNames = options.nodes === 2 ? ['n1', 'n2'] : ['localhost'];
    const ports = { ctld: await freePort(), nodes: await Promise.all(nodeNames.map(() => freePort())) };
    for (const d of ['state', 'log']) mkdirSync(path.join(dir, d));
    for (const n of nodeNames) mkdirSync(path.join(dir, `spool-${n}`));
    const conf = path.join(dir, 'slurm.conf');
    const cpus = options.cpusPerNode ?? 8;
    const mem = options.memoryMBPerNode ?? 8192;
    const nodeLines = nodeNames.map(
      (n, i) =>
        `NodeName=${n} NodeHostname=localhost NodeAddr=127.0.0.1 Port=${ports.nodes[i]} CPUs=${cpus} RealMemory=${mem} State=UNKNOWN`,
    );
    writeFileSync(
      conf,
      [
        'ClusterName=liftoff-test',
        'SlurmctldHost=localhost',
        `SlurmctldPort=${ports.ctld}`,
        'SlurmUser=root',
        'AuthType=auth/munge',
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_Core_Memory',
        // Without it one job takes a node's whole memory and jobs run one after another.
        'DefMemPerCPU=1024',
        // Without it an impossible request pends forever instead of failing at submit.
        'EnforcePartLimits=ALL',
        // The nodes claim more CPUs than this machine has, so several test jobs run at once.
        'SlurmdParameters=config_overrides',
        'ReturnToService=2',
        'AccountingStorageType=accounting_storage/none',
        'JobCompType=jobcomp/filetxt',
        `JobCompLoc=${path.join(dir, 'log', 'jobcomp.log')}`,
        'MinJobAge=600',
        'SchedulerParameters=batch_sched_delay=0',
        `StateSaveLocation=${path.join(dir, 'state')}`,
        `SlurmdSpoolDir=${path.join(dir, 'spool-%n')}`,
        `SlurmctldPidFile=${path.join(dir, 'slurmctld.pid')}`,
        `SlurmdPidFile=${path.join(dir, 'slurmd-%n.pid')}`,
        `SlurmctldLogFile=${path.join(dir, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${path.join(dir, 'log', 'slurmd-%n.log')}`,
        ...nodeLines,
        'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
        'PartitionName=short Nodes=ALL MaxTime=00:05:00 MaxNodes=1 State=UP',
        '',
      ].join('\n'),
    );
    const cluster = new SlurmCluster(dir, conf, nodeNames);
    try {
      cluster.exec(which('slurmctld')!, ['-f', conf, '-c']);
      await waitFor(() => readPid(path.join(dir, 'slurmctld.pid')) !== undefined, {
        timeoutMs: 15_000,
        intervalMs: 50,
        what: 'slurmctld to write its pid file',
      });
      for (const n of nodeNames) cluster.exec(which('slurmd')!, ['-f', conf, '-N', n]);
      await waitFor(
        () => {
          const r = cluster.run('sinfo', ['-h', '-N', '-o', '%N %t']);
          // One line per node and partition: count the distinct idle nodes.
          const idle = new Set(
            r.stdout
              .split('\n')
              .map((l) => l.trim().split(' '))
              .filter(([, t]) => t === 'idle')
              .map(([n]) => n),
          );
          return r.status === 0 && idle.size === nodeNames.length;
        },
        {
          timeoutMs: 30_000,
          intervalMs: 100,
          what: `${nodeNames.length} Slurm node(s) to become idle (logs in ${dir}/log)`,
        },
      );
    } catch (err) {
      await cluster.stop({ keepFiles: true });
      throw err;
    }
    return cluster;
  }

  /** Runs a Slurm client command against this cluster (synchronously; for setup and checks in tests). */
  run(cmd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(cmd, args, { env: { ...process.env, ...this.env }, encoding: 'utf8', timeout: 15_000 });
    return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  }

  /** The daemons' pids (for the tests' own checks). */
  pids(): number[] {
    return [path.join(this.dir, 'slurmctld.pid'), ...this.nodeNames.map((n) => path.join(this.dir, `slurmd-${n}.pid`))]
      .map(readPid)
      .filter((p): p is number => p !== undefined);
  }

  /** Cancels every job, shuts the daemons down and waits until their pids are gone; munged too if this helper started it. */
  async stop(opts: { keepFiles?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const pids = this.pids();
    if (pids.some((p) => isAlive(p))) {
      this.run('scancel', ['--user', os.userInfo().username]);
      await waitFor(
        () => {
          const r = this.run('squeue', ['-h', '-o', '%i']);
          return r.status !== 0 || r.stdout.trim() === '';
        },
        { timeoutMs: 30_000, intervalMs: 100, what: "the test cluster's jobs to end" },
      ).catch(() => undefined);
      this.run('scontrol', ['shutdown']);
      await waitFor(() => pids.every((p) => !isAlive(p)), {
        timeoutMs: 20_000,
        intervalMs: 50,
        what: 'slurmctld and slurmd to exit',
      }).catch(() => {
        for (const p of pids) if (isAlive(p)) process.kill(p, 'SIGKILL');
      });
    }
    await stopMunge();
    if (!opts.keepFiles) rmSync(this.dir, { recursive: true, force: true });
  }

  private exec(cmd: string, args: readonly string[]): void {
    execFileSync(cmd, args, { env: { ...process.env, ...this.env }, stdio: 'ignore', timeout: 15_000 });
  }
}

/** Starts munged as the munge user unless one already runs (ours, shared; or someone else's, left alone). */
async function startMunge(): Promise<void> {
  munge.users++;
  if (munge.pid !== undefined && isAlive(munge.pid)) return;
  munge.pid = undefined;
  const running = readPid(MUNGE_PID);
  if (running && isAlive(running)) return;
  execFileSync('install', ['-d', '-o', 'munge', '-g', 'munge', '-m', '0755', '/run/munge']);
  execFileSync('runuser', ['-u', 'munge', '--', which('munged')!, '--force'], { stdio: 'ignore', timeout: 15_000 });
  await waitFor(
    () => {
      munge.pid = readPid(MUNGE_PID);
      return munge.pid !== undefined && isAlive(munge.pid);
    },
    { timeoutMs: 10_000, intervalMs: 50, what: 'munged to start' },
  );
}

/** Ends munged by its pid once no cluster of this process needs it, if this process started it. */
async function stopMunge(): Promise<void> {
  munge.users = Math.max(0, munge.users - 1);
  const pid = munge.pid;
  if (munge.users > 0 || pid === undefined) return;
  munge.pid = undefined;
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  await waitFor(() => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 50, what: 'munged to exit' });
}
