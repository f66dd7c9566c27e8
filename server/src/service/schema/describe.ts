/** Short human descriptions of JSON Schema branches, for "must be a number or a money string like …" messages. */
type Schema = Record<string, unknown> & { $ref?: string };

export function resolveRef(schema: Schema, root: Schema): Schema {
  let s = schema;
  for (let i = 0; i < 8 && typeof s.$ref === 'string'; i++) {
    const path = s.$ref.replace(/^#\//, '').split('/');
    let target: unknown = root;
    for (const p of path) target = (target as Record<string, unknown> | undefined)?.[p];
    if (!target || typeof target !== 'object') break;
    s = target as Schema;
  }
  return s;
}

function typeWord(t: unknown): string {
  switch (t) {
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping';
    case 'null':
      return 'empty';
    default:
      return String(t);
  }
}

export function describe(schema: Schema, root: Schema): string {
  const s = resolveRef(schema, root);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if ('const' in s) return `\`${String(s.const)}\``;
  const examples =
    Array.isArray(s.examples) && s.examples.length
      ? ` like ${s.examples
          .slice(0, 3)
          .map((e) => JSON.stringify(e))
          .join(', ')}`
      : '';
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches)) return branches.map((b) => describe(b, root)).join(', or ') + examples;
  if (Array.isArray(s.type)) return s.type.map(typeWord).join(' or ') + examples;
  if (s.type) {
    const base =
      s.type === 'string' && typeof s.pattern === 'string' ? 'text in the documented format' : typeWord(s.type);
    const min =
      typeof s.minimum === 'number'
        ? ` ≥ ${s.minimum}`
        : typeof s.exclusiveMinimum === 'number'
          ? ` > ${s.exclusiveMinimum}`
          : '';
    const max =
      typeof s.maximum === 'number'
        ? ` ≤ ${s.maximum}`
        : typeof s.exclusiveMaximum === 'number'
          ? ` < ${s.exclusiveMaximum}`
          : '';
    return `${base}${min}${min && max ? ' and' : ''}${max}${examples}`;
  }
  return 'a valid value';
}
