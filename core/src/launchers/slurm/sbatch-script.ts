import * as path from 'node:path';
import { phrase, type Phrase } from '../../l10n';
import { planLaunch, requestedGpus, type LaunchContext } from '../launch-plan';
import { commentText, directiveValue, envName, extraArg, scriptWord, slurmName } from './script-values';

/** Written by the job script when its command ends: lets Liftoff see the end at once, without asking Slurm. */
export const JOB_EXIT_MARKER = 'job-exit-code';
/** The submitted script, kept in the run folder. */
export const JOB_SCRIPT = 'job.sbatch';

export interface SbatchContext extends Omit<LaunchContext, 'gpus'> {
  readonly runId: string;
  readonly experimentName: string;
  /** stdout.log of the run: the job's stdout goes there, as for local runs. */
  readonly stdoutFile: string;
  /** stderr.log of the run: the job's stderr, kept apart as for local runs. */
  readonly stderrFile: string;
}

export interface SbatchPlan {
  readonly script: string;
  /** The command each task runs (after srun/torchrun wrapping), for run.json. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly nodes: number;
  readonly gpus: number;
  /** The variables the script exports (the same LIFTOFF_* environment as a local run, and run.env). */
  readonly env: Readonly<Record<string, string>>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const posInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : undefined;

/** The experiment's `#SBATCH` options, in the order sbatch documents them; every value checked (script-values.ts). */
function directives(experiment: unknown, ctx: SbatchContext, cwd: string, nodes: number, gpus: number): string[] {
  const res = obj(obj(experiment).resources);
  const slurm = obj(obj(obj(experiment).run).slurm);
  const path = (field: Phrase, v: string) =>
    directiveValue(
      field,
      v,
      phrase('move the workspace (or the experiment) to a folder whose path has no such character.'),
    );
  const out: Array<[string, string]> = [
    ['job-name', `liftoff-${ctx.experimentName}`.replace(/[^A-Za-z0-9._-]+/g, '-')],
    ['chdir', path(phrase('The working folder'), cwd)],
    ['output', path(phrase('The run folder'), ctx.stdoutFile)],
    ['error', path(phrase('The run folder'), ctx.stderrFile)],
    ['open-mode', 'append'],
    ['nodes', String(nodes)],
    ['ntasks-per-node', '1'],
  ];
  const cpus = posInt(res.cpus);
  if (cpus) out.push(['cpus-per-task', String(cpus)]);
  if (typeof res.memory_gb === 'number' && Number.isFinite(res.memory_gb) && res.memory_gb > 0)
    out.push(['mem', `${Math.ceil(res.memory_gb * 1024)}M`]);
  if (gpus > 0) {
    const type =
      typeof res.gpu_type === 'string' && res.gpu_type ? `${slurmName('resources.gpu_type', res.gpu_type)}:` : '';
    out.push(['gres', `gpu:${type}${gpus}`]);
  }
  if (typeof res.time_limit === 'string' && res.time_limit.trim())
    out.push(['time', directiveValue('resources.time_limit', res.time_limit.trim())]);
  for (const key of ['partition', 'account', 'qos'] as const) {
    const v = slurm[key];
    if (typeof v === 'string' && v.trim())
      out.push([key, slurmName(`run.slurm.${key}`, v.trim(), key === 'partition')]);
  }
  if (typeof slurm.constraint === 'string' && slurm.constraint.trim())
    out.push(['constraint', directiveValue('run.slurm.constraint', slurm.constraint.trim())]);
  const lines = out.map(([k, v]) => `#SBATCH --${k}=${v}`);
  const extra = Array.isArray(slurm.extra_args)
    ? slurm.extra_args.filter((a): a is string => typeof a === 'string' && a.trim() !== '')
    : [];
  return [...lines, ...extra.map((a, i) => `#SBATCH ${extraArg(`run.slurm.extra_args[${i}]`, a)}`)];
}

/** `python [-u] script args…` → `script args…` (torchrun starts the interpreter itself); other commands unchanged. */
function withoutInterpreter(argv: readonly string[]): string[] {
  if (!/python[\d.]*$/.test(path.basename(argv[0] ?? ''))) return [...argv];
  const rest = argv.slice(1);
  return rest[0] === '-u' ? rest.slice(1) : rest;
}

/**
 * The sbatch script for one run: resources and `run.slurm` as `#SBATCH` lines, output in the run folder, the same
 * LIFTOFF_* environment as a local run, and the command under `srun` (one task per node). A multi-node torchrun job
 * gets one torchrun per node with a c10d rendezvous on the first node of `SLURM_JOB_NODELIST`.
 */
export function renderSbatch(experiment: unknown, ctx: SbatchContext): SbatchPlan {
  const plan = planLaunch(experiment, { ...ctx, gpus: [] });
  const res = obj(obj(experiment).resources);
  const run = obj(obj(experiment).run);
  const nodes = posInt(res.nodes) ?? 1;
  const gpus = requestedGpus(experiment);
  const multiNodeTorchrun = nodes > 1 && run.distributed === 'torchrun';
  const env = Object.entries(plan.env).filter(([k]) => k !== 'CUDA_VISIBLE_DEVICES'); // Slurm binds the job's GPUs itself
  const word = (a: string) => scriptWord('run.command', a);
  const command = multiNodeTorchrun
    ? [
        'torchrun',
        '--nnodes="$SLURM_JOB_NUM_NODES"',
        `--nproc_per_node=${Math.max(gpus, 1)}`,
        '--rdzv_id="$SLURM_JOB_ID"',
        '--rdzv_backend=c10d',
        '--rdzv_endpoint="$MASTER_ADDR:$MASTER_PORT"',
        ...withoutInterpreter(plan.argv).map(word),
      ].join(' ')
    : plan.argv.map(word).join(' ');
  const marker = path.join(ctx.runDir, JOB_EXIT_MARKER);
  const script = [
    '#!/bin/bash',
    `# Liftoff run ${commentText('The run id', ctx.runId)} of ${commentText('metadata.name', ctx.experimentName)} (${commentText('The experiment path', path.relative(ctx.workspace, ctx.experimentPath) || ctx.experimentPath)}).`,
    '# Generated from the experiment; submitted with `sbatch --parsable`. Edit the experiment, not this file.',
    ...directives(experiment, ctx, plan.cwd, nodes, gpus),
    '',
    '# The same environment as a local run.',
    ...env.map(([k, v]) => `export ${envName('run.env', k)}=${scriptWord(`run.env.${k}`, v)}`),
    ...(multiNodeTorchrun
      ? [
          '',
          '# torchrun rendezvous on the first node of the allocation, at the address Slurm reaches it by (NodeAddr).',
          'MASTER_NODE=$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)',
          `MASTER_ADDR=$(scontrol show node "$MASTER_NODE" -o | sed -n 's/.* NodeAddr=\\([^ ]*\\).*/\\1/p')`,
          'export MASTER_ADDR="${MASTER_ADDR:-$MASTER_NODE}"',
          'export MASTER_PORT="${MASTER_PORT:-29500}"',
        ]
      : []),
    '',
    `srun --kill-on-bad-exit=1 ${command}`,
    'status=$?',
    `echo "$status" > ${scriptWord(phrase('The run folder'), marker)}`,
    'exit "$status"',
    '',
  ].join('\n');
  const argv = multiNodeTorchrun
    ? [
        'torchrun',
        `--nnodes=${nodes}`,
        `--nproc_per_node=${Math.max(gpus, 1)}`,
        '--rdzv_backend=c10d',
        ...withoutInterpreter(plan.argv),
      ]
    : [...plan.argv];
  return { script, argv, cwd: plan.cwd, nodes, gpus, env: Object.fromEntries(env) };
}
