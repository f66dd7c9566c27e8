/**
 * The inference results webview: renders the host's view model and sends the user's actions (copy, insert, raw
 * tensors) back. Talks to the host only through client/src/panels/inference/contract.ts and validates every message.
 */
import './style.css';
import {
  parseHostMessage,
  type InferenceViewModel,
  type RawTensor,
  type ResultRow,
  type WebviewMessage,
} from '../../client/src/panels/inference/contract';
import { el } from '../shared/dom';
import { renderModel, renderRaw, type Rendered } from './render';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);
const root = document.getElementById('root') ?? document.body.appendChild(el('main'));
const status = el('div', 'status');
status.id = 'status';
status.setAttribute('role', 'status');
document.body.prepend(status);

const saved = vscode.getState() as { raw?: unknown } | undefined;
let rawOn = saved?.raw === true;
let model: InferenceViewModel | undefined;
let raw: readonly RawTensor[] | undefined;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

function showStatus(text: string, level: 'info' | 'error'): void {
  status.textContent = text;
  status.className = `status visible ${level}`;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(
    () => {
      status.className = 'status';
    },
    level === 'error' ? 8000 : 3000,
  );
}

/** Wall-clock ms (epoch) with sub-ms precision: comparable with the workbench window's and the host's clocks. */
const now = (): number => performance.timeOrigin + performance.now();

/** Counts renders: a chunk scheduled for an older render does nothing. */
let generation = 0;
/** The table being filled, and the step that appends its next chunk (waiting for rows when it has none left). */
let rendered: Rendered | undefined;
let resume: (() => void) | undefined;

/** After the next frame is painted (the task after its requestAnimationFrame). */
const afterPaint = (f: () => void): void => {
  requestAnimationFrame(() => setTimeout(f, 0));
};

function render(): void {
  if (!model) return;
  const t0 = performance.now();
  const mine = ++generation;
  const shown = model;
  const current = renderModel(
    root,
    model,
    {
      copy: (format) => post({ type: 'copy', format }),
      insert: () => post({ type: 'insert' }),
      toggleRaw: (on) => {
        rawOn = on;
        vscode.setState({ raw: on });
        if (on && !raw) post({ type: 'raw' });
        render();
      },
    },
    rawOn,
  );
  rendered = current;
  const section = document.getElementById('raw-section');
  if (section && rawOn && raw) renderRaw(section, raw);
  root.dataset.renderMs = (performance.now() - t0).toFixed(1); // bench/inference-panel.ts reports it
  // The rows past the first screen, in chunks once the first frame is up (each its own task, so a key or a scroll
  // in between is answered); the host sends the rows past the first screen when asked, after that frame.
  delete root.dataset.completeAt;
  resume = undefined;
  const stampComplete = (): void =>
    afterPaint(() => {
      if (mine === generation) root.dataset.completeAt = now().toFixed(1);
    });
  const next = (): void => {
    if (mine !== generation) return;
    if (current.more()) setTimeout(next, 0);
    else if (current.complete) stampComplete();
    else resume = next; // the rows sent so far are in: go on when the next arrive
  };
  if (current.complete) stampComplete();
  else
    afterPaint(() => {
      if (mine !== generation) return;
      if (current.received < shown.shownRows) post({ type: 'rows', id: shown.id, from: current.received });
      next();
    });
}

/** Rows the host sent for the table being filled: appended in the chunks that follow. */
function addRows(id: number, from: number, rows: readonly ResultRow[]): void {
  if (!model || !rendered || id !== model.id || from !== rendered.received) return;
  rendered.add(rows);
  model = { ...model, rows: [...model.rows, ...rows] };
  const go = resume;
  resume = undefined;
  go?.();
}

/**
 * Stamps when a result arrived and when its first frame was painted (the task after the frame's rAF), as epoch ms:
 * bench/inference-panel.ts measures Enter → painted from these, without its own round trips.
 */
function stampPainted(receivedAt: number): void {
  delete root.dataset.paintedAt;
  root.dataset.receivedAt = receivedAt.toFixed(1);
  afterPaint(() => (root.dataset.paintedAt = now().toFixed(1)));
}

window.addEventListener('message', (event: MessageEvent) => {
  const receivedAt = now();
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  if (msg.type === 'status') {
    showStatus(msg.text, msg.level);
    return;
  }
  if (msg.type === 'raw') {
    raw = msg.outputs;
    render();
    return;
  }
  if (msg.type === 'rows') {
    addRows(msg.id, msg.from, msg.rows);
    return;
  }
  model = msg.model;
  raw = undefined;
  if (rawOn) post({ type: 'raw' });
  // Stamped first: its task after the frame then runs before the one that appends the next rows, so the stamp is
  // the frame's paint and not that later work.
  stampPainted(receivedAt);
  render();
});

post({ type: 'ready' });
