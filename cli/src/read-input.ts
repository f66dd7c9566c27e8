/** Reading the one file a subcommand was given, with the message a user reads when it cannot be read. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { t, type Locale } from '../../core/src/l10n';
import type { Io } from './io';

/**
 * Why the file `shown` cannot be read, in `locale`: the usual causes said in words (it does not exist, it is a
 * folder, no permission), anything else with the system's error code or message.
 */
export function cannotRead(locale: Locale | undefined, shown: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return t(locale, "'{0}' does not exist", shown);
  if (code === 'EISDIR') return t(locale, 'cannot read {0}: it is a folder, not a file', shown);
  if (code === 'EACCES' || code === 'EPERM') return t(locale, 'cannot read {0}: permission denied', shown);
  return t(locale, 'cannot read {0}: {1}', shown, code ?? (err instanceof Error ? err.message : String(err)));
}

/** Why the file `shown` cannot be written, in `locale` (like `cannotRead`). */
export function cannotWrite(locale: Locale | undefined, shown: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR') return t(locale, 'cannot write {0}: it is a folder', shown);
  if (code === 'EACCES' || code === 'EPERM') return t(locale, 'cannot write {0}: permission denied', shown);
  if (code === 'ENOENT') return t(locale, 'cannot write {0}: its folder does not exist', shown);
  return t(locale, 'cannot write {0}: {1}', shown, code ?? (err instanceof Error ? err.message : String(err)));
}

/**
 * The text of `file`, or undefined after saying on stderr why it cannot be read (`liftoff <command>: …`): the
 * caller then exits 2. Names the file as the user gave it (relative to the current folder).
 */
export async function readInputFile(io: Io, command: string, file: string): Promise<string | undefined> {
  const shown = path.relative(io.cwd, file) || file;
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    io.err(`liftoff ${command}: ${cannotRead(io.locale, shown, err)}\n`);
    return undefined;
  }
}
