import { t, type Locale } from '../../../../core/src/l10n';

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

function typeWord(type: unknown, l: Locale | undefined): string {
  switch (type) {
    case 'integer':
      return t(l, 'a whole number');
    case 'number':
      return t(l, 'a number');
    case 'string':
      return t(l, 'text');
    case 'boolean':
      return t(l, 'true or false');
    case 'array':
      return t(l, 'a list');
    case 'object':
      return t(l, 'a mapping');
    case 'null':
      return t(l, 'empty');
    default:
      return String(type);
  }
}

export function describe(schema: Schema, root: Schema, l?: Locale): string {
  const s = resolveRef(schema, root);
  if (Array.isArray(s.enum)) return t(l, 'one of {0}', s.enum.map((v) => `\`${String(v)}\``).join(', '));
  if ('const' in s) return `\`${String(s.const)}\``;
  const examples =
    Array.isArray(s.examples) && s.examples.length
      ? t(
          l,
          ' like {0}',
          s.examples
            .slice(0, 3)
            .map((e) => JSON.stringify(e))
            .join(', '),
        )
      : '';
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (Array.isArray(branches)) return branches.map((b) => describe(b, root, l)).join(t(l, ', or ')) + examples;
  if (Array.isArray(s.type)) return s.type.map((x) => typeWord(x, l)).join(t(l, ' or ')) + examples;
  if (s.type) {
    const base =
      s.type === 'string' && typeof s.pattern === 'string'
        ? t(l, 'text in the documented format')
        : typeWord(s.type, l);
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
    return `${base}${min}${min && max ? t(l, ' and') : ''}${max}${examples}`;
  }
  return t(l, 'a valid value');
}
