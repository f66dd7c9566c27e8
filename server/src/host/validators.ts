/**
 * The schema validators generated at build time (scripts/build.mjs → dist/server/validators-<kind>.js, Ajv standalone
 * code from validators-gen.ts): a cold language server then validates its first document without compiling the
 * schemas (about half a second saved on the experiment schema). Each module carries the hash of the schema it was
 * generated from and is used only for that exact schema: a schema changed without a rebuild is compiled at run time.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020';
import type { DocumentKind, PrecompiledValidators, SchemaSet } from '../service';
import { SCHEMA_HASH_EXPORT } from '../service/schema/ajv-setup';

/** The hash a generated module records of its schema (the parsed JSON, as loadSchemas returns it). */
export function schemaHash(schema: object): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

export const validatorsFile = (kind: DocumentKind): string => `validators-${kind}.js`;

/**
 * Where the generated modules are: next to the server bundle (dist/server), or beside a sibling bundle's folder
 * (dist/cli → dist/server). Not found (tests run from out/): everything compiles at run time.
 */
const DEFAULT_DIRS = [__dirname, path.join(__dirname, '..', 'server')];

export function loadPrecompiledValidators(
  schemas: SchemaSet,
  dirs: readonly string[] = DEFAULT_DIRS,
  onUnused?: (kind: DocumentKind, why: string) => void,
): PrecompiledValidators {
  return (kind) => {
    const file = dirs.map((d) => path.join(d, validatorsFile(kind))).find((f) => existsSync(f));
    if (!file) return undefined;
    try {
      // Generated CommonJS, required at run time (and only when a document of this kind is first checked).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as Record<string, unknown>;
      if (mod[SCHEMA_HASH_EXPORT] !== schemaHash(schemas[kind])) {
        onUnused?.(kind, `${file} was generated from another version of the ${kind} schema`);
        return undefined;
      }
      return mod as Record<string, ValidateFunction>;
    } catch (err) {
      onUnused?.(kind, `${file} could not be loaded: ${(err as Error).message}`);
      return undefined;
    }
  };
}
