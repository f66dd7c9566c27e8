/**
 * Review comments on plans in the editor, through VS Code's Comments API: one comment controller shows the threads of
 * each open plan's review file (`<plan>.review.yaml`) on the line their YAML path is at now, follows edits (the path,
 * not the line, is the anchor) and changes of the review file (a pull, a checkout, another window), and writes new
 * threads, replies, resolve and reopen back to the file. A thread whose path is gone is shown on the first line as
 * outdated, never dropped.
 */
import * as vscode from 'vscode';
import {
  addThread,
  anchorPathOf,
  anchorThreads,
  isReviewPath,
  offsetsOfPath,
  pathAtOffset,
  planDataOf,
  quoteAt,
  replyToThread,
  setThreadStatus,
  type ReviewThread,
} from '../../../core/src/plan';
import { isPlanDocument } from '../plan-document';
import { readReview, reviewAuthor, reviewName, reviewUriOf, updateReview } from './store';

export const REVIEW_CONTROLLER_ID = 'liftoff.planReview';

/** Schemes of documents saved somewhere a review file can sit next to them. */
const SAVED = new Set(['file', 'vscode-remote']);

/** Edits re-anchor the threads after this pause. */
const DEBOUNCE_MS = 300;

interface Shown {
  readonly plan: vscode.Uri;
  readonly id: string;
}

export class PlanReviewController implements vscode.Disposable {
  /** The controller of this window (the commands reach it here). */
  static current: PlanReviewController | undefined;

  private readonly controller: vscode.CommentController;
  private readonly disposables: vscode.Disposable[] = [];
  /** Per plan URI: its threads by id. */
  private readonly threads = new Map<string, Map<string, vscode.CommentThread>>();
  private readonly shown = new WeakMap<vscode.CommentThread, Shown>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A plan's review threads changed (written here or on disk): the preview redraws. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly output?: vscode.LogOutputChannel) {
    PlanReviewController.current = this;
    this.controller = vscode.comments.createCommentController(REVIEW_CONTROLLER_ID, vscode.l10n.t('Plan review'));
    this.controller.options = {
      prompt: vscode.l10n.t('Comment on this part of the plan'),
      placeHolder: vscode.l10n.t('A review comment, stored in the plan’s .review.yaml (commit it with the plan)'),
    };
    this.controller.commentingRangeProvider = {
      // Only plans saved as files: the review file goes next to them.
      provideCommentingRanges: (doc) =>
        SAVED.has(doc.uri.scheme) && isPlanDocument(doc) && !isReviewPath(doc.uri.path)
          ? [new vscode.Range(0, 0, Math.max(0, doc.lineCount - 1), 0)]
          : [],
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.review.{yaml,yml}');
    const onReviewFile = (uri: vscode.Uri) => {
      for (const key of this.threads.keys()) {
        const plan = vscode.Uri.parse(key, true);
        if (reviewUriOf(plan).toString() === uri.toString()) this.schedule(plan, 0);
      }
    };
    this.disposables.push(
      this.controller,
      this.changed,
      watcher,
      watcher.onDidChange(onReviewFile),
      watcher.onDidCreate(onReviewFile),
      watcher.onDidDelete(onReviewFile),
      vscode.workspace.onDidOpenTextDocument((d) => this.consider(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.threads.has(e.document.uri.toString()) && e.contentChanges.length) this.schedule(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.consider(d);
  }

  private consider(doc: vscode.TextDocument): void {
    if (!SAVED.has(doc.uri.scheme) || isReviewPath(doc.uri.path) || !isPlanDocument(doc)) return;
    this.schedule(doc.uri, 0);
  }

  private schedule(plan: vscode.Uri, ms = DEBOUNCE_MS): void {
    const key = plan.toString();
    if (!this.threads.has(key)) this.threads.set(key, new Map());
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.sync(plan).catch((err: unknown) => this.output?.warn(`Plan review: ${String(err)}`));
      }, ms),
    );
  }

  /** Shows the review file's threads of `plan` where their paths are now. */
  async sync(plan: vscode.Uri): Promise<void> {
    const key = plan.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!doc) return this.clear(plan);
    const read = await readReview(plan);
    if (read.problems.length)
      this.output?.warn(
        `Plan review: ${reviewName(plan)}: ${read.problems.map((p) => `${p.where} ${p.message}`).join(' ')}`,
      );
    const text = doc.getText();
    const anchored = anchorThreads(read.file, planDataOf(text));
    const mine = this.threads.get(key) ?? new Map<string, vscode.CommentThread>();
    this.threads.set(key, mine);
    const seen = new Set<string>();
    for (const a of anchored) {
      seen.add(a.thread.id);
      const offsets = a.at ? offsetsOfPath(text, a.at) : undefined;
      const line = offsets ? doc.positionAt(offsets[0]).line : 0;
      const range = new vscode.Range(line, 0, line, 0);
      let t = mine.get(a.thread.id);
      if (!t) {
        t = this.controller.createCommentThread(plan, range, []);
        mine.set(a.thread.id, t);
        this.shown.set(t, { plan, id: a.thread.id });
        t.collapsibleState =
          a.thread.status === 'open'
            ? vscode.CommentThreadCollapsibleState.Expanded
            : vscode.CommentThreadCollapsibleState.Collapsed;
      } else if (t.range?.start.line !== line) t.range = range;
      this.fill(t, a.thread, !offsets);
    }
    for (const [id, t] of mine) {
      if (!seen.has(id)) {
        t.dispose();
        mine.delete(id);
      }
    }
    this.changed.fire(plan);
  }

  private fill(t: vscode.CommentThread, thread: ReviewThread, outdated: boolean): void {
    t.label = outdated
      ? `Outdated: ${thread.path} is no longer in the plan${thread.quote !== undefined ? ` (it read “${thread.quote}”)` : ''}`
      : thread.path;
    t.contextValue = `${thread.status}${outdated ? '.outdated' : ''}`;
    t.state = thread.status === 'open' ? vscode.CommentThreadState.Unresolved : vscode.CommentThreadState.Resolved;
    t.canReply = true;
    const sameComments =
      t.comments.length === thread.comments.length &&
      t.comments.every(
        (c, i) => (c.body as string) === thread.comments[i]?.body && c.author.name === thread.comments[i]?.author,
      );
    if (!sameComments)
      t.comments = thread.comments.map((c) => ({
        body: c.body,
        mode: vscode.CommentMode.Preview,
        author: { name: c.author },
        timestamp: new Date(c.date),
        contextValue: 'liftoff.reviewComment',
      }));
  }

  private clear(plan: vscode.Uri): void {
    const key = plan.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    for (const t of this.threads.get(key)?.values() ?? []) t.dispose();
    this.threads.delete(key);
  }

  /** A new thread from the comment widget (its range says where), or from `addAt` below. */
  async create(reply: vscode.CommentReply): Promise<void> {
    const plan = reply.thread.uri;
    const line = reply.thread.range?.start.line ?? 0;
    reply.thread.dispose(); // the draft: the thread comes back from the file, anchored to its path
    await this.addAt(plan, line, reply.text);
  }

  /** Starts a thread on the YAML at `line` of `plan` with `body`. */
  async addAt(plan: vscode.Uri, line: number, body: string): Promise<string> {
    if (!SAVED.has(plan.scheme))
      throw new Error(vscode.l10n.t('Save the plan first: its review comments are kept in a file next to it.'));
    const doc = await vscode.workspace.openTextDocument(plan);
    const text = doc.getText();
    const offset = doc.offsetAt(new vscode.Position(Math.min(line, Math.max(0, doc.lineCount - 1)), 0));
    const data = planDataOf(text);
    const at = pathAtOffset(text, offset);
    if (!at?.length)
      throw new Error(
        vscode.l10n.t('There is no plan value on that line to comment on; put the cursor on a key or a list item.'),
      );
    const anchor = anchorPathOf(data, at);
    const quote = quoteAt(data, at);
    let id = '';
    await updateReview(plan, (file) => {
      const r = addThread(file, {
        path: anchor,
        ...(quote !== undefined && { quote }),
        comment: { author: reviewAuthor(), date: new Date().toISOString(), body },
      });
      id = r.thread.id;
      return r.file;
    });
    await this.sync(plan);
    return id;
  }

  async reply(reply: vscode.CommentReply): Promise<void> {
    const s = this.shown.get(reply.thread);
    if (!s) return this.create(reply);
    await updateReview(s.plan, (file) =>
      replyToThread(file, s.id, { author: reviewAuthor(), date: new Date().toISOString(), body: reply.text }),
    );
    await this.sync(s.plan);
  }

  async setStatus(thread: vscode.CommentThread, status: 'open' | 'resolved'): Promise<void> {
    const s = this.shown.get(thread);
    if (!s) throw new Error(vscode.l10n.t('This comment thread is not one of the plan’s review threads.'));
    await updateReview(s.plan, (file) => setThreadStatus(file, s.id, status));
    thread.collapsibleState =
      status === 'open'
        ? vscode.CommentThreadCollapsibleState.Expanded
        : vscode.CommentThreadCollapsibleState.Collapsed;
    await this.sync(s.plan);
  }

  /** The threads shown for `plan` (tests): id → label, state and comment bodies. */
  describe(plan: vscode.Uri): Array<{ id: string; label?: string; line?: number; state: string; comments: string[] }> {
    return [...(this.threads.get(plan.toString()) ?? new Map<string, vscode.CommentThread>())].map(([id, t]) => ({
      id,
      ...(t.label !== undefined && { label: t.label }),
      ...(t.range && { line: t.range.start.line }),
      state: t.contextValue ?? '',
      comments: t.comments.map((c) => (typeof c.body === 'string' ? c.body : c.body.value)),
    }));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const m of this.threads.values()) for (const t of m.values()) t.dispose();
    this.threads.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    if (PlanReviewController.current === this) PlanReviewController.current = undefined;
  }
}
