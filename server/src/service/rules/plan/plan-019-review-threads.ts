import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import {
  anchorThreads,
  offsetsOfPath,
  parseReviewFile,
  reviewPathOf,
  REVIEW_LIMITS,
  type ReviewThread,
} from '../../../../../core/src/plan';
import { diagnostic } from '../../diagnostic';
import { plain } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { AsyncRule, AsyncRuleContext } from '../rule';

/** Open threads reported per plan at most (the review comments and the preview list them all). */
const MAX_REPORTED = 100;

/**
 * PLAN-019 (information): each open review thread of the plan (its sidecar `<plan>.review.yaml`, see
 * core/src/plan/review.ts) is listed in the Problems panel, on the place it is anchored to; an outdated thread (its path
 * is gone from the plan) on the first line. A review file that cannot be read is reported too (it is then never
 * rewritten). Off with `liftoff.review.showOpenThreadsInProblems: false`.
 */
export const openReviewThreads: AsyncRule = async (ctx) => {
  if (!ctx.docPath || ctx.settings.reviewThreadsInProblems === false) return [];
  const sidecar = reviewPathOf(ctx.docPath);
  const name = path.basename(sidecar);
  const info = await ctx.host.stat(sidecar);
  if (!info) return [];
  const top = firstLine(ctx);
  if (info.type !== 'file')
    return [
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        `${name} is not a regular file, so its review comments are not read.`,
      ),
    ];
  if (info.size > REVIEW_LIMITS.fileBytes)
    return [
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        `${name} is ${Math.ceil(info.size / 1024)} KB, over the ${REVIEW_LIMITS.fileBytes / 1024} KB limit for review comments: it is not read. Delete resolved threads (they stay in git history).`,
      ),
    ];
  const text = await ctx.host.readHead(sidecar, REVIEW_LIMITS.fileBytes + 1);
  if (text === undefined) return [];
  const read = parseReviewFile(text, name);
  const out: LiftoffDiagnostic[] = read.problems
    .slice(0, 5)
    .map((p) =>
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        `${name}${p.where ? ` (${p.where})` : ''}: ${p.message} Until it is fixed, Liftoff does not change the file.`,
      ),
    );
  const data = plain(ctx.yaml.doc, ctx.yaml.root);
  const open = anchorThreads(read.file, data).filter((a) => a.thread.status === 'open');
  for (const a of open.slice(0, MAX_REPORTED)) {
    const offsets = a.at ? offsetsOfPath(ctx.file.source.text, a.at) : undefined;
    const range = offsets ? lineRange(ctx, offsets[0]) : top;
    out.push(diagnostic(ctx.settings, 'PLAN-019', 'information', range, message(a.thread, a.outdated, name)));
  }
  if (open.length > MAX_REPORTED)
    out.push(
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        `… and ${open.length - MAX_REPORTED} more open review threads in ${name}.`,
      ),
    );
  return out;
};

function message(t: ReviewThread, outdated: boolean, file: string): string {
  const first = t.comments[0];
  const body = first ? first.body.replace(/\s+/g, ' ').trim() : '';
  const quoted = body.length > 120 ? `${body.slice(0, 119)}…` : body;
  const replies = t.comments.length - 1;
  const where = outdated
    ? `on \`${t.path}\`, which is no longer in the plan${t.quote !== undefined ? ` (it read "${t.quote}")` : ''}`
    : `on \`${t.path}\``;
  return (
    `Open review thread ${where} — ${first?.author ?? 'someone'}: "${quoted}"` +
    (replies ? ` (${replies} ${replies === 1 ? 'reply' : 'replies'})` : '') +
    `. Reply or resolve it in the editor's comments, or in ${file}.`
  );
}

function firstLine(ctx: AsyncRuleContext): Range {
  return lineRange(ctx, ctx.yaml.doc.contents?.range?.[0] ?? 0);
}

/** From `offset` to the end of its line. */
function lineRange(ctx: AsyncRuleContext, offset: number): Range {
  const text = ctx.file.source.text;
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl > offset && text[nl - 1] === '\r' ? nl - 1 : nl;
  return { start: ctx.file.index.positionAt(offset), end: ctx.file.index.positionAt(end) };
}
