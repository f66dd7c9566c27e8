import { phrase, type Phrase } from '../../l10n';

/** What to do about an sbatch refusal, keyed by the words Slurm uses (sbatch's own message is always shown as is). */
const HINTS: ReadonlyArray<[RegExp, Phrase]> = [
  [
    /invalid partition/i,
    phrase('Set `run.slurm.partition` to one that `sinfo` lists (the Problems panel names them, EXP-025).'),
  ],
  [
    /generic resource|gres/i,
    phrase(
      "The partition's nodes do not offer that GPU request: lower `resources.gpus`, fix `resources.gpu_type`, or choose a GPU partition (EXP-026).",
    ),
  ],
  [
    /memory specification/i,
    phrase("No node has that much memory: lower `resources.memory_gb` (EXP-026 shows the partition's limit)."),
  ],
  [
    /node configuration is not available|more processors|cpu count/i,
    phrase(
      'No node of the partition fits the request: lower `resources.cpus`, `resources.gpus` or `resources.nodes` (EXP-026).',
    ),
  ],
  [/time limit/i, phrase("Lower `resources.time_limit` to the partition's MaxTime (`scontrol show partition`).")],
  [
    /invalid account|association|qos/i,
    phrase('Check `run.slurm.account` and `run.slurm.qos` (`sacctmgr show assoc user=$USER`).'),
  ],
  [
    /unable to contact slurm controller|connection refused|could not establish a configuration/i,
    phrase(
      'The Slurm controller cannot be reached from here: check that this machine is a login node, or set `liftoff.slurm.commandPrefix` (e.g. ["ssh", "login.cluster"]).',
    ),
  ],
  [
    /was not found/i,
    phrase('Install the Slurm client tools here, or set `liftoff.slurm.commandPrefix` to run them on a login node.'),
  ],
];

export function submitHint(message: string): Phrase {
  return (
    HINTS.find(([re]) => re.test(message))?.[1] ??
    phrase(
      'Check the job script with "Liftoff: Preview sbatch Script" and the cluster\'s limits (`sinfo`, `scontrol show partition`).',
    )
  );
}
