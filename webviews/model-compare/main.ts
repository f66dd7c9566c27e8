/**
 * The Compare Models webview: two ONNX files side by side — a verdict, inputs and outputs, opsets, operator counts,
 * parameters and MACs, initializers changed / added / removed / renamed, nodes added and removed. Talks to its host
 * only through client/src/panels/model-compare/contract.ts and validates every message. Every table has a caption
 * and column headers; every text goes through textContent.
 */
import './style.css';
import {
  parseHostMessage,
  type CompareViewModel,
  type WebviewMessage,
} from '../../client/src/panels/model-compare/contract';
import { formatCount, formatDims, type TensorDesc } from '../../core/src/onnx/inspect/model-inspection';
import { button, el } from '../shared/dom';
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
    for (const c of r) tr.append(typeof c === 'string' ? el('td', undefined, c) : el('td', c.cls, c.text));
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

function section(title: string, count: number, body: HTMLElement | string): HTMLElement {
  const s = el('section', 'card');
  const h = el('h2', undefined, title);
  h.append(el('span', 'count', String(count)));
  s.setAttribute('aria-label', w('{0}: {1}', title, count));
  s.append(h, typeof body === 'string' ? el('p', 'none', body) : body);
  return s;
}

const tensor = (t: TensorDesc | undefined): Cell =>
  t ? `${t.type} ${formatDims(t.dims)}` : { text: w('absent'), cls: 'absent' };
/** Parameter counts in full (37,764): a change of a few weights must show. */
const exact = (n: number) => n.toLocaleString('en-US');
const delta = (a: number, b: number): Cell => {
  const d = b - a;
  return {
    text: d === 0 ? '=' : `${d > 0 ? '+' : '−'}${exact(Math.abs(d))}`,
    cls: d > 0 ? 'up' : d < 0 ? 'down' : '',
  };
};

function render(m: CompareViewModel): void {
  const d = m.diff;
  root.replaceChildren();
  const bar = el('header', 'bar');
  const titles = el('div');
  titles.append(
    el('h1', undefined, `${m.a.name} ↔ ${m.b.name}`),
    el('div', 'subtitle', `A: ${m.a.path} (${m.a.producer || w('unknown producer')}, IR ${m.a.irVersion})`),
    el('div', 'subtitle', `B: ${m.b.path} (${m.b.producer || w('unknown producer')}, IR ${m.b.irVersion})`),
  );
  bar.append(
    titles,
    button(w('Copy as JSON'), w('Copy this comparison as JSON'), () => post({ type: 'copy' })),
  );
  const verdict = el(
    'p',
    d.same ? 'verdict same' : 'verdict differ',
    d.same
      ? w('The models are the same: inputs, outputs, opsets, operators, weights and nodes all match.')
      : w('The models differ: see below.'),
  );
  verdict.setAttribute('role', 'status');
  const facts = table(
    w('Totals of A and B'),
    [w('Measure'), 'A', 'B', 'B − A'],
    [
      [
        w('Parameters'),
        exact(d.parameters.a ?? 0),
        exact(d.parameters.b ?? 0),
        delta(d.parameters.a ?? 0, d.parameters.b ?? 0),
      ],
      [
        w('MACs (per unit of symbolic dims)'),
        formatCount(d.macs.a ?? 0),
        formatCount(d.macs.b ?? 0),
        delta(d.macs.a ?? 0, d.macs.b ?? 0),
      ],
      [
        w('Opsets'),
        d.opsets.a ?? '',
        d.opsets.b ?? '',
        d.opsets.a === d.opsets.b ? '=' : { text: w('changed'), cls: 'changed' },
      ],
    ],
  );
  const io = (list: typeof d.inputs, caption: string, same: string) =>
    list.length
      ? table(
          caption,
          [w('Name'), 'A', 'B'],
          list.map((t) => [t.name, tensor(t.a), tensor(t.b)]),
        )
      : same;
  const init = d.initializers;
  const initRows: Cell[][] = [
    ...init.changed.map((c): Cell[] => [
      c.name,
      { text: w('changed: {0}', c.what.join(', ')), cls: 'changed' },
      `${c.a.type} ${formatDims(c.a.dims)} · ${c.a.checksum}`,
      `${c.b.type} ${formatDims(c.b.dims)} · ${c.b.checksum}`,
    ]),
    ...init.added.map((t): Cell[] => [
      t.name,
      { text: w('added'), cls: 'up' },
      { text: w('absent'), cls: 'absent' },
      `${t.type} ${formatDims(t.dims)} · ${t.checksum}`,
    ]),
    ...init.removed.map((t): Cell[] => [
      t.name,
      { text: w('removed'), cls: 'down' },
      `${t.type} ${formatDims(t.dims)} · ${t.checksum}`,
      { text: w('absent'), cls: 'absent' },
    ]),
    ...init.renamed.map((r): Cell[] => [
      `${r.a} → ${r.b}`,
      { text: w('renamed (same values)'), cls: 'changed' },
      r.a,
      r.b,
    ]),
  ];
  const nodeRows: Cell[][] = [
    ...d.nodes.added.map((n): Cell[] => [{ text: w('added in B'), cls: 'up' }, n]),
    ...d.nodes.removed.map((n): Cell[] => [{ text: w('removed from A'), cls: 'down' }, n]),
  ];
  root.append(
    bar,
    verdict,
    el('section', 'card totals'),
    section(w('Inputs'), d.inputs.length, io(d.inputs, w('Inputs that differ'), w('The inputs are the same.'))),
    section(w('Outputs'), d.outputs.length, io(d.outputs, w('Outputs that differ'), w('The outputs are the same.'))),
    section(
      w('Operators whose count changed'),
      d.operators.length,
      d.operators.length
        ? table(
            w('Operator counts of A and B'),
            [w('Operator'), 'A', 'B', 'B − A'],
            d.operators.map((o) => [o.op, String(o.a), String(o.b), delta(o.a, o.b)]),
          )
        : w('Every operator is used as often in both.'),
    ),
    section(
      w('Initializers (weights) that differ'),
      initRows.length,
      initRows.length
        ? table(
            w('Initializers that differ, with type, shape and a checksum of their data'),
            [w('Name'), w('Change'), 'A', 'B'],
            initRows,
          )
        : w('All {0} initializers are the same (name, type, shape and data).', formatCount(init.unchanged)),
    ),
    section(
      w('Nodes added or removed'),
      nodeRows.length,
      nodeRows.length
        ? table(w('Nodes added or removed (operator, output shape, parameters)'), [w('Change'), w('Node')], nodeRows)
        : w('The same nodes in both (matched by operator, output shape and parameters).'),
    ),
  );
  const totals = root.querySelector('.totals')!;
  totals.append(el('h2', undefined, w('Totals')), facts);
  const footer = el(
    'p',
    'footnote',
    w('Compared in {0} ms; {1} initializers unchanged.', m.readMs.toFixed(0), formatCount(init.unchanged)),
  );
  root.append(footer);
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
