/**
 * `liftoff plan diff <a> <b> [--format md|html|json] [--out FILE]`: what changed between two versions of a business
 * plan and what it does to the numbers (runway, break-even, burn, market sizes, per-period revenue and profit,
 * use-of-funds shares, high risks, milestone dates, rules newly failing or passing). Each side is a file or
 * `git:REV:path` (read with the git CLI). Exit codes: 0 report written; 1 a side is not a business plan;
 * 2 usage, I/O or git error.
 */
import { errorText, format, phrase, say, t, type Locale } from '../../core/src/l10n';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPlanDiffHtml, renderPlanDiffMarkdown, type DiffWords } from '../../core/src/plan/render';
import type { PlanDiff } from '../../core/src/plan';
import { GitError, parseGitSource, showAtRevision } from '../../core/src/git';
import {
  createLanguageService,
  diffPlanDocuments,
  type LanguageService,
  type PlanDocumentsDiff,
} from '../../server/src/service';
import { bundledSchemas } from '../../server/src/host/schemas';
import { createNodeHost } from '../../server/src/host/node-host';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import { cannotRead, cannotWrite } from './read-input';
import { VERSION } from './version';
import type { Io } from './io';

export const PLAN_DIFF_USAGE =
  'Usage: liftoff plan diff <a> <b> [--format md|html|json] [--out FILE] [--workspace DIR]\n' +
  '  <a>, <b>: a plan file, or git:REV:path (e.g. git:HEAD:plans/seed.plan.yaml, git:main:plan.yaml)\n';

interface Side {
  readonly label: string;
  readonly file: string;
  readonly text: string;
}

async function readSide(spec: string, io: Io): Promise<Side> {
  const git = parseGitSource(spec);
  if (git) {
    const file = path.resolve(io.cwd, git.path);
    const text = await showAtRevision(file, git.rev);
    return { label: `${git.rev}:${git.path}`, file, text };
  }
  const file = path.resolve(io.cwd, spec);
  try {
    return { label: spec, file, text: await readFile(file, 'utf8') };
  } catch (err) {
    throw new Error(cannotRead(io.locale, spec, err));
  }
}

/** The diff of two plan texts, with the rules run on each (the same service as `liftoff validate`). */
async function diffPlanTexts(
  service: LanguageService,
  a: { uri: string; text: string },
  b: { uri: string; text: string },
): Promise<PlanDocumentsDiff> {
  return diffPlanDocuments(a, await service.validate(a), b, await service.validate(b));
}

export async function runPlanDiff(argv: readonly string[], io: Io): Promise<number> {
  let specs: [string, string];
  let format: 'md' | 'html' | 'json';
  let out: string | undefined;
  let workspace: string | undefined;
  try {
    const args = parseArgs(argv, { format: ['md', 'html', 'json'], out: 'string', workspace: 'string' });
    if (args.positionals.length !== 2)
      throw new UsageError(phrase('give two versions to compare (found {0})', args.positionals.length));
    specs = [args.positionals[0]!, args.positionals[1]!];
    format = (args.options.get('format') ?? 'md') as 'md' | 'html' | 'json';
    const o = args.options.get('out');
    out = o === undefined ? undefined : path.resolve(io.cwd, o);
    const w = args.options.get('workspace');
    workspace = w === undefined ? undefined : path.resolve(io.cwd, w);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff plan diff: ${usageMessage(err, io.locale)}\n${usageLine(PLAN_DIFF_USAGE, io.locale)}`);
    return 2;
  }
  const sides: Side[] = [];
  for (const spec of specs) {
    try {
      sides.push(await readSide(spec, io));
    } catch (err) {
      io.err(`liftoff plan diff: ${err instanceof GitError ? errorText(io.locale, err) : (err as Error).message}\n`);
      return 2;
    }
  }
  const [a, b] = sides as [Side, Side];
  const service = createLanguageService(
    { ...(io.locale && { locale: io.locale }) },
    {
      ...bundledSchemas(),
      host: createNodeHost({ workspaceFolders: [workspace ?? path.dirname(b.file)] }),
    },
  );
  // Both sides validate as the same file (the working-tree path), so relative links resolve alike.
  const { diff, problemPhrases } = await diffPlanTexts(
    service,
    { uri: pathToFileURL(a.file).toString(), text: a.text },
    { uri: pathToFileURL(b.file).toString(), text: b.text },
  );
  const l = io.locale;
  const bad = problemPhrases.flatMap((p, i) => (p ? [`${sides[i]!.label}: ${say(l, p)}`] : []));
  if (bad.length) {
    io.err(`liftoff plan diff: ${t(l, 'cannot compare: {0}', bad.join(t(l, '; ')))}\n`);
    return 1;
  }
  const labels = { a: a.label, b: b.label };
  const said = sayDiff(diff, l);
  const body =
    format === 'json'
      ? `${JSON.stringify({ a: labels.a, b: labels.b, ...diff }, (k, v: unknown) => (k.endsWith('Phrase') ? undefined : v), 2)}\n`
      : format === 'html'
        ? renderPlanDiffHtml(said, labels, {
            generator: `Liftoff ${VERSION}`,
            words: diffWords(l),
            lang: l === 'zh-cn' ? 'zh-CN' : 'en',
          })
        : renderPlanDiffMarkdown(said, labels, diffWords(l));
  if (out === undefined) {
    io.out(body);
    return 0;
  }
  try {
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, body, 'utf8');
  } catch (err) {
    io.err(`liftoff plan diff: ${cannotWrite(l, path.relative(io.cwd, out) || out, err)}\n`);
    return 2;
  }
  io.out(
    `${t(l, '{0}: {1} changed inputs, {2} moved figures, {3} rule changes', path.relative(io.cwd, out) || out, diff.inputs.length, diff.figures.length, diff.rules.length)}\n`,
  );
  return 0;
}

/** The diff with its figures' labels, values and changes said in `l` (the plan's own names as written). */
export function sayDiff(d: PlanDiff, l: Locale | undefined): PlanDiff {
  if (l !== 'zh-cn') return d;
  return {
    ...d,
    figures: d.figures.map((f) => ({
      ...f,
      label: f.labelPhrase ? say(l, f.labelPhrase) : f.label,
      ...(f.oldPhrase && { old: say(l, f.oldPhrase) }),
      ...(f.newPhrase && { new: say(l, f.newPhrase) }),
      delta: f.deltaPhrase ? say(l, f.deltaPhrase) : f.delta,
    })),
  };
}

/**
 * The report's words (core/src/plan/render/diff.ts) in `l`: the same words as the compare panel's, from core's
 * table so the CLI needs no client bundle. An unknown word stays English.
 */
export function diffWords(l: Locale | undefined): DiffWords {
  if (l !== 'zh-cn') return (text, ...args) => format(text, args);
  const words: Record<string, string> = {
    'Plan changes': t(l, 'Plan changes'),
    'Changes since {0}': t(l, 'Changes since {0}'),
    'Figures that moved': t(l, 'Figures that moved'),
    Figure: t(l, 'Figure'),
    Before: t(l, 'Before'),
    After: t(l, 'After'),
    Change: t(l, 'Change'),
    Rules: t(l, 'Rules'),
    'Changed inputs': t(l, 'Changed inputs'),
    Path: t(l, 'Path'),
    Line: t(l, 'Line'),
    'No changes: the two versions are the same plan.': t(l, 'No changes: the two versions are the same plan.'),
    '1 changed input': t(l, '1 changed input'),
    '{0} changed inputs': t(l, '{0} changed inputs'),
    '1 moved figure': t(l, '1 moved figure'),
    '{0} moved figures': t(l, '{0} moved figures'),
    '1 rule change': t(l, '1 rule change'),
    '{0} rule changes': t(l, '{0} rule changes'),
    '{0}, {1}, {2}': t(l, '{0}, {1}, {2}'),
    '▲ better': t(l, '▲ better'),
    '▼ worse': t(l, '▼ worse'),
    '{0} now fails: {1}': t(l, '{0} now fails: {1}'),
    '{0} now passes: {1}': t(l, '{0} now passes: {1}'),
    '{0} now fails (line {1}): {2}': t(l, '{0} now fails (line {1}): {2}'),
    '{0} now passes (line {1}): {2}': t(l, '{0} now passes (line {1}): {2}'),
  };
  return (text, ...args) => format(words[text] ?? text, args);
}
