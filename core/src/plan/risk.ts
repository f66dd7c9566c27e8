/** Risk scoring: score = likelihood × impact on 1–5 scales; high ≥ 15, medium ≥ 8, else low. */

export const HIGH_RISK_SCORE = 15;
export const MEDIUM_RISK_SCORE = 8;

export type RiskLevel = 'high' | 'medium' | 'low';

export interface RiskInput {
  readonly likelihood?: unknown;
  readonly impact?: unknown;
}

/** A 1–5 integer rating, or undefined. */
export function rating(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5 ? value : undefined;
}

/** likelihood × impact (1–25), or undefined when either is not a 1–5 integer. */
export function riskScore(likelihood: unknown, impact: unknown): number | undefined {
  const l = rating(likelihood);
  const i = rating(impact);
  return l === undefined || i === undefined ? undefined : l * i;
}

/** high for a score ≥ 15, medium for ≥ 8, else low. */
export function riskLevel(score: number): RiskLevel {
  return score >= HIGH_RISK_SCORE ? 'high' : score >= MEDIUM_RISK_SCORE ? 'medium' : 'low';
}

/**
 * Counts risks per cell of the 5×5 heat map: `cells[likelihood - 1][impact - 1]`.
 * Risks without valid ratings are left out.
 */
export function heatMap(risks: readonly RiskInput[]): number[][] {
  const cells = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  for (const r of risks) {
    const l = rating(r.likelihood);
    const i = rating(r.impact);
    const row = l === undefined ? undefined : cells[l - 1];
    if (row && i !== undefined) row[i - 1] = (row[i - 1] ?? 0) + 1;
  }
  return cells;
}
