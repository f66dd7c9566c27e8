/**
 * The runs of some stores, listed again and again (the metrics panel re-lists on every change the Runs view hears)
 * without reading every run's files each time: each run's record (run.json) and identity (run-meta.json) are read
 * once and kept with a stamp of the file (size, modification time, inode; an atomic rewrite is a new inode); a later
 * `list` stats the two files and reads again only those whose stamp changed. Listing N runs costs N folder entries
 * and 2N stats; reading is what changed since. Nothing here reads a run's metric files or config snapshot.
 */
import { lstat } from 'node:fs/promises';
import * as path from 'node:path';
import type { RunRecord } from './run-record';
import { readRunIdentity, RUN_IDENTITY_FILE, type RunIdentity } from './run-identity';
import { RunStore, type RunHandle } from './run-store';

/** A listed run with its identity (the user's name and notes; empty for most runs). */
export interface ListedRun extends RunHandle {
  readonly identity: RunIdentity;
}

/** What a listing does to the disk (a test counts it). */
export interface RunListingIo {
  /** The run folders of a store: folder entries only, no file read. */
  runDirs(store: RunStore): Promise<string[]>;
  /** A cheap fingerprint of a file (size, times, inode), undefined when it is missing. Not a read of its content. */
  stamp(file: string): Promise<string | undefined>;
  readRecord(dir: string): Promise<RunRecord | undefined>;
  readIdentity(dir: string): Promise<RunIdentity>;
}

export const FS_LISTING_IO: RunListingIo = {
  runDirs: (store) => store.runDirs(),
  stamp: async (file) => {
    const s = await lstat(file, { bigint: true }).catch(() => undefined);
    return s ? `${s.size}|${s.mtimeNs}|${s.ctimeNs}|${s.ino}` : undefined;
  },
  readRecord: (dir) => RunStore.read(dir),
  readIdentity: (dir) => readRunIdentity(dir),
};

interface Known {
  recordStamp: string | undefined;
  record: RunRecord | undefined;
  identityStamp: string | undefined;
  identity: RunIdentity;
}

/** Stats in flight at once (a thousand runs: enough to keep the disk busy, not a thousand open requests). */
const CONCURRENCY = 32;

export class RunListing {
  private readonly known = new Map<string, Known>();
  private readonly outside = new Map<string, { stamp: string | undefined; identity: RunIdentity }>();

  constructor(private readonly io: RunListingIo = FS_LISTING_IO) {}

  /** Every readable run of the stores, newest first (as `RunStore.list`), each file read only if it changed. */
  async list(stores: readonly RunStore[]): Promise<ListedRun[]> {
    const dirs = (await Promise.all(stores.map((s) => this.io.runDirs(s)))).flat();
    const seen = new Set(dirs);
    for (const dir of [...this.known.keys()]) if (!seen.has(dir)) this.known.delete(dir);
    const out: ListedRun[] = [];
    await each(dirs, async (dir) => {
      const k = await this.refresh(dir);
      if (k.record) out.push({ dir, record: k.record, identity: k.identity });
    });
    return out.sort(
      (a, b) => b.record.createdAt.localeCompare(a.record.createdAt) || b.record.id.localeCompare(a.record.id),
    );
  }

  /**
   * The identity of a run folder no store lists (a log folder opened from outside): read once, again only when its
   * run-meta.json changed.
   */
  async identity(dir: string): Promise<RunIdentity> {
    const stamp = await this.io.stamp(path.join(dir, RUN_IDENTITY_FILE));
    const held = this.outside.get(dir);
    if (held && held.stamp === stamp) return held.identity;
    const identity = stamp === undefined ? {} : await this.io.readIdentity(dir);
    this.outside.set(dir, { stamp, identity });
    return identity;
  }

  private async refresh(dir: string): Promise<Known> {
    const [recordStamp, identityStamp] = await Promise.all([
      this.io.stamp(path.join(dir, 'run.json')),
      this.io.stamp(path.join(dir, RUN_IDENTITY_FILE)),
    ]);
    const held = this.known.get(dir);
    const k: Known = held ?? { recordStamp: undefined, record: undefined, identityStamp: undefined, identity: {} };
    if (!held || k.recordStamp !== recordStamp) {
      k.record = recordStamp === undefined ? undefined : await this.io.readRecord(dir);
      k.recordStamp = recordStamp;
    }
    if (!held || k.identityStamp !== identityStamp) {
      k.identity = identityStamp === undefined ? {} : await this.io.readIdentity(dir);
      k.identityStamp = identityStamp;
    }
    this.known.set(dir, k);
    return k;
  }
}

async function each<T>(items: readonly T[], f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await f(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
