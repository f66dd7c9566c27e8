import { diagnostic } from '../../diagnostic';
import { at, num, str, valueRange } from '../../yaml-path';
import type { AsyncRule } from '../rule';

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
  const found =
    gpus.length === 0
      ? 'no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them)'
      : `only ${gpus.length} GPU${gpus.length === 1 ? ' is' : 's are'} detected on this machine: ` +
        gpus
          .map(
            (g) => `${g.index}: ${g.name}${g.memoryTotalMiB ? ` (${(g.memoryTotalMiB / 1024).toFixed(0)} GiB)` : ''}`,
          )
          .join(', ');
  return [
    diagnostic(
      settings,
      'EXP-017',
      'warning',
      valueRange(file, entry),
      `\`resources.gpus: ${wanted}\` asks for ${wanted} GPU${wanted === 1 ? '' : 's'}, but ${found}. ` +
        `A local run would fail or fall back to fewer devices: lower \`resources.gpus\`${gpus.length ? ` to ${gpus.length}` : ''}, or submit to a cluster with \`run.launcher: slurm\`.`,
    ),
  ];
};
