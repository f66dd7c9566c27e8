import type { DocumentKind } from './types';

export const API_VERSION = 'liftoff/v1';
export const KNOWN_KINDS: readonly DocumentKind[] = ['Experiment', 'BusinessPlan'];

/** Header rule ID per kind: EXP-001 for experiments, PLAN-000 for business plans. */
export const HEADER_RULE: Record<DocumentKind, string> = { Experiment: 'EXP-001', BusinessPlan: 'PLAN-000' };

const FILE_PATTERNS: ReadonlyArray<[RegExp, DocumentKind]> = [
  [/\.experiment\.ya?ml$/i, 'Experiment'],
  [/\.plan\.ya?ml$/i, 'BusinessPlan'],
];

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m;

/** Top-level keys that only one kind has; two or more of them make a headerless document "look like" that kind. */
const SIGNATURE_KEYS: Record<DocumentKind, readonly string[]> = {
  Experiment: ['task', 'data', 'model', 'training', 'resources', 'run', 'export', 'inference', 'evaluation'],
  BusinessPlan: [
    'market',
    'business_model',
    'team',
    'financing',
    'financials',
    'kpis',
    'milestones',
    'risks',
    'overview',
  ],
};

/** The kind a document's name or modeline implies (DOMAIN.md detection order, after `kind:` itself). */
export function kindFromUriOrModeline(uri: string, text: string): DocumentKind | undefined {
  const path = decodeURIComponent(uri.split(/[?#]/)[0] ?? uri);
  for (const [pattern, kind] of FILE_PATTERNS) if (pattern.test(path)) return kind;
  const head = text.slice(0, 4096);
  const schema = MODELINE.exec(head)?.[1];
  if (schema?.includes('experiment.schema')) return 'Experiment';
  if (schema?.includes('business-plan.schema')) return 'BusinessPlan';
  return undefined;
}

/** The kind whose signature keys a headerless mapping uses (at least two of them), if any. */
export function kindFromKeys(keys: readonly string[]): DocumentKind | undefined {
  let best: DocumentKind | undefined;
  let bestScore = 1;
  for (const kind of KNOWN_KINDS) {
    const score = keys.filter((k) => SIGNATURE_KEYS[kind].includes(k)).length;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  return best;
}

export function isKnownKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (KNOWN_KINDS as readonly string[]).includes(value);
}
