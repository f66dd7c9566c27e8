import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { RUNS_DIR } from './history';
import type { RunRecord } from './run-record';

export interface RunHandle { readonly dir: string; readonly record: RunRecord }

/** A run id that sorts by time and never collides: `20261122-193102-4f2a`. */
export function newRunId(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${stamp}-${Math.random().toString(16).slice(2, 6)}`;
}

/** Folder names must stay inside `.liftoff/runs`: keep letters, digits, `.`, `_`, `-`. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return cleaned || 'experiment';
}

/**
 * Runs live in `<workspace>/.liftoff/runs/<experiment>/<run-id>/`: run.json, config.yaml (the snapshot the run used),
 * stdout.log, metrics.jsonl and artifacts/.
 */
export class RunStore {
  constructor(readonly workspace: string) {}

  get root(): string { return path.join(this.workspace, RUNS_DIR); }

  async create(init: Omit<RunRecord, 'id' | 'files' | 'createdAt' | 'startedAt' | 'state'>, configText: string): Promise<RunHandle> {
    const id = newRunId();
    const dir = path.join(this.root, safeName(init.experiment), id);
    await mkdir(path.join(dir, 'artifacts'), { recursive: true });
    const files = { config: 'config.yaml', stdout: 'stdout.log', metrics: 'metrics.jsonl', artifacts: 'artifacts' };
    await writeFile(path.join(dir, files.config), configText);
    await writeFile(path.join(dir, files.stdout), '');
    await writeFile(path.join(dir, files.metrics), '');
    const now = new Date().toISOString();
    const record: RunRecord = { ...init, id, files, createdAt: now, startedAt: now, state: 'queued' };
    await writeFileAtomic(path.join(dir, 'run.json'), JSON.stringify(record, null, 2));
    return { dir, record };
  }

  /** Applies `patch` to run.json atomically and returns the new record. */
  async update(dir: string, patch: Partial<RunRecord>): Promise<RunRecord> {
    const current = await RunStore.read(dir);
    if (!current) throw new Error(`no readable run.json in ${dir}`);
    const next = { ...current, ...patch };
    await writeFileAtomic(path.join(dir, 'run.json'), JSON.stringify(next, null, 2));
    return next;
  }

  static async read(dir: string): Promise<RunRecord | undefined> {
    try {
      const data = JSON.parse(await readFile(path.join(dir, 'run.json'), 'utf8')) as RunRecord;
      return typeof data?.id === 'string' && typeof data.state === 'string' ? data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Every readable run, newest first; unreadable folders are skipped (an interrupted create leaves no run.json). */
  async list(experiment?: string): Promise<RunHandle[]> {
    const experiments = experiment ? [safeName(experiment)] : await dirs(this.root);
    const out: RunHandle[] = [];
    for (const exp of experiments) {
      for (const id of await dirs(path.join(this.root, exp))) {
        const dir = path.join(this.root, exp, id);
        const record = await RunStore.read(dir);
        if (record) out.push({ dir, record });
      }
    }
    return out.sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt) || b.record.id.localeCompare(a.record.id));
  }

  async delete(dir: string): Promise<void> {
    if (!path.resolve(dir).startsWith(path.resolve(this.root) + path.sep)) throw new Error(`${dir} is not a run folder of ${this.root}`);
    await rm(dir, { recursive: true, force: true });
  }
}

async function dirs(parent: string): Promise<string[]> {
  try {
    return (await readdir(parent, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return [];
  }
}
