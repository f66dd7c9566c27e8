import { propertiesAt, requiredAt, schemasAt, type Schema } from './schema/navigate';

/**
 * A snippet for a whole section, built from the schema: the section key and its required fields (or, when none are
 * required, its first two), each with a tab stop holding an example, default or first enum value.
 */
export function sectionSnippet(root: Schema, at: readonly (string | number)[]): string | undefined {
  const key = at[at.length - 1];
  if (typeof key !== 'string') return undefined;
  const props = propertiesAt(root, at);
  if (props.size === 0) return undefined;
  const required = [...requiredAt(root, at)].filter((k) => props.has(k));
  const fields = required.length ? required : [...props.keys()].slice(0, 2);
  let stop = 1;
  const lines = fields.map((f) => {
    const s = schemasAt(root, [...at, f]).find((l) => l.schema.type || l.schema.enum)?.schema ?? {};
    if (Array.isArray(s.enum)) return `  ${f}: \${${stop++}|${s.enum.map(String).join(',')}|}`;
    if (s.type === 'object') return `  ${f}:\n    \${${stop++}}`;
    const example = (Array.isArray(s.examples) ? s.examples[0] : undefined) ?? s.default;
    const shown =
      example === undefined || typeof example === 'object' ? '' : String(example).replace(/[$}\\]/g, '\\$&');
    return `  ${f}: \${${stop++}:${shown}}`;
  });
  return `${key}:\n${lines.join('\n')}\n$0`;
}
