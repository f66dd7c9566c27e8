import * as path from 'node:path';
import { RunStore, findRun, readRunIdentity, writeRunIdentity, type RunIdentity } from '../../core/src/runs';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { errorText, phrase, say, t, type Locale } from '../../core/src/l10n';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';

const USAGE = {
  rename: (l: Locale | undefined) =>
    `Usage: liftoff runs rename <run> <name> [--workspace DIR]   (${t(l, 'an empty name "" clears it')})`,
  note: (l: Locale | undefined) =>
    `Usage: liftoff runs note <run> <text> [--workspace DIR]   (${t(l, 'an empty text "" clears the notes')})`,
};

/**
 * `liftoff runs rename <run> <name>` and `liftoff runs note <run> <text>`: give a run a name or notes, kept in its
 * folder's run-meta.json (core's writeRunIdentity; run.json is not touched). `<run>`: its id, the unique beginning of
 * it, or its current name. The Runs view and `liftoff runs` show them.
 */
export async function runRunsIdentity(what: 'rename' | 'note', argv: readonly string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { workspace: 'string' });
    if (args.positionals.length < 2)
      throw new UsageError(
        args.positionals.length
          ? what === 'rename'
            ? phrase('which name?')
            : phrase('which text?')
          : phrase('which run? (its id, the beginning of it, or its name)'),
      );
    if (args.positionals.length > 2)
      throw new UsageError(
        what === 'rename'
          ? phrase("unexpected argument '{0}' (quote the name)", args.positionals[2]!)
          : phrase("unexpected argument '{0}' (quote the text)", args.positionals[2]!),
      );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff runs ${what}: ${usageMessage(err, io.locale)}\n${usageLine(USAGE[what](io.locale), io.locale)}\n`);
    return 2;
  }
  const [query, text] = args.positionals as [string, string];
  const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace') });
  io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
  const store = new RunStore(found.dir);
  const runs = await store.list();
  const identities = new Map<string, RunIdentity>();
  for (const r of runs) identities.set(r.dir, await readRunIdentity(r.dir));
  const hit = findRun(runs, query, (r) => identities.get(r.dir) ?? {});
  if ('error' in hit) {
    const where = path.relative(io.cwd, store.root) || store.root;
    io.err(`liftoff runs ${what}: ${t(io.locale, '{0} (in {1})', say(io.locale, hit.errorPhrase), where)}\n`);
    return 1;
  }
  const r = hit.run.record;
  try {
    const now = await writeRunIdentity(hit.run.dir, what === 'rename' ? { name: text } : { notes: text });
    const run = `${r.experiment} ${r.id}`;
    const lines = now.notes?.split('\n').length ?? 0;
    io.out(
      `${
        what === 'rename'
          ? now.name
            ? t(io.locale, "{0} is now called '{1}'", run, now.name)
            : t(io.locale, '{0} has no name now (shown by its id)', run)
          : now.notes
            ? lines === 1
              ? t(io.locale, '{0}: notes saved (1 line)', run)
              : t(io.locale, '{0}: notes saved ({1} lines)', run, lines)
            : t(io.locale, '{0}: notes cleared', run)
      }\n`,
    );
    return 0;
  } catch (err) {
    io.err(`liftoff runs ${what}: ${errorText(io.locale, err)}\n`);
    return 1;
  }
}
