/**
 * Reading files that a workspace names (YAML paths, linked documents, indexed documents): a hostile repository can
 * point them at a FIFO, `/dev/stdin`, `/dev/zero`, a socket or a symlink to any of these. Contract: only regular
 * files are ever read; no open blocks (a FIFO is opened non-blocking and refused before any read); every read is
 * bounded (at most `maxBytes`, whatever size the file claims, so `/proc` files and growing files stop too).
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { describeFileType, type FileType } from '../service/host';

/** O_NONBLOCK makes opening a FIFO with no writer return at once (it has no effect on regular files). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

export function fileType(s: Stats): FileType {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  return 'other';
}

/** Why a file was not read; `type` is what the path turned out to be when it is not a regular file. */
export class NotReadable extends Error {
  constructor(
    readonly reason: 'missing' | 'not-regular' | 'too-large' | 'error',
    message: string,
    readonly type?: FileType,
  ) {
    super(message);
  }
}

/**
 * The first `maxBytes` bytes of the regular file at `fsPath` (fewer at its end). With `whole`, the file must end
 * within `maxBytes`, else `too-large`. Throws NotReadable for anything else; never blocks on a special file.
 */
export async function readRegular(fsPath: string, maxBytes: number, whole = false): Promise<Buffer> {
  // Checked before opening too: opening some devices has effects of its own (a tape rewinds, a tty attaches).
  let before: Stats;
  try {
    before = await stat(fsPath);
  } catch (err) {
    throw notFound(fsPath, err);
  }
  refuseSpecial(fsPath, before);
  let handle;
  try {
    handle = await open(fsPath, OPEN_FLAGS);
  } catch (err) {
    throw notFound(fsPath, err);
  }
  try {
    const opened = await handle.stat();
    refuseSpecial(fsPath, opened); // the path may have been swapped between stat and open
    const limit = Math.max(0, maxBytes);
    const cap = whole ? limit + 1 : limit; // one byte more tells "ends within the limit" from "goes on"
    const chunks: Buffer[] = [];
    let filled = 0;
    while (filled < cap) {
      // The size is a hint only (0 for /proc files, stale for a growing file): the cap is what bounds the read.
      const chunk = Buffer.allocUnsafe(Math.min(cap - filled, Math.max(CHUNK, opened.size - filled + 1)));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, filled);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      filled += bytesRead;
      if (bytesRead < chunk.length && opened.size > 0 && filled >= opened.size) break; // all it had when opened: no read to see EOF
    }
    if (whole && filled > limit) throw new NotReadable('too-large', `${fsPath} is larger than ${limit} bytes`);
    return Buffer.concat(chunks).subarray(0, Math.min(filled, limit));
  } catch (err) {
    throw err instanceof NotReadable
      ? err
      : new NotReadable('error', `cannot read ${fsPath}: ${(err as Error).message}`);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function refuseSpecial(fsPath: string, s: Stats): void {
  const type = fileType(s);
  if (type !== 'file')
    throw new NotReadable('not-regular', `${fsPath} is ${describeFileType(type)}, not a regular file`, type);
}

function notFound(fsPath: string, err: unknown): NotReadable {
  const code = (err as NodeJS.ErrnoException).code;
  return new NotReadable(
    code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'error',
    `cannot open ${fsPath}: ${(err as Error).message}`,
  );
}
