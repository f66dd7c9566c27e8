/** A `mitigation:` stub with suggested actions for a risk's category (PLAN-010, PLAN-011). */
import type { YAMLMap } from 'yaml';
import type { ParsedFile } from '../../parse';
import { setList } from './edits';

export const SUGGESTED_MITIGATIONS: Record<string, readonly string[]> = {
  technical: ['Staged rollout', 'Fallback model', 'Extra validation before release'],
  data: ['Anonymization', 'Access control', 'Data-processing agreements'],
  market: ['Pilot customers', 'Staged launch'],
  financial: ['Reduce burn', 'Bridge financing'],
  legal_compliance: ['Early regulator engagement', 'Compliance review'],
  operational: ['Runbooks', 'Redundancy'],
  talent: ['Key-person backups', 'Hiring pipeline'],
};
const GENERIC = ['Describe how the likelihood or impact is reduced'];

export function suggestions(category: string | undefined): readonly string[] {
  return (category && SUGGESTED_MITIGATIONS[category]) || GENERIC;
}

/** The quick fix that adds the stub to a risk item (block or flow style). */
export function mitigationFix(file: ParsedFile, risk: YAMLMap, category: string | undefined) {
  const actions = suggestions(category);
  return {
    title: `Add a mitigation stub (${actions.join(', ')})`,
    edits: [
      setList(file, risk, 'mitigation', actions, `suggested for a ${category ?? 'generic'} risk: adapt to your plan`),
    ],
  };
}
