import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentKind, PrecompiledValidators, SchemaSet } from '../service';
import { loadPrecompiledValidators } from './validators';

/** The shipped JSON Schemas (schemas/*.json), read once by the server and the CLI and handed to the service. */
export function loadSchemas(dir: string): SchemaSet {
  const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as object;
  return { Experiment: read('experiment.schema.json'), BusinessPlan: read('business-plan.schema.json') };
}

/** The extension's schemas/ folder: found upwards from this module (dist/<runtime>/ when bundled, out/server/src/ in tests). */
export const BUNDLED_SCHEMA_DIR =
  findUp(__dirname, path.join('schemas', 'experiment.schema.json')) ?? path.join(__dirname, '..', '..', 'schemas');

function findUp(from: string, rel: string): string | undefined {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, rel))) return path.join(dir, path.dirname(rel));
  }
  return undefined;
}

/**
 * The shipped schemas with the validators generated for them at build time (host/validators.ts): what the server and
 * the CLI hand to the language service.
 */
export function bundledSchemas(onUnused?: (kind: DocumentKind, why: string) => void): {
  schemas: SchemaSet;
  validators: PrecompiledValidators;
} {
  const schemas = loadSchemas(BUNDLED_SCHEMA_DIR);
  return { schemas, validators: loadPrecompiledValidators(schemas, undefined, onUnused) };
}
