import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Larger than any run.json or config snapshot Liftoff writes; a bigger file is someone else's. */
export const MAX_RUN_FILE_BYTES = 1024 * 1024;

/**
 * Reads a run-folder file that the workspace may have replaced by anything: a symlink is not followed, a FIFO or
 * device does not block (O_NONBLOCK, then a regular-file check), and at most `maxBytes` are read. Undefined when the
 * file is missing, not a regular file, or too large. Synchronous on purpose: the files are small and bounded, and
 * a reader sees one consistent file without yielding between open and read.
 */
export async function readRunFile(file: string, maxBytes = MAX_RUN_FILE_BYTES): Promise<string | undefined> {
  return readRunFileSync(file, maxBytes);
}

export function readRunFileSync(file: string, maxBytes = MAX_RUN_FILE_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    const buf = Buffer.alloc(st.size);
    const n = readSync(fd, buf, 0, st.size, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
