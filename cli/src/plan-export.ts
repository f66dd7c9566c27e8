/**
 * `liftoff plan export <file> --format html|md [--out PATH] [--changes-since REV]`: the plan preview as a standalone
 * HTML file (inline CSS and SVG, no script) or Markdown, from the same view model and renderers as VS Code's "Export
 * Plan"; with `--changes-since`, followed by what changed since the plan at git revision REV (the `plan diff` report).
 * Exit codes: 0 written; 1 the file is not a business plan; 2 usage or I/O error.
 */
import { errorText, phrase, say, t } from '../../core/src/l10n';
import { readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPlanMarkdown, renderStandaloneHtml, type ExportChanges } from '../../core/src/plan/render';
import { GitError, showAtRevision } from '../../core/src/git';
import { createLanguageService, diffPlanDocuments } from '../../server/src/service';
import { bundledSchemas } from '../../server/src/host/schemas';
import { createNodeHost } from '../../server/src/host/node-host';
import { describeWorkspace, findWorkspace } from '../../core/src/workspace';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import { VERSION } from './version';
import { runPlanDiff } from './plan-diff';
import { runPlanCompute } from './plan-compute';
import { parseReviewFile, reviewPathOf, REVIEW_LIMITS } from '../../core/src/plan';
import { attachReview } from '../../core/src/plan/render';
import type { Io } from './io';
import { cannotWrite, readInputFile } from './read-input';

const USAGE =
  'Usage: liftoff plan export <file.plan.yaml> [--format html|md] [--out PATH] [--changes-since REV] [--workspace DIR]\n' +
  '       liftoff plan diff <a> <b> [--format md|html|json] [--out FILE]\n' +
  '       liftoff plan compute <file.plan.yaml> [--gpu-hour-price N] [--as-of YYYY-MM-DD] [--format text|json]\n';

export async function runPlan(argv: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return runPlanExport(rest, io);
  if (sub === 'diff') return runPlanDiff(rest, io);
  if (sub === 'compute') return runPlanCompute(rest, io);
  io.err(
    `liftoff plan: ${sub === undefined ? t(io.locale, 'give a subcommand.') : t(io.locale, "unknown subcommand '{0}'.", sub)}\n${usageLine(USAGE, io.locale)}`,
  );
  return 2;
}

export async function runPlanExport(argv: readonly string[], io: Io): Promise<number> {
  let file: string;
  let format: 'html' | 'md';
  let out: string | undefined;
  let workspace: string;
  let since: string | undefined;
  try {
    const args = parseArgs(argv, {
      format: ['html', 'md'],
      out: 'string',
      workspace: 'string',
      'changes-since': 'string',
    });
    if (args.positionals.length !== 1)
      throw new UsageError(
        args.positionals.length ? phrase('give exactly one plan file') : phrase('give the plan file to export'),
      );
    file = path.resolve(io.cwd, args.positionals[0]!);
    format = (args.options.get('format') ?? 'html') as 'html' | 'md';
    const o = args.options.get('out');
    out = o === undefined ? undefined : path.resolve(io.cwd, o);
    since = args.options.get('changes-since');
    if (since !== undefined && !since.trim()) throw new UsageError(phrase('--changes-since needs a git revision'));
    const found = findWorkspace({ cwd: io.cwd, given: args.options.get('workspace'), near: [file] });
    workspace = found.dir;
    io.err(`liftoff: ${describeWorkspace(found, io.cwd, io.locale)}\n`);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff plan export: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}`);
    return 2;
  }
  const shown = path.relative(io.cwd, file) || file;
  const text = await readInputFile(io, 'plan export', file);
  if (text === undefined) return 2;
  const service = createLanguageService(
    { ...(io.locale && { locale: io.locale }) },
    { ...bundledSchemas(), host: createNodeHost({ workspaceFolders: [workspace] }) },
  );
  const doc = { uri: pathToFileURL(file).toString(), text };
  const diagnostics = await service.validate(doc);
  const model = await withReview(service.planViewModel(doc, diagnostics), file, text, io);
  if (model.status === 'not-a-plan' || model.status === 'too-big') {
    io.err(`liftoff plan export: ${shown}: ${model.message ?? t(io.locale, 'not a business plan')}\n`);
    return 1;
  }
  let changes: ExportChanges | undefined;
  if (since !== undefined) {
    // The plan as it was at REV, validated as the same file (relative links resolve alike), against this text.
    let old: string;
    try {
      old = await showAtRevision(file, since);
    } catch (err) {
      io.err(
        `liftoff plan export: --changes-since: ${err instanceof GitError ? errorText(io.locale, err) : String(err)}\n`,
      );
      return 2;
    }
    const before = { uri: doc.uri, text: old };
    const { diff, problemPhrases } = diffPlanDocuments(before, await service.validate(before), doc, diagnostics);
    if (problemPhrases[0]) {
      io.err(`liftoff plan export: --changes-since: ${since}: ${say(io.locale, problemPhrases[0])}\n`);
      return 1;
    }
    changes = {
      diff,
      labels: { a: `${since}:${path.basename(file)}`, b: t(io.locale, '{0} (this export)', path.basename(file)) },
    };
  }
  const ext = format === 'html' ? '.html' : '.md';
  let target = out ?? file.replace(/\.ya?ml$/i, '') + ext;
  if (out !== undefined && (await stat(out).catch(() => undefined))?.isDirectory())
    target = path.join(out, path.basename(file).replace(/\.ya?ml$/i, '') + ext);
  const body =
    format === 'html'
      ? renderStandaloneHtml(model, { generator: `Liftoff ${VERSION}`, ...(changes && { changes }) })
      : renderPlanMarkdown(model, { ...(changes && { changes }) });
  // Like cp or curl -o, a missing folder is refused rather than created: a typo in --out must not leave a tree of
  // new folders somewhere unexpected.
  const parent = path.dirname(target);
  if (!(await stat(parent).catch(() => undefined))?.isDirectory()) {
    const shownParent = path.relative(io.cwd, parent) || parent;
    io.err(
      `liftoff plan export: ${t(io.locale, "the folder '{0}' for --out does not exist; create it first (mkdir -p '{0}') or choose an existing folder", shownParent)}\n`,
    );
    return 2;
  }
  try {
    await writeFile(target, body, 'utf8');
  } catch (err) {
    io.err(`liftoff plan export: ${cannotWrite(io.locale, path.relative(io.cwd, target) || target, err)}\n`);
    return 2;
  }
  const { errors, warnings } = model.counts;
  const l = io.locale;
  io.out(
    `${t(
      l,
      '{0}: exported {1} sections ({2}, {3} shown as badges)',
      path.relative(io.cwd, target) || target,
      model.sections.length,
      errors === 1 ? t(l, '{0} error', 1) : t(l, '{0} errors', errors),
      warnings === 1 ? t(l, '{0} warning', 1) : t(l, '{0} warnings', warnings),
    )}\n`,
  );
  return 0;
}

/** The plan's review threads (its `.review.yaml`, when there is one) in the export, beside their sections. */
async function withReview(
  model: ReturnType<ReturnType<typeof createLanguageService>['planViewModel']>,
  file: string,
  text: string,
  io: Io,
) {
  const sidecar = reviewPathOf(file);
  const info = await stat(sidecar).catch(() => undefined);
  if (!info) return model;
  const name = path.basename(sidecar);
  const read = !info.isFile()
    ? {
        file: { version: 1 as const, threads: [] },
        problems: [{ where: '', message: t(io.locale, '{0} is not a regular file.', name) }],
      }
    : info.size > REVIEW_LIMITS.fileBytes
      ? {
          file: { version: 1 as const, threads: [] },
          problems: [
            {
              where: '',
              message: t(io.locale, '{0} is over the {1} KB limit: not read.', name, REVIEW_LIMITS.fileBytes / 1024),
            },
          ],
        }
      : parseReviewFile(await readFile(sidecar, 'utf8'), name, io.locale);
  for (const p of read.problems)
    io.err(`liftoff plan export: ${name}${p.where ? ` (${p.where})` : ''}: ${p.message}\n`);
  return attachReview(model, read, text, name);
}
