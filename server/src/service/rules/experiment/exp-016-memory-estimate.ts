import { diagnostic } from '../../diagnostic';
import { at, num, str, text, valueRange } from '../../yaml-path';
import type { Rule } from '../rule';
import { BYTES_PER_PARAM } from './vocabulary';
import { t, type Locale } from '../../../../../core/src/l10n';

/** GPU memory is sold in GiB (a "24 GB" card has 24 × 2³⁰ bytes), so `gpu_memory_gb` is read as GiB. */
const GIB = 2 ** 30;
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/** `7e9`, `7B`, `110M`, `"1.3 b"` → a parameter count. */
export function parseCount(value: string | undefined): number | undefined {
  const m = /^\s*([\d.]+(?:e\+?\d+)?)\s*([kmbgt]?)\s*$/i.exec(value ?? '');
  const n = m ? Number(m[1]) * (SUFFIX[(m[2] ?? '').toLowerCase()] ?? 1) : NaN;
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Copies of the parameters kept during training: weights + gradients + optimizer state. */
function copies(optimizer: string | undefined, momentum: number | undefined, l: Locale | undefined): [number, string] {
  if (optimizer === 'sgd')
    return momentum ? [3, t(l, 'weights, gradients and the momentum buffer')] : [2, t(l, 'weights and gradients')];
  if (optimizer === 'rmsprop' || optimizer === 'adagrad')
    return [3, t(l, "weights, gradients and {0}'s running average", optimizer)];
  return [
    4,
    optimizer
      ? t(l, "weights, gradients and Adam's two moment estimates")
      : t(l, "weights, gradients and Adam's two moment estimates (Adam assumed)"),
  ];
}

/**
 * EXP-016 (warning): a lower-bound estimate of training memory per GPU, parameters × bytes per value × copies
 * (before activations), exceeds `resources.gpu_memory_gb`. No warning when the run shards the model (DeepSpeed, FSDP).
 */
export const memoryEstimate: Rule = ({ file, yaml, settings }) => {
  const root = yaml.root;
  const memEntry = at(root, ['resources', 'gpu_memory_gb']);
  const memory = num(memEntry);
  const params = parseCount(text(at(root, ['model', 'parameters'])));
  if (!memEntry || !memory || memory <= 0 || !params || str(at(root, ['resources', 'accelerator'])) === 'cpu')
    return [];
  if (/deepspeed|fsdp|zero/i.test(str(at(root, ['run', 'distributed'])) ?? '')) return [];
  const precision = str(at(root, ['training', 'precision'])) ?? 'fp32';
  const bytes = BYTES_PER_PARAM[precision] ?? 4;
  const optimizer = str(at(root, ['training', 'optimizer', 'type']))?.toLowerCase();
  const l = settings.locale;
  const [n, what] = copies(optimizer, num(at(root, ['training', 'optimizer', 'momentum'])), l);
  const needed = (params * bytes * n) / GIB;
  if (needed <= memory) return [];
  const mixedNote = precision === 'mixed' ? t(l, ', fp32 master weights not counted') : '';
  return [
    diagnostic(
      settings,
      'EXP-016',
      'warning',
      valueRange(file, memEntry),
      t(
        l,
        'Estimated training memory is at least {0} GiB per GPU, more than `resources.gpu_memory_gb: {1}`: {2} parameters × {3} bytes ({4}{5}) × {6} ({7}), before activations. Use a GPU with more memory, shard the model (`run.distributed: deepspeed`), or train fewer parameters (e.g. a smaller model or frozen layers).',
        needed.toFixed(1),
        memory,
        params.toLocaleString('en-US'),
        bytes,
        precision,
        mixedNote,
        n,
        what,
      ),
    ),
  ];
};
