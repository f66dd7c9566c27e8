import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The last value of `name` in a metrics JSON-lines file, reading only its tail (for list views, not charts). */
export async function lastMetric(file: string, name: string, tailBytes = 65_536): Promise<number | undefined> {
  let handle;
  try {
    // A metrics file is the workspace's: never follow a link, never block on a FIFO, read regular files only.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (!st.isFile()) return undefined;
    const size = st.size;
    const start = Math.max(0, size - tailBytes);
    const buf = Buffer.alloc(size - start);
    await handle.read(buf, 0, buf.length, start);
    const lines = buf.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i]!.trim();
      if (!line.startsWith('{')) continue;
      try {
        const v = (JSON.parse(line) as Record<string, unknown>)[name];
        if (typeof v === 'number') return v;
      } catch {
        /* partial or corrupt line */
      }
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
