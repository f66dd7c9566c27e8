/**
 * Review comments on a plan (see ./review.ts): the sidecar's shape, and the bounds every reader and writer keeps
 * (the sidecar is untrusted: anyone can commit one).
 */
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

type Obj = Record<string, unknown>;
/** A YAML mapping read as plain JS. */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
