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
import { t, type Locale } from '../l10n';

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

/**
 * Reads a sidecar's text. Never throws: what it cannot use is reported in `problems`, with what to do, in `locale`
 * (English by default).
 */
export function parseReviewFile(text: string, fileName?: string, locale?: Locale): ReviewRead {
  const problems: ReviewProblem[] = [];
  const name = fileName ?? t(locale, 'the review file');
  const fail = (message: string): ReviewRead => ({ file: EMPTY, problems: [{ where: '', message }] });
  if (typeof text !== 'string') return fail(t(locale, '{0} is not text.', name));
  if (text.length > REVIEW_LIMITS.fileBytes)
    return fail(
      t(
        locale,
        '{0} is {1} KB, over the {2} KB limit for review comments: it was not read. Resolve and delete old threads (they stay in git history).',
        name,
        Math.ceil(text.length / 1024),
        REVIEW_LIMITS.fileBytes / 1024,
      ),
    );
  if (!text.trim()) return { file: EMPTY, problems };
  let data: unknown;
  try {
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      const line = text.slice(0, e.pos[0]).split('\n').length;
      return fail(
        t(
          locale,
          '{0} has a YAML syntax error on line {1}: {2}. Fix the file (or take it back from git) before adding comments.',
          name,
          line,
          e.message.split('\n')[0] ?? '',
        ),
      );
    }
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return fail(
      t(
        locale,
        '{0} cannot be read as YAML ({1}). Fix the file or take it back from git.',
        name,
        err instanceof Error ? err.message.split('\n')[0] : String(err),
      ),
    );
  }
  if (data === null || data === undefined) return { file: EMPTY, problems };
  if (!isObj(data)) return fail(t(locale, '{0} must be a mapping with `version: 1` and `threads:`; it is not.', name));
  if (data.version !== undefined && data.version !== 1)
    return fail(
      t(
        locale,
        '{0} is version {1}; this Liftoff reads version 1. Update Liftoff, or write `version: 1`.',
        name,
        JSON.stringify(data.version),
      ),
    );
  const list = data.threads ?? [];
  if (!Array.isArray(list)) return fail(t(locale, '`threads` in {0} must be a list of threads.', name));
  if (list.length > REVIEW_LIMITS.threads)
    problems.push({
      where: 'threads',
      message: t(
        locale,
        '{0} threads, over the limit of {1}: only the first {1} are read. Delete resolved threads (they stay in git history).',
        list.length,
        REVIEW_LIMITS.threads,
      ),
    });
  const threads: ReviewThread[] = [];
  const ids = new Set<string>();
  list.slice(0, REVIEW_LIMITS.threads).forEach((th, ti) => {
    const where = `threads[${ti}]`;
    const bad = (field: string, message: string) => problems.push({ where: `${where}${field}`, message });
    if (!isObj(th)) return bad('', t(locale, 'a thread must be a mapping with id, path, status and comments.'));
    const id = str(th.id);
    if (!id || id.length > REVIEW_LIMITS.idChars || !/^[\w.-]+$/.test(id))
      return bad(
        '.id',
        t(locale, '`id` must be a word of letters, digits, "-", "_" or "." (at most {0}).', REVIEW_LIMITS.idChars),
      );
    if (ids.has(id))
      return bad('.id', t(locale, 'the id `{0}` is used by an earlier thread; give each thread its own id.', id));
    const path = str(th.path);
    if (!path || !parseReviewPath(path))
      return bad(
        '.path',
        t(
          locale,
          '`path` must name a place in the plan, such as `financials.monthly_burn` or `risks[r-data].impact` (at most {0} parts).',
          REVIEW_LIMITS.pathSegments,
        ),
      );
    const status = th.status ?? 'open';
    if (status !== 'open' && status !== 'resolved')
      return bad('.status', t(locale, '`status` must be `open` or `resolved`, not {0}.', JSON.stringify(status)));
    const quote = th.quote === undefined || th.quote === null ? undefined : str(th.quote);
    if (quote !== undefined && quote.length > REVIEW_LIMITS.quoteChars)
      return bad('.quote', t(locale, '`quote` is longer than {0} characters.', REVIEW_LIMITS.quoteChars));
    if (!Array.isArray(th.comments) || !th.comments.length)
      return bad('.comments', t(locale, '`comments` must be a list with at least one comment.'));
    if (th.comments.length > REVIEW_LIMITS.commentsPerThread)
      return bad('.comments', t(locale, 'more than {0} comments in one thread.', REVIEW_LIMITS.commentsPerThread));
    const comments: ReviewComment[] = [];
    for (const [ci, c] of th.comments.entries()) {
      const cw = `.comments[${ci}]`;
      if (!isObj(c)) return bad(cw, t(locale, 'a comment must be a mapping with author, date and body.'));
      const author = str(c.author);
      if (!author?.trim() || author.length > REVIEW_LIMITS.authorChars)
        return bad(
          `${cw}.author`,
          t(locale, '`author` must be a name of 1 to {0} characters.', REVIEW_LIMITS.authorChars),
        );
      const date = str(c.date);
      if (!date || !Number.isFinite(Date.parse(date)))
        return bad(`${cw}.date`, t(locale, '`date` must be an ISO 8601 date and time, such as 2026-12-06T01:30:00Z.'));
      const body = str(c.body);
      if (body === undefined || !body.trim() || body.length > REVIEW_LIMITS.bodyChars)
        return bad(`${cw}.body`, t(locale, '`body` must be text of 1 to {0} characters.', REVIEW_LIMITS.bodyChars));
      comments.push({ author, date, body });
    }
    ids.add(id);
    threads.push({ id, path, status, ...(quote !== undefined && { quote }), comments });
  });
  return { file: { version: 1, threads }, problems };
}
