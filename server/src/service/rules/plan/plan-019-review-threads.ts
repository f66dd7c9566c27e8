import * as path from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { t, type Locale } from '../../../../../core/src/l10n';
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
        t(ctx.settings.locale, '{0} is not a regular file, so its review comments are not read.', name),
      ),
    ];
  if (info.size > REVIEW_LIMITS.fileBytes)
    return [
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        t(
          ctx.settings.locale,
          '{0} is {1} KB, over the {2} KB limit for review comments: it is not read. Delete resolved threads (they stay in git history).',
          name,
          Math.ceil(info.size / 1024),
          REVIEW_LIMITS.fileBytes / 1024,
        ),
      ),
    ];
  const text = await ctx.host.readHead(sidecar, REVIEW_LIMITS.fileBytes + 1);
  if (text === undefined) return [];
  const read = parseReviewFile(text, name, ctx.settings.locale);
  const out: LiftoffDiagnostic[] = read.problems
    .slice(0, 5)
    .map((p) =>
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        p.where
          ? t(
              ctx.settings.locale,
              '{0} ({1}): {2} Until it is fixed, Liftoff does not change the file.',
              name,
              p.where,
              p.message,
            )
          : t(ctx.settings.locale, '{0}: {1} Until it is fixed, Liftoff does not change the file.', name, p.message),
      ),
    );
  const data = plain(ctx.yaml.doc, ctx.yaml.root);
  const open = anchorThreads(read.file, data).filter((a) => a.thread.status === 'open');
  for (const a of open.slice(0, MAX_REPORTED)) {
    const offsets = a.at ? offsetsOfPath(ctx.file.source.text, a.at) : undefined;
    const range = offsets ? lineRange(ctx, offsets[0]) : top;
    out.push(
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        range,
        message(a.thread, a.outdated, name, ctx.settings.locale),
      ),
    );
  }
  if (open.length > MAX_REPORTED)
    out.push(
      diagnostic(
        ctx.settings,
        'PLAN-019',
        'information',
        top,
        t(ctx.settings.locale, '… and {0} more open review threads in {1}.', open.length - MAX_REPORTED, name),
      ),
    );
  return out;
};

function message(thread: ReviewThread, outdated: boolean, file: string, l: Locale | undefined): string {
  const first = thread.comments[0];
  const body = first ? first.body.replace(/\s+/g, ' ').trim() : '';
  const quoted = body.length > 120 ? `${body.slice(0, 119)}…` : body;
  const replies = thread.comments.length - 1;
  const where = !outdated
    ? t(l, 'on `{0}`', thread.path)
    : thread.quote !== undefined
      ? t(l, 'on `{0}`, which is no longer in the plan (it read "{1}")', thread.path, thread.quote)
      : t(l, 'on `{0}`, which is no longer in the plan', thread.path);
  const replyNote = !replies ? '' : replies === 1 ? t(l, ' ({0} reply)', replies) : t(l, ' ({0} replies)', replies);
  return t(
    l,
    'Open review thread {0} — {1}: "{2}"{3}. Reply or resolve it in the editor\'s comments, or in {4}.',
    where,
    first?.author ?? t(l, 'someone'),
    quoted,
    replyNote,
    file,
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
