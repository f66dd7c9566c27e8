/**
 * Replaces only the parts of the page whose HTML changed (header, one element per section), in place: no
 * blanking, and the part at the top of the viewport stays where it was, so the reading position survives edits
 * above it. A changed section is morphed into its new HTML rather than replaced: elements equal to their new
 * version are kept, so re-rating one risk of a thousand rewrites one table row, and the browser lays out and
 * paints that row, not the whole table again (focus and selection elsewhere in the section stay too).
 */
import type { PlanPart } from '../../core/src/plan/render/html';
import { makeFocusable } from './keyboard';

const htmlOf = new WeakMap<Element, string>();

function build(part: PlanPart): Element {
  const t = document.createElement('template');
  t.innerHTML = part.html;
  const el = t.content.firstElementChild ?? document.createElement('div');
  el.setAttribute('data-part', part.key);
  // The keyboard order the page gives its elements, given before comparing: an unchanged row is then equal to the
  // one shown (which has it already) and is kept.
  if (el instanceof HTMLElement) makeFocusable(el);
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
      if (el && part.key.startsWith('sec-') && el.tagName === fresh.tagName) {
        morph(el, fresh);
        htmlOf.set(el, part.html);
      } else {
        if (el) el.replaceWith(fresh);
        el = fresh;
      }
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

/** Attributes the page sets itself after rendering (keyboard focus order): a morph leaves them as they are. */
const OWN_ATTRIBUTES = new Set(['tabindex']);

/** Makes `old` equal to `fresh`, keeping every element that is equal already (see the file comment). */
export function morph(old: Element, fresh: Element): void {
  if (old.isEqualNode(fresh)) return;
  for (const a of Array.from(old.attributes))
    if (!fresh.hasAttribute(a.name) && !OWN_ATTRIBUTES.has(a.name)) old.removeAttribute(a.name);
  for (const a of Array.from(fresh.attributes))
    if (old.getAttribute(a.name) !== a.value) old.setAttribute(a.name, a.value);
  const from = Array.from(old.childNodes);
  const to = Array.from(fresh.childNodes);
  const n = Math.min(from.length, to.length);
  for (let i = 0; i < n; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a.nodeType === Node.ELEMENT_NODE && b.nodeType === Node.ELEMENT_NODE && a.nodeName === b.nodeName)
      morph(a as Element, b as Element);
    else if (a.nodeType === Node.TEXT_NODE && b.nodeType === Node.TEXT_NODE) {
      if (a.nodeValue !== b.nodeValue) a.nodeValue = b.nodeValue;
    } else if (!a.isEqualNode(b)) a.replaceWith(b);
  }
  for (let i = n; i < from.length; i++) from[i]!.remove();
  for (let i = n; i < to.length; i++) old.appendChild(to[i]!);
}
