/**
 * What was made from a small file (an experiment's settings), kept while the file is unchanged: a repeated lookup costs
 * one `stat` instead of a read and a parse. A file counts as unchanged when its device, inode, size, modification and
 * change times are the same. Timestamps are coarse (a kernel tick; whole seconds on some file systems), so two writes
 * of the same size in one tick look alike: like Git's "racily clean" entries, an entry read within `racyMs` of the
 * file's last change is never trusted again and the file is read anew until it has been still for that long.
 * Bounded: the least recently used entries go first.
 */
import { statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';

interface Entry<T> {
  readonly key: string;
  readonly value: T;
  /** False when the file changed within `racyMs` before it was read: a same-size write in that tick goes unseen. */
  readonly trusted: boolean;
}

export interface FileMemoOptions {
  /** How many files are remembered (least recently used first out). Default 256. */
  readonly max?: number;
  /** Files larger than this are not read: `load` is not called and the answer is undefined. Default 4 MiB. */
  readonly maxBytes?: number;
  /** How long a file must have been still when it was read for its entry to be reused. Default 2,000 ms. */
  readonly racyMs?: number;
  /** The clock (tests). */
  readonly now?: () => number;
}

const identity = (s: Stats) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

export class FileMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly max: number;
  private readonly maxBytes: number;
  private readonly racyMs: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (text: string, file: string) => T,
    options: FileMemoOptions = {},
  ) {
    this.max = Math.max(1, options.max ?? 256);
    this.maxBytes = options.maxBytes ?? 4 * 2 ** 20;
    this.racyMs = options.racyMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * `load` of the file's text, or the remembered answer when the file is unchanged. Undefined when the file is
   * missing, not a regular file (a folder, a FIFO that a read would wait on forever), larger than `maxBytes` or
   * unreadable. What `load` throws is thrown (and nothing is remembered).
   */
  async get(file: string): Promise<T | undefined> {
    let st: Stats | undefined;
    try {
      st = statSync(file, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    if (!st?.isFile() || st.size > this.maxBytes) {
      this.entries.delete(file);
      return undefined;
    }
    const key = identity(st);
    const hit = this.entries.get(file);
    if (hit?.key === key && hit.trusted) {
      // Most recently used last: the Map's order is the eviction order.
      this.entries.delete(file);
      this.entries.set(file, hit);
      return hit.value;
    }
    const readAt = this.now();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      this.entries.delete(file);
      return undefined;
    }
    const value = this.load(text, file);
    // The key is the stat taken before the read: a write during the read changes it, so the next call reads again.
    const still = Math.min(readAt - st.mtimeMs, readAt - st.ctimeMs);
    this.entries.delete(file);
    this.entries.set(file, { key, value, trusted: still >= this.racyMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Forgets every file (tests; a workspace closed). */
  clear(): void {
    this.entries.clear();
  }

  /** How many files are remembered. */
  get size(): number {
    return this.entries.size;
  }
}
