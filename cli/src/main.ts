/**
 * `liftoff` — the command-line shell over core/ and the language service. No vscode here.
 * Exit codes: 0 success/clean, 1 findings (errors) or a failed action, 2 usage or I/O error.
 */
import { runValidate } from './validate';
import { runTrain } from './train';
import { runRuns } from './runs';
import { runPlan } from './plan-export';
import { runInfer } from './infer';
import { runInspect } from './inspect';
import { VERSION } from './version';
import type { Io } from './io';

export const USAGE = `liftoff ${VERSION} — validate ML experiment configs and AI business plans

Usage:
  liftoff validate <files or globs…> [--format text|json|sarif] [--out FILE] [--workspace DIR] [--jobs N]
                                  check documents (exit 0 clean, 1 errors, 2 usage/IO); DIR (default: the
                                  folder holding all the files checked) is where other experiments and
                                  run history are looked up; N worker threads (default: by file count
                                  and cores; 1: none), output in the same order either way;
                                  SARIF 2.1.0 is for code review (GitHub code scanning and others)
  liftoff train <experiment.yaml> [--workspace DIR] [--dry-run [--format text|json]]
                                  validate, then train with the same launcher as VS Code's "▶ Train"; runs are
                                  stored in DIR/.liftoff/runs (default: the current folder); exit code = the run's;
                                  --dry-run prints the argument list, working directory, environment (and the
                                  sbatch script) the launch would use, and creates nothing
  liftoff runs [--workspace DIR] [--experiment NAME] [--format text|json]
                                  list runs, newest first
  liftoff plan export <file.plan.yaml> [--format html|md] [--out PATH]
                                  write the plan preview as a standalone HTML file (inline CSS and SVG charts,
                                  no script; the default) or as Markdown, next to the plan or at PATH (a file
                                  or a folder); exit 0 written, 1 not a business plan, 2 usage/IO
  liftoff infer <model.onnx> <input.csv|tsv|json|jsonl|txt> [--experiment e.yaml] [--top-k N] [--format csv|json]
               [--out results.csv]
                                  run an ONNX model on a data file with the editor's parsing, checks and
                                  preprocessing; predictions to stdout; exit 0 done, 1 the input cannot be
                                  used with the model (the message says what it needs), 2 usage/IO;
                                  --out streams a CSV/JSON-lines file of any size into a results CSV (line,
                                  input columns, predictions, error), exit 1 when some rows failed;
                                  PNG/JPEG files instead of a data file: an image model's labels per image
                                  (preprocessing from the experiment's inference.image)
  liftoff inspect <model.onnx> [--format text|json]
                                  inputs/outputs (names, types, shapes), opset, IR, producer, operators,
                                  parameters and metadata; exit 1 when the file is not ONNX
  liftoff --help | -h                                      this help
  liftoff --version | -v                                   print the version

Globs are expanded by liftoff itself, so quote them: liftoff validate 'examples/**/*.yaml'
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (command === 'validate') return runValidate(rest, io);
  if (command === 'train') return runTrain(rest, io);
  if (command === 'runs') return runRuns(rest, io);
  if (command === 'plan') return runPlan(rest, io);
  if (command === 'infer') return runInfer(rest, io);
  if (command === 'inspect') return runInspect(rest, io);
  io.err(`liftoff: unknown command '${command}'. Run 'liftoff --help' for the list of commands.\n`);
  return 2;
}
