import type { FileInfo, ServiceHost } from './host';

/**
 * Wraps a host so that file contents are read once per modification time: each validation stats the file
 * (cheap) and re-reads only when its mtime or size changed. Records which paths each document depended on,
 * so the server can re-validate a document when one of them changes on disk.
 */
export class CachedHost implements ServiceHost {
  private readonly heads = new Map<string, { info: FileInfo; maxBytes: number; text: string | undefined }>();
  private readonly bytes = new Map<string, { info: FileInfo; data: Uint8Array | undefined }>();
  private readonly deps = new Map<string, Set<string>>();
  private current: Set<string> | undefined;

  constructor(private readonly inner: ServiceHost) {}

  /** Runs `fn` recording the paths it touches as dependencies of `uri`. */
  async tracking<T>(uri: string, fn: () => Promise<T>): Promise<T> {
    const set = new Set<string>();
    this.current = set;
    try {
      return await fn();
    } finally {
      this.deps.set(uri, set);
      if (this.current === set) this.current = undefined;
    }
  }

  /** Documents whose last validation read `fsPath`. */
  dependents(fsPath: string): string[] {
    return [...this.deps].filter(([, paths]) => paths.has(fsPath)).map(([uri]) => uri);
  }

  forget(uri: string): void { this.deps.delete(uri); }

  async stat(fsPath: string): Promise<FileInfo | undefined> {
    this.current?.add(fsPath);
    return this.inner.stat(fsPath);
  }

  async readHead(fsPath: string, maxBytes: number): Promise<string | undefined> {
    const info = await this.stat(fsPath);
    if (!info || info.isDirectory) return undefined;
    const hit = this.heads.get(fsPath);
    if (hit && same(hit.info, info) && hit.maxBytes >= maxBytes) return hit.text?.slice(0, maxBytes);
    const text = await this.inner.readHead(fsPath, maxBytes);
    this.heads.set(fsPath, { info, maxBytes, text });
    return text;
  }

  async readBytes(fsPath: string): Promise<Uint8Array | undefined> {
    const info = await this.stat(fsPath);
    if (!info || info.isDirectory) return undefined;
    const hit = this.bytes.get(fsPath);
    if (hit && same(hit.info, info)) return hit.data;
    const data = await this.inner.readBytes(fsPath);
    this.bytes.set(fsPath, { info, data });
    return data;
  }

  workspaceDocuments() { return this.inner.workspaceDocuments(); }
  gpus() { return this.inner.gpus(); }
  pastRuns(name: string) { return this.inner.pastRuns(name); }
  listDir(dirPath: string, limit: number) { this.current?.add(dirPath); return this.inner.listDir(dirPath, limit); }
}

function same(a: FileInfo, b: FileInfo): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}
