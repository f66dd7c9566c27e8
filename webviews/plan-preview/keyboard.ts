/**
 * The plan preview without a mouse. Section links move focus, not only the view, to their section (so Tab goes
 * on from there and a screen reader reads it). Each section heading is a Tab stop; from a heading or any element
 * that reveals YAML, ↓ and ↑ move through the section's revealable elements (tables rows, list items, figures…)
 * and Enter or Space reveals the focused one in the editor, as a click does. SVG chart parts are left to the
 * mouse: the table linked under each chart holds the same items.
 */

/** Elements that reveal YAML on Enter: `[data-path]` outside SVG. */
const REVEALABLE = '[data-path]:not(svg *)';

/** Makes the freshly rendered parts keyboard-reachable: headings in the Tab order, the rest by arrow keys. */
export function makeFocusable(container: HTMLElement): void {
  for (const el of container.querySelectorAll<HTMLElement>(REVEALABLE)) {
    if (el.hasAttribute('tabindex')) continue;
    el.tabIndex = el.matches('h2') ? 0 : -1;
  }
}

/** Moves focus to a link's target section (the caller has scrolled it into view). */
export function focusTarget(target: HTMLElement): void {
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
  target.focus({ preventScroll: true });
}

/** Keyboard handling for the page; `reveal` is what a click on the element does. */
export function onKey(event: KeyboardEvent, reveal: (el: Element) => void): void {
  const el = event.target instanceof HTMLElement ? event.target : undefined;
  if (!el || event.altKey || event.ctrlKey || event.metaKey) return;
  if ((event.key === 'Enter' || event.key === ' ') && el.matches(REVEALABLE)) {
    event.preventDefault();
    reveal(el);
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const scope = el.closest('section, header');
  if (!scope || !el.matches(`${REVEALABLE}, section`)) return;
  const items = [...scope.querySelectorAll<HTMLElement>(REVEALABLE)];
  const at = items.indexOf(el);
  const next = items[event.key === 'ArrowDown' ? at + 1 : at < 0 ? items.length - 1 : at - 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
}
