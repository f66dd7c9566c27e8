/**
 * Review threads in the plan views: `attachReview` puts the threads of a plan's review file into its view model
 * (each in the section its path starts in; outdated ones apart), and the renderers below draw them beside the
 * section in the preview, the HTML export and the Markdown export.
 */
import { anchorThreads, offsetsOfPath, planDataOf, type ReviewRead } from '../review';
import { esc, mdEscape as md } from './escape';
import { revealAttr, type RenderOptions } from './attrs';
import type { PlanViewModel, SourceRange, ThreadView } from './model';
import { t, type Locale } from '../../l10n';

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

/** Where a quotation goes in a translated sentence (no text a plan or a translation can hold). */
const QUOTE_SLOT = '\u0000q\u0000';

function stateLabel(th: ThreadView, locale: Locale | undefined): string {
  return th.outdated ? t(locale, 'Outdated') : th.status === 'open' ? t(locale, 'Open') : t(locale, 'Resolved');
}

function threadHtml(th: ThreadView, o: RenderOptions): string {
  const state = th.outdated ? 'outdated' : th.status;
  const comments = th.comments
    .map(
      (c, i) =>
        `<li class="review-comment"><p class="review-meta"><span class="review-author">${esc(c.author)}</span> <time datetime="${esc(c.date)}">${esc(when(c.date))}</time>${i === 0 ? '' : ` <span class="review-reply">${esc(t(o.locale, 'reply'))}</span>`}</p><p class="review-body">${esc(c.body)}</p></li>`,
    )
    .join('');
  const label = stateLabel(th, o.locale);
  return (
    `<article class="review-thread ${state}" data-thread="${esc(th.id)}" data-thread-state="${state}" aria-label="${esc(t(o.locale, '{0} review thread on {1}', label, th.path))}">` +
    `<p class="review-anchor"${revealAttr(th.ref, o)}><span class="review-state ${state}">${esc(label)}</span> <code>${esc(th.path)}</code>` +
    (th.ref?.range
      ? ` <span class="diag-loc">${esc(t(o.locale, 'line {0}', th.ref.range.start.line + 1))}</span>`
      : '') +
    '</p>' +
    (th.outdated
      ? `<p class="review-outdated-note">${
          th.quote !== undefined
            ? // The old text in a <q> element (the quotation marks are the page's), inside the translated sentence.
              esc(
                t(
                  o.locale,
                  'This place is no longer in the plan; it read {0}. The thread is kept in the review file.',
                  QUOTE_SLOT,
                ),
              ).replace(QUOTE_SLOT, `<q>${esc(th.quote)}</q>`)
            : esc(t(o.locale, 'This place is no longer in the plan. The thread is kept in the review file.'))
        }</p>`
      : '') +
    `<ol class="review-comments">${comments}</ol></article>`
  );
}

function threadsHtml(ts: readonly ThreadView[], o: RenderOptions, title: string): string {
  if (!ts.length) return '';
  const more =
    ts.length > MAX_SHOWN
      ? `<p class="review-more">${esc(t(o.locale, '… and {0} more threads', ts.length - MAX_SHOWN))}</p>`
      : '';
  return `<aside class="review-threads" aria-label="${esc(title)}"><h3 class="review-title">${esc(title)}</h3>${ts
    .slice(0, MAX_SHOWN)
    .map((th) => threadHtml(th, o))
    .join('')}${more}</aside>`;
}

/** The review threads of one section, beside its content ('' when none). */
export function sectionThreadsHtml(ts: readonly ThreadView[] | undefined, o: RenderOptions): string {
  if (!ts?.length) return '';
  const open = ts.filter((th) => th.status === 'open').length;
  return threadsHtml(ts, o, t(o.locale, 'Review comments ({0} open of {1})', open, ts.length));
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
            `<li class="diag warning"><span class="diag-sev">${esc(t(o.locale, 'warning'))}</span><span class="diag-msg">${esc(r.fileName)}: ${esc(p)}</span></li>`,
        )
        .join('')}</ul>`
    : '';
  const outdated = r.outdated.filter((th) => th.outdated);
  const elsewhere = r.outdated.filter((th) => !th.outdated);
  return (
    `<section class="plan-section review-section" id="sec-review" data-section="review"><h2><span class="section-title">${esc(t(o.locale, 'Review comments elsewhere'))}</span></h2>` +
    problems +
    threadsHtml(outdated, o, t(o.locale, 'Outdated review threads ({0})', outdated.length)) +
    threadsHtml(elsewhere, o, t(o.locale, "Review threads on the plan's header ({0})", elsewhere.length)) +
    '</section>'
  );
}

/** The threads as Markdown lines (a quote block per thread), the renderer's words in `locale`. */
export function threadsMarkdown(ts: readonly ThreadView[] | undefined, title: string, locale?: Locale): string[] {
  if (!ts?.length) return [];
  const out = [`**${md(title)}**`, ''];
  for (const th of ts.slice(0, MAX_SHOWN)) {
    out.push(`> ${t(locale, '**{0}** on {1}', stateLabel(th, locale), `\`${th.path.replace(/`/g, "'")}\``)}`);
    if (th.outdated && th.quote !== undefined)
      out.push(`> ${t(locale, '(no longer in the plan; it read “{0}”)', md(th.quote))}`);
    for (const c of th.comments) out.push(`> — ${md(c.author)}, ${md(when(c.date))}: ${md(c.body)}`);
    out.push('');
  }
  if (ts.length > MAX_SHOWN) out.push(t(locale, '… and {0} more threads', ts.length - MAX_SHOWN), '');
  return out;
}
