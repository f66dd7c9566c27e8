/** Generated business plans for tests and benches: the shipped example with many risks. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './fixtures';

export const EXAMPLE_PLAN = path.join(REPO_ROOT, 'examples', 'medical-diagnosis', 'lung-nodule.plan.yaml');

/** The example plan with `n` generated risks (ratings spread over the 5×5 grid) instead of its own five. */
export function planWithRisks(n: number, text = readFileSync(EXAMPLE_PLAN, 'utf8')): string {
  const risks = Array.from(
    { length: n },
    (_, i) =>
      `  - {id: r${i}, title: Generated risk ${i}, category: ${['technical', 'market', 'financial', 'data'][i % 4]}, likelihood: ${(i % 5) + 1}, impact: ${((i * 7) % 5) + 1}, response: mitigate, mitigation: Plan ${i}, owner: ceo}`,
  );
  return text.replace(/^risks:\n(?: {2}- .*\n)+/m, `risks:\n${risks.join('\n')}\n`);
}
