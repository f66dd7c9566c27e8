/**
 * `liftoff` — the command-line shell over core/ and the language service. No vscode here.
 * Exit codes: 0 success/clean, 1 errors found or a failed action, 2 usage or I/O error.
 */
import { runValidate } from './validate';
import { runTrain } from './train';
import { runRuns } from './runs';
import { runRunsLog } from './runs-log';
import { runRunsIdentity } from './runs-identity';
import { runMetricsFolder } from './metrics-folder';
import { runPlan } from './plan-export';
import { runInfer } from './infer';
import { runInspect } from './inspect';
import { VERSION } from './version';
import type { Io } from './io';
import { localeFromEnv, normalizeLocale, t, type Locale } from '../../core/src/l10n';
import { USAGE_ZH_CN } from './usage-zh-cn';

export const USAGE = `liftoff ${VERSION} — validate ML experiment configs and AI business plans

Usage:
  liftoff validate <files, folders or globs…> [--format text|json|sarif] [--out FILE] [--workspace DIR]
                   [--fail-on error|warning] [--max-file-size KB] [--jobs N]
                                  check Liftoff documents: exit 0 clean (warnings alone too, unless --fail-on
                                  warning), 1 errors (a file over the size limit, 2048 KB by default, is one),
                                  2 usage/IO or an argument with no Liftoff document; --out writes the report
                                  to FILE; SARIF 2.1.0 is for code review (GitHub code scanning and others);
                                  N worker threads (default: by file count and cores), same output either way
  liftoff train <experiment.yaml> [--workspace DIR] [--slurm-prefix "ssh login.cluster"] [--dry-run [--format text|json]]
                                  validate, then train with the same launcher as VS Code's "▶ Train"; runs are
                                  stored in <workspace>/.liftoff/runs; exit code = the run's; a non-experiment is
                                  refused before anything is created; Slurm commands run behind --slurm-prefix
                                  (or LIFTOFF_SLURM_PREFIX); --dry-run prints the launch and creates nothing
  liftoff runs [--workspace DIR] [--experiment NAME] [--format text|json]
                                  list runs, newest first
  liftoff runs log <run-id> [--follow] [--stream stdout|stderr|both] [--workspace DIR] [--format text|json]
                                  a run's stdout and stderr interleaved with its state changes, each line
                                  with the time it arrived (UTC); --follow prints until the run ends
  liftoff runs rename <run> <name> | liftoff runs note <run> <text> [--workspace DIR]
                                  name a run or write its notes (kept in its folder's run-meta.json; "" clears);
                                  <run> is its id, the beginning of it, or its name
  liftoff metrics <folder> [--format text|json]
                                  the runs in a folder of TensorBoard event files, CSV or JSON-lines logs (not
                                  Liftoff's): each run's metrics with their last and best values; read-only
  liftoff plan export <file.plan.yaml> [--format html|md] [--out PATH] [--changes-since REV] [--workspace DIR]
                                  write the plan preview as a standalone HTML file (inline CSS and SVG charts,
                                  no script; the default) or as Markdown, next to the plan or at PATH (a file
                                  or an existing folder); --changes-since adds what changed since the plan at
                                  git revision REV (as plan diff reports it); exit 0 written, 1 not a business
                                  plan, 2 usage/IO/git
  liftoff plan diff <a> <b> [--format md|html|json] [--out FILE]
                                  what changed between two versions of a plan and what it does to runway,
                                  break-even, burn, market sizes, revenue, risks, milestones and rules;
                                  a side is a file or git:REV:path (git:HEAD:seed.plan.yaml); Markdown for a
                                  pull-request comment by default; exit 0 written, 1 not a plan, 2 usage/IO/git
  liftoff plan compute <file.plan.yaml> [--gpu-hour-price N] [--as-of YYYY-MM-DD] [--format text|json]
                                  the plan's compute budget for this period against the GPU-hours its linked
                                  experiments' runs used (the run store); exit 0 within pace, 1 ahead of pace
                                  or not a plan, 2 usage/IO
  liftoff infer <model.onnx> <input.csv|tsv|json|jsonl|txt> [--experiment e.yaml] [--top-k N] [--format csv|json]
               [--out results.csv]
                                  run an ONNX model on a data file with the editor's parsing, checks and
                                  preprocessing; predictions to stdout; exit 0 done, 1 the input cannot be
                                  used with the model (the message says what it needs), 2 usage/IO (needs
                                  onnxruntime-node: npm install -g onnxruntime-node@1.30.0);
                                  --out streams a CSV/JSON-lines file of any size into a results CSV (line,
                                  input columns, predictions, error), exit 1 when some rows failed;
                                  PNG/JPEG files instead of a data file: an image model's labels per image
                                  (preprocessing from the experiment's inference.image); with an experiment
                                  that has inference.text: each line of the file through its tokenizer.json
                                  and a text model, one prediction per line
  liftoff inspect <model.onnx> [--nodes] [--diff other.onnx] [--format text|json]
                                  inputs/outputs (names, types, shapes), opset, IR, producer, operators,
                                  parameters and metadata; exit 1 when the file is not ONNX
  liftoff … --lang en|zh-cn                                messages, the plan export's headings and the
                                  validate summary in English or Simplified Chinese (default: LC_ALL,
                                  LC_MESSAGES or LANG, e.g. LANG=zh_CN.UTF-8; otherwise English)
  liftoff --help | -h                                      this help
  liftoff --version | -v                                   print the version

The workspace (where other documents and .liftoff/runs are found) is --workspace DIR, else the nearest folder
above the documents (or the current folder) with .liftoff/, .git or .hg, else the current folder; each command
says which on stderr. Paths in its .liftoffignore are left out. -f, -o, -w: --format, --out, --workspace.
Globs are expanded by liftoff itself, so quote them: liftoff validate 'examples/**/*.yaml'
`;

/**
 * `--lang X` / `--lang=X` anywhere on the command line (every command takes it), else the environment's locale.
 * Returns the other arguments, or a usage error for a language Liftoff does not speak.
 */
export function takeLang(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { readonly args: string[]; readonly locale: Locale } | { readonly error: string } {
  const args: string[] = [];
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a === '--lang' || a.startsWith('--lang=')) {
      given = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (given === undefined || given === '')
        return { error: t(localeFromEnv(env), "option '--lang' needs a value: en or zh-cn") };
      continue;
    }
    args.push(a);
  }
  if (given === undefined) return { args, locale: localeFromEnv(env) };
  const envLocale = localeFromEnv(env);
  const locale = normalizeLocale(given);
  if (locale === 'en' && !/^en([-_].*)?$/i.test(given) && !/^(c|posix)$/i.test(given))
    return { error: t(envLocale, "option '--lang' must be en or zh-cn, not '{0}'", given) };
  return { args, locale };
}

export async function main(argv: readonly string[], io0: Io): Promise<number> {
  const lang = takeLang(argv, io0.env ?? {});
  if ('error' in lang) {
    io0.err(`liftoff: ${lang.error}\n`);
    return 2;
  }
  const io: Io = { ...io0, locale: lang.locale };
  const [command, ...rest] = lang.args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(lang.locale === 'zh-cn' ? USAGE_ZH_CN : USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === 'validate') return runValidate(rest, io);
  if (command === 'train') return runTrain(rest, io);
  if (command === 'runs' && (rest[0] === 'rename' || rest[0] === 'note'))
    return runRunsIdentity(rest[0], rest.slice(1), io);
  if (command === 'runs') return rest[0] === 'log' ? runRunsLog(rest.slice(1), io) : runRuns(rest, io);
  if (command === 'metrics') return runMetricsFolder(rest, io);
  if (command === 'plan') return runPlan(rest, io);
  if (command === 'infer') return runInfer(rest, io);
  if (command === 'inspect') return runInspect(rest, io);
  io.err(
    `liftoff: ${t(io.locale, "unknown command '{0}'. Run 'liftoff --help' for the list of commands.", command)}\n`,
  );
  return 2;
}
