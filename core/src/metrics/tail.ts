/**
 * Incremental reading of a file that another process appends to. Each read takes the bytes from the last offset up to
 * the size seen when it started (a file that keeps growing never stalls a read: the rest is the next read's), in
 * chunks. A file that shrank, was replaced (another inode) or whose first bytes changed (rewritten in place, e.g. a
 * CSV whose header grew) is read again from 0, and the first chunk says `reset`.
 *
 * Only regular files are read: a FIFO, device or socket at the path is an error (`NotRegularFileError`), never a read
 * that blocks or never ends (`/dev/zero`).
 *
 * `watch` reads on `fs.watch` events for the file (its folder is watched, so a file created later is seen; a folder
 * created later is watched once it exists) and polls as a fallback (every 50 ms by default), one read at a time.
 */
import { constants, watch as fsWatch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface TailChunk {
  /** From `readChunks`/`watch`: valid during the callback only (the next chunk reuses the buffer), copy what you keep. */
  readonly data: Buffer;
  /** File offset of `data[0]`. */
  readonly from: number;
  /** Where this read stops (the size seen when it began): `from + data.length === end` on its last chunk. */
  readonly end: number;
  /** The file was truncated, replaced or rewritten: everything read before is void, `data` starts at 0. */
  readonly reset: boolean;
}

export interface TailOptions {
  /** Largest chunk handed over at once (default 4 MiB). */
  readonly chunkBytes?: number;
}

export interface WatchOptions {
  /** Poll interval, the latency bound when `fs.watch` says nothing (default 50 ms). */
  readonly pollMs?: number;
  /** Also read on `fs.watch` events (default true). Off for network file systems, where they never come. */
  readonly fsWatch?: boolean;
  /** Errors other than a missing file (default: ignored, the next poll tries again). */
  readonly onError?: (err: unknown) => void;
}

export interface TailWatcher {
  close(): void;
  /** Resolves when no read is running or pending (tests, benches). */
  idle(): Promise<void>;
}

/** The path names something other than a regular file (a FIFO, a device, a folder): it is not read. */
export class NotRegularFileError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a regular file: not read`);
    this.name = 'NotRegularFileError';
  }
}

/** How many leading bytes are compared on each read to notice a rewrite, unless a reader sets its own signature. */
const AUTO_SIGNATURE = 64;

export class Tail {
  /** Next byte to read. */
  private pos = 0;
  private ino = 0;
  private lastSize = -1;
  private lastMtime = -1;
  /** First bytes of the file as read; a read that finds them changed starts over. */
  private signature: Buffer = Buffer.alloc(0);
  private fixedSignature = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly chunkBytes: number;
  resets = 0;

  constructor(
    readonly path: string,
    options: TailOptions = {},
  ) {
    this.chunkBytes = Math.max(options.chunkBytes ?? 4 * 1024 * 1024, 1);
  }

  get offset(): number {
    return this.pos;
  }

  /**
   * Bytes the file must keep starting with (a CSV header line with its line end); other bytes there mean the file
   * was rewritten. Undefined: back to comparing the first 64 bytes.
   */
  setSignature(bytes: Buffer | undefined): void {
    this.fixedSignature = bytes !== undefined;
    this.signature = bytes ? Buffer.from(bytes) : Buffer.alloc(0);
  }

  /** Everything new, as one buffer (empty when nothing is). */
  async read(): Promise<TailChunk> {
    const parts: Buffer[] = [];
    let from = -1;
    let reset = false;
    await this.readChunks((c) => {
      if (c.reset) {
        parts.length = 0;
        reset = true;
        from = 0;
      }
      if (from < 0) from = c.from;
      parts.push(Buffer.from(c.data));
    });
    return {
      data: parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts),
      from: from < 0 ? this.pos : from,
      end: this.pos,
      reset,
    };
  }

  /** Reads what is new, handing it over chunk by chunk; resolves with the number of bytes read. Reads never overlap. */
  readChunks(onChunk: (chunk: TailChunk) => void): Promise<number> {
    const run = this.queue.then(() => this.readNow(onChunk));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads on changes until closed; `onData` gets every chunk (an exception there goes to `onError`). */
  watch(onData: (chunk: TailChunk) => void, options: WatchOptions = {}): TailWatcher {
    const onError = options.onError ?? (() => undefined);
    let closed = false;
    let running: Promise<void> | undefined;
    let again = false;
    const schedule = (): void => {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          try {
            await this.readChunks((c) => {
              if (!closed) onData(c);
            });
          } catch (err) {
            onError(err);
          }
        } while (again && !closed);
      })().finally(() => {
        running = undefined;
      });
    };
    let watcher: FSWatcher | undefined;
    const base = path.basename(this.path);
    const pollMs = Math.max(1, options.pollMs ?? 50);
    let nextWatchTry = 0;
    const ensureWatcher = (): void => {
      if (watcher || closed || options.fsWatch === false || Date.now() < nextWatchTry) return;
      try {
        const w = fsWatch(path.dirname(this.path), (_event, name) => {
          if (!name || name.toString() === base) schedule();
        });
        w.on('error', () => {
          w.close();
          if (watcher === w) watcher = undefined;
        });
        watcher = w;
      } catch {
        nextWatchTry = Date.now() + 1000; // no such folder yet, or no watch support: polling does it meanwhile
      }
    };
    ensureWatcher();
    const timer = setInterval(() => {
      ensureWatcher();
      schedule();
    }, pollMs);
    schedule();
    return {
      close: () => {
        closed = true;
        clearInterval(timer);
        watcher?.close();
      },
      idle: async () => {
        while (running) await running;
      },
    };
  }

  private async readNow(onChunk: (chunk: TailChunk) => void): Promise<number> {
    let st;
    try {
      st = await stat(this.path);
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    if (!st.isFile()) throw new NotRegularFileError(this.path);
    // Unchanged since the last read: no need to open it.
    if (st.size === this.lastSize && st.mtimeMs === this.lastMtime && st.ino === this.ino && st.size === this.pos)
      return 0;
    let fh;
    try {
      // Non-blocking: a FIFO swapped in after the stat above must not hold the open; the fstat below refuses it.
      fh = await open(this.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    try {
      const fst = await fh.stat();
      if (!fst.isFile()) throw new NotRegularFileError(this.path);
      const size = fst.size;
      let reset = false;
      if ((this.ino !== 0 && fst.ino !== 0 && fst.ino !== this.ino) || size < this.pos) {
        reset = true;
      } else if (this.signature.length > 0 && this.pos > 0) {
        const n = this.signature.length;
        const head = Buffer.allocUnsafe(n);
        const got = await readFully(fh, head, 0, n, 0);
        if (got < n || !head.equals(this.signature)) reset = true;
      }
      if (reset) {
        this.pos = 0;
        this.resets++;
        this.signature = Buffer.alloc(0);
        this.fixedSignature = false;
      }
      this.ino = fst.ino;
      this.lastSize = size;
      this.lastMtime = fst.mtimeMs;
      const target = size; // what was there when we looked; later bytes are the next read's
      let total = 0;
      if (reset && this.pos === target) onChunk({ data: Buffer.alloc(0), from: 0, end: target, reset: true });
      // One buffer for all the chunks of this read (fresh memory for each would cost page faults), lent from the
      // spare ones and given back after it (a thousand finished runs read in a row reuse a few buffers).
      let scratch: Buffer | undefined;
      try {
        while (this.pos < target) {
          const n = Math.min(this.chunkBytes, target - this.pos);
          const buf =
            n < 65536 ? Buffer.allocUnsafe(n) : (scratch ??= borrow(Math.min(this.chunkBytes, target - this.pos)));
          const got = await readFully(fh, buf, 0, n, this.pos);
          if (got === 0) break; // shrank while we read: the next read notices
          const data = got === buf.length ? buf : buf.subarray(0, got);
          const from = this.pos;
          if (!this.fixedSignature && from < AUTO_SIGNATURE && from === this.signature.length) {
            this.signature = Buffer.concat([this.signature, data.subarray(0, AUTO_SIGNATURE - from)]);
          }
          this.pos += got;
          total += got;
          onChunk({ data, from, end: target, reset });
          reset = false;
        }
      } finally {
        if (scratch) giveBack(scratch);
      }
      return total;
    } finally {
      await fh.close();
    }
  }
}

/** Read buffers given back, for the next reads: at most SPARE_COUNT of them, none over SPARE_MAX_BYTES. */
const spare: Buffer[] = [];
const SPARE_COUNT = 4;
const SPARE_MAX_BYTES = 4 * 1024 * 1024;

/** A buffer of `n` bytes (contents undefined): a spare one's start when one is large enough, else a new one. */
function borrow(n: number): Buffer {
  const k = spare.findIndex((b) => b.length >= n);
  if (k < 0) return Buffer.allocUnsafe(n);
  const b = spare.splice(k, 1)[0] as Buffer;
  return b.length === n ? b : b.subarray(0, n);
}

/** A borrowed buffer is no longer used (its chunks were valid during their callbacks only). */
function giveBack(b: Buffer): void {
  // The whole allocation behind a view, so a smaller read's buffer may serve a larger one later.
  const whole = b.byteOffset === 0 && b.buffer.byteLength <= SPARE_MAX_BYTES ? Buffer.from(b.buffer) : undefined;
  if (!whole || whole.length < 65536 || spare.includes(whole)) return;
  if (spare.length >= SPARE_COUNT) {
    // Keep the larger ones.
    let min = 0;
    for (let k = 1; k < spare.length; k++) if ((spare[k] as Buffer).length < (spare[min] as Buffer).length) min = k;
    if ((spare[min] as Buffer).length >= whole.length) return;
    spare.splice(min, 1);
  }
  spare.push(whole);
}

async function readFully(
  fh: import('node:fs/promises').FileHandle,
  buf: Buffer,
  off: number,
  len: number,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(buf, off + done, len - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
