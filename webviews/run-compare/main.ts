/**
 * The Compare Runs webview: two runs side by side — the config keys that differ, both config snapshots as YAML with
 * the changed keys marked, metric deltas at the same steps (the last step both logged, and each run's best) and the
 * end of both logs. Talks to its host only through client/src/panels/run-compare/contract.ts and validates every
 * message. Every table has a caption and column headers; every text goes through textContent; the YAML and log
 * columns are focusable regions (arrow keys scroll them).
 */
import './style.css';
import {
  parseHostMessage,
  type LogSide,
  type RunCompareModel,
  type WebviewMessage,
} from '../../client/src/panels/run-compare/contract';
import type { YamlLine } from '../../core/src/runs/run-diff';
import { button, el, num } from '../shared/dom';
import { w } from '../shared/l10n';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);
const root = document.getElementById('root') ?? document.body.appendChild(el('main'));

type Cell = string | { readonly text: string; readonly cls: string };

function table(caption: string, headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): HTMLTableElement {
  const t = el('table');
  t.append(el('caption', 'visually-hidden', caption));
  const head = el('tr');
  for (const h of headers) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((c, i) => {
      const cell = i === 0 ? el('th') : el('td');
      if (i === 0) (cell as HTMLTableCellElement).scope = 'row';
      if (typeof c === 'string') cell.textContent = c;
      else {
        cell.textContent = c.text;
        cell.className = c.cls;
      }
      tr.append(cell);
    });
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

function section(title: string, body: HTMLElement | string, count?: number): HTMLElement {
  const s = el('section', 'card');
  const h = el('h2', undefined, title);
  if (count !== undefined) h.append(el('span', 'count', String(count)));
  s.setAttribute('aria-label', count === undefined ? title : w('{0}: {1}', title, count));
  s.append(h, typeof body === 'string' ? el('p', 'none', body) : body);
  return s;
}

const absent = (): Cell => ({ text: w('absent'), cls: 'absent' });

function delta(d: number | undefined, better?: 'a' | 'b' | 'same'): Cell {
  if (d === undefined) return '';
  return {
    text: d === 0 ? '=' : `${d > 0 ? '+' : '−'}${num(Math.abs(d))}`,
    cls: better === 'b' ? 'up' : better === 'a' ? 'down' : '',
  };
}

/** One side's YAML: a focusable region, the changed lines marked (also for screen readers). */
function yamlColumn(label: string, lines: readonly YamlLine[]): HTMLElement {
  const pre = el('pre', 'yaml');
  pre.tabIndex = 0;
  pre.setAttribute('role', 'region');
  pre.setAttribute('aria-label', label);
  if (!lines.length) pre.append(el('span', 'absent', w('(no readable config snapshot)')));
  for (const l of lines) {
    const line = el('span', `line ${l.mark}`, l.text);
    line.dataset.path = l.path;
    if (l.mark !== 'same')
      line.append(el('span', 'visually-hidden', ` ${l.mark === 'only' ? w('(only in this run)') : w('(changed)')}`));
    pre.append(line);
  }
  return pre;
}

function logColumn(label: string, side: LogSide): HTMLElement {
  const pre = el('pre', 'log');
  pre.tabIndex = 0;
  pre.setAttribute('role', 'region');
  pre.setAttribute('aria-label', label);
  if (side.cut) pre.append(el('span', 'line absent', w('… earlier lines not shown')));
  if (!side.lines.length) pre.append(el('span', 'absent', w('(no output)')));
  for (const l of side.lines) pre.append(el('span', l.err ? 'line err' : 'line', l.text));
  return pre;
}

function pair(a: HTMLElement, b: HTMLElement): HTMLElement {
  const d = el('div', 'pair');
  d.append(a, b);
  return d;
}

function render(m: RunCompareModel): void {
  root.replaceChildren();
  const bar = el('header', 'bar');
  const titles = el('div');
  titles.append(
    el('h1', undefined, `${m.a.name} ↔ ${m.b.name}`),
    el('div', 'subtitle', `A: ${m.a.experiment} · ${w('run {0}', m.a.id)} · ${m.a.state}`),
    el('div', 'subtitle', `B: ${m.b.experiment} · ${w('run {0}', m.b.id)} · ${m.b.state}`),
  );
  bar.append(
    titles,
    button(w('Copy as JSON'), w('Copy the changed keys and metric deltas as JSON'), () => post({ type: 'copy' })),
  );
  root.append(bar);
  for (const [k, s] of [
    ['A', m.a],
    ['B', m.b],
  ] as const)
    if (s.notes) {
      const n = el('p', 'notes', w('Notes of {0} ({1}): {2}', k, s.name, s.notes));
      root.append(n);
    }
  const c = m.config;
  const verdict = el(
    'p',
    c.changes.length ? 'verdict differ' : 'verdict same',
    c.changes.length
      ? (c.changes.length === 1
          ? c.same === 1
            ? w('1 config key differs; 1 is the same.')
            : w('1 config key differs; {0} are the same.', c.same)
          : c.same === 1
            ? w('{0} config keys differ; 1 is the same.', c.changes.length)
            : w('{0} config keys differ; {1} are the same.', c.changes.length, c.same)) +
          (c.truncated ? ` ${w('(The configs were too large to show in full.)')}` : '')
      : w('The config snapshots are the same ({0} keys).', c.same),
  );
  verdict.setAttribute('role', 'status');
  root.append(verdict);
  root.append(
    section(
      w('Config keys that differ'),
      c.changes.length
        ? table(
            w('Config keys whose value differs between run A and run B'),
            [w('Key'), 'A', 'B', w('Change')],
            c.changes.map((x) => [
              x.path,
              x.a ?? absent(),
              x.b ?? absent(),
              {
                text: x.kind === 'changed' ? w('changed') : x.kind === 'added' ? w('only in B') : w('only in A'),
                cls: x.kind === 'changed' ? 'changed' : x.kind === 'added' ? 'up' : 'down',
              },
            ]),
          )
        : w('No key differs.'),
      c.changes.length,
    ),
    section(
      w('Config snapshots (YAML)'),
      pair(yamlColumn(w('Config of A, {0}', m.a.name), c.a), yamlColumn(w('Config of B, {0}', m.b.name), c.b)),
    ),
  );
  const d = m.metrics;
  const metricRows = d.metrics.map((x): Cell[] => [
    x.metric,
    x.goal ?? '',
    x.lastCommon ? num(x.lastCommon.step) : absent(),
    x.lastCommon ? num(x.lastCommon.a) : '',
    x.lastCommon ? num(x.lastCommon.b) : '',
    delta(x.lastCommon?.delta, x.better),
    x.best?.a ? `${num(x.best.a.value)} @ ${num(x.best.a.step)}` : '',
    x.best?.b ? `${num(x.best.b.value)} @ ${num(x.best.b.step)}` : '',
    delta(
      x.best?.delta,
      x.best?.delta === undefined || !x.goal
        ? undefined
        : x.best.delta === 0
          ? 'same'
          : (x.goal === 'min') === x.best.delta < 0
            ? 'b'
            : 'a',
    ),
  ]);
  const only = [
    d.onlyA.length ? w('Only A logged: {0}.', d.onlyA.join(', ')) : '',
    d.onlyB.length ? w('Only B logged: {0}.', d.onlyB.join(', ')) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const metricsBody = el('div');
  if (metricRows.length)
    metricsBody.append(
      table(
        w('Metrics of A and B at the last step both logged, and the best of each by the metric’s goal'),
        [
          w('Metric'),
          w('Goal'),
          w('Last common step'),
          'A',
          'B',
          'B − A',
          w('Best of A @ step'),
          w('Best of B @ step'),
          w('Best B − A'),
        ],
        metricRows,
      ),
    );
  else metricsBody.append(el('p', 'none', w('The runs logged no metric in common.')));
  if (only) metricsBody.append(el('p', 'footnote', only));
  root.append(
    section(w('Metric deltas'), metricsBody, d.metrics.length),
    section(
      w('Logs'),
      pair(logColumn(w('Log of A, {0}', m.a.name), m.logs.a), logColumn(w('Log of B, {0}', m.b.name), m.logs.b)),
    ),
  );
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  if (msg.type === 'error') {
    const p = el('p', 'error', msg.message);
    p.setAttribute('role', 'alert');
    root.replaceChildren(p);
    return;
  }
  render(msg.model);
});

post({ type: 'ready' });
