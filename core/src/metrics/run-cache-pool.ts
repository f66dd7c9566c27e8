/**
 * What every open run cache shares: the verified chunks read (`ChunkCache`, a bounded LRU) and the open descriptors
 * (`HandlePool`, a bounded share of the open-files limit; a descriptor opened again must be the file its header was
 * read from).
 */
import { closeSync, readFileSync } from 'node:fs';

/**
 * The verified chunks of open caches, least recently used dropped first past `maxBytes` (every open cache of a
 * process shares one: memory for cached runs is bounded whatever their number).
 */
export class ChunkCache {
  private readonly map = new Map<string, Uint8Array>();
  private held = 0;
  constructor(readonly maxBytes = 64 * 1024 * 1024) {}
  get bytes(): number {
    return this.held;
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  get(key: string): Uint8Array | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: Uint8Array): void {
    const old = this.map.get(key);
    if (old) this.held -= old.byteLength;
    this.map.delete(key);
    this.map.set(key, v);
    this.held += v.byteLength;
    for (const [k, b] of this.map) {
      if (this.held <= this.maxBytes || k === key) break;
      this.map.delete(k);
      this.held -= b.byteLength;
    }
  }
  /** Drops every chunk whose key starts with `prefix` (a cache closed). */
  drop(prefix: string): void {
    for (const [k, b] of [...this.map]) {
      if (!k.startsWith(prefix)) continue;
      this.map.delete(k);
      this.held -= b.byteLength;
    }
  }
}

export const SHARED_CHUNKS = new ChunkCache();

/** What identifies the file a cache's header was read from: another file at the path is not that cache. */
export interface Stamp {
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Open descriptors of run caches, kept between queries: the least recently used is closed past `max` (one in use is
 * never closed). `max` is a share of the process's limit on open files, so caches never starve the rest of it.
 */
export class HandlePool {
  private readonly open = new Map<object, number>();
  constructor(readonly max = defaultMaxHandles()) {}
  get size(): number {
    return this.open.size;
  }
  /** The descriptor of `owner` (moved to most recently used), or undefined. */
  get(owner: object): number | undefined {
    const fd = this.open.get(owner);
    if (fd !== undefined) {
      this.open.delete(owner);
      this.open.set(owner, fd);
    }
    return fd;
  }
  /** Keeps `fd` for `owner`, closing the least recently used ones (not `busy`) past `max`. */
  add(owner: object, fd: number, busy?: (c: object) => boolean): void {
    this.release(owner);
    this.open.set(owner, fd);
    for (const [c, f] of this.open) {
      if (this.open.size <= this.max) break;
      if (c === owner || busy?.(c)) continue;
      this.open.delete(c);
      closeQuietly(f);
    }
  }
  /** Closes the descriptor of `owner`, if any. */
  release(owner: object): void {
    const fd = this.open.get(owner);
    if (fd === undefined) return;
    this.open.delete(owner);
    closeQuietly(fd);
  }
}

export function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    /* closed already */
  }
}

/** An eighth of the soft limit on open files (Linux: /proc/self/limits), between 32 and 2,048; else 128. */
function defaultMaxHandles(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (Number.isSafeInteger(soft) && soft > 0) return Math.max(32, Math.min(2048, Math.floor(soft / 8)));
  } catch {
    /* not Linux */
  }
  return 128;
}
