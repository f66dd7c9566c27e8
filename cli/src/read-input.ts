/** Reading the one file a subcommand was given, with the message a user reads when it cannot be read. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Io } from './io';

/**
 * The text of `file`, or undefined after saying on stderr why it cannot be read (`liftoff <command>: …`): the
 * caller then exits 2. Names the file as the user gave it (relative to the current folder).
 */
export async function readInputFile(io: Io, command: string, file: string): Promise<string | undefined> {
  const shown = path.relative(io.cwd, file) || file;
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.err(
      `liftoff ${command}: ${code === 'ENOENT' ? `'${shown}' does not exist` : `cannot read ${shown}: ${(err as Error).message}`}\n`,
    );
    return undefined;
  }
}
