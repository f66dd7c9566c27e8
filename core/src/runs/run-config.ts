/** A run's config snapshot (config.yaml in its folder), parsed as the run's cost, diagnosis and notify hook read it. */
import { parse } from 'yaml';
import { RunStore, type RunHandle } from './run-store';
import { readRunFile } from './safe-read';

/** The snapshot's text parsed (aliases bounded); undefined when there is no text or it is not YAML. */
export function parseRunConfig(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** The run's config snapshot parsed; undefined when it is missing, unreadable (see readRunFile) or not YAML. */
export async function readRunConfig(run: RunHandle): Promise<unknown> {
  try {
    return parseRunConfig(await readRunFile(RunStore.file(run, 'config')));
  } catch {
    return undefined;
  }
}
