import type { AsyncRule, NamedRule } from '../rule';
import { classificationLabels } from './exp-002-classification-labels';
import { lossFitsTask } from './exp-003-loss-fits-task';
import { metricsFitTask } from './exp-004-metrics-fit-task';
import { averageForMulticlass } from './exp-005-average-for-multiclass';
import { splitFractions } from './exp-006-split-fractions';
import { healthSplit } from './exp-007-health-split';
import { epochsOrSteps } from './exp-009-epochs-or-steps';
import { optimizerValues } from './exp-010-optimizer-values';
import { metricReferences } from './exp-011-metric-references';
import { earlyStoppingValidation } from './exp-012-early-stopping-validation';
import { pretrainedForMode } from './exp-013-pretrained-for-mode';
import { precisionNeedsGpu } from './exp-014-precision-needs-gpu';
import { gpuTopology } from './exp-015-gpu-topology';
import { memoryEstimate } from './exp-016-memory-estimate';
import { builtinTrainer } from './exp-019-builtin-trainer';
import { augmentationScope } from './exp-020-augmentation-scope';
import { sensitiveData } from './exp-021-sensitive-data';
import { dataPaths } from './exp-008-data-paths';
import { gpusAvailable } from './exp-017-gpus-available';
import { commandRule } from './exp-018-command';
import { onnxExport } from './exp-022-onnx-export';
import { uniqueName } from './exp-023-unique-name';
import { timeLimit } from './exp-024-time-limit';
import { slurmPartition } from './exp-025-slurm-partition';
import { slurmLimits } from './exp-026-slurm-limits';
import { linkedPlanResolves } from '../xdoc/xdoc-001-links-resolve';

/**
 * The Experiment rules that read only the document, in ID order. EXP-001 is the shared header rule; EXP-008, 017,
 * 018, 022, 023 and 024 read files, the GPU probe or the workspace and are in EXPERIMENT_ASYNC_RULES below.
 */
export const EXPERIMENT_RULES: readonly NamedRule[] = [
  { id: 'EXP-002', check: classificationLabels },
  { id: 'EXP-003', check: lossFitsTask },
  { id: 'EXP-004', check: metricsFitTask },
  { id: 'EXP-005', check: averageForMulticlass },
  { id: 'EXP-006', check: splitFractions },
  { id: 'EXP-007', check: healthSplit },
  { id: 'EXP-009', check: epochsOrSteps },
  { id: 'EXP-010', check: optimizerValues },
  { id: 'EXP-011', check: metricReferences },
  { id: 'EXP-012', check: earlyStoppingValidation },
  { id: 'EXP-013', check: pretrainedForMode },
  { id: 'EXP-014', check: precisionNeedsGpu },
  { id: 'EXP-015', check: gpuTopology },
  { id: 'EXP-016', check: memoryEstimate },
  { id: 'EXP-019', check: builtinTrainer },
  { id: 'EXP-020', check: augmentationScope },
  { id: 'EXP-021', check: sensitiveData },
];

/** Experiment rules that read files, the workspace, the GPU probe, past runs or Slurm partitions (see AsyncRule). */
export const EXPERIMENT_ASYNC_RULES: readonly NamedRule<AsyncRule>[] = [
  { id: 'EXP-008', check: dataPaths },
  { id: 'EXP-017', check: gpusAvailable },
  { id: 'EXP-018', check: commandRule },
  { id: 'EXP-022', check: onnxExport },
  { id: 'EXP-023', check: uniqueName },
  { id: 'EXP-024', check: timeLimit },
  { id: 'EXP-025', check: slurmPartition },
  { id: 'EXP-026', check: slurmLimits },
  { id: 'XDOC-001', check: linkedPlanResolves },
];
