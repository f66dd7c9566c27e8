import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { shellQuote } from './shell-quote';
import { phrase, say, type Phrase } from '../../l10n';

/** What one Slurm command returned. `error` is set when it could not be started at all (ENOENT, timeout). */
export interface SlurmResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: 'ENOENT' | 'timeout' | string;
  /** With ENOENT: the program that was not found (the prefix's first word when there is a prefix). */
  readonly missing?: string;
}

export interface SlurmCallOptions {
  /** Written to the command's stdin (the sbatch script). */
  readonly input?: string;
  /** Default 30 s: a login node under load can be slow, a hung ssh must not hang Liftoff. */
  readonly timeoutMs?: number;
}

/**
 * Runs one Slurm command (`sbatch`, `squeue`, `scontrol`, `scancel`, `sinfo`, …) and resolves with its output; never
 * rejects. Every Slurm call of Liftoff goes through one of these, so tests inject fakes and the bench counts calls.
 */
export type SlurmRunner = (argv: readonly string[], options?: SlurmCallOptions) => Promise<SlurmResult>;

export interface RunnerOptions {
  /**
   * `liftoff.slurm.commandPrefix`: the argv that reaches the cluster, e.g. `["ssh", "login.cluster"]`; empty or absent:
   * the commands run on this machine (VS Code on a login node, or Remote-SSH).
   */
  readonly commandPrefix?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Hears every call before it starts (the bench counts them). */
  readonly onCall?: (argv: readonly string[]) => void;
}

/**
 * The argv actually spawned for `argv` behind `prefix`. ssh hands its arguments to the remote login shell as one
 * string, so behind ssh each word is shell-quoted; other prefixes (`sudo -u`, `docker exec`, …) get the words as they are.
 */
export function prefixedCommand(prefix: readonly string[], argv: readonly string[]): string[] {
  if (prefix.length === 0) return [...argv];
  const viaSsh = prefix.some((w) => /^(ssh|autossh)$/.test(path.basename(w)));
  return [...prefix, ...(viaSsh ? argv.map(shellQuote) : argv)];
}

export function createSlurmRunner(options: RunnerOptions = {}): SlurmRunner {
  const prefix = options.commandPrefix ?? [];
  return (argv, call = {}) => {
    options.onCall?.(argv);
    const full = prefixedCommand(prefix, argv);
    return new Promise<SlurmResult>((resolve) => {
      let stdout = '';
      let stderr = '';
      let settled = false;
      const finish = (r: SlurmResult) => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(r);
        }
      };
      const child = spawn(full[0]!, full.slice(1), {
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish({ code: null, stdout, stderr, error: 'timeout' });
      }, call.timeoutMs ?? 30_000);
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        stdout += c;
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        stderr += c;
      });
      child.once('error', (err: NodeJS.ErrnoException) =>
        finish({
          code: null,
          stdout,
          stderr,
          error: err.code ?? err.message,
          ...(err.code === 'ENOENT' && { missing: full[0] }),
        }),
      );
      child.once('close', (code) => finish({ code, stdout, stderr }));
      child.stdin.on('error', () => undefined); // a command that exits without reading its input
      child.stdin.end(call.input ?? '');
    });
  };
}

/** A one-line account of a failed call, for messages: the tool's own words first. */
export function describeFailure(argv: readonly string[], r: SlurmResult, prefix: readonly string[] = []): string {
  return say('en', failurePhrase(argv, r, prefix));
}

/** describeFailure as a phrase (said in the reader's language); Slurm's own words, when it printed any, as they are. */
export function failurePhrase(
  argv: readonly string[],
  r: SlurmResult,
  prefix: readonly string[] = [],
): Phrase | string {
  const tool = prefix.length ? `${prefix.join(' ')} ${argv[0]}` : (argv[0] ?? '');
  if (r.error === 'ENOENT') {
    if (!prefix.length && r.missing && r.missing !== argv[0])
      return phrase('`{0}` was not found on this machine (liftoff.slurm.commandPrefix).', r.missing);
    return prefix.length
      ? phrase('`{0}` was not found on this machine (liftoff.slurm.commandPrefix).', prefix[0]!)
      : phrase(
          '`{0}` was not found: install the Slurm client tools here, or set liftoff.slurm.commandPrefix (e.g. ["ssh", "login.cluster"]) to reach a login node.',
          argv[0] ?? '',
        );
  }
  if (r.error === 'timeout') return phrase('`{0}` did not answer in time.', tool);
  if (r.error) return phrase('`{0}` could not start: {1}.', tool, r.error);
  const text = r.stderr.trim() || r.stdout.trim();
  return text || phrase('`{0}` exited with code {1}.', tool, String(r.code));
}
