/**
 * Build-time generation of the schema validators (run by scripts/build.mjs, never by the extension): per kind, Ajv
 * standalone code for the whole schema, its shell and each top-level property (ajv-setup.ts's export names), plus
 * the hash of the schema it came from (validators.ts checks it before use).
 */
import standaloneCode from 'ajv/dist/standalone';
import type { DocumentKind, SchemaSet } from '../service';
import { createAjv, SCHEMA_HASH_EXPORT, shellOf, validatorRefs } from '../service/schema/ajv-setup';
import { schemaHash } from './validators';

export function generateValidatorModule(schema: object): string {
  const root = schema as Record<string, unknown>;
  const refs = validatorRefs(root);
  if (!Object.keys(refs).length) throw new Error('a schema without $id cannot be precompiled');
  const ajv = createAjv({ source: true });
  ajv.addSchema(root);
  ajv.addSchema(shellOf(root));
  return `${standaloneCode(ajv, refs)}\nexports[${JSON.stringify(SCHEMA_HASH_EXPORT)}] = ${JSON.stringify(schemaHash(schema))};\n`;
}

export function generateValidatorModules(schemas: SchemaSet): Record<DocumentKind, string> {
  return {
    Experiment: generateValidatorModule(schemas.Experiment),
    BusinessPlan: generateValidatorModule(schemas.BusinessPlan),
  };
}
