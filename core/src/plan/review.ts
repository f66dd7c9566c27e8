/**
 * Review comments on a plan, kept in git: threads anchored to a YAML path (not a line), stored in a sidecar file next
 * to the plan (`acme.plan.yaml` → `acme.plan.review.yaml`) and committed with it:
 *
 *   # Review comments on acme.plan.yaml (Liftoff). Commit this file with the plan.
 *   version: 1
 *   threads:
 *     - id: t-k3x9q2
 *       path: "risks[r-data].likelihood"
 *       status: open
 *       quote: "4"
 *       comments:
 *         - {author: Ada, date: 2026-12-06T01:30:00Z, body: "Why so likely?"}
 *
 * A path is keys joined by dots and list items by `[index]` or, for an item with an `id` (else a `name`), by
 * `[that id]`, so a thread follows its item when the list is reordered. A thread whose path no longer resolves is
 * outdated: still read, written and shown (with the quote of what it was about), never dropped.
 *
 * The sidecar is untrusted (anyone can commit one): it is read with bounds (size, threads, comments, text lengths),
 * every field is checked, and each problem says what, where and what to do. A file with problems is never rewritten,
 * so a save cannot lose what the reader could not understand. Pure: no file system; the shells read and write.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, stringify, type Node } from 'yaml';

export type ReviewPathSegment = string | number | { readonly id: string };
export type ThreadStatus = 'open' | 'resolved';

export interface ReviewComment {
  readonly author: string;
  /** ISO 8601 timestamp. */
  readonly date: string;
  readonly body: string;
}

export interface ReviewThread {
  readonly id: string;
  /** Where it is anchored, as written in the file (`financials.monthly_burn`, `risks[r-data].impact`). */
  readonly path: string;
  readonly status: ThreadStatus;
  /** The anchored value as it read when the thread was started (shown with an outdated thread). */
  readonly quote?: string;
  readonly comments: readonly ReviewComment[];
}

export interface ReviewFile {
  readonly version: 1;
  readonly threads: readonly ReviewThread[];
}

export interface ReviewProblem {
  /** Where in the sidecar (`threads[3].comments[0].body`), or '' for the whole file. */
  readonly where: string;
  readonly message: string;
}

export interface ReviewRead {
  readonly file: ReviewFile;
  /** Non-empty: some of the file was not understood; it must not be rewritten until fixed. */
  readonly problems: readonly ReviewProblem[];
}

export const REVIEW_LIMITS = {
  /** Bytes of the sidecar file read at most. */
  fileBytes: 1024 * 1024,
  threads: 1000,
  commentsPerThread: 200,
  bodyChars: 20_000,
  authorChars: 200,
  pathChars: 1024,
  pathSegments: 64,
  quoteChars: 500,
  idChars: 64,
} as const;

const EMPTY: ReviewFile = { version: 1, threads: [] };

/** `acme.plan.yaml` → `acme.plan.review.yaml` (any `.yaml`/`.yml` name; other names get `.review.yaml` appended). */
export function reviewPathOf(planPath: string): string {
  return /\.ya?ml$/i.test(planPath) ? planPath.replace(/\.(ya?ml)$/i, '.review.$1') : `${planPath}.review.yaml`;
}

/** True for a sidecar's own name (so it is never taken for a plan). */
export function isReviewPath(p: string): boolean {
  return /\.review\.ya?ml$/i.test(p);
}

// ---------------------------------------------------------------------------------------------------------------
// Paths

/** `risks[r-data].likelihood` → ['risks', {id: 'r-data'}, 'likelihood']; undefined when malformed. */
export function parseReviewPath(text: string): ReviewPathSegment[] | undefined {
  if (typeof text !== 'string' || !text || text.length > REVIEW_LIMITS.pathChars) return undefined;
  const out: ReviewPathSegment[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return undefined;
      const inner = text.slice(i + 1, close);
      if (!inner) return undefined;
      out.push(/^\d+$/.test(inner) ? Number(inner) : { id: inner });
      i = close + 1;
    } else {
      if (out.length) {
        if (text[i] !== '.') return undefined;
        i++;
      }
      let j = i;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      const key = text.slice(i, j);
      if (!key || key.includes(']')) return undefined;
      out.push(key);
      i = j;
    }
    if (out.length > REVIEW_LIMITS.pathSegments) return undefined;
  }
  return out.length && typeof out[0] === 'string' ? out : undefined;
}

/** The written form of a path (inverse of parseReviewPath for the keys it can hold). */
export function formatReviewPath(path: readonly ReviewPathSegment[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else if (typeof p === 'string') s += s ? `.${p}` : p;
    else s += `[${p.id}]`;
  }
  return s;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The id (else name) of a list item, when it is a plain word that can stand in a path. */
function itemKey(item: unknown): string | undefined {
  if (!isObj(item)) return undefined;
  for (const k of ['id', 'name']) {
    const v = item[k];
    if (typeof v === 'string' && /^[^[\].]+$/.test(v) && !/^\d+$/.test(v) && v.length <= 200) return v;
  }
  return undefined;
}

/**
 * The concrete path (keys and indices) a review path names in the plan's data (`doc.toJS()`), or undefined when it
 * no longer resolves (the thread is outdated).
 */
export function resolveReviewPath(data: unknown, path: string): Array<string | number> | undefined {
  const segs = parseReviewPath(path);
  if (!segs) return undefined;
  const out: Array<string | number> = [];
  let v: unknown = data;
  for (const s of segs) {
    if (typeof s === 'string') {
      if (!isObj(v) || !Object.prototype.hasOwnProperty.call(v, s)) return undefined;
      v = v[s];
      out.push(s);
    } else if (typeof s === 'number') {
      if (!Array.isArray(v) || s >= v.length) return undefined;
      v = v[s];
      out.push(s);
    } else {
      if (!Array.isArray(v)) return undefined;
      const i = v.findIndex((item) => itemKey(item) === s.id);
      if (i < 0) return undefined;
      v = v[i];
      out.push(i);
    }
  }
  return out;
}

/** The review path to write for a concrete path: list items with an id (else name) are named by it. */
export function anchorPathOf(data: unknown, path: ReadonlyArray<string | number>): string {
  const segs: ReviewPathSegment[] = [];
  let v: unknown = data;
  for (const p of path) {
    if (typeof p === 'number' && Array.isArray(v)) {
      const key = itemKey(v[p]);
      segs.push(key !== undefined && v.filter((x) => itemKey(x) === key).length === 1 ? { id: key } : p);
      v = v[p];
    } else {
      segs.push(p);
      v = isObj(v) ? v[String(p)] : undefined;
    }
  }
  return formatReviewPath(segs);
}

// ---------------------------------------------------------------------------------------------------------------
// Locating paths in the plan's text

/** The parsed plan (its BusinessPlan document, else the first), for locating paths; undefined when unparsable. */
function planDocument(text: string) {
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false });
    if (!Array.isArray(docs) || !docs.length) return undefined;
    return (
      docs.find((d) => {
        const c = d.contents;
        return (
          isMap(c) &&
          c.items.some(
            (p) => isScalar(p.key) && p.key.value === 'kind' && isScalar(p.value) && p.value.value === 'BusinessPlan',
          )
        );
      }) ?? docs[0]
    );
  } catch {
    return undefined;
  }
}

/** Offsets [start, end) in `text` of the node at a concrete path: for a key, from the key to the end of its value. */
export function offsetsOfPath(text: string, path: ReadonlyArray<string | number>): [number, number] | undefined {
  const doc = planDocument(text);
  let node = doc?.contents as Node | null | undefined;
  let span: [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : undefined;
  for (const p of path) {
    if (typeof p === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[p] as Node | undefined;
      if (!node?.range) return undefined;
      span = [node.range[0], node.range[1]];
    } else {
      if (!isMap(node)) return undefined;
      const pair = node.items.find((i) => isScalar(i.key) && String(i.key.value) === p);
      if (!pair) return undefined;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const start = key.range?.[0] ?? value?.range?.[0];
      const end = value?.range?.[1] ?? key.range?.[1];
      if (start === undefined || end === undefined) return undefined;
      node = value;
      span = [start, end];
    }
  }
  return span;
}

/**
 * The concrete path of the innermost key or list item that starts on the line holding `offset` (else the innermost
 * node containing it): where a comment started on that line is anchored. Undefined when nothing is there.
 */
export function pathAtOffset(text: string, offset: number): Array<string | number> | undefined {
  const doc = planDocument(text);
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  let best: Array<string | number> | undefined;
  const walk = (node: Node | null | undefined, path: Array<string | number>, depth: number): void => {
    if (!node || depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (!isScalar(key) || !key.range) continue;
        const value = pair.value as Node | null;
        const end = value?.range?.[1] ?? key.range[1];
        const here = [...path, String(key.value)];
        if (key.range[0] >= lineStart && key.range[0] <= lineEnd) {
          best = here;
          if (value && !isScalar(value)) walk(value, here, depth + 1);
          return;
        }
        if (key.range[0] <= lineStart && end > lineStart) {
          best = here;
          walk(value, here, depth + 1);
          return;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const n = item as Node | null;
        if (!n?.range) return;
        if (n.range[0] >= lineStart && n.range[0] <= lineEnd) {
          best = [...path, i]; // an item that starts on the line: the item itself, not its first key
        } else if (n.range[0] <= lineStart && n.range[1] > lineStart) {
          best = [...path, i];
          walk(n, [...path, i], depth + 1);
        }
      });
    }
  };
  walk(doc?.contents as Node | null | undefined, [], 0);
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and writing the sidecar

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

/** Throws the file's problems as one message: a file with problems is never rewritten (nothing it holds is lost). */
export function assertWritable(read: ReviewRead, fileName: string): void {
  if (!read.problems.length) return;
  const list = read.problems
    .slice(0, 3)
    .map((p) => (p.where ? `${p.where}: ${p.message}` : p.message))
    .join(' ');
  throw new Error(`${fileName} was not changed, because part of it could not be read: ${list}`);
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
  if (!body) throw new Error('The comment is empty: write something first.');
  if (body.length > REVIEW_LIMITS.bodyChars)
    throw new Error(`The comment is ${body.length} characters long, over the limit of ${REVIEW_LIMITS.bodyChars}.`);
  return { author, date: c.date, body };
}

export function addThread(
  file: ReviewFile,
  thread: { path: string; quote?: string; comment: ReviewComment; id?: string },
): { file: ReviewFile; thread: ReviewThread } {
  if (file.threads.length >= REVIEW_LIMITS.threads)
    throw new Error(
      `This plan has ${file.threads.length} review threads, the most one file holds. Delete resolved ones.`,
    );
  if (!parseReviewPath(thread.path)) throw new Error(`Cannot anchor a comment to \`${thread.path}\`.`);
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
    throw new Error(`The review thread ${id} is no longer in the review file (someone removed it); reload the plan.`);
  return { version: 1, threads: file.threads.map((t) => (t.id === id ? f(t) : t)) };
}

export function replyToThread(file: ReviewFile, id: string, comment: ReviewComment): ReviewFile {
  const c = checkComment(comment);
  return updateThread(file, id, (t) => {
    if (t.comments.length >= REVIEW_LIMITS.commentsPerThread)
      throw new Error(`This thread has ${t.comments.length} comments, the most one thread holds. Start a new thread.`);
    return { ...t, comments: [...t.comments, c] };
  });
}

export function setThreadStatus(file: ReviewFile, id: string, status: ThreadStatus): ReviewFile {
  return updateThread(file, id, (t) => ({ ...t, status }));
}

// ---------------------------------------------------------------------------------------------------------------
// Anchoring

export interface AnchoredThread {
  readonly thread: ReviewThread;
  /** The concrete path in the plan as it is now; undefined when the thread is outdated. */
  readonly at?: ReadonlyArray<string | number>;
  readonly outdated: boolean;
}

/** Where each thread sits in the plan's data now; threads whose path disappeared are outdated (and kept). */
export function anchorThreads(file: ReviewFile, planData: unknown): AnchoredThread[] {
  return file.threads.map((thread) => {
    const at = resolveReviewPath(planData, thread.path);
    return at ? { thread, at, outdated: false } : { thread, outdated: true };
  });
}

/** The plan's data for anchoring (its BusinessPlan document as plain JS), or undefined when it does not parse. */
export function planDataOf(text: string): unknown {
  try {
    return planDocument(text)?.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** A one-line quote of the value at a concrete path (for `quote`), at most 120 characters. */
export function quoteAt(data: unknown, path: ReadonlyArray<string | number>): string | undefined {
  let v: unknown = data;
  for (const p of path) {
    if (Array.isArray(v) && typeof p === 'number') v = v[p];
    else if (isObj(v)) v = v[String(p)];
    else return undefined;
  }
  if (v === undefined) return undefined;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === undefined) return undefined;
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 120 ? `${one.slice(0, 119)}…` : one;
}
