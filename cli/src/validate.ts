import { stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { glob } from 'tinyglobby';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic } from '../../server/src/service';
import { parseArgs, UsageError } from './args';
import { toSarif } from './sarif';
import { RULES_DOC_URL, validateFiles } from './validate-files';
import type { Io } from './io';

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface FileFinding {
  readonly file: string;
  readonly diagnostics: LiftoffDiagnostic[];
}

/** Expands globs ourselves (shells differ on `**`); a plain path must exist, a directory means its Liftoff files. */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    if (/[*?[\]{}]/.test(input)) {
      const matches = await glob(input, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
      if (matches.length === 0) throw new UsageError(`no file matches '${input}'`);
      matches.sort().forEach((m) => files.add(m));
      continue;
    }
    const abs = path.resolve(cwd, input);
    const info = await stat(abs).catch(() => undefined);
    if (!info) throw new UsageError(`'${input}' does not exist`);
    if (info.isDirectory()) {
      (await glob('**/*.{yaml,yml}', { cwd: abs, absolute: true, ignore: ['**/node_modules/**'] }))
        .sort()
        .forEach((m) => files.add(m));
    } else files.add(abs);
  }
  return [...files];
}

/** The deepest folder containing all `files` (absolute paths). */
export function commonFolder(files: readonly string[]): string | undefined {
  if (files.length === 0) return undefined;
  let common = path.dirname(files[0]!);
  while (common !== path.dirname(common) && !files.every((f) => f.startsWith(common + path.sep)))
    common = path.dirname(common);
  return common;
}

export async function runValidate(argv: readonly string[], io: Io): Promise<number> {
  let files: string[];
  let format: string;
  let workspace: string;
  let outFile: string | undefined;
  let jobs: number | undefined;
  try {
    const args = parseArgs(argv, {
      format: ['text', 'json', 'sarif'],
      workspace: 'string',
      out: 'string',
      jobs: 'string',
    });
    const jobsText = args.options.get('jobs');
    jobs = jobsText === undefined ? undefined : Number(jobsText);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
      throw new UsageError(`option '--jobs' must be a whole number from 1 to 64, not '${jobsText}'`);
    format = args.options.get('format') ?? 'text';
    const given = args.options.get('workspace');
    files = await expandInputs(args.positionals, io.cwd);
    // Without --workspace, the workspace is the folder that holds every file checked (like a VS Code folder you
    // open on them): other experiments and run history are looked up there, not in unrelated folders above.
    workspace = given ? path.resolve(io.cwd, given) : (commonFolder(files) ?? io.cwd);
    outFile = args.options.get('out');
    if (args.positionals.length === 0) throw new UsageError('give at least one file, folder or glob');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(
      `liftoff validate: ${err.message}\nUsage: liftoff validate <files or globs…> [--format text|json|sarif] [--out FILE] [--workspace DIR] [--jobs N]\n`,
    );
    return 2;
  }

  // --jobs 1: this thread; --jobs N: N worker threads; default: workers only when there are enough files to pay.
  const findings: FileFinding[] = [];
  let ioError = false;
  for (const result of await validateFiles(files, workspace, jobs === undefined ? undefined : jobs === 1 ? 0 : jobs)) {
    if (result.diagnostics) findings.push({ file: result.file, diagnostics: result.diagnostics });
    else {
      io.err(
        `liftoff validate: cannot read ${path.relative(io.cwd, result.file)}: ${result.error ?? 'unknown error'}\n`,
      );
      ioError = true;
    }
  }

  const all = findings.flatMap((f) => f.diagnostics.map((d) => ({ file: path.relative(io.cwd, f.file) || f.file, d })));
  const errors = all.filter((x) => x.d.severity === DiagnosticSeverity.Error).length;
  const warnings = all.filter((x) => x.d.severity === DiagnosticSeverity.Warning).length;
  if (format === 'sarif') {
    const sarif = JSON.stringify(toSarif(findings, workspace, RULES_DOC_URL), null, 2) + '\n';
    if (outFile) {
      await writeFile(path.resolve(io.cwd, outFile), sarif);
      io.out(
        `${findings.length} file${findings.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; SARIF written to ${outFile}.\n`,
      );
    } else io.out(sarif);
  } else if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          files: findings.length,
          errors,
          warnings,
          diagnostics: all.map(({ file, d }) => ({
            file,
            line: d.range.start.line + 1,
            column: d.range.start.character + 1,
            endLine: d.range.end.line + 1,
            endColumn: d.range.end.character + 1,
            severity: SEVERITY[d.severity ?? 1],
            code: d.code,
            message: d.message,
          })),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const { file, d } of all) {
      io.out(
        `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${String(d.code)} ${d.message}\n`,
      );
    }
    io.out(
      `${findings.length} file${findings.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`,
    );
  }
  if (ioError) return 2;
  return errors > 0 ? 1 : 0;
}
