/**
 * The plan compare webview: renders the host's diff with core's pure renderer and asks the host to reveal the YAML
 * line of a clicked (or Enter-pressed) row. Talks to the host only through client/src/panels/plan-diff/contract.ts
 * and validates every message it receives.
 */
import './style.css';
import { DIFF_CSS, PLAN_CSS, renderPlanDiffBody } from '../../core/src/plan/render';
import { parseHostMessage, type WebviewMessage } from '../../client/src/panels/plan-diff/contract';
import { w } from '../shared/l10n';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);

// Constructable stylesheets apply the shared CSS without 'unsafe-inline' (see the plan preview).
const sheet = new CSSStyleSheet();
sheet.replaceSync(PLAN_CSS + DIFF_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('main'));
const status = document.createElement('div');
status.id = 'status';
status.setAttribute('role', 'status');
root.before(status);
let renders = 0;

function showStatus(text: string | undefined): void {
  status.textContent = text ?? '';
  status.className = text ? 'visible error' : '';
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return; // not ours, or malformed
  if (msg.type === 'error') {
    showStatus(msg.message);
    return;
  }
  const article = document.createElement('article');
  article.className = 'plan plan-diff';
  // renderPlanDiffBody escapes every piece of plan text.
  article.innerHTML = renderPlanDiffBody(msg.diff, msg.labels, { interactive: true, words: w });
  // Every revealable row is a Tab stop with a spoken hint; Enter or Space reveals it as a click does.
  for (const el of article.querySelectorAll<HTMLElement>('[data-path]')) {
    el.tabIndex = 0;
    el.setAttribute(
      'aria-description',
      el.dataset.version === 'a' ? w('Enter: show in the old version') : w('Enter: show in the plan'),
    );
  }
  root.replaceChildren(article);
  showStatus(undefined);
  root.setAttribute('data-rendered', String(++renders));
});

function reveal(el: Element): void {
  try {
    const path: unknown = JSON.parse(el.getAttribute('data-path') ?? '');
    const version = el.getAttribute('data-version');
    if (
      Array.isArray(path) &&
      path.every((p) => typeof p === 'string' || typeof p === 'number') &&
      (version === 'a' || version === 'b')
    )
      post({ type: 'reveal', path, version });
  } catch {
    // a malformed attribute cannot come from our renderer; ignore it
  }
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : undefined;
  if (!target || window.getSelection()?.toString()) return;
  const el = target.closest('[data-path]');
  if (el) reveal(el);
});

document.addEventListener('keydown', (event) => {
  const el = event.target instanceof HTMLElement ? event.target : undefined;
  if (!el || event.altKey || event.ctrlKey || event.metaKey) return;
  if ((event.key === 'Enter' || event.key === ' ') && el.matches('[data-path]')) {
    event.preventDefault();
    reveal(el);
  }
});

post({ type: 'ready' });
