import { phrase, t } from '../../core/src/l10n';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { JOB_EXIT_MARKER, observedRecord } from '../../core/src/launchers';
import {
  FINISHED_STATES,
  RunLogReader,
  RunStore,
  entryShown,
  formatTimelineEntry,
  type RunHandle,
  type StreamChoice,
  type TimelineEntry,
} from '../../core/src/runs';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';

const USAGE =
  'Usage: liftoff runs log <run-id> [--follow] [--stream stdout|stderr|both] [--workspace DIR] [--format text|json]';

export interface RunsLogOptions {
  /** How often --follow looks for new output (default 250 ms). */
  readonly pollMs?: number;
}

/**
 * `liftoff runs log <run-id> [--follow] [--stream stdout|stderr|both] [--format text|json]`: a run's stdout and stderr
 * interleaved with its state changes, each line with the time it arrived (UTC) — core's RunLogReader, the reader of
 * "Liftoff: Show Run Timeline". `--stream` shows one log; `--follow` keeps printing until the run ends. Read-only.
 */
export async function runRunsLog(argv: readonly string[], io: Io, o: RunsLogOptions = {}): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, {
      workspace: 'string',
      follow: 'boolean',
      stream: ['stdout', 'stderr', 'both'],
      format: ['text', 'json'],
    });
    if (args.positionals.length !== 1)
      throw new UsageError(
        args.positionals.length
          ? phrase("unexpected argument '{0}'", String(args.positionals[1]))
          : phrase('which run?'),
      );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff runs log: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}\n`);
    return 2;
  }
  const id = args.positionals[0]!;
  const stream = (args.options.get('stream') ?? 'both') as StreamChoice;
  const json = args.options.get('format') === 'json';
  const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace') });
  io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
  const runs = await new RunStore(found.dir).list();
  // The id as `liftoff runs` prints it, or its unique beginning.
  const exact = runs.find((r) => r.record.id === id);
  const matches = exact ? [exact] : runs.filter((r) => r.record.id.startsWith(id));
  if (matches.length !== 1) {
    io.err(
      `liftoff runs log: ${
        matches.length === 0
          ? t(
              io.locale,
              "no run '{0}' in {1}; `liftoff runs` lists them",
              id,
              path.relative(io.cwd, new RunStore(found.dir).root) || '.',
            )
          : t(
              io.locale,
              "'{0}' is the beginning of {1} run ids ({2}); give more of it",
              id,
              matches.length,
              `${matches
                .slice(0, 5)
                .map((r) => r.record.id)
                .join(', ')}${matches.length > 5 ? ', …' : ''}`,
            )
      }\n`,
    );
    return 1;
  }
  const run = matches[0]!;
  const reader = new RunLogReader(run);
  const print = (entries: readonly TimelineEntry[]) => {
    for (const e of entries) {
      if (!entryShown(e, stream)) continue;
      io.out(
        json
          ? JSON.stringify(e) + '\n'
          : formatTimelineEntry(e, { streamColumn: stream === 'both', locale: io.locale }) + '\n',
      );
    }
  };
  if (args.options.get('follow') !== 'true') {
    print(reader.read({ final: true }));
    return 0;
  }
  const pollMs = o.pollMs ?? 250;
  for (;;) {
    const ended = await hasEnded(run);
    print(reader.read({ final: ended }));
    if (ended) return 0;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * Whether the run has ended, as a reader sees it (nothing is written): run.json says so, or would once its runner's
 * hand-over happens (`observedRecord`), or a Slurm job's script has written its exit code.
 */
async function hasEnded(run: RunHandle): Promise<boolean> {
  const now = await RunStore.read(run.dir);
  if (!now) return true;
  if (FINISHED_STATES.has((await observedRecord({ dir: run.dir, record: now })).state)) return true;
  return now.launcher === 'slurm' && existsSync(path.join(run.dir, JOB_EXIT_MARKER));
}
