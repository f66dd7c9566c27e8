import * as path from 'node:path';
import { parseExperiment } from '../vocabulary';
import { phrase } from '../l10n';
import { LaunchError } from './launch-plan';

/** The experiment a launcher starts: its YAML parsed, and the `metadata.name` its runs are stored under. */
export function experimentOf(o: { readonly experimentPath: string; readonly experimentText: string }): {
  experiment: unknown;
  name: string;
} {
  let experiment: unknown;
  try {
    experiment = parseExperiment(o.experimentText);
  } catch (err) {
    throw new LaunchError(
      phrase('{0} is not valid YAML: {1}', path.basename(o.experimentPath), (err as Error).message),
    );
  }
  const name = (experiment as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  if (typeof name !== 'string' || !name)
    throw new LaunchError(
      phrase('{0} has no metadata.name: runs are stored by experiment name.', path.basename(o.experimentPath)),
    );
  return { experiment, name };
}
