/**
 * Parameter updates: Adam (L2 weight decay added to the gradient, as PyTorch's Adam), AdamW (decoupled decay) and
 * SGD with momentum (L2 decay added to the gradient). Weight decay applies to weights, not biases.
 */
import type { Gradient } from './backprop';
import type { Mlp } from './mlp';
import type { OptimizerSettings } from './types';

export interface Optimizer {
  step(grads: readonly Gradient[]): void;
}

export function createOptimizer(m: Mlp, s: OptimizerSettings): Optimizer {
  const params = m.flatMap((l) => [
    { p: l.w, decay: true },
    { p: l.b, decay: false },
  ]);
  const first = params.map(({ p }) => new Float64Array(p.length));
  const second = params.map(({ p }) => new Float64Array(p.length));
  const [beta1, beta2] = s.betas;
  const eps = 1e-8;
  let t = 0;
  return {
    step(grads) {
      t++;
      const flat = grads.flatMap((g) => [g.w, g.b]);
      const bias1 = 1 - beta1 ** t;
      const bias2 = 1 - beta2 ** t;
      params.forEach(({ p, decay }, k) => {
        const g = flat[k]!;
        const m1 = first[k]!;
        const m2 = second[k]!;
        const l2 = decay && s.type !== 'adamw' ? s.weightDecay : 0;
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]! + l2 * p[i]!;
          if (s.type === 'sgd') {
            const v = s.momentum * m1[i]! + gi;
            m1[i] = v;
            p[i] = p[i]! - s.learningRate * v;
            continue;
          }
          if (decay && s.type === 'adamw') p[i] = p[i]! * (1 - s.learningRate * s.weightDecay);
          const a = beta1 * m1[i]! + (1 - beta1) * gi;
          const b = beta2 * m2[i]! + (1 - beta2) * gi * gi;
          m1[i] = a;
          m2[i] = b;
          p[i] = p[i]! - (s.learningRate * (a / bias1)) / (Math.sqrt(b / bias2) + eps);
        }
      });
    },
  };
}
