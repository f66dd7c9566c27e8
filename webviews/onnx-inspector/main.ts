/**
 * The ONNX inspector webview: the model's inputs and outputs (names, types, shapes with symbolic dims), opset and
 * IR version, producer, operator counts, parameters and metadata. Talks to its host only through
 * client/src/panels/onnx-inspector/contract.ts and validates every message.
 */
import './style.css';
import {
  parseHostMessage,
  type InspectorViewModel,
  type WebviewMessage,
} from '../../client/src/panels/onnx-inspector/contract';
import { formatBytes, formatCount, type TensorDesc } from '../../core/src/onnx/inspect/model-inspection';
import { button, el } from '../shared/dom';
import { w } from '../shared/l10n';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);
const root = document.getElementById('root') ?? document.body.appendChild(el('main'));

function section(title: string, count?: number): HTMLElement {
  const s = el('section', 'card');
  const h = el('h2', undefined, title);
  if (count !== undefined) h.append(el('span', 'count', String(count)));
  s.append(h);
  return s;
}

function grid(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | HTMLElement>>,
  cls: string,
): HTMLTableElement {
  const t = el('table', cls);
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
    for (const c of r) {
      const td = el('td');
      if (typeof c === 'string') td.textContent = c;
      else td.append(c);
      tr.append(td);
    }
    tbody.append(tr);
  }
  t.append(thead, tbody);
  return t;
}

function shape(dims: TensorDesc['dims']): HTMLElement {
  const span = el('span', 'shape');
  if (!dims) {
    span.textContent = w('unknown rank');
    return span;
  }
  span.append('[');
  dims.forEach((d, i) => {
    if (i) span.append(', ');
    span.append(el('span', typeof d === 'number' ? 'dim' : 'dim symbolic', String(d)));
  });
  span.append(']');
  return span;
}

function tensors(list: readonly TensorDesc[]): HTMLElement | Text {
  if (!list.length) return document.createTextNode(w('None.'));
  return grid(
    [w('Name'), w('Type'), w('Shape')],
    list.map((t) => [el('code', undefined, t.name), el('span', 'type', t.type), shape(t.dims)]),
    'tensors',
  );
}

function fact(label: string, value: string): HTMLElement {
  const d = el('div', 'fact');
  d.append(el('div', 'fact-label', label), el('div', 'fact-value', value));
  return d;
}

function render(m: InspectorViewModel): void {
  const i = m.inspection;
  const header = el('header', 'bar');
  const titles = el('div');
  titles.append(el('h1', undefined, m.name), el('div', 'subtitle', m.path));
  const actions = el('div', 'actions');
  actions.append(button(w('Copy as JSON'), w('Copy this summary as JSON'), () => post({ type: 'copy' })));
  header.append(titles, actions);

  const facts = el('section', 'facts');
  const producer = [i.producerName, i.producerVersion].filter(Boolean).join(' ') || w('unknown');
  facts.append(
    fact(w('Opset'), i.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || w('none')),
    fact(w('IR version'), String(i.irVersion)),
    fact(w('Producer'), producer),
    fact(w('Parameters'), `${formatCount(i.parameters.count)} · ${formatBytes(i.parameters.bytes)}`),
    fact(
      w('Nodes'),
      i.nodes.toLocaleString() +
        (i.subgraphs ? ` · ${i.subgraphs === 1 ? w('1 subgraph') : w('{0} subgraphs', i.subgraphs)}` : ''),
    ),
    fact(w('File'), `${formatBytes(i.fileBytes)} · ${w('read in {0} ms', m.readMs < 1 ? '<1' : m.readMs.toFixed(0))}`),
  );

  const io = el('div', 'columns');
  const inputs = section(w('Inputs'), i.inputs.length);
  inputs.append(tensors(i.inputs));
  const outputs = section(w('Outputs'), i.outputs.length);
  outputs.append(tensors(i.outputs));
  io.append(inputs, outputs);

  const ops = section(w('Operators'), i.operators.length);
  const max = Math.max(1, ...i.operators.map((o) => o.count));
  ops.append(
    i.operators.length
      ? grid(
          [w('Operator'), w('Count'), w('Relative count')],
          i.operators.map((o) => {
            const bar = el('div', 'bar-wrap');
            bar.setAttribute('aria-hidden', 'true'); // the count beside it says the same in words
            const fill = el('div', 'bar-fill');
            fill.style.setProperty('--p', String(o.count / max));
            bar.append(fill);
            return [el('code', undefined, o.domain ? `${o.domain}.${o.op}` : o.op), o.count.toLocaleString(), bar];
          }),
          'operators',
        )
      : document.createTextNode(w('The graph has no nodes.')),
  );

  const params = section(w('Parameters'));
  const p = i.parameters;
  params.append(
    el(
      'p',
      'lead',
      (p.tensors === 1
        ? w('{0} values in 1 tensor (initializers and constants), {1}.', p.count.toLocaleString(), formatBytes(p.bytes))
        : w(
            '{0} values in {1} tensors (initializers and constants), {2}.',
            p.count.toLocaleString(),
            p.tensors,
            formatBytes(p.bytes),
          )) + (p.external ? ` ${w('{0} of them are stored in external files.', p.external)}` : ''),
    ),
  );
  if (p.byType.length)
    params.append(
      grid(
        [w('Type'), w('Values'), w('Size')],
        p.byType.map((t) => [t.type, t.count.toLocaleString(), formatBytes(t.bytes)]),
        'params',
      ),
    );

  const meta = section(w('Metadata properties'), i.metadata.length);
  meta.append(
    i.metadata.length
      ? grid(
          [w('Key'), w('Value')],
          i.metadata.map((e) => [el('code', undefined, e.key), el('span', 'meta-value', e.value)]),
          'metadata',
        )
      : document.createTextNode(w('None.')),
  );

  const parts: HTMLElement[] = [header, facts, io, ops, params, nodeSection(m), meta];
  if (i.docString || i.graphName) {
    const doc = section(w('Description'));
    if (i.graphName) doc.append(el('p', undefined, w('Graph: {0}', i.graphName)));
    if (i.docString) doc.append(el('p', 'doc', i.docString));
    parts.push(doc);
  }
  root.replaceChildren(...parts);
  root.dataset.loaded = 'true';
}

/** Rows shown at once; the search narrows the list (by node name, operator or tensor name). */
const NODE_ROWS = 500;

function nodeSection(m: InspectorViewModel): HTMLElement {
  const s = section(w('Nodes'), m.nodes.length);
  const t = m.totals;
  const macs = formatCount(t.macs);
  const flops = formatCount(t.flops);
  const unknown = t.unknownCost
    ? ` ${t.unknownCost === 1 ? w('1 node of unknown cost is not counted.') : w('{0} nodes of unknown cost are not counted.', t.unknownCost)}`
    : '';
  s.append(
    el(
      'p',
      'lead',
      (t.perUnitOf.length
        ? w(
            '{0} MACs, {1} FLOPs per {2}; shapes of intermediate tensors inferred from the inputs.',
            macs,
            flops,
            t.perUnitOf.join(' × '),
          )
        : w('{0} MACs, {1} FLOPs; shapes of intermediate tensors inferred from the inputs.', macs, flops)) + unknown,
    ),
  );
  const label = el('label', 'search-label', `${w('Find a node, operator or tensor')} `);
  const input = el('input', 'search');
  input.type = 'search';
  input.id = 'node-search';
  label.htmlFor = 'node-search';
  const status = el('p', 'search-status');
  status.setAttribute('role', 'status');
  const holder = el('div', 'node-table');
  const show = () => {
    const q = input.value.trim().toLowerCase();
    const hits = q
      ? m.nodes.filter((n) => [n.name, n.op, ...n.inputs, ...n.outputs].some((v) => v.toLowerCase().includes(q)))
      : m.nodes;
    holder.replaceChildren(
      grid(
        ['#', w('Node'), w('Operator'), w('Inputs'), w('Output shape'), w('Parameters'), 'MACs'],
        hits
          .slice(0, NODE_ROWS)
          .map((n) => [
            String(m.nodes.indexOf(n)),
            el('code', undefined, n.name || w('(unnamed)')),
            el('code', undefined, n.op),
            n.inputs.filter(Boolean).join(', '),
            n.shapes.join(', ') || '–',
            n.parameters ? formatCount(n.parameters) : '–',
            n.macs === null ? '?' : n.macs ? formatCount(n.macs) : '–',
          ]),
        'nodes',
      ),
    );
    status.textContent =
      hits.length > NODE_ROWS
        ? w('Showing the first {0} of {1} matching nodes.', NODE_ROWS, hits.length)
        : q
          ? hits.length === 1
            ? w('1 matching node.')
            : w('{0} matching nodes.', hits.length)
          : '';
  };
  input.addEventListener('input', show);
  label.append(input);
  s.append(label, status, holder);
  show();
  return s;
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) return;
  if (msg.type === 'error') {
    const box = el('div', 'error');
    box.append(el('h1', undefined, w('Cannot inspect this file')), el('p', undefined, msg.message));
    root.replaceChildren(box);
    root.dataset.loaded = 'error';
    return;
  }
  render(msg.model);
});

post({ type: 'ready' });
