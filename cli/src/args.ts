/** A small, strict option parser: `--name value`, `--name=value`, positionals; unknown options are usage errors. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string>;
}

export class UsageError extends Error {}

/** `'boolean'` options take no value (`--nodes`); their presence sets them to `'true'`. */
export function parseArgs(
  argv: readonly string[],
  known: Record<string, readonly string[] | 'string' | 'boolean'>,
): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = known[name];
    if (!spec) throw new UsageError(`unknown option '--${name}'`);
    if (spec === 'boolean') {
      if (eq !== -1) throw new UsageError(`option '--${name}' takes no value`);
      options.set(name, 'true');
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`option '--${name}' needs a value`);
    if (spec !== 'string' && !spec.includes(value))
      throw new UsageError(`option '--${name}' must be one of ${spec.join(', ')}, not '${value}'`);
    options.set(name, value);
  }
  return { positionals, options };
}
