import * as path from 'node:path';
import { readRunFile } from '../runs/safe-read';
import { say } from '../l10n';
import { reasonCode, reasonPhrase, type RunReasonCode } from '../runs/run-reason';

/** Written into the run folder by the exit recorder when the command ends: its exit status, one line. */
export const EXIT_MARKER = 'exit-status';

/**
 * The local launcher does not start the command itself but a small POSIX shell that runs it, waits, and writes its
 * exit status to the run folder (atomically: temporary file, then rename). The shell leads the run's process group
 * and does not depend on the runner: if the runner (or the whole editor) is killed, the command goes on and its real
 * exit status is still recorded, so re-attaching later records the true end instead of "unknown".
 *
 * A trapped (not ignored) TERM/INT/HUP keeps the shell alive while a Stop ends the command (children get the default
 * dispositions back), so a stopped command's status is recorded too. `$0` is the marker path; the command follows.
 */
const SCRIPT = 'trap : TERM INT HUP; "$@"; s=$?; printf \'%s\\n\' "$s" > "$0.tmp" && mv -f "$0.tmp" "$0"; exit "$s"';

/** The argv that runs `argv` under the exit recorder; on Windows (no POSIX shell) the command as it is. */
export function withExitRecorder(argv: readonly string[], runDir: string, platform = process.platform): string[] {
  if (platform === 'win32') return [...argv];
  return ['/bin/sh', '-c', SCRIPT, path.join(runDir, EXIT_MARKER), ...argv];
}

/** The exit status the recorder wrote, or undefined when the command has not ended (or the recorder was killed). */
export async function readExitMarker(runDir: string): Promise<number | undefined> {
  const text = await readRunFile(path.join(runDir, EXIT_MARKER), 64);
  const m = /^(\d{1,3})\s*$/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Shell exit status 126/127 and 128+n, for people. */
export function describeExit(code: number, command: string): string {
  return say('en', reasonPhrase(exitReason(code, command)));
}

/** The same as a reason code (run.json's `reasonCode`). */
export function exitReason(code: number, command: string): RunReasonCode {
  if (code === 127) return reasonCode('command-not-found', command);
  if (code === 126) return reasonCode('command-not-executable', command);
  if (code > 128 && code < 160) return reasonCode('exit-code-signal', code, code - 128);
  return reasonCode('exit-code', code);
}
