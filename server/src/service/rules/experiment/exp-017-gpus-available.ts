import { diagnostic } from '../../diagnostic';
import { at, num, str, valueRange } from '../../yaml-path';
import type { AsyncRule } from '../rule';
import { t } from '../../../../../core/src/l10n';

/**
 * EXP-017 (warning): a local run asks for more GPUs (`resources.gpus`) than this machine shows (nvidia-smi, with
 * CUDA_VISIBLE_DEVICES applied). Silent when the probe could not tell, and for Slurm runs, which get other machines.
 */
export const gpusAvailable: AsyncRule = async ({ file, yaml, settings, host }) => {
  const entry = at(yaml.root, ['resources', 'gpus']);
  const wanted = num(entry);
  const launcher = str(at(yaml.root, ['run', 'launcher']));
  if (!entry || wanted === undefined || wanted <= 0 || (launcher !== undefined && launcher !== 'local')) return [];
  const gpus = await host.gpus();
  if (!gpus || wanted <= gpus.length) return [];
  const l = settings.locale;
  const names = gpus
    .map((g) => `${g.index}: ${g.name}${g.memoryTotalMiB ? ` (${(g.memoryTotalMiB / 1024).toFixed(0)} GiB)` : ''}`)
    .join(', ');
  let message: string;
  if (gpus.length === 0)
    message =
      wanted === 1
        ? t(
            l,
            '`resources.gpus: {0}` asks for {0} GPU, but no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them). A local run would fail or fall back to fewer devices: lower `resources.gpus`, or submit to a cluster with `run.launcher: slurm`.',
            wanted,
          )
        : t(
            l,
            '`resources.gpus: {0}` asks for {0} GPUs, but no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them). A local run would fail or fall back to fewer devices: lower `resources.gpus`, or submit to a cluster with `run.launcher: slurm`.',
            wanted,
          );
  else
    message =
      gpus.length === 1
        ? t(
            l,
            '`resources.gpus: {0}` asks for {0} GPUs, but only {1} GPU is detected on this machine: {2}. A local run would fail or fall back to fewer devices: lower `resources.gpus` to {1}, or submit to a cluster with `run.launcher: slurm`.',
            wanted,
            gpus.length,
            names,
          )
        : t(
            l,
            '`resources.gpus: {0}` asks for {0} GPUs, but only {1} GPUs are detected on this machine: {2}. A local run would fail or fall back to fewer devices: lower `resources.gpus` to {1}, or submit to a cluster with `run.launcher: slurm`.',
            wanted,
            gpus.length,
            names,
          );
  return [diagnostic(settings, 'EXP-017', 'warning', valueRange(file, entry), message)];
};
