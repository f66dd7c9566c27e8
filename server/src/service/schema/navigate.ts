/**
 * Walks a JSON Schema along a YAML path (keys and list indices) for completion and hover. Unions (`anyOf`/`oneOf`)
 * and `allOf` are followed into every branch, so the caller sees all schemas a value may match. Each result
 * remembers the name of the last `$defs` entry it came through (`metricName`, `path`…), which tells completion
 * what kind of value belongs there.
 */
export type Schema = Record<string, unknown>;
export interface Located {
  readonly schema: Schema;
  readonly def: string | undefined;
}

export function deref(schema: Schema, root: Schema, def?: string): Located {
  let s = schema;
  let name = def;
  for (let i = 0; i < 8 && typeof s.$ref === 'string'; i++) {
    const ref = s.$ref;
    const parts = ref.replace(/^#\//, '').split('/');
    let target: unknown = root;
    for (const p of parts) target = (target as Record<string, unknown> | undefined)?.[p];
    if (!target || typeof target !== 'object') break;
    name = parts[parts.length - 1];
    s = target as Schema;
  }
  return { schema: s, def: name };
}

/** The schema itself plus every branch of its unions, dereferenced. */
export function expand(located: Located, root: Schema): Located[] {
  const { schema, def } = deref(located.schema, root, located.def);
  const out: Located[] = [{ schema, def }];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const b of branches) out.push(...expand({ schema: b as Schema, def }, root));
  }
  return out;
}

export function schemasAt(root: Schema, path: readonly (string | number)[]): Located[] {
  let current: Located[] = expand({ schema: root, def: undefined }, root);
  for (const step of path) {
    const next: Located[] = [];
    for (const { schema } of current) {
      if (typeof step === 'number') {
        const items = schema.items;
        if (items && typeof items === 'object') next.push(...expand({ schema: items as Schema, def: undefined }, root));
        continue;
      }
      const props = schema.properties as Record<string, Schema> | undefined;
      const prop = props?.[step];
      if (prop) {
        next.push(...expand({ schema: prop, def: undefined }, root));
        continue;
      }
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object') next.push(...expand({ schema: extra as Schema, def: undefined }, root));
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** Properties allowed in a mapping at `path`, merged over branches (first description wins). */
export function propertiesAt(root: Schema, path: readonly (string | number)[]): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const { schema } of schemasAt(root, path)) {
    const props = schema.properties as Record<string, Schema> | undefined;
    for (const [k, v] of Object.entries(props ?? {})) if (!out.has(k)) out.set(k, v);
  }
  return out;
}

export function requiredAt(root: Schema, path: readonly (string | number)[]): Set<string> {
  const out = new Set<string>();
  for (const { schema } of schemasAt(root, path))
    for (const r of (schema.required as string[] | undefined) ?? []) out.add(r);
  return out;
}

export function descriptionOf(located: readonly Located[]): string | undefined {
  for (const { schema } of located) {
    const d = schema.markdownDescription ?? schema.description;
    if (typeof d === 'string') return d;
  }
  return undefined;
}
