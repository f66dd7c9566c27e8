/** A small, strict option parser: `--name value`, `--name=value`, `-f value`, positionals; unknown options are usage errors. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string>;
}

export class UsageError extends Error {}

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
      if (!known[name]) throw new UsageError(`unknown option '--${name}'`);
    } else if (/^-[A-Za-z]/.test(arg)) {
      const long = SHORT[arg[1]!];
      if (!long || !known[long] || (arg.length > 2 && arg[2] !== '='))
        throw new UsageError(
          `unknown option '${arg}'${long && known[long] ? ` (did you mean '-${arg[1]} ${arg.slice(2)}'?)` : ''}`,
        );
      name = long;
      inline = arg.length > 2 ? arg.slice(3) : undefined;
    } else {
      positionals.push(arg);
      continue;
    }
    const spec = known[name]!;
    if (spec === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      options.set(name, 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
    if (spec !== 'string' && !spec.includes(value))
      throw new UsageError(`option '--${name}' must be one of ${spec.join(', ')}, not '${value}'`);
    options.set(name, value);
  }
  return { positionals, options };
}
