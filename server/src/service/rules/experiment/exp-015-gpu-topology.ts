import { diagnostic } from '../../diagnostic';
import { at, has, mapOf, num, str, valueRange } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Rule } from '../rule';
import { appendTo, insertAfter, replace, setEmpty, withFixes } from './edits';
import { t } from '../../../../../core/src/l10n';

/**
 * EXP-015: `accelerator: gpu` ⇒ `gpus ≥ 1`; several GPUs on one node ⇒ a `run.distributed` strategy;
 * several nodes ⇒ `run.launcher: slurm`.
 */
export const gpuTopology: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const accelerator = at(root, ['resources', 'accelerator']);
  const gpusEntry = at(root, ['resources', 'gpus']);
  const gpus = num(gpusEntry);
  const nodesEntry = at(root, ['resources', 'nodes']);
  const nodes = num(nodesEntry) ?? 1;
  const run = mapOf(at(root, ['run']));
  const out: LiftoffDiagnostic[] = [];
  const l = settings.locale;
  if (accelerator && str(accelerator) === 'gpu') {
    if (!has(gpusEntry)) {
      const d = diagnostic(
        settings,
        'EXP-015',
        'error',
        valueRange(file, accelerator),
        t(
          l,
          '`resources.accelerator` is `gpu` but `resources.gpus` is not set: say how many GPUs per node to use (e.g. `gpus: 1`).',
        ),
      );
      out.push(
        withFixes(d, [
          {
            title: t(l, 'Add `gpus: 1`'),
            edits: [gpusEntry ? setEmpty(file, gpusEntry, '1') : insertAfter(file, accelerator, 'gpus: 1')],
          },
        ]),
      );
    } else if (gpus === undefined || gpus < 1 || !Number.isInteger(gpus)) {
      const d = diagnostic(
        settings,
        'EXP-015',
        'error',
        valueRange(file, gpusEntry),
        t(
          l,
          '`resources.gpus` is `{0}` but `resources.accelerator` is `gpu`: use a whole number of at least 1, or `accelerator: cpu`.',
          String(gpusEntry.value ?? t(l, 'not a number')),
        ),
      );
      out.push(
        withFixes(d, [{ title: t(l, 'Change `resources.gpus` to 1'), edits: [replace(file, gpusEntry.node, '1')] }]),
      );
    }
  }
  const distributed = at(run, ['distributed']);
  if (
    gpusEntry &&
    gpus !== undefined &&
    gpus > 1 &&
    nodes <= 1 &&
    (!has(distributed) || distributed.value === 'none' || distributed.value === false)
  ) {
    const d = diagnostic(
      settings,
      'EXP-015',
      'error',
      valueRange(file, gpusEntry),
      t(
        l,
        '`resources.gpus` is {0} on one node but `run.distributed` is not set: without one the command runs as a single process, which in most training scripts uses one GPU. Set `run.distributed` to `torchrun`, `ddp` or `deepspeed`.',
        gpus,
      ),
    );
    out.push(
      withFixes(d, [
        {
          title: t(l, 'Add `distributed: torchrun` to `run`'),
          edits: [run && !distributed ? appendTo(file, run, 'distributed: torchrun') : undefined],
        },
      ]),
    );
  }
  const launcher = at(run, ['launcher']);
  if (nodesEntry && nodes > 1 && str(launcher) !== 'slurm') {
    const d = diagnostic(
      settings,
      'EXP-015',
      'error',
      valueRange(file, nodesEntry),
      has(launcher)
        ? t(
            l,
            '`resources.nodes` is {0} but `run.launcher` is `{1}`: a multi-node run is launched through a cluster scheduler. Set `run.launcher: slurm` (with `run.slurm.partition`).',
            nodes,
            String(launcher.value),
          )
        : t(
            l,
            '`resources.nodes` is {0} but `run.launcher` is not set (local): a multi-node run is launched through a cluster scheduler. Set `run.launcher: slurm` (with `run.slurm.partition`).',
            nodes,
          ),
    );
    const edit = has(launcher)
      ? replace(file, launcher.node, 'slurm')
      : run && !launcher
        ? appendTo(file, run, 'launcher: slurm')
        : undefined;
    out.push(withFixes(d, [{ title: t(l, 'Use `launcher: slurm`'), edits: [edit] }]));
  }
  return out;
};
