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
 *
 * Split by concept: the sidecar's shape and limits (review-model.ts), its name and reading it (review-file.ts),
 * anchoring threads to the plan (review-anchor.ts), writing it and editing threads (review-write.ts).
 */
export * from './review-model';
export * from './review-file';
export * from './review-anchor';
export * from './review-write';
