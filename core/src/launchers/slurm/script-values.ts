import { phrase, type Phrase } from '../../l10n';
import { LaunchError } from '../launch-plan';
import { directiveQuote, shellQuote } from './shell-quote';

/**
 * Every value that enters a generated sbatch script passes one of these, whatever validation said before (schema
 * patterns can be switched off, Re-run and the CLI see other text): each either returns the text to write, or
 * throws a LaunchError that names the field, the character and what to do. Nothing is ever concatenated raw.
 */

const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
const CONTROL = /[\u0000-\u001f\u007f]/;

function describe(ch: string): string | Phrase {
  if (ch === '\n') return phrase('a line break');
  if (ch === '\r') return phrase('a carriage return');
  if (ch === '\0') return phrase('a NUL character');
  if (/[\u0000-\u001f\u007f]/.test(ch))
    return phrase('the control character U+{0}', ch.charCodeAt(0).toString(16).padStart(4, '0'));
  return `\`${ch}\``;
}

/** A field of the experiment (`run.command`) or a phrase that names what the value is (the run folder). */
type Field = string | Phrase;

const REMOVE_IT = phrase('remove it.');

function refuse(field: Field, value: string, ch: string, fix: string | Phrase): never {
  throw new LaunchError(
    phrase(
      '{0} {1} contains {2}, which would change the shape of the sbatch script Liftoff generates: {3}',
      field,
      show(value),
      describe(ch),
      fix,
    ),
  );
}

/** A word of the script body (command argument, environment value, path): single-quoted; no control characters. */
export function scriptWord(field: Field, value: string): string {
  const bad = CONTROL.exec(value);
  if (bad) refuse(field, value, bad[0], REMOVE_IT);
  return shellQuote(value);
}

/** Text in a `#` comment line of the script: no control characters (a line break would end the comment). */
export function commentText(field: string, value: string): string {
  const bad = CONTROL.exec(value);
  if (bad) refuse(field, value, bad[0], REMOVE_IT);
  return value;
}

/** The name of an exported variable. */
export function envName(field: Field, name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return name;
  throw new LaunchError(
    phrase(
      '{0}: {1} is not a valid environment variable name (letters, digits and _, not starting with a digit); rename it.',
      field,
      show(name),
    ),
  );
}

/**
 * A value of an `#SBATCH --key=value` line. sbatch reads these lines itself: double quotes group words, a backslash
 * escapes, `#` may start a comment; bash skips them as comments, but a line break would start a line bash runs.
 * Spaces are quoted; quotes, backslashes, `#`, `$`, backticks and control characters are refused.
 */
export function directiveValue(field: Field, value: string, fix: string | Phrase = REMOVE_IT): string {
  const bad = /[\u0000-\u001f\u007f"\\#$`]/.exec(value);
  if (bad) refuse(field, value, bad[0], fix);
  return directiveQuote(value);
}

/** Slurm names (partition, account, qos, GPU type) are plain words; a partition may be a comma-separated list. */
export function slurmName(field: Field, value: string, list = false): string {
  const ok = list ? /^[A-Za-z0-9._+-]+(?:,[A-Za-z0-9._+-]+)*$/ : /^[A-Za-z0-9._+-]+$/;
  if (ok.test(value)) return value;
  const bad = [...value].find((c) => !/[A-Za-z0-9._+-]/.test(c) && !(list && c === ',')) ?? value[0] ?? '';
  return refuse(
    field,
    value,
    bad,
    list
      ? phrase(
          'use the name as Slurm lists it (`sinfo`, `sacctmgr show assoc`): letters, digits, ., _, +, -, commas between names.',
        )
      : phrase('use the name as Slurm lists it (`sinfo`, `sacctmgr show assoc`): letters, digits, ., _, +, -.'),
  );
}

/** One `run.slurm.extra_args` entry: an sbatch option (`--exclusive`, `--mail-type=END`), as a directive. */
export function extraArg(field: string, value: string): string {
  const v = value.trim();
  if (!/^--?[A-Za-z]/.test(v))
    throw new LaunchError(
      phrase(
        '{0} {1} is not an sbatch option: each entry must start with - or --, e.g. "--exclusive".',
        field,
        show(value),
      ),
    );
  const bad = /[\u0000-\u001f\u007f"\\#$`']/.exec(v);
  if (bad) refuse(field, value, bad[0], phrase('remove it, or set the option through resources / run.slurm.'));
  return v;
}
