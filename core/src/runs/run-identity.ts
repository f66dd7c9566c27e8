/**
 * A run's identity for people: a name and notes the user gives it, kept in `run-meta.json` in the run folder.
 *
 * Why a file of its own and not run.json: run.json has one writer (the run's runner while it lives, then whoever
 * holds the hand-over, see run-store.ts `update`); a rename from VS Code or the CLI while the run trains would race
 * that writer and could lose a state change. `run-meta.json` is written only here, atomically (temp file + rename,
 * so a reader never sees half a file and a symlink put in its place is replaced, not followed), and read bounded
 * (no links, no FIFOs, at most MAX_IDENTITY_BYTES). Two editors renaming the same run at once: the last one wins.
 */
import { lstat, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { phrase, PhrasedError, say, type Phrase } from '../l10n';
import { writeFileAtomic } from './atomic-write';
import { isInside } from './record-check';
import type { RunRecord } from './run-record';
import { RunStore, type RunHandle } from './run-store';
import { readRunFile, readRunFileSync } from './safe-read';

export const RUN_IDENTITY_FILE = 'run-meta.json';
/** A name longer than this is cut (a tree label, a table cell, a legend). */
export const MAX_RUN_NAME = 120;
/** Notes longer than this are cut. */
export const MAX_RUN_NOTES = 8000;
/** A bigger run-meta.json is not ours: ignored. */
export const MAX_IDENTITY_BYTES = 64 * 1024;

export interface RunIdentity {
  readonly name?: string;
  readonly notes?: string;
}

/** One line, no control or bidi-override characters, trimmed and bounded; undefined when nothing is left. */
export function cleanRunName(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return s ? [...s].slice(0, MAX_RUN_NAME).join('') : undefined;
}

/** Lines kept, other control characters dropped, trailing space trimmed, bounded; undefined when empty. */
export function cleanRunNotes(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trimEnd();
  return s.trim() ? [...s].slice(0, MAX_RUN_NOTES).join('') : undefined;
}

/** run-meta.json's text as an identity: anything malformed reads as no name and no notes. */
export function parseRunIdentity(text: string | undefined): RunIdentity {
  if (text === undefined) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const o = v as Record<string, unknown>;
  const name = cleanRunName(o.name);
  const notes = cleanRunNotes(o.notes);
  return { ...(name !== undefined && { name }), ...(notes !== undefined && { notes }) };
}

export async function readRunIdentity(dir: string): Promise<RunIdentity> {
  return parseRunIdentity(await readRunFile(path.join(dir, RUN_IDENTITY_FILE), MAX_IDENTITY_BYTES));
}

/** For synchronous callers (tree items built in a loop): the same bounded read. */
export function readRunIdentitySync(dir: string): RunIdentity {
  return parseRunIdentity(readRunFileSync(path.join(dir, RUN_IDENTITY_FILE), MAX_IDENTITY_BYTES));
}

/** How a run is called wherever it appears: its name, else `attempt N` for a retry, else its id. */
export function runDisplayName(record: Pick<RunRecord, 'id' | 'attempt'>, identity?: RunIdentity): string {
  return identity?.name ?? (record.attempt ? `attempt ${record.attempt}` : record.id);
}

/**
 * Sets (a string) or clears (`null`, or a string with nothing left once cleaned) the name and/or notes of the run in
 * `dir`, and returns the identity now stored. Refused, with why, when `dir` is not a run folder of a workspace's
 * store, is a symbolic link, or resolves outside the workspace.
 */
export async function writeRunIdentity(
  dir: string,
  patch: { readonly name?: string | null; readonly notes?: string | null },
): Promise<RunIdentity> {
  const refuse = (why: string | Phrase) => new PhrasedError(phrase('cannot name the run in {0}: {1}', dir, why));
  let store: RunStore;
  try {
    store = RunStore.ofRunDir(dir);
  } catch (err) {
    throw refuse((err as Error).message);
  }
  const st = await lstat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw refuse(phrase('it is not a folder (or is a symbolic link)'));
  const [ws, real] = await Promise.all([realpath(store.workspace), realpath(dir)]);
  if (!isInside(ws, real)) throw refuse(phrase('it resolves outside the workspace'));
  if (!(await RunStore.read(dir))) throw refuse(phrase('it has no readable run.json'));
  const current = await readRunIdentity(dir);
  const name = patch.name === undefined ? current.name : cleanRunName(patch.name ?? undefined);
  const notes = patch.notes === undefined ? current.notes : cleanRunNotes(patch.notes ?? undefined);
  const next: RunIdentity = { ...(name !== undefined && { name }), ...(notes !== undefined && { notes }) };
  await writeFileAtomic(
    path.join(real, RUN_IDENTITY_FILE),
    JSON.stringify({ ...next, updatedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  return next;
}

/** A run handle with its identity read (for lists: the Runs view, `liftoff runs`). */
export interface NamedRun extends RunHandle {
  readonly identity: RunIdentity;
}

/**
 * The run a user means by `query`: its exact id, its exact name, or the unique beginning of its id. An error
 * message (what, and how to list them) when none or several match.
 */
export function findRun<T extends RunHandle>(
  runs: readonly T[],
  query: string,
  identities: (run: T) => RunIdentity = () => ({}),
): { run: T } | { error: string; errorPhrase: Phrase } {
  const byId = runs.find((r) => r.record.id === query);
  if (byId) return { run: byId };
  const byName = runs.filter((r) => identities(r).name === query);
  if (byName.length === 1) return { run: byName[0]! };
  const refuse = (p: Phrase) => ({ error: say('en', p), errorPhrase: p });
  if (byName.length > 1)
    return refuse(
      phrase(
        "{0} runs are named '{1}' ({2}); give the id",
        byName.length,
        query,
        byName.map((r) => r.record.id).join(', '),
      ),
    );
  const prefix = query ? runs.filter((r) => r.record.id.startsWith(query)) : [];
  if (prefix.length === 1) return { run: prefix[0]! };
  return refuse(
    prefix.length
      ? phrase("'{0}' is the beginning of {1} run ids; give more of it", query, prefix.length)
      : phrase("no run '{0}' (neither an id, the beginning of one, nor a name); `liftoff runs` lists them", query),
  );
}
