/**
 * One Ajv set-up for the schema check, shared by the validators compiled at run time (validate-schema.ts) and the
 * ones generated at build time (standalone.ts → dist/server/validators-<kind>.js), so both check alike: the same
 * options, the same annotation keywords, and the same schemas under the same ids — each kind's whole schema, its
 * "shell" (the top level only) and each top-level property's schema.
 */
import Ajv2020 from 'ajv/dist/2020';
import type { DocumentKind } from '../types';

type Schema = Record<string, unknown>;

export function createAjv(options: { source?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    verbose: true,
    ...(options.source ? { code: { source: true } } : {}),
  });
  ajv.addKeyword('markdownDescription').addKeyword('enumDescriptions').addKeyword('defaultSnippets');
  return ajv;
}

/** The id the shell of a schema is registered under (a sibling of the schema's own `$id`). */
export function shellId(root: Schema): string | undefined {
  return typeof root.$id === 'string' ? `${root.$id.replace(/[#?].*$/, '')}/shell` : undefined;
}

/**
 * The root schema with each top-level property's schema replaced by `true`: checks the top level only (required
 * sections, unknown keys), in the same keyword order as the whole schema. Its `$id` is `shellId(root)` where the root
 * has one (its `$ref`s into `$defs` resolve within itself: the shell keeps them).
 */
export function shellOf(root: Schema): Schema {
  const props = Object.fromEntries(Object.keys((root.properties as Schema | undefined) ?? {}).map((k) => [k, true]));
  const shell: Schema = { ...root, properties: props };
  const id = shellId(root);
  if (id) shell.$id = id;
  else delete shell.$id;
  return shell;
}

/** The reference of one top-level property's schema (resolved against the whole schema, so its `$ref`s work). */
export function propertyRef(root: Schema, key: string): string | undefined {
  if (typeof root.$id !== 'string' || !Object.hasOwn((root.properties as Schema | undefined) ?? {}, key)) return;
  return `${root.$id}#/properties/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Export names of the validators of one kind: `whole`, `shell`, and `properties/<key>` for each top-level key. */
export const WHOLE = 'whole';
export const SHELL = 'shell';
export const propertyExport = (key: string): string => `properties/${key}`;

/** What a generated validators module exports besides its validators. */
export const SCHEMA_HASH_EXPORT = 'schemaHash';

/** The refs to generate for one kind: export name → schema id or reference (registered with `createAjv`). */
export function validatorRefs(root: Schema): Record<string, string> {
  const refs: Record<string, string> = {};
  if (typeof root.$id !== 'string') return refs;
  refs[WHOLE] = root.$id;
  refs[SHELL] = shellId(root)!;
  for (const key of Object.keys((root.properties as Schema | undefined) ?? {})) {
    refs[propertyExport(key)] = propertyRef(root, key)!;
  }
  return refs;
}

export type { DocumentKind };
