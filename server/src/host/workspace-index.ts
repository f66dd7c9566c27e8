/**
 * The workspace index: every Liftoff document of the workspace folders (kind, name, links, metric names), built by
 * one scan and then kept current from file-change events (the LSP client's watched-files notifications in the
 * server; the CLI scans once per run). Rules ask it for workspace-wide facts instead of the file system, so
 * validating one document costs the same in a workspace of 1 or 10,000 documents.
 *
 * Each update names the facts that changed (`nameFact`, `kindFact` of the service host), so the server
 * re-validates only the documents that asked about them.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { kindFact, nameFact, type WorkspaceDocument } from '../service/host';
import type { DocumentKind } from '../service/types';
import { readDocumentFacts } from './document-facts';
import { IGNORE_FILE, readIgnore, type IgnoreMatcher } from '../../../core/src/workspace';

export const INDEX_PATTERNS = ['**/*.experiment.yaml', '**/*.experiment.yml', '**/*.plan.yaml', '**/*.plan.yml'];
export const INDEX_IGNORE = ['**/node_modules/**', '**/.liftoff/**', '**/.git/**'];
const INDEXED_NAME = /\.(experiment|plan)\.ya?ml$/;
const IGNORED_SEGMENT = new Set(['node_modules', '.liftoff', '.git']);
/** Files read at once during a scan: enough to keep the disk busy, few enough to leave room for validations. */
const SCAN_CONCURRENCY = 16;

export interface FileChange {
  readonly fsPath: string;
  readonly type: 'created' | 'changed' | 'deleted';
}

export interface WorkspaceIndexOptions {
  /** true (the CLI, tests): queries wait for the first scan. false (the server): they answer with what is indexed so far. */
  readonly waitForScan?: boolean;
  /** Called when a scan finished, with the facts it changed (documents that asked about them may now differ). */
  readonly onScanned?: (facts: readonly string[]) => void;
  /**
   * The index as another process or thread scanned it (the CLI's validation workers): taken as the first scan, so
   * the workspace is read once per run, not once per worker.
   */
  readonly seed?: readonly WorkspaceDocument[];
  /** Reads one file's documents; replaced by tests that count file-system calls. */
  readonly read?: (file: string, folder: string | undefined) => Promise<WorkspaceDocument[]>;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, readonly WorkspaceDocument[]>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byKind = new Map<DocumentKind, Set<string>>();
  private scanning: Promise<void> | undefined;
  private inFlight = false;
  /** Files an event updated while a scan ran: the scan's older reading of them must not win. */
  private readonly touched = new Set<string>();
  private readonly read: (file: string, folder: string | undefined) => Promise<WorkspaceDocument[]>;
  /** Each folder's `.liftoffignore`, read again at every full scan and whenever an event says it changed. */
  private readonly ignores = new Map<string, IgnoreMatcher>();

  constructor(
    private readonly folders: readonly string[],
    private readonly options: WorkspaceIndexOptions = {},
  ) {
    this.read = options.read ?? readDocumentFacts;
    if (options.seed) {
      const byFile = new Map<string, WorkspaceDocument[]>();
      for (const d of options.seed) {
        const file = fsPathOf(d.uri);
        if (file) byFile.set(file, [...(byFile.get(file) ?? []), d]);
      }
      const ignored = new Set<string>();
      for (const [file, docs] of byFile) this.set(file, docs, ignored);
      this.scanning = Promise.resolve();
    }
  }

  /** Starts the first scan if none ran; resolves when the current scan is done. */
  ready(): Promise<void> {
    return this.scanning ?? this.rescan();
  }

  /** Scans every folder again (after an event that may have moved many files); the result replaces the index. */
  rescan(): Promise<void> {
    const scan = this.scanAll().then((facts) => {
      if (facts.length) this.options.onScanned?.(facts);
    });
    this.scanning = scan;
    return scan;
  }

  async documentsNamed(kind: DocumentKind, name: string): Promise<WorkspaceDocument[]> {
    await this.settled();
    return this.docsOf(this.byName.get(nameFact(kind, name))).filter((d) => d.kind === kind && d.name === name);
  }

  async documentsOfKind(kind: DocumentKind): Promise<WorkspaceDocument[]> {
    await this.settled();
    return this.docsOf(this.byKind.get(kind)).filter((d) => d.kind === kind);
  }

  async all(): Promise<WorkspaceDocument[]> {
    await this.settled();
    return this.docsOf(new Set(this.files.keys()));
  }

  /** Applies file-system events; resolves with the facts that changed. Paths outside the index's reach are ignored. */
  async update(changes: readonly FileChange[]): Promise<string[]> {
    const facts = new Set<string>();
    for (const change of changes) {
      const fsPath = path.normalize(change.fsPath);
      const ignoring = this.folders.find((f) => fsPath === path.join(f, IGNORE_FILE));
      if (ignoring !== undefined) {
        await this.ignoreChanged(ignoring, facts);
        continue;
      }
      if (this.inFlight) this.touched.add(fsPath);
      if (change.type === 'deleted') {
        for (const file of [...this.files.keys()])
          if (file === fsPath || file.startsWith(fsPath + path.sep)) this.set(file, [], facts);
        continue;
      }
      if (this.indexable(fsPath)) {
        this.set(fsPath, await this.read(fsPath, this.folderOf(fsPath)), facts);
      } else if (change.type === 'created' && this.folderOf(fsPath) && !this.ignored(fsPath)) {
        // A folder appeared (moved in, checked out): its files may come without events of their own.
        const info = await stat(fsPath).catch(() => undefined);
        if (info?.isDirectory())
          for (const file of await this.list(fsPath)) this.set(file, await this.read(file, this.folderOf(file)), facts);
      }
    }
    return [...facts];
  }

  /**
   * A folder's `.liftoffignore` was written, created or deleted: files it now leaves out go, files it no longer
   * leaves out come (read now; the ones still indexed are not read again).
   */
  private async ignoreChanged(folder: string, facts: Set<string>): Promise<void> {
    // A scan in flight read the old rules: let it finish, then correct what it found.
    if (this.inFlight) await this.scanning?.catch(() => undefined);
    this.ignores.set(folder, readIgnore(folder));
    for (const file of [...this.files.keys()])
      if (this.folderOf(file) === folder && this.ignored(file)) this.set(file, [], facts);
    for (const file of await this.list(folder))
      if (!this.files.has(file)) this.set(file, await this.read(file, folder), facts);
  }

  private async settled(): Promise<void> {
    if (this.options.waitForScan !== false) await this.ready();
    else if (!this.scanning) void this.ready();
  }

  private async scanAll(): Promise<string[]> {
    this.touched.clear();
    this.inFlight = true;
    for (const f of this.folders) this.ignores.set(f, readIgnore(f));
    const found = (await Promise.all(this.folders.map((f) => this.list(f)))).flat();
    const unique = [...new Set(found)].sort();
    const readings = new Map<string, readonly WorkspaceDocument[]>();
    let next = 0;
    const worker = async () => {
      while (next < unique.length) {
        const file = unique[next++]!;
        readings.set(file, await this.read(file, this.folderOf(file)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, unique.length) }, worker));
    const facts = new Set<string>();
    for (const file of [...this.files.keys()])
      if (!readings.has(file) && !this.touched.has(file)) this.set(file, [], facts);
    for (const [file, docs] of readings) if (!this.touched.has(file)) this.set(file, docs, facts);
    this.touched.clear();
    this.inFlight = false;
    return [...facts];
  }

  private async list(dir: string): Promise<string[]> {
    const files = await glob(INDEX_PATTERNS, { cwd: dir, absolute: true, ignore: INDEX_IGNORE }).catch(
      () => [] as string[],
    );
    return files.map((f) => path.normalize(f)).filter((f) => !this.ignored(f));
  }

  /** Replaces one file's documents, recording the facts that differ (a name or a kind gained or lost). */
  private set(file: string, docs: readonly WorkspaceDocument[], facts: Set<string>): void {
    const before = this.files.get(file) ?? [];
    if (docs.length === 0) this.files.delete(file);
    else this.files.set(file, docs);
    for (const d of before) {
      if (d.name !== undefined) this.byName.get(nameFact(d.kind, d.name))?.delete(file);
      this.byKind.get(d.kind)?.delete(file);
    }
    for (const d of docs) {
      if (d.name !== undefined) addTo(this.byName, nameFact(d.kind, d.name), file);
      addTo(this.byKind, d.kind, file);
    }
    const names = (list: readonly WorkspaceDocument[]) =>
      new Set(list.filter((d) => d.name !== undefined).map((d) => nameFact(d.kind, d.name!)));
    const kinds = (list: readonly WorkspaceDocument[]) => new Set(list.map((d) => kindFact(d.kind)));
    for (const [old, now] of [
      [names(before), names(docs)],
      [kinds(before), kinds(docs)],
    ] as const) {
      for (const f of old) if (!now.has(f)) facts.add(f);
      for (const f of now) if (!old.has(f)) facts.add(f);
    }
  }

  private docsOf(files: ReadonlySet<string> | undefined): WorkspaceDocument[] {
    return [...(files ?? [])].sort().flatMap((f) => this.files.get(f) ?? []);
  }

  private folderOf(fsPath: string): string | undefined {
    return this.folders.find((f) => fsPath.startsWith(f + path.sep));
  }

  private ignored(fsPath: string): boolean {
    const folder = this.folderOf(fsPath);
    if (!folder) return true;
    const rel = path.relative(folder, fsPath);
    return rel.split(path.sep).some((s) => IGNORED_SEGMENT.has(s)) || this.ignoreOf(folder)(rel);
  }

  private ignoreOf(folder: string): IgnoreMatcher {
    let m = this.ignores.get(folder);
    if (!m) this.ignores.set(folder, (m = readIgnore(folder)));
    return m;
  }

  private indexable(fsPath: string): boolean {
    return INDEXED_NAME.test(fsPath) && !this.ignored(fsPath);
  }
}

function fsPathOf(uri: string): string | undefined {
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function addTo<K>(map: Map<K, Set<string>>, key: K, file: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(file);
}
