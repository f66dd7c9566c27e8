/**
 * The plan preview webview: renders the host's view model with core's pure renderer, patches only what changed,
 * keeps the scroll position, and asks the host to reveal the YAML of a clicked element. Talks to the host only
 * through the contract in client/src/panels/plan-preview/contract.ts and validates every message it receives.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import './style.css';
import { PLAN_CSS } from '../../core/src/plan/render/css';
import { renderPlanParts, SCENARIO_SELECT_ID } from '../../core/src/plan/render/html';
import type { PlanViewModel, SectionView } from '../../core/src/plan/render/model';
import { applyDelta } from '../../core/src/plan/render/delta';
import { t } from '../../core/src/l10n';
import {
  parseHostMessage,
  parseState,
  type PlanPreviewState,
  type WebviewMessage,
} from '../../client/src/panels/plan-preview/contract';
import { focusTarget, makeFocusable, onKey } from './keyboard';
import { patchParts } from './patch';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);

// The plan stylesheet is a string shared with the HTML export; a constructable stylesheet applies it without
// 'unsafe-inline' (CSP style-src governs <style> elements and style attributes, not adopted sheets).
const sheet = new CSSStyleSheet();
sheet.replaceSync(PLAN_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('main'));
const status = document.createElement('div');
status.id = 'status';
status.setAttribute('role', 'status');
root.before(status);
// Said by screen readers after the user switches scenario (what the page now shows); visually hidden.
const announcer = document.createElement('div');
announcer.id = 'announce';
announcer.className = 'sr-only';
announcer.setAttribute('aria-live', 'polite');
root.before(announcer);

let saved: PlanPreviewState | undefined = parseState(vscode.getState());
let shownUri: string | undefined;
/** The sections of the last model the host posted, by id (its next post sends only the ones that changed). */
let sections = new Map<string, SectionView>();
/** Each section's HTML, by section object: a section the host did not post again is not rendered again. */
const sectionHtml = new WeakMap<SectionView, string>();
let renders = 0;
/** The scenario the page shows (undefined: the plan as written), as the host's last model says. */
let shownScenario: string | undefined;
/** The user picked a scenario and the page does not show it yet: announce it when it comes. */
let announcePending = false;

function article(): HTMLElement {
  const existing = root.querySelector<HTMLElement>(':scope > article.plan');
  if (existing) return existing;
  const el = document.createElement('article');
  el.className = 'plan';
  root.replaceChildren(el);
  return el;
}

function showStatus(text: string | undefined, level: 'warning' | 'error' = 'warning'): void {
  status.textContent = text ?? '';
  status.className = text ? `visible ${level}` : '';
}

function saveState(): void {
  if (!shownUri) return;
  saved = { uri: shownUri, scrollY: window.scrollY, ...(shownScenario !== undefined && { scenario: shownScenario }) };
  vscode.setState(saved);
}

function render(model: PlanViewModel): void {
  const sameDocument = model.uri === shownUri;
  // While the YAML does not parse (mid-typing), keep showing the last good preview and say why it is not updating.
  if (model.status === 'syntax-error' && sameDocument) {
    showStatus(
      `${model.message ?? t(model.locale, 'The YAML has a syntax error.')} ${t(model.locale, 'Showing the last valid version.')}`,
    );
    return;
  }
  const container = article();
  container.setAttribute('data-status', model.status);
  // A replaced part loses focus with its element (the switcher after a choice): give it back to the new one.
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  patchParts(container, renderPlanParts(model, { interactive: true }, sectionHtml));
  if (focusedId && (document.activeElement === document.body || !document.activeElement))
    document.getElementById(focusedId)?.focus({ preventScroll: true });
  makeFocusable(container);
  const scenario = model.scenarios?.shown;
  if (announcePending && model.scenarios?.missing === undefined) {
    announcePending = false;
    announce(container, scenario);
  }
  shownScenario = scenario;
  showStatus(undefined);
  if (!sameDocument) {
    shownUri = model.uri;
    window.scrollTo(0, saved?.uri === model.uri ? (saved.scrollY ?? 0) : 0);
  }
  saveState();
  renders++;
  root.setAttribute('data-rendered', String(renders));
  root.setAttribute('data-version', String(model.version ?? ''));
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return; // not ours (VS Code posts its own messages too) or malformed
  if (msg.type === 'error') {
    showStatus(msg.message, 'error');
    return;
  }
  const model = applyDelta(msg.model, sections);
  if (!model) {
    // It names sections this page does not have (it was reloaded meanwhile): ask for the whole model.
    sections = new Map();
    post({ type: 'ready' });
    return;
  }
  sections = new Map(model.sections.map((s) => [s.id, s]));
  render(model);
});

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  if (!target) return;
  const link = target.closest('a[href^="#"]');
  if (link) {
    event.preventDefault();
    const section = document.getElementById(decodeURIComponent((link.getAttribute('href') ?? '#').slice(1)));
    if (section) {
      section.scrollIntoView({ block: 'start' });
      focusTarget(section);
    }
    return;
  }
  if (window.getSelection()?.toString()) return; // selecting text is not a click on the element
  const el = target.closest('[data-path]');
  if (el) reveal(el);
});

document.addEventListener('keydown', (event) => onKey(event, reveal));

// The scenario switcher: the host answers with the chosen scenario's model (and keeps the choice while typing).
document.addEventListener('change', (event) => {
  const select = event.target instanceof HTMLSelectElement ? event.target : undefined;
  if (select?.id !== SCENARIO_SELECT_ID) return;
  announcePending = true;
  post({ type: 'scenario', name: select.value === '' ? null : select.value });
});

/** Tells screen readers what the page shows now: the scenario banner's words, or the switcher's "plan as written". */
function announce(container: HTMLElement, scenario: string | undefined): void {
  const banner = container.querySelector('.banner.scenario');
  const select = document.getElementById(SCENARIO_SELECT_ID);
  const text =
    scenario !== undefined
      ? banner?.textContent
      : select instanceof HTMLSelectElement
        ? select.selectedOptions[0]?.textContent
        : undefined;
  // Cleared first, so the same words said twice are announced twice.
  announcer.textContent = '';
  requestAnimationFrame(() => {
    announcer.textContent = text ?? '';
  });
}

/** Asks the host to show the YAML an element was rendered from (its `data-path`). */
function reveal(el: Element): void {
  try {
    const path: unknown = JSON.parse(el.getAttribute('data-path') ?? '');
    if (Array.isArray(path) && path.every((p) => typeof p === 'string' || typeof p === 'number'))
      post({ type: 'reveal', path });
  } catch {
    // a malformed attribute cannot come from our renderer; ignore it
  }
}

let scrollPending = false;
window.addEventListener(
  'scroll',
  () => {
    if (scrollPending) return;
    scrollPending = true;
    requestAnimationFrame(() => {
      scrollPending = false;
      saveState();
    });
  },
  { passive: true },
);

post({ type: 'ready' });
