import { kindFact, nameFact, type FileInfo, type ServiceHost } from './host';
import type { DocumentKind } from './types';

/**
 * Wraps a host so that file contents are read once per modification time: each validation stats the file
 * (cheap) and re-reads only when its mtime or size changed. Records which paths and which workspace-index facts
 * (`nameFact`, `kindFact`) each document depended on, so the server re-validates a document only when one of them
 * changes.
 */
export class CachedHost implements ServiceHost {
  private readonly heads = new Map<string, { info: FileInfo; maxBytes: number; text: string | undefined }>();
  private readonly bytes = new Map<string, { info: FileInfo; data: Uint8Array | undefined }>();
  private readonly deps = new Map<string, Set<string>>();

  constructor(private readonly inner: ServiceHost) {}

  /**
   * A view of this host for one validation of `uri`: shares the caches and records the paths it touches as the
   * document's dependencies, in its own set, so validations running at the same time do not mix them up. Within the
   * view each path is stat'ed once (rules that stat a path and then read it share the answer): one validation sees
   * one state of each file, and waits for one file-system round trip per path, not one per question.
   */
  forDocument(uri: string): ServiceHost {
    const seen = new Set<string>();
    this.deps.set(uri, seen);
    const stats = new Map<string, Promise<FileInfo | undefined>>();
    const statOnce = (p: string): Promise<FileInfo | undefined> => {
      let s = stats.get(p);
      if (!s) {
        s = this.stat(p);
        stats.set(p, s);
      }
      return s;
    };
    return {
      stat: (p) => {
        seen.add(p);
        return statOnce(p);
      },
      readHead: (p, n) => {
        seen.add(p);
        return this.readHeadAfter(statOnce(p), p, n);
      },
      readBytes: (p) => {
        seen.add(p);
        return this.readBytesAfter(statOnce(p), p);
      },
      listDir: (p, n) => {
        seen.add(p);
        return this.listDir(p, n);
      },
      documentsNamed: (kind, name) => {
        seen.add(nameFact(kind, name));
        return this.documentsNamed(kind, name);
      },
      documentsOfKind: (kind) => {
        seen.add(kindFact(kind));
        return this.documentsOfKind(kind);
      },
      gpus: () => this.gpus(),
      pastRuns: (name) => this.pastRuns(name),
      slurmPartitions: () => this.slurmPartitions(),
      runSpend: (name, since) => this.runSpend(name, since),
    };
  }

  /** Documents whose last validation read `fsPathOrFact` (a path, or a workspace-index fact key). */
  dependents(fsPathOrFact: string): string[] {
    return [...this.deps].filter(([, keys]) => keys.has(fsPathOrFact)).map(([uri]) => uri);
  }

  forget(uri: string): void {
    this.deps.delete(uri);
  }

  async stat(fsPath: string): Promise<FileInfo | undefined> {
    return this.inner.stat(fsPath);
  }

  readHead(fsPath: string, maxBytes: number): Promise<string | undefined> {
    return this.readHeadAfter(this.stat(fsPath), fsPath, maxBytes);
  }

  private async readHeadAfter(
    stat: Promise<FileInfo | undefined>,
    fsPath: string,
    maxBytes: number,
  ): Promise<string | undefined> {
    const info = await stat;
    if (info?.type !== 'file') return undefined; // folders, FIFOs, sockets and devices are never read
    const hit = this.heads.get(fsPath);
    if (hit && same(hit.info, info) && hit.maxBytes >= maxBytes) return hit.text?.slice(0, maxBytes);
    const text = await this.inner.readHead(fsPath, maxBytes);
    this.heads.set(fsPath, { info, maxBytes, text });
    return text;
  }

  readBytes(fsPath: string): Promise<Uint8Array | undefined> {
    return this.readBytesAfter(this.stat(fsPath), fsPath);
  }

  private async readBytesAfter(stat: Promise<FileInfo | undefined>, fsPath: string): Promise<Uint8Array | undefined> {
    const info = await stat;
    if (info?.type !== 'file') return undefined;
    const hit = this.bytes.get(fsPath);
    if (hit && same(hit.info, info)) return hit.data;
    const data = await this.inner.readBytes(fsPath);
    this.bytes.set(fsPath, { info, data });
    return data;
  }

  documentsNamed(kind: DocumentKind, name: string) {
    return this.inner.documentsNamed(kind, name);
  }
  documentsOfKind(kind: DocumentKind) {
    return this.inner.documentsOfKind(kind);
  }
  gpus() {
    return this.inner.gpus();
  }
  pastRuns(name: string) {
    return this.inner.pastRuns(name);
  }
  listDir(dirPath: string, limit: number) {
    return this.inner.listDir(dirPath, limit);
  }
  async slurmPartitions() {
    return this.inner.slurmPartitions?.();
  }
  async runSpend(name: string, sinceMs: number) {
    return this.inner.runSpend?.(name, sinceMs);
  }
}

function same(a: FileInfo, b: FileInfo): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}
