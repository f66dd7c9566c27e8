/**
 * Review comments on a plan (see ./review.ts): writing. The sidecar's text (stable key order, a header), the guard
 * that never rewrites a file with problems, and the edits — add, reply, resolve/reopen — each pure, returning a new
 * file within the limits.
 */
import { stringify } from 'yaml';
import {
  REVIEW_LIMITS,
  type ReviewComment,
  type ReviewFile,
  type ReviewRead,
  type ReviewThread,
  type ThreadStatus,
} from './review-model';
import { parseReviewPath } from './review-anchor';
import { phrase, PhrasedError } from '../l10n';

/** The sidecar's text for `file` (stable key order, a header saying what it is). */
export function serializeReviewFile(file: ReviewFile, planName?: string): string {
  const data = {
    version: 1,
    threads: file.threads.map((t) => ({
      id: t.id,
      path: t.path,
      status: t.status,
      ...(t.quote !== undefined && { quote: t.quote }),
      comments: t.comments.map((c) => ({ author: c.author, date: c.date, body: c.body })),
    })),
  };
  const header = `# Review comments${planName ? ` on ${planName}` : ''} (Liftoff). Commit this file with the plan.\n`;
  return header + stringify(data, { lineWidth: 0 });
}

/**
 * Throws the file's problems as one message: a file with problems is never rewritten (nothing it holds is lost). A
 * PhrasedError, so the client (errorText with VS Code's language) says it in the user's language; the problems
 * themselves are parseReviewFile's words.
 */
export function assertWritable(read: ReviewRead, fileName: string): void {
  if (!read.problems.length) return;
  const list = read.problems
    .slice(0, 3)
    .map((p) => (p.where ? `${p.where}: ${p.message}` : p.message))
    .join(' ');
  throw new PhrasedError(phrase('{0} was not changed, because part of it could not be read: {1}', fileName, list));
}

// ---------------------------------------------------------------------------------------------------------------
// Edits (pure: each returns a new file)

/** A short random id (`t-` and 6 letters/digits) not used in `file`. */
export function newThreadId(file: ReviewFile, random: () => number = Math.random): string {
  const used = new Set(file.threads.map((t) => t.id));
  for (;;) {
    let s = 't-';
    for (let i = 0; i < 6; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36) % 36];
    if (!used.has(s)) return s;
  }
}

function checkComment(c: ReviewComment): ReviewComment {
  const author = c.author.trim().slice(0, REVIEW_LIMITS.authorChars) || 'anonymous';
  const body = c.body.trim();
  if (!body) throw new PhrasedError(phrase('The comment is empty: write something first.'));
  if (body.length > REVIEW_LIMITS.bodyChars)
    throw new PhrasedError(
      phrase('The comment is {0} characters long, over the limit of {1}.', body.length, REVIEW_LIMITS.bodyChars),
    );
  return { author, date: c.date, body };
}

export function addThread(
  file: ReviewFile,
  thread: { path: string; quote?: string; comment: ReviewComment; id?: string },
): { file: ReviewFile; thread: ReviewThread } {
  if (file.threads.length >= REVIEW_LIMITS.threads)
    throw new PhrasedError(
      phrase('This plan has {0} review threads, the most one file holds. Delete resolved ones.', file.threads.length),
    );
  if (!parseReviewPath(thread.path)) throw new PhrasedError(phrase('Cannot anchor a comment to `{0}`.', thread.path));
  const t: ReviewThread = {
    id: thread.id ?? newThreadId(file),
    path: thread.path,
    status: 'open',
    ...(thread.quote !== undefined && { quote: thread.quote.slice(0, REVIEW_LIMITS.quoteChars) }),
    comments: [checkComment(thread.comment)],
  };
  return { file: { version: 1, threads: [...file.threads, t] }, thread: t };
}

function updateThread(file: ReviewFile, id: string, f: (t: ReviewThread) => ReviewThread): ReviewFile {
  if (!file.threads.some((t) => t.id === id))
    throw new PhrasedError(
      phrase('The review thread {0} is no longer in the review file (someone removed it); reload the plan.', id),
    );
  return { version: 1, threads: file.threads.map((t) => (t.id === id ? f(t) : t)) };
}

export function replyToThread(file: ReviewFile, id: string, comment: ReviewComment): ReviewFile {
  const c = checkComment(comment);
  return updateThread(file, id, (t) => {
    if (t.comments.length >= REVIEW_LIMITS.commentsPerThread)
      throw new PhrasedError(
        phrase('This thread has {0} comments, the most one thread holds. Start a new thread.', t.comments.length),
      );
    return { ...t, comments: [...t.comments, c] };
  });
}

export function setThreadStatus(file: ReviewFile, id: string, status: ThreadStatus): ReviewFile {
  return updateThread(file, id, (t) => ({ ...t, status }));
}
