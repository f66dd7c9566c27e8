/**
 * Reading and writing a plan's review file (`<plan>.review.yaml`, see core/src/plan/review.ts) through VS Code's file
 * system: bounded reads, and writes that re-read the file first and refuse when it holds anything the reader could not
 * understand (so a comment never costs someone else's).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  assertWritable,
  parseReviewFile,
  reviewPathOf,
  REVIEW_LIMITS,
  serializeReviewFile,
  type ReviewFile,
  type ReviewRead,
} from '../../../core/src/plan';
import { uiLocale } from '../error-text';

export function reviewUriOf(plan: vscode.Uri): vscode.Uri {
  return plan.with({ path: reviewPathOf(plan.path) });
}

export function reviewName(plan: vscode.Uri): string {
  return path.posix.basename(reviewUriOf(plan).path);
}

/** The review file of `plan`; an empty file when there is none. Never throws: problems are in the result. */
export async function readReview(plan: vscode.Uri): Promise<ReviewRead & { readonly exists: boolean }> {
  const uri = reviewUriOf(plan);
  const name = reviewName(plan);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return { file: { version: 1, threads: [] }, problems: [], exists: false };
  }
  const fail = (message: string) => ({
    file: { version: 1 as const, threads: [] },
    problems: [{ where: '', message }],
    exists: true,
  });
  if (stat.type & vscode.FileType.Directory) return fail(vscode.l10n.t('{0} is a folder, not a review file.', name));
  if (stat.size > REVIEW_LIMITS.fileBytes)
    return fail(
      vscode.l10n.t(
        '{0} is {1} KB, over the {2} KB limit for review comments: it was not read. Delete resolved threads (they stay in git history).',
        name,
        Math.ceil(stat.size / 1024),
        REVIEW_LIMITS.fileBytes / 1024,
      ),
    );
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return {
      ...parseReviewFile(new TextDecoder().decode(bytes.subarray(0, REVIEW_LIMITS.fileBytes + 1)), name, uiLocale()),
      exists: true,
    };
  } catch (err) {
    return fail(vscode.l10n.t('{0} cannot be read: {1}.', name, err instanceof Error ? err.message : String(err)));
  }
}

/** Applies `edit` to the review file as it is on disk now and writes it; throws (what and why) when it may not. */
export async function updateReview(plan: vscode.Uri, edit: (file: ReviewFile) => ReviewFile): Promise<ReviewFile> {
  const name = reviewName(plan);
  const read = await readReview(plan);
  assertWritable(read, name);
  const next = edit(read.file);
  await vscode.workspace.fs.writeFile(
    reviewUriOf(plan),
    new TextEncoder().encode(serializeReviewFile(next, path.posix.basename(plan.path))),
  );
  return next;
}

/** Who writes a comment: `liftoff.review.author`, else the user's login name. */
export function reviewAuthor(): string {
  const set = vscode.workspace.getConfiguration('liftoff').get<unknown>('review.author');
  if (typeof set === 'string' && set.trim()) return set.trim().slice(0, REVIEW_LIMITS.authorChars);
  try {
    return os.userInfo().username || 'anonymous';
  } catch {
    return 'anonymous';
  }
}
