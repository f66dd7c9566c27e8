import { phrase, t, type Locale } from '../../core/src/l10n';
import { stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { glob } from 'tinyglobby';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic } from '../../server/src/service';
import { describeWorkspace, findWorkspace, readIgnore } from '../../core/src/workspace';
import { parseArgs, usageLine, usageMessage, UsageError } from './args';
import { toSarif } from './sarif';
import { RULES_DOC_URL, validateFiles } from './validate-files';
import type { Io } from './io';

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

export const VALIDATE_USAGE =
  'Usage: liftoff validate <files, folders or globs…> [--format text|json|sarif] [--out FILE] [--workspace DIR] [--fail-on error|warning] [--max-file-size KB] [--jobs N]';

export interface FileFinding {
  readonly file: string;
  readonly diagnostics: LiftoffDiagnostic[];
}

/** One command-line argument and the files it stands for. */
export interface ExpandedInput {
  readonly input: string;
  /** `file`: named itself (always checked); `folder`/`glob`: expanded (the workspace's .liftoffignore applies). */
  readonly how: 'file' | 'folder' | 'glob';
  readonly files: string[];
}

/** Expands globs ourselves (shells differ on `**`); a plain path must exist, a directory means its YAML files. */
export async function expandArguments(inputs: readonly string[], cwd: string): Promise<ExpandedInput[]> {
  const out: ExpandedInput[] = [];
  for (const input of inputs) {
    if (/[*?[\]{}]/.test(input)) {
      const matches = await glob(input, { cwd, absolute: true, ignore: ['**/node_modules/**'] });
      if (matches.length === 0) throw new UsageError(phrase("no file matches '{0}'", input));
      out.push({ input, how: 'glob', files: matches.map((m) => path.normalize(m)).sort() });
      continue;
    }
    const abs = path.resolve(cwd, input);
    const info = await stat(abs).catch(() => undefined);
    if (!info) throw new UsageError(phrase("'{0}' does not exist", input));
    if (info.isDirectory()) {
      const found = await glob('**/*.{yaml,yml}', {
        cwd: abs,
        absolute: true,
        ignore: ['**/node_modules/**', '**/.liftoff/**', '**/.git/**'],
      });
      out.push({ input, how: 'folder', files: found.map((m) => path.normalize(m)).sort() });
    } else out.push({ input, how: 'file', files: [abs] });
  }
  return out;
}

/** Every file of the arguments, once, in order (for callers that need only the list). */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<string[]> {
  return [...new Set((await expandArguments(inputs, cwd)).flatMap((a) => a.files))];
}

/** `--max-file-size`: kilobytes, or a number with KB or MB. */
function parseSize(text: string): number {
  const m = /^(\d+)\s*(kb|k|mb|m)?$/i.exec(text.trim());
  const kb = m ? Number(m[1]) * (/^m/i.test(m[2] ?? '') ? 1024 : 1) : NaN;
  if (!(kb >= 1 && kb <= 1024 * 1024))
    throw new UsageError(
      phrase("option '--max-file-size' takes kilobytes (e.g. 4096, or 8MB) up to 1 GB, not '{0}'", text),
    );
  return kb;
}

/** Why an argument holds no Liftoff document, in words that say what to do. */
function noDocumentReason(
  arg: ExpandedInput,
  left: readonly string[],
  liftoff: ReadonlySet<string>,
  l?: Locale,
): string {
  if (arg.how === 'file') {
    const file = arg.files[0]!;
    if (!/\.ya?ml$/i.test(file))
      return t(
        l,
        "'{0}' is not a YAML file: Liftoff documents are *.experiment.yaml, *.plan.yaml or YAML files with `kind: Experiment` or `kind: BusinessPlan`",
        arg.input,
      );
    return t(
      l,
      "'{0}' is not a Liftoff document (no `apiVersion: liftoff/v1`, `kind: Experiment` or `kind: BusinessPlan`, and not named *.experiment.yaml or *.plan.yaml)",
      arg.input,
    );
  }
  const what = arg.how === 'folder' ? t(l, "folder '{0}'", arg.input) : `'${arg.input}'`;
  if (arg.files.length === 0) return t(l, '{0} holds no YAML files', what);
  if (left.length === 0)
    return arg.files.length === 1
      ? t(l, "{0} matches {1} YAML file, all left out by the workspace's .liftoffignore", what, arg.files.length)
      : t(l, "{0} matches {1} YAML files, all left out by the workspace's .liftoffignore", what, arg.files.length);
  const yaml = left.filter((f) => /\.ya?ml$/i.test(f)).length;
  if (yaml === 0) return t(l, '{0} matches no YAML file', what);
  const kinds = left.some((f) => liftoff.has(f)) ? '' : t(l, ' (no `kind: Experiment` or `kind: BusinessPlan`)');
  return yaml === 1
    ? t(l, '{0} holds {1} YAML file, none of them a Liftoff document{2}', what, yaml, kinds)
    : t(l, '{0} holds {1} YAML files, none of them a Liftoff document{2}', what, yaml, kinds);
}

export async function runValidate(argv: readonly string[], io: Io): Promise<number> {
  let args: ExpandedInput[];
  let format: string;
  let workspace: string;
  let outFile: string | undefined;
  let jobs: number | undefined;
  let failOn: 'error' | 'warning';
  let maxFileSizeKB: number | undefined;
  try {
    const parsed = parseArgs(argv, {
      format: ['text', 'json', 'sarif'],
      workspace: 'string',
      out: 'string',
      jobs: 'string',
      'fail-on': ['error', 'warning'],
      'max-file-size': 'string',
    });
    const jobsText = parsed.options.get('jobs');
    jobs = jobsText === undefined ? undefined : Number(jobsText);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64))
      throw new UsageError(phrase("option '--jobs' must be a whole number from 1 to 64, not '{0}'", String(jobsText)));
    const size = parsed.options.get('max-file-size');
    maxFileSizeKB = size === undefined ? undefined : parseSize(size);
    format = parsed.options.get('format') ?? 'text';
    failOn = parsed.options.get('fail-on') === 'warning' ? 'warning' : 'error';
    outFile = parsed.options.get('out');
    if (parsed.positionals.length === 0) throw new UsageError(phrase('give at least one file, folder or glob'));
    args = await expandArguments(parsed.positionals, io.cwd);
    // The one workspace rule (core/src/workspace): --workspace, else the nearest folder above the files with
    // .liftoff/ or a VCS root, else the current folder. Its .liftoffignore leaves paths out of folders and globs.
    const found = findWorkspace({
      cwd: io.cwd,
      given: parsed.options.get('workspace'),
      near: args.flatMap((a) => a.files),
    });
    workspace = found.dir;
    io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff validate: ${usageMessage(err, io.locale)}\n${usageLine(VALIDATE_USAGE, io.locale)}\n`);
    return 2;
  }

  const ignored = readIgnore(workspace);
  const kept = args.map((a) =>
    a.how === 'file'
      ? a.files
      : a.files.filter((f) => {
          const rel = path.relative(workspace, f);
          return rel.startsWith('..') || path.isAbsolute(rel) || !ignored(rel);
        }),
  );
  const files = [...new Set(kept.flat())];

  // --jobs 1: this thread; --jobs N: N worker threads; default: workers only when there are enough files to pay.
  const findings: FileFinding[] = [];
  const liftoff = new Set<string>();
  let ioError = false;
  const results = await validateFiles(files, workspace, jobs === undefined ? undefined : jobs === 1 ? 0 : jobs, {
    maxFileSizeKB,
    ...(io.locale && { locale: io.locale }),
  });
  for (const result of results) {
    if (result.diagnostics) {
      if (!result.liftoff) continue;
      liftoff.add(result.file);
      // A file too large to check is a failure in CI, not a warning to scroll past: --max-file-size raises the limit.
      const diagnostics = result.diagnostics.map((d) =>
        d.code === 'LIFTOFF-LIMIT' ? { ...d, severity: DiagnosticSeverity.Error } : d,
      );
      findings.push({ file: result.file, diagnostics });
    } else {
      liftoff.add(result.file);
      io.err(
        `liftoff validate: ${t(io.locale, 'cannot read {0}: {1}', path.relative(io.cwd, result.file), result.error ?? t(io.locale, 'unknown error'))}\n`,
      );
      ioError = true;
    }
  }
  // An argument that stands for no Liftoff document is a mistake in the command (a typo, the wrong folder): say so
  // and exit 2 rather than report "0 errors" for nothing checked.
  let empty = false;
  args.forEach((a, i) => {
    if (kept[i]!.some((f) => liftoff.has(f))) return;
    io.err(`liftoff validate: ${noDocumentReason(a, kept[i]!, liftoff, io.locale)}\n`);
    empty = true;
  });

  const all = findings.flatMap((f) => f.diagnostics.map((d) => ({ file: path.relative(io.cwd, f.file) || f.file, d })));
  const errors = all.filter((x) => x.d.severity === DiagnosticSeverity.Error).length;
  const warnings = all.filter((x) => x.d.severity === DiagnosticSeverity.Warning).length;
  const summary =
    io.locale === 'zh-cn'
      ? t(io.locale, '{0} files checked: {1} errors, {2} warnings', findings.length, errors, warnings)
      : `${findings.length} file${findings.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  let body: string;
  if (format === 'sarif') body = JSON.stringify(toSarif(findings, workspace, RULES_DOC_URL), null, 2) + '\n';
  else if (format === 'json')
    body =
      JSON.stringify(
        {
          files: findings.length,
          errors,
          warnings,
          workspace: path.relative(io.cwd, workspace) || '.',
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
      ) + '\n';
  else
    body =
      all
        .map(
          ({ file, d }) =>
            `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${String(d.code)} ${d.message}\n`,
        )
        .join('') + `${summary}${t(io.locale, '.')}\n`;
  if (outFile) {
    // --out writes the report (any format) to a file; the summary goes to stdout.
    try {
      await writeFile(path.resolve(io.cwd, outFile), body);
    } catch (err) {
      io.err(`liftoff validate: ${t(io.locale, 'cannot write {0}: {1}', outFile, (err as Error).message)}\n`);
      return 2;
    }
    io.out(
      `${
        format === 'sarif'
          ? t(io.locale, '{0}; SARIF written to {1}.', summary, outFile)
          : format === 'json'
            ? t(io.locale, '{0}; JSON written to {1}.', summary, outFile)
            : t(io.locale, '{0}; report written to {1}.', summary, outFile)
      }\n`,
    );
  } else io.out(body);
  if (ioError || empty) return 2;
  return errors > 0 || (failOn === 'warning' && warnings > 0) ? 1 : 0;
}
