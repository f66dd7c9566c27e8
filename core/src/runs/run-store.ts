import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { phrase, PhrasedError } from '../l10n';
import { writeFileAtomic } from './atomic-write';
import { appendTimeline } from './timeline';
import { checkRecord, isInside } from './record-check';
import { DEFAULT_FILES, type RunRecord } from './run-record';
import { readRunFile } from './safe-read';

export interface RunHandle {
  readonly dir: string;
  readonly record: RunRecord;
}

/** Where runs live under a workspace folder. */
export const RUNS_DIR = path.join('.liftoff', 'runs');

/**
 * A run id that sorts by time and cannot be guessed or collide: `20261122-193102-` and 64 random bits in hex.
 * (Ids name folders other tools may open; 16 bits collided in practice and were guessable.)
 */
export function newRunId(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${randomBytes(8).toString('hex')}`;
}

/** Folder names must stay inside `.liftoff/runs`: keep letters, digits, `.`, `_`, `-`. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned || 'experiment';
}

/**
 * Runs live in `<workspace>/.liftoff/runs/<experiment>/<run-id>/`: run.json, config.yaml (the snapshot the run used),
 * stdout.log, metrics.jsonl and artifacts/. This class is the only code that knows that layout — except run-meta.json,
 * the user's name and notes for the run, which run-identity.ts writes (not run.json: that has one writer, `update`).
 */
export class RunStore {
  constructor(readonly workspace: string) {}

  /** The store a run folder belongs to; throws when `dir` is not `<workspace>/.liftoff/runs/<experiment>/<id>`. */
  static ofRunDir(dir: string): RunStore {
    const abs = path.resolve(dir);
    const runs = path.dirname(path.dirname(abs));
    if (path.basename(runs) !== 'runs' || path.basename(path.dirname(runs)) !== '.liftoff') {
      throw new Error(`${dir} is not a Liftoff run folder (<workspace>/.liftoff/runs/<experiment>/<run-id>)`);
    }
    return new RunStore(path.dirname(path.dirname(runs)));
  }

  get root(): string {
    return path.join(this.workspace, RUNS_DIR);
  }

  /** A file of the run, by its role; run.json names files, record-check keeps them inside the run folder. */
  static file(run: RunHandle, role: keyof RunRecord['files']): string {
    return path.join(run.dir, run.record.files[role]);
  }

  /** `dir` of a run of this store (lexically): `<root>/<experiment>/<id>`. */
  holds(dir: string): boolean {
    const rel = path.relative(this.root, path.resolve(dir));
    return isInside(this.root, dir) && rel.split(path.sep).length === 2;
  }

  async create(
    init: Omit<RunRecord, 'id' | 'files' | 'createdAt' | 'startedAt' | 'state'>,
    configText: string,
    id = newRunId(),
  ): Promise<RunHandle> {
    const dir = path.join(this.root, safeName(init.experiment), id);
    await mkdir(path.join(dir, 'artifacts'), { recursive: true });
    // `.liftoff` or an experiment folder may be a symlink the repository committed: never write runs outside it.
    if (!isInside(await realpath(this.workspace), await realpath(dir))) {
      await rm(path.join(dir), { recursive: true, force: true }).catch(() => undefined);
      throw new Error(
        `${path.relative(this.workspace, path.dirname(dir))} leads outside the workspace (a symbolic link); remove it so runs stay in ${RUNS_DIR}`,
      );
    }
    const files = DEFAULT_FILES;
    await writeFile(path.join(dir, files.config), configText, { flag: 'wx' });
    await writeFile(path.join(dir, files.stdout), '', { flag: 'wx' });
    await writeFile(path.join(dir, files.stderr), '', { flag: 'wx' });
    await writeFile(path.join(dir, files.metrics), '', { flag: 'wx' });
    const now = new Date().toISOString();
    const record: RunRecord = { ...init, id, files, createdAt: now, startedAt: now, state: 'queued' };
    await writeFileAtomic(path.join(dir, 'run.json'), JSON.stringify(record, null, 2));
    appendTimeline(dir, [{ t: now, type: 'state', state: 'queued', ...(init.reason ? { reason: init.reason } : {}) }]);
    return { dir, record };
  }

  /**
   * Applies `patch` to run.json atomically and returns the new record. Only the run's owner calls this: its runner
   * while it lives, else whoever holds the hand-over (settle.ts), Slurm's tracker for Slurm runs.
   */
  async update(dir: string, patch: Partial<RunRecord>): Promise<RunRecord> {
    const current = await RunStore.read(dir);
    if (!current) throw new PhrasedError(phrase('no readable run.json in {0}', dir));
    const next = { ...current, ...patch };
    // A new reason without its code: the old code no longer says it.
    if ('reason' in patch && !('reasonCode' in patch)) delete (next as { reasonCode?: unknown }).reasonCode;
    await writeFileAtomic(path.join(dir, 'run.json'), JSON.stringify(next, null, 2));
    // The timeline's state changes come from the one writer of run.json, as run.json itself does.
    if (next.state !== current.state || next.reason !== current.reason)
      appendTimeline(dir, [
        {
          t: new Date().toISOString(),
          type: 'state',
          state: next.state,
          ...(next.reason !== undefined ? { reason: next.reason.slice(0, 1000) } : {}),
          ...(next.reason !== undefined && next.reasonCode && next.reason.length <= 1000
            ? { reasonCode: next.reasonCode }
            : {}),
        },
      ]);
    return next;
  }

  /** run.json as Liftoff may use it (see record-check.ts), or undefined when missing, not a file, or not a run. */
  static async read(dir: string): Promise<RunRecord | undefined> {
    const data = await RunStore.readJson(dir);
    if (data === undefined) return undefined;
    let workspace: string | undefined;
    try {
      workspace = RunStore.ofRunDir(dir).workspace;
    } catch {
      workspace = undefined;
    }
    return checkRecord(data, dir, workspace);
  }

  /** run.json parsed but not checked (bounded, no links, no FIFOs); for readers of single fields, like history. */
  static async readJson(dir: string): Promise<unknown> {
    const text = await readRunFile(path.join(dir, 'run.json'));
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Every readable run, newest first; unreadable folders are skipped (an interrupted create leaves no run.json). */
  async list(experiment?: string): Promise<RunHandle[]> {
    const out: RunHandle[] = [];
    for (const dir of await this.runDirs(experiment)) {
      const record = await RunStore.read(dir);
      if (record) out.push({ dir, record });
    }
    return out.sort(
      (a, b) => b.record.createdAt.localeCompare(a.record.createdAt) || b.record.id.localeCompare(a.record.id),
    );
  }

  /** The run folders of the store (of one experiment), real folders only, whether or not they hold a run.json. */
  async runDirs(experiment?: string): Promise<string[]> {
    if (!(await this.rootIsInWorkspace())) return [];
    const experiments = experiment ? [safeName(experiment)] : await dirs(this.root);
    const out: string[] = [];
    for (const exp of experiments)
      for (const id of await dirs(path.join(this.root, exp))) out.push(path.join(this.root, exp, id));
    return out;
  }

  /** False when `.liftoff` or `.liftoff/runs` is a link out of the workspace: such runs are not this workspace's. */
  private async rootIsInWorkspace(): Promise<boolean> {
    try {
      const [workspace, root] = await Promise.all([realpath(this.workspace), realpath(this.root)]);
      return isInside(workspace, root);
    } catch {
      return false;
    }
  }

  /**
   * Removes a run folder. Containment is checked on real paths: the folder itself must not be a symlink and must
   * resolve to `<root>/<experiment>/<id>` of this store, so a link can never make Delete remove something else.
   */
  async delete(dir: string): Promise<void> {
    const refuse = (why: string) => new Error(`${dir} is not a run folder of ${this.root}: ${why}`);
    if (!this.holds(dir)) throw refuse('it is not <experiment>/<run-id> under the runs folder');
    const st = await lstat(dir).catch(() => undefined);
    if (!st) return;
    if (!st.isDirectory()) throw refuse('it is a symbolic link or not a folder');
    const [root, real] = await Promise.all([realpath(this.root), realpath(dir)]);
    const rel = path.relative(root, real);
    if (!isInside(root, real) || rel.split(path.sep).length !== 2) throw refuse('it resolves outside the runs folder');
    // rm does not follow symlinks inside the folder: links are removed, not their targets.
    await rm(real, { recursive: true, force: true });
  }
}

async function dirs(parent: string): Promise<string[]> {
  try {
    // Symlinked folders are not directories here (Dirent does not follow links): they are skipped.
    return (await readdir(parent, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
