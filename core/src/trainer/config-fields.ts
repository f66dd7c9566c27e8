/**
 * Typed reads of an experiment document (`yaml` → plain JS) by dotted path, each throwing a `TrainerConfigError`
 * that names the field and says what to write instead.
 */

export class TrainerConfigError extends Error {
  override readonly name = 'TrainerConfigError';
}

export function fail(field: string, problem: string): never {
  throw new TrainerConfigError(`\`${field}\` ${problem}`);
}

const describe = (v: unknown) =>
  Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'a mapping' : JSON.stringify(v);

export class Fields {
  constructor(private readonly root: unknown) {}

  /** The raw value at `a.b.c`, or undefined. */
  get(field: string): unknown {
    let v: unknown = this.root;
    for (const key of field.split('.')) {
      if (v === null || typeof v !== 'object') return undefined;
      v = Array.isArray(v) ? (/^\d+$/.test(key) ? v[Number(key)] : undefined) : (v as Record<string, unknown>)[key];
    }
    return v === null ? undefined : v;
  }

  has(field: string): boolean {
    return this.get(field) !== undefined;
  }

  str(field: string, opts: { required?: string; oneOf?: readonly string[] } = {}): string | undefined {
    const v = this.get(field);
    if (v === undefined) return opts.required ? fail(field, `is missing: ${opts.required}`) : undefined;
    if (typeof v !== 'string' && typeof v !== 'number') fail(field, `must be a text value, not ${describe(v)}`);
    const s = String(v);
    if (opts.oneOf && !opts.oneOf.includes(s))
      fail(field, `is "${s}": the builtin trainer supports ${opts.oneOf.join(', ')}`);
    return s;
  }

  num(
    field: string,
    opts: { min?: number; max?: number; above?: number; below?: number; integer?: boolean } = {},
  ): number | undefined {
    const v = this.get(field);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(field, `must be a number, not ${describe(v)}`);
    if (opts.integer && !Number.isInteger(v)) fail(field, `must be a whole number, not ${v}`);
    if (opts.min !== undefined && v < opts.min) fail(field, `is ${v}: use a value ≥ ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) fail(field, `is ${v}: use a value ≤ ${opts.max}`);
    if (opts.above !== undefined && v <= opts.above) fail(field, `is ${v}: use a value > ${opts.above}`);
    if (opts.below !== undefined && v >= opts.below) fail(field, `is ${v}: use a value < ${opts.below}`);
    return v;
  }

  bool(field: string): boolean | undefined {
    const v = this.get(field);
    if (v !== undefined && typeof v !== 'boolean') fail(field, `must be true or false, not ${describe(v)}`);
    return v as boolean | undefined;
  }

  list(field: string): unknown[] | undefined {
    const v = this.get(field);
    if (v !== undefined && !Array.isArray(v)) fail(field, `must be a list, not ${describe(v)}`);
    return v as unknown[] | undefined;
  }

  /** A list of non-empty, distinct names (numbers are turned into text, as YAML reads `[0, 1]`). */
  names(field: string): string[] | undefined {
    const v = this.list(field);
    if (!v) return undefined;
    const out = v.map((item, i) => {
      if ((typeof item !== 'string' && typeof item !== 'number') || String(item).trim() === '')
        fail(`${field}[${i}]`, `must be a name, not ${describe(item)}`);
      return String(item).trim();
    });
    const dup = out.find((s, i) => out.indexOf(s) !== i);
    if (dup !== undefined) fail(field, `names "${dup}" twice`);
    return out;
  }
}
