/**
 * Reading files that a workspace names (YAML paths, linked documents, indexed documents): a hostile repository can
 * point them at a FIFO, `/dev/stdin`, `/dev/zero`, a socket or a symlink to any of these. Contract: only regular
 * files are ever read; no open blocks (a FIFO is opened non-blocking and refused before any read); every read is
 * bounded (at most `maxBytes`, whatever size the file claims, so `/proc` files and growing files stop too).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
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

/** One file-system step of a bounded read (see `readSteps`), carried out by a synchronous or an asynchronous driver. */
type Step =
  | { readonly op: 'stat' }
  | { readonly op: 'open' }
  | { readonly op: 'fstat' }
  | { readonly op: 'read'; readonly buffer: Buffer; readonly position: number };

/**
 * The read itself, once for both drivers: it yields each step and receives its result (a Stats, nothing for `open`,
 * the bytes read), or has the step's error thrown into it. The driver holds the file handle and closes it.
 */
function* readSteps(fsPath: string, maxBytes: number, whole: boolean): Generator<Step, Buffer, unknown> {
  // Checked before opening too: opening some devices has effects of its own (a tape rewinds, a tty attaches).
  let before: Stats;
  try {
    before = (yield { op: 'stat' }) as Stats;
  } catch (err) {
    throw notFound(fsPath, err);
  }
  refuseSpecial(fsPath, before);
  try {
    yield { op: 'open' };
  } catch (err) {
    throw notFound(fsPath, err);
  }
  try {
    const opened = (yield { op: 'fstat' }) as Stats;
    refuseSpecial(fsPath, opened); // the path may have been swapped between stat and open
    const limit = Math.max(0, maxBytes);
    const cap = whole ? limit + 1 : limit; // one byte more tells "ends within the limit" from "goes on"
    const chunks: Buffer[] = [];
    let filled = 0;
    while (filled < cap) {
      // The size is a hint only (0 for /proc files, stale for a growing file): the cap is what bounds the read.
      const chunk = Buffer.allocUnsafe(Math.min(cap - filled, Math.max(CHUNK, opened.size - filled + 1)));
      const bytesRead = (yield { op: 'read', buffer: chunk, position: filled }) as number;
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
  }
}

/**
 * The first `maxBytes` bytes of the regular file at `fsPath` (fewer at its end). With `whole`, the file must end
 * within `maxBytes`, else `too-large`. Throws NotReadable for anything else; never blocks on a special file.
 */
export async function readRegular(fsPath: string, maxBytes: number, whole = false): Promise<Buffer> {
  const steps = readSteps(fsPath, maxBytes, whole);
  let handle: FileHandle | undefined;
  try {
    let next = steps.next();
    while (!next.done) {
      const step = next.value;
      let result: unknown;
      try {
        if (step.op === 'stat') result = await stat(fsPath);
        else if (step.op === 'open') handle = await open(fsPath, OPEN_FLAGS);
        else if (step.op === 'fstat') result = await handle!.stat();
        else result = (await handle!.read(step.buffer, 0, step.buffer.length, step.position)).bytesRead;
      } catch (err) {
        next = steps.throw(err);
        continue;
      }
      next = steps.next(result);
    }
    return next.value;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * `readRegular` with blocking calls, for a process that does nothing else meanwhile (`liftoff validate` and its
 * workers: several times faster per file than the asynchronous calls' round trips). The same contract: only regular
 * files, a FIFO opened non-blocking and refused, every read bounded. Never in the language server.
 */
export function readRegularSync(fsPath: string, maxBytes: number, whole = false): Buffer {
  const steps = readSteps(fsPath, maxBytes, whole);
  let fd: number | undefined;
  try {
    let next = steps.next();
    while (!next.done) {
      const step = next.value;
      let result: unknown;
      try {
        if (step.op === 'stat') result = statSync(fsPath);
        else if (step.op === 'open') fd = openSync(fsPath, OPEN_FLAGS);
        else if (step.op === 'fstat') result = fstatSync(fd!);
        else result = readSync(fd!, step.buffer, 0, step.buffer.length, step.position);
      } catch (err) {
        next = steps.throw(err);
        continue;
      }
      next = steps.next(result);
    }
    return next.value;
  } finally {
    if (fd !== undefined) closeSync(fd);
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
