/** What to do about an sbatch refusal, keyed by the words Slurm uses (sbatch's own message is always shown as is). */
const HINTS: ReadonlyArray<[RegExp, string]> = [
  [
    /invalid partition/i,
    'Set `run.slurm.partition` to one that `sinfo` lists (the Problems panel names them, EXP-025).',
  ],
  [
    /generic resource|gres/i,
    "The partition's nodes do not offer that GPU request: lower `resources.gpus`, fix `resources.gpu_type`, or choose a GPU partition (EXP-026).",
  ],
  [
    /memory specification/i,
    "No node has that much memory: lower `resources.memory_gb` (EXP-026 shows the partition's limit).",
  ],
  [
    /node configuration is not available|more processors|cpu count/i,
    'No node of the partition fits the request: lower `resources.cpus`, `resources.gpus` or `resources.nodes` (EXP-026).',
  ],
  [/time limit/i, "Lower `resources.time_limit` to the partition's MaxTime (`scontrol show partition`)."],
  [
    /invalid account|association|qos/i,
    'Check `run.slurm.account` and `run.slurm.qos` (`sacctmgr show assoc user=$USER`).',
  ],
  [
    /unable to contact slurm controller|connection refused|could not establish a configuration/i,
    'The Slurm controller cannot be reached from here: check that this machine is a login node, or set `liftoff.slurm.commandPrefix` (e.g. ["ssh", "login.cluster"]).',
  ],
  [
    /was not found/i,
    'Install the Slurm client tools here, or set `liftoff.slurm.commandPrefix` to run them on a login node.',
  ],
];

export function submitHint(message: string): string {
  return (
    HINTS.find(([re]) => re.test(message))?.[1] ??
    'Check the job script with "Liftoff: Preview sbatch Script" and the cluster\'s limits (`sinfo`, `scontrol show partition`).'
  );
}
