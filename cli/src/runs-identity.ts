import * as path from 'node:path';
import { RunStore, findRun, readRunIdentity, writeRunIdentity, type RunIdentity } from '../../core/src/runs';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { parseArgs, UsageError } from './args';
import type { Io } from './io';

const USAGE = {
  rename: 'Usage: liftoff runs rename <run> <name> [--workspace DIR]   (an empty name "" clears it)',
  note: 'Usage: liftoff runs note <run> <text> [--workspace DIR]   (an empty text "" clears the notes)',
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
        args.positionals.length ? (what === 'rename' ? 'which name?' : 'which text?') : 'which run?',
      );
    if (args.positionals.length > 2)
      throw new UsageError(
        `unexpected argument '${args.positionals[2]}' (quote the ${what === 'rename' ? 'name' : 'text'})`,
      );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff runs ${what}: ${err.message}\n${USAGE[what]}\n`);
    return 2;
  }
  const [query, text] = args.positionals as [string, string];
  const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace') });
  io.err(`liftoff: ${describeWorkspace(found, io.cwd)}\n`);
  const store = new RunStore(found.dir);
  const runs = await store.list();
  const identities = new Map<string, RunIdentity>();
  for (const r of runs) identities.set(r.dir, await readRunIdentity(r.dir));
  const hit = findRun(runs, query, (r) => identities.get(r.dir) ?? {});
  if ('error' in hit) {
    io.err(`liftoff runs ${what}: ${hit.error} (in ${path.relative(io.cwd, store.root) || store.root})\n`);
    return 1;
  }
  const r = hit.run.record;
  try {
    const now = await writeRunIdentity(hit.run.dir, what === 'rename' ? { name: text } : { notes: text });
    io.out(
      what === 'rename'
        ? now.name
          ? `${r.experiment} ${r.id} is now called '${now.name}'\n`
          : `${r.experiment} ${r.id} has no name now (shown by its id)\n`
        : now.notes
          ? `${r.experiment} ${r.id}: notes saved (${now.notes.split('\n').length} line${now.notes.split('\n').length === 1 ? '' : 's'})\n`
          : `${r.experiment} ${r.id}: notes cleared\n`,
    );
    return 0;
  } catch (err) {
    io.err(`liftoff runs ${what}: ${(err as Error).message}\n`);
    return 1;
  }
}
