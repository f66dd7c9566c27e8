import * as path from 'node:path';
import { parseExperiment } from '../vocabulary';
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
    throw new LaunchError(`${path.basename(o.experimentPath)} is not valid YAML: ${(err as Error).message}`);
  }
  const name = (experiment as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  if (typeof name !== 'string' || !name)
    throw new LaunchError(
      `${path.basename(o.experimentPath)} has no metadata.name: runs are stored by experiment name.`,
    );
  return { experiment, name };
}
