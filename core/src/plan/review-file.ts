/**
 * Review comments on a plan (see ./review.ts): the sidecar's name next to the plan, and reading it — bounded, every
 * field checked, each problem saying what, where and what to do. Never throws.
 */
import { parseDocument } from 'yaml';
import {
  isObj,
  REVIEW_LIMITS,
  type ReviewComment,
  type ReviewFile,
  type ReviewProblem,
  type ReviewRead,
  type ReviewThread,
} from './review-model';
import { parseReviewPath } from './review-anchor';

const EMPTY: ReviewFile = { version: 1, threads: [] };

/** `acme.plan.yaml` → `acme.plan.review.yaml` (any `.yaml`/`.yml` name; other names get `.review.yaml` appended). */
export function reviewPathOf(planPath: string): string {
  return /\.ya?ml$/i.test(planPath) ? planPath.replace(/\.(ya?ml)$/i, '.review.$1') : `${planPath}.review.yaml`;
}

/** True for a sidecar's own name (so it is never taken for a plan). */
export function isReviewPath(p: string): boolean {
  return /\.review\.ya?ml$/i.test(p);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date && Number.isFinite(v.getTime())) return v.toISOString();
  return undefined;
}

/** Reads a sidecar's text. Never throws: what it cannot use is reported in `problems`, with what to do. */
export function parseReviewFile(text: string, fileName = 'the review file'): ReviewRead {
  const problems: ReviewProblem[] = [];
  const fail = (message: string): ReviewRead => ({ file: EMPTY, problems: [{ where: '', message }] });
  if (typeof text !== 'string') return fail(`${fileName} is not text.`);
  if (text.length > REVIEW_LIMITS.fileBytes)
    return fail(
      `${fileName} is ${Math.ceil(text.length / 1024)} KB, over the ${REVIEW_LIMITS.fileBytes / 1024} KB limit for review comments: it was not read. Resolve and delete old threads (they stay in git history).`,
    );
  if (!text.trim()) return { file: EMPTY, problems };
  let data: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      const line = text.slice(0, e.pos[0]).split('\n').length;
      return fail(
        `${fileName} has a YAML syntax error on line ${line}: ${e.message.split('\n')[0] ?? ''}. Fix the file (or take it back from git) before adding comments.`,
      );
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return fail(
      `${fileName} cannot be read as YAML (${err instanceof Error ? err.message.split('\n')[0] : String(err)}). Fix the file or take it back from git.`,
    );
  }
  if (data === null || data === undefined) return { file: EMPTY, problems };
  if (!isObj(data)) return fail(`${fileName} must be a mapping with \`version: 1\` and \`threads:\`; it is not.`);
  if (data.version !== undefined && data.version !== 1)
    return fail(
      `${fileName} is version ${JSON.stringify(data.version)}; this Liftoff reads version 1. Update Liftoff, or write \`version: 1\`.`,
    );
  const list = data.threads ?? [];
  if (!Array.isArray(list)) return fail(`\`threads\` in ${fileName} must be a list of threads.`);
  if (list.length > REVIEW_LIMITS.threads)
    problems.push({
      where: 'threads',
      message: `${list.length} threads, over the limit of ${REVIEW_LIMITS.threads}: only the first ${REVIEW_LIMITS.threads} are read. Delete resolved threads (they stay in git history).`,
    });
  const threads: ReviewThread[] = [];
  const ids = new Set<string>();
  list.slice(0, REVIEW_LIMITS.threads).forEach((t, ti) => {
    const where = `threads[${ti}]`;
    const bad = (field: string, message: string) => problems.push({ where: `${where}${field}`, message });
    if (!isObj(t)) return bad('', 'a thread must be a mapping with id, path, status and comments.');
    const id = str(t.id);
    if (!id || id.length > REVIEW_LIMITS.idChars || !/^[\w.-]+$/.test(id))
      return bad(
        '.id',
        `\`id\` must be a word of letters, digits, "-", "_" or "." (at most ${REVIEW_LIMITS.idChars}).`,
      );
    if (ids.has(id)) return bad('.id', `the id \`${id}\` is used by an earlier thread; give each thread its own id.`);
    const path = str(t.path);
    if (!path || !parseReviewPath(path))
      return bad(
        '.path',
        `\`path\` must name a place in the plan, such as \`financials.monthly_burn\` or \`risks[r-data].impact\` (at most ${REVIEW_LIMITS.pathSegments} parts).`,
      );
    const status = t.status ?? 'open';
    if (status !== 'open' && status !== 'resolved')
      return bad('.status', `\`status\` must be \`open\` or \`resolved\`, not ${JSON.stringify(status)}.`);
    const quote = t.quote === undefined || t.quote === null ? undefined : str(t.quote);
    if (quote !== undefined && quote.length > REVIEW_LIMITS.quoteChars)
      return bad('.quote', `\`quote\` is longer than ${REVIEW_LIMITS.quoteChars} characters.`);
    if (!Array.isArray(t.comments) || !t.comments.length)
      return bad('.comments', '`comments` must be a list with at least one comment.');
    if (t.comments.length > REVIEW_LIMITS.commentsPerThread)
      return bad('.comments', `more than ${REVIEW_LIMITS.commentsPerThread} comments in one thread.`);
    const comments: ReviewComment[] = [];
    for (const [ci, c] of t.comments.entries()) {
      const cw = `.comments[${ci}]`;
      if (!isObj(c)) return bad(cw, 'a comment must be a mapping with author, date and body.');
      const author = str(c.author);
      if (!author?.trim() || author.length > REVIEW_LIMITS.authorChars)
        return bad(`${cw}.author`, `\`author\` must be a name of 1 to ${REVIEW_LIMITS.authorChars} characters.`);
      const date = str(c.date);
      if (!date || !Number.isFinite(Date.parse(date)))
        return bad(`${cw}.date`, '`date` must be an ISO 8601 date and time, such as 2026-12-06T01:30:00Z.');
      const body = str(c.body);
      if (body === undefined || !body.trim() || body.length > REVIEW_LIMITS.bodyChars)
        return bad(`${cw}.body`, `\`body\` must be text of 1 to ${REVIEW_LIMITS.bodyChars} characters.`);
      comments.push({ author, date, body });
    }
    ids.add(id);
    threads.push({ id, path, status, ...(quote !== undefined && { quote }), comments });
  });
  return { file: { version: 1, threads }, problems };
}
