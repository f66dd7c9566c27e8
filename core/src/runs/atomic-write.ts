import { open, rename, rm } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Replaces `file` with `data` so that a reader sees either the old or the new content, never a partial write:
 * write a temporary file beside it, flush it to disk, then rename it over the target (atomic on POSIX).
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`,
  );
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
