/**
 * Review threads in the plan views: `attachReview` puts the threads of a plan's review file into its view model
 * (each in the section its path starts in; outdated ones apart), and the renderers below draw them beside the
 * section in the preview, the HTML export and the Markdown export.
 */
import { anchorThreads, offsetsOfPath, planDataOf, type ReviewRead } from '../review';
import { esc, mdEscape as md } from './escape';
import { revealAttr, type RenderOptions } from './attrs';
import type { PlanViewModel, SourceRange, ThreadView } from './model';

/** Threads shown per section at most (the rest are counted; the editor's comments have them all). */
const MAX_SHOWN = 50;

/** The model with the review file's threads attached (sections get `threads`, the model `review`). */
export function attachReview(
  model: PlanViewModel,
  read: ReviewRead,
  planText: string,
  fileName: string,
): PlanViewModel {
  if (model.status === 'not-a-plan' || model.status === 'too-big') return model;
  const anchored = anchorThreads(read.file, planDataOf(planText));
  const lines = lineStarts(planText);
  const views: Array<{ view: ThreadView; section?: string }> = anchored.map(({ thread, at, outdated }) => {
    const offsets = at ? offsetsOfPath(planText, at) : undefined;
    const view: ThreadView = {
      id: thread.id,
      path: thread.path,
      status: thread.status,
      outdated,
      ...(thread.quote !== undefined && { quote: thread.quote }),
      comments: thread.comments,
      ...(at && { ref: { path: at, ...(offsets && { range: rangeOf(lines, offsets) }) } }),
    };
    return { view, ...(at && typeof at[0] === 'string' && { section: at[0] }) };
  });
  const ids = new Set(model.sections.map((s) => s.id));
  const bySection = new Map<string, ThreadView[]>();
  const outdated: ThreadView[] = [];
  for (const { view, section } of views) {
    // A thread on a header key (metadata) or an unknown place has no section: listed with the outdated ones' part.
    if (view.outdated || !section || !ids.has(section)) outdated.push(view);
    else bySection.set(section, [...(bySection.get(section) ?? []), view]);
  }
  return {
    ...model,
    sections: model.sections.map((s) => (bySection.has(s.id) ? { ...s, threads: bySection.get(s.id)! } : s)),
    review: {
      outdated,
      open: read.file.threads.filter((t) => t.status === 'open').length,
      resolved: read.file.threads.filter((t) => t.status === 'resolved').length,
      problems: read.problems.map((p) => (p.where ? `${p.where}: ${p.message}` : p.message)),
      fileName,
    },
  };
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

function positionAt(lines: readonly number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - (lines[lo] ?? 0) };
}

function rangeOf(lines: readonly number[], [start, end]: [number, number]): SourceRange {
  return { start: positionAt(lines, start), end: positionAt(lines, end) };
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : iso;
}

function threadHtml(t: ThreadView, o: RenderOptions): string {
  const state = t.outdated ? 'outdated' : t.status;
  const comments = t.comments
    .map(
      (c, i) =>
        `<li class="review-comment"><p class="review-meta"><span class="review-author">${esc(c.author)}</span> <time datetime="${esc(c.date)}">${esc(when(c.date))}</time>${i === 0 ? '' : ' <span class="review-reply">reply</span>'}</p><p class="review-body">${esc(c.body)}</p></li>`,
    )
    .join('');
  const label = t.outdated ? 'Outdated' : t.status === 'open' ? 'Open' : 'Resolved';
  return (
    `<article class="review-thread ${state}" data-thread="${esc(t.id)}" data-thread-state="${state}" aria-label="${esc(`${label} review thread on ${t.path}`)}">` +
    `<p class="review-anchor"${revealAttr(t.ref, o)}><span class="review-state ${state}">${label}</span> <code>${esc(t.path)}</code>` +
    (t.ref?.range ? ` <span class="diag-loc">line ${t.ref.range.start.line + 1}</span>` : '') +
    '</p>' +
    (t.outdated
      ? `<p class="review-outdated-note">This place is no longer in the plan${t.quote !== undefined ? `; it read <q>${esc(t.quote)}</q>` : ''}. The thread is kept in the review file.</p>`
      : '') +
    `<ol class="review-comments">${comments}</ol></article>`
  );
}

function threadsHtml(ts: readonly ThreadView[], o: RenderOptions, title: string): string {
  if (!ts.length) return '';
  const more = ts.length > MAX_SHOWN ? `<p class="review-more">… and ${ts.length - MAX_SHOWN} more threads</p>` : '';
  return `<aside class="review-threads" aria-label="${esc(title)}"><h3 class="review-title">${esc(title)}</h3>${ts
    .slice(0, MAX_SHOWN)
    .map((t) => threadHtml(t, o))
    .join('')}${more}</aside>`;
}

/** The review threads of one section, beside its content ('' when none). */
export function sectionThreadsHtml(ts: readonly ThreadView[] | undefined, o: RenderOptions): string {
  if (!ts?.length) return '';
  const open = ts.filter((t) => t.status === 'open').length;
  return threadsHtml(ts, o, `Review comments (${open} open of ${ts.length})`);
}

/** The part after the sections: threads whose place is gone, and what the review file could not say. */
export function reviewPartHtml(model: PlanViewModel, o: RenderOptions): string {
  const r = model.review;
  if (!r || (!r.outdated.length && !r.problems.length)) return '';
  const problems = r.problems.length
    ? `<ul class="diagnostics">${r.problems
        .slice(0, 10)
        .map(
          (p) =>
            `<li class="diag warning"><span class="diag-sev">warning</span><span class="diag-msg">${esc(r.fileName)}: ${esc(p)}</span></li>`,
        )
        .join('')}</ul>`
    : '';
  const outdated = r.outdated.filter((t) => t.outdated);
  const elsewhere = r.outdated.filter((t) => !t.outdated);
  return (
    `<section class="plan-section review-section" id="sec-review" data-section="review"><h2><span class="section-title">Review comments elsewhere</span></h2>` +
    problems +
    threadsHtml(outdated, o, `Outdated review threads (${outdated.length})`) +
    threadsHtml(elsewhere, o, `Review threads on the plan's header (${elsewhere.length})`) +
    '</section>'
  );
}

/** The threads as Markdown lines (a quote block per thread). */
export function threadsMarkdown(ts: readonly ThreadView[] | undefined, title: string): string[] {
  if (!ts?.length) return [];
  const out = [`**${md(title)}**`, ''];
  for (const t of ts.slice(0, MAX_SHOWN)) {
    const label = t.outdated ? 'Outdated' : t.status === 'open' ? 'Open' : 'Resolved';
    out.push(`> **${label}** on \`${t.path.replace(/`/g, "'")}\``);
    if (t.outdated && t.quote !== undefined) out.push(`> (no longer in the plan; it read “${md(t.quote)}”)`);
    for (const c of t.comments) out.push(`> — ${md(c.author)}, ${md(when(c.date))}: ${md(c.body)}`);
    out.push('');
  }
  if (ts.length > MAX_SHOWN) out.push(`… and ${ts.length - MAX_SHOWN} more threads`, '');
  return out;
}
