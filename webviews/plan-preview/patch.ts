/**
 * Replaces only the parts of the page whose HTML changed (header, one element per section), in place: no
 * blanking, and the part at the top of the viewport stays where it was, so the reading position survives edits
 * above it.
 */
import type { PlanPart } from '../../core/src/plan/render/html';

const htmlOf = new WeakMap<Element, string>();

function build(part: PlanPart): Element {
  const t = document.createElement('template');
  t.innerHTML = part.html;
  const el = t.content.firstElementChild ?? document.createElement('div');
  el.setAttribute('data-part', part.key);
  htmlOf.set(el, part.html);
  return el;
}

/** The first part visible at the top of the viewport, and its offset, to restore after patching. */
function anchorOf(container: Element): { key: string; top: number } | undefined {
  for (const el of Array.from(container.children)) {
    const r = el.getBoundingClientRect();
    if (r.bottom > 0) return { key: el.getAttribute('data-part') ?? '', top: r.top };
  }
  return undefined;
}

/** Brings `container`'s children in line with `parts`; returns how many parts were replaced or added. */
export function patchParts(container: Element, parts: readonly PlanPart[]): number {
  const anchor = anchorOf(container);
  const existing = new Map<string, Element>();
  for (const el of Array.from(container.children)) {
    const key = el.getAttribute('data-part');
    if (key !== null && !existing.has(key)) existing.set(key, el);
    else el.remove();
  }
  let changed = 0;
  let previous: Element | undefined;
  for (const part of parts) {
    let el = existing.get(part.key);
    existing.delete(part.key);
    if (!el || htmlOf.get(el) !== part.html) {
      const fresh = build(part);
      if (el) el.replaceWith(fresh);
      el = fresh;
      changed++;
    }
    if (previous ? previous.nextElementSibling !== el : container.firstElementChild !== el) {
      if (previous) previous.after(el);
      else container.prepend(el);
    }
    previous = el;
  }
  for (const el of existing.values()) el.remove();
  if (anchor) {
    const el = Array.from(container.children).find((c) => c.getAttribute('data-part') === anchor.key);
    if (el) {
      const delta = el.getBoundingClientRect().top - anchor.top;
      if (Math.abs(delta) >= 1) window.scrollBy(0, delta);
    }
  }
  return changed;
}
