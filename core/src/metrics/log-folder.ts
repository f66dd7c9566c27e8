/**
 * Bring your own logs: a folder of TensorBoard event files, Lightning/Keras CSV logs or JSON lines that Liftoff did
 * not write, found as read-only runs (the metrics panel and `liftoff metrics <folder>` read them with the same feed
 * as Liftoff's own runs, core's RunFeed).
 *
 * A run is a folder that holds metric files itself (TensorBoard's rule: `logs/<run>/events.out.tfevents.*`,
 * Lightning's `lightning_logs/version_0/metrics.csv`, Keras' `logs/train` and `logs/validation`). Folders below a
 * run belong to it (the feed reads event and CSV files up to 4 levels under a run), so nothing is read twice.
 *
 * The folder is someone else's, so the walk is bounded and never follows a link: symbolic links (files or folders)
 * are skipped, as are hidden folders and node_modules; at most MAX_LOG_DEPTH levels, MAX_LOG_ENTRIES entries and
 * MAX_LOG_RUNS runs, and what was left out is said. Nothing is written.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { phrase, PhrasedError, say, type Phrase } from '../l10n';
import { DEFAULT_FILES, type RunRecord } from '../runs/run-record';
import { detectFormat, type MetricFormat } from './ingest';

export const MAX_LOG_DEPTH = 6;
export const MAX_LOG_ENTRIES = 20_000;
export const MAX_LOG_RUNS = 500;

/** A run found in a log folder: where, what it holds, and a record the run feed and the metrics panel can take. */
export interface LogFolderRun {
  /** The run's key: `<folder name>/<path inside it>` and a short hash of its real path (unique, stable). */
  readonly id: string;
  /** For people: the path inside the opened folder (`.` for the folder itself). */
  readonly name: string;
  readonly dir: string;
  readonly formats: readonly MetricFormat[];
  /** Metric files directly in the run folder (names). */
  readonly files: readonly string[];
  /** Files the feed will not read: it reads one JSON-lines file (the first by name), else the event and CSV files. */
  readonly unread: readonly string[];
  /** A run.json-shaped record: finished (read once), `reason` says it is read-only. Never written anywhere. */
  readonly record: RunRecord;
}

export interface LogFolderScan {
  readonly root: string;
  readonly runs: readonly LogFolderRun[];
  /** What the walk did not look at, for people (empty when it saw everything). */
  readonly skipped: readonly string[];
  /** The same as phrases, to say them in the reader's language. */
  readonly skippedPhrases: readonly Phrase[];
}

/** A name no run folder holds (so the feed finds no such file and reads the folder's event and CSV files). */
const NONE = '.liftoff-none';
/** Lightning writes the run's hyper-parameters here: shown as the run's config. */
const CONFIG_NAMES = ['hparams.yaml', 'config.yaml'];

/** Finds the runs under `folder`; throws (with what to do) when it is not a readable folder. */
export async function scanLogFolder(folder: string): Promise<LogFolderScan> {
  let root: string;
  try {
    root = await realpath(path.resolve(folder));
  } catch (err) {
    throw new PhrasedError(
      phrase(
        '{0} cannot be opened ({1}): choose a folder of log files',
        folder,
        (err as NodeJS.ErrnoException).code ?? String(err),
      ),
    );
  }
  const st = await lstat(root);
  if (!st.isDirectory())
    throw new PhrasedError(phrase('{0} is not a folder: choose the folder that holds the log files', folder));
  const runs: LogFolderRun[] = [];
  const skipped: Phrase[] = [];
  let entries = 0;
  let deep = 0;
  let links = 0;
  const queue: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
  // Breadth first: a run near the top is found before the entry budget runs out in a deep corner.
  while (queue.length) {
    const { dir, depth } = queue.shift()!;
    let list;
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      skipped.push(phrase('{0} (not readable)', rel(root, dir)));
      continue;
    }
    if (entries + list.length > MAX_LOG_ENTRIES) {
      skipped.push(
        phrase('{0} and what follows (more than {1} entries)', rel(root, dir), MAX_LOG_ENTRIES.toLocaleString('en-US')),
      );
      break;
    }
    entries += list.length;
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files: Array<{ name: string; format: MetricFormat }> = [];
    const subdirs: string[] = [];
    for (const e of list) {
      if (e.isSymbolicLink()) links++;
      else if (e.isFile()) {
        const format = detectFormat(e.name);
        if (format && format !== 'stdout') files.push({ name: e.name, format });
      } else if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') subdirs.push(e.name);
    }
    if (files.length) {
      if (runs.length >= MAX_LOG_RUNS) {
        skipped.push(phrase('runs after the first {0}', MAX_LOG_RUNS));
        break;
      }
      runs.push(await runOf(root, dir, files, new Set(list.filter((e) => e.isFile()).map((e) => e.name))));
      continue; // folders below a run are the run's
    }
    for (const s of subdirs) {
      if (depth + 1 > MAX_LOG_DEPTH) deep++;
      else queue.push({ dir: path.join(dir, s), depth: depth + 1 });
    }
  }
  if (deep)
    skipped.push(
      deep === 1
        ? phrase('1 folder deeper than {0} levels', MAX_LOG_DEPTH)
        : phrase('{0} folders deeper than {1} levels', deep, MAX_LOG_DEPTH),
    );
  if (links)
    skipped.push(
      links === 1 ? phrase('1 symbolic link (not followed)') : phrase('{0} symbolic links (not followed)', links),
    );
  runs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { root, runs, skipped: skipped.map((p) => say('en', p)), skippedPhrases: skipped };
}

function rel(root: string, dir: string): string {
  return path.relative(root, dir).split(path.sep).join('/') || '.';
}

async function runOf(
  root: string,
  dir: string,
  files: ReadonlyArray<{ name: string; format: MetricFormat }>,
  names: ReadonlySet<string>,
): Promise<LogFolderRun> {
  const name = rel(root, dir);
  const jsonl = files.filter((f) => f.format === 'jsonl').map((f) => f.name);
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 8);
  const label = `${path.basename(root) || 'logs'}${name === '.' ? '' : `/${name}`}`.slice(0, 200);
  // The files' times say when the run wrote: first write (oldest mtime) to last (newest).
  let first = Infinity;
  let last = -Infinity;
  for (const f of files) {
    const s = await lstat(path.join(dir, f.name)).catch(() => undefined);
    if (!s) continue;
    first = Math.min(first, s.birthtimeMs || s.mtimeMs, s.mtimeMs);
    last = Math.max(last, s.mtimeMs);
  }
  const iso = (ms: number) => new Date(Number.isFinite(ms) ? ms : 0).toISOString();
  const record: RunRecord = {
    id: `${label}#${hash}`,
    experiment: path.basename(root) || root,
    state: 'succeeded',
    reason: `read-only: logs not written by Liftoff, opened from ${root}`,
    launcher: 'local',
    createdAt: iso(first),
    startedAt: iso(first),
    endedAt: iso(last),
    command: [],
    cwd: dir,
    resources: { gpus: 0 },
    files: {
      ...DEFAULT_FILES,
      config: CONFIG_NAMES.find((c) => names.has(c)) ?? `${NONE}.yaml`,
      metrics: jsonl[0] ?? `${NONE}.jsonl`,
      stdout: `${NONE}.log`,
      stderr: `${NONE}.err`,
      artifacts: NONE,
    },
  };
  return {
    id: record.id,
    name,
    dir,
    formats: [...new Set(files.map((f) => f.format))],
    files: files.map((f) => f.name),
    // The feed reads one JSON-lines file, and event or CSV files only when there is none.
    unread: jsonl.length ? [...jsonl.slice(1), ...files.filter((f) => f.format !== 'jsonl').map((f) => f.name)] : [],
    record,
  };
}
