/** A small, strict option parser: `--name value`, `--name=value`, `-f value`, positionals; unknown options are usage errors. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string>;
}

import { phrase, say, t, type Locale, type Phrase } from '../../core/src/l10n';

/** A mistake in the command line: said in English as its message, and in the user's language with `usageMessage`. */
export class UsageError extends Error {
  readonly phrase: Phrase;
  constructor(what: Phrase | string) {
    super(say('en', what));
    this.phrase = typeof what === 'string' ? { text: what, args: [] } : what;
  }
}

/** A usage error in `locale`. */
export function usageMessage(err: UsageError, locale: Locale | undefined): string {
  return say(locale, err.phrase);
}

/** A command's `Usage: liftoff …` line, its first word in `locale` (the syntax stays as typed). */
export function usageLine(usage: string, locale: Locale | undefined): string {
  return locale === 'zh-cn' ? usage.replace(/^Usage: /, t(locale, 'Usage: ')) : usage;
}

/** Short forms every command understands when it has the long option: `-f json` is `--format json`. */
const SHORT: Record<string, string> = { f: 'format', o: 'out', w: 'workspace' };

/** `'boolean'` options take no value (`--nodes`); their presence sets them to `'true'`. */
export function parseArgs(
  argv: readonly string[],
  known: Record<string, readonly string[] | 'string' | 'boolean'>,
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = arg.slice(2, eq === -1 ? undefined : eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (!known[name]) throw new UsageError(phrase("unknown option '--{0}'", name));
    } else if (/^-[A-Za-z]/.test(arg)) {
      const long = SHORT[arg[1]!];
      if (!long || !known[long] || (arg.length > 2 && arg[2] !== '='))
        throw new UsageError(
          long && known[long]
            ? phrase("unknown option '{0}' (did you mean '-{1} {2}'?)", arg, arg[1]!, arg.slice(2))
            : phrase("unknown option '{0}'", arg),
        );
      name = long;
      inline = arg.length > 2 ? arg.slice(3) : undefined;
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = known[name]!;
    if (spec === 'boolean') {
      if (inline !== undefined) throw new UsageError(phrase("option '--{0}' takes no value", name));
      options.set(name, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(phrase("option '--{0}' needs a value", name));
    if (spec !== 'string' && !spec.includes(value))
      throw new UsageError(phrase("option '--{0}' must be one of {1}, not '{2}'", name, spec.join(', '), value));
    options.set(name, value);
  }
  return { positionals, options };
}
