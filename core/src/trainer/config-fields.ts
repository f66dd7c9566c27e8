/**
 * Typed reads of an experiment document (`yaml` → plain JS) by dotted path, each throwing a `TrainerConfigError`
 * that names the field and says what to write instead.
 */
import { englishAndPhrase, phrase, type Phrase } from '../l10n';

/** A setting the built-in trainer cannot use; `phrase` says it in the reader's language (errorText). */
export class TrainerConfigError extends Error {
  override readonly name = 'TrainerConfigError';
  readonly phrase?: Phrase;
  constructor(message: string | Phrase) {
    const m = englishAndPhrase(message);
    super(m.english);
    if (m.phrase) this.phrase = m.phrase;
  }
}

export function fail(field: string, problem: Phrase): never {
  throw new TrainerConfigError(phrase('`{0}` {1}', field, problem));
}

const describe = (v: unknown): string | Phrase =>
  Array.isArray(v)
    ? phrase('a list')
    : v === null
      ? 'null'
      : typeof v === 'object'
        ? phrase('a mapping')
        : JSON.stringify(v);

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

  str(field: string, opts: { required?: Phrase; oneOf?: readonly string[] } = {}): string | undefined {
    const v = this.get(field);
    if (v === undefined) return opts.required ? fail(field, phrase('is missing: {0}', opts.required)) : undefined;
    if (typeof v !== 'string' && typeof v !== 'number')
      fail(field, phrase('must be a text value, not {0}', describe(v)));
    const s = String(v);
    if (opts.oneOf && !opts.oneOf.includes(s))
      fail(field, phrase('is "{0}": the builtin trainer supports {1}', s, opts.oneOf.join(', ')));
    return s;
  }

  num(
    field: string,
    opts: { min?: number; max?: number; above?: number; below?: number; integer?: boolean } = {},
  ): number | undefined {
    const v = this.get(field);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v))
      return fail(field, phrase('must be a number, not {0}', describe(v)));
    if (opts.integer && !Number.isInteger(v)) fail(field, phrase('must be a whole number, not {0}', v));
    if (opts.min !== undefined && v < opts.min) fail(field, phrase('is {0}: use a value ≥ {1}', v, opts.min));
    if (opts.max !== undefined && v > opts.max) fail(field, phrase('is {0}: use a value ≤ {1}', v, opts.max));
    if (opts.above !== undefined && v <= opts.above) fail(field, phrase('is {0}: use a value > {1}', v, opts.above));
    if (opts.below !== undefined && v >= opts.below) fail(field, phrase('is {0}: use a value < {1}', v, opts.below));
    return v;
  }

  bool(field: string): boolean | undefined {
    const v = this.get(field);
    if (v !== undefined && typeof v !== 'boolean') fail(field, phrase('must be true or false, not {0}', describe(v)));
    return v as boolean | undefined;
  }

  list(field: string): unknown[] | undefined {
    const v = this.get(field);
    if (v !== undefined && !Array.isArray(v)) fail(field, phrase('must be a list, not {0}', describe(v)));
    return v as unknown[] | undefined;
  }

  /** A list of non-empty, distinct names (numbers are turned into text, as YAML reads `[0, 1]`). */
  names(field: string): string[] | undefined {
    const v = this.list(field);
    if (!v) return undefined;
    const out = v.map((item, i) => {
      if ((typeof item !== 'string' && typeof item !== 'number') || String(item).trim() === '')
        fail(`${field}[${i}]`, phrase('must be a name, not {0}', describe(item)));
      return String(item).trim();
    });
    const dup = out.find((s, i) => out.indexOf(s) !== i);
    if (dup !== undefined) fail(field, phrase('names "{0}" twice', dup));
    return out;
  }
}
