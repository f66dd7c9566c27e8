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
    span.textContent = 'unknown rank';
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
  if (!list.length) return document.createTextNode('None.');
  return grid(
    ['Name', 'Type', 'Shape'],
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
  actions.append(button('Copy as JSON', 'Copy this summary as JSON', () => post({ type: 'copy' })));
  header.append(titles, actions);

  const facts = el('section', 'facts');
  const producer = [i.producerName, i.producerVersion].filter(Boolean).join(' ') || 'unknown';
  facts.append(
    fact('Opset', i.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || 'none'),
    fact('IR version', String(i.irVersion)),
    fact('Producer', producer),
    fact('Parameters', `${formatCount(i.parameters.count)} · ${formatBytes(i.parameters.bytes)}`),
    fact(
      'Nodes',
      `${i.nodes.toLocaleString()}${i.subgraphs ? ` · ${i.subgraphs} subgraph${i.subgraphs === 1 ? '' : 's'}` : ''}`,
    ),
    fact('File', `${formatBytes(i.fileBytes)} · read in ${m.readMs < 1 ? '<1' : m.readMs.toFixed(0)} ms`),
  );

  const io = el('div', 'columns');
  const inputs = section('Inputs', i.inputs.length);
  inputs.append(tensors(i.inputs));
  const outputs = section('Outputs', i.outputs.length);
  outputs.append(tensors(i.outputs));
  io.append(inputs, outputs);

  const ops = section('Operators', i.operators.length);
  const max = Math.max(1, ...i.operators.map((o) => o.count));
  ops.append(
    i.operators.length
      ? grid(
          ['Operator', 'Count', 'Relative count'],
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
      : document.createTextNode('The graph has no nodes.'),
  );

  const params = section('Parameters');
  const p = i.parameters;
  params.append(
    el(
      'p',
      'lead',
      `${p.count.toLocaleString()} values in ${p.tensors} tensor${p.tensors === 1 ? '' : 's'} (initializers and constants), ${formatBytes(p.bytes)}${p.external ? `; ${p.external} stored in external files` : ''}.`,
    ),
  );
  if (p.byType.length)
    params.append(
      grid(
        ['Type', 'Values', 'Size'],
        p.byType.map((t) => [t.type, t.count.toLocaleString(), formatBytes(t.bytes)]),
        'params',
      ),
    );

  const meta = section('Metadata properties', i.metadata.length);
  meta.append(
    i.metadata.length
      ? grid(
          ['Key', 'Value'],
          i.metadata.map((e) => [el('code', undefined, e.key), el('span', 'meta-value', e.value)]),
          'metadata',
        )
      : document.createTextNode('None.'),
  );

  const parts: HTMLElement[] = [header, facts, io, ops, params, nodeSection(m), meta];
  if (i.docString || i.graphName) {
    const doc = section('Description');
    if (i.graphName) doc.append(el('p', undefined, `Graph: ${i.graphName}`));
    if (i.docString) doc.append(el('p', 'doc', i.docString));
    parts.push(doc);
  }
  root.replaceChildren(...parts);
  root.dataset.loaded = 'true';
}

/** Rows shown at once; the search narrows the list (by node name, operator or tensor name). */
const NODE_ROWS = 500;

function nodeSection(m: InspectorViewModel): HTMLElement {
  const s = section('Nodes', m.nodes.length);
  const t = m.totals;
  const per = t.perUnitOf.length ? ` per ${t.perUnitOf.join(' × ')}` : '';
  s.append(
    el(
      'p',
      'lead',
      `${formatCount(t.macs)} MACs, ${formatCount(t.flops)} FLOPs${per}; shapes of intermediate tensors inferred from the inputs` +
        `${t.unknownCost ? ` (${t.unknownCost} node${t.unknownCost === 1 ? '' : 's'} of unknown cost not counted)` : ''}.`,
    ),
  );
  const label = el('label', 'search-label', 'Find a node, operator or tensor ');
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
        ['#', 'Node', 'Operator', 'Inputs', 'Output shape', 'Parameters', 'MACs'],
        hits
          .slice(0, NODE_ROWS)
          .map((n) => [
            String(m.nodes.indexOf(n)),
            el('code', undefined, n.name || '(unnamed)'),
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
        ? `Showing the first ${NODE_ROWS} of ${hits.length} matching nodes.`
        : q
          ? `${hits.length} matching node${hits.length === 1 ? '' : 's'}.`
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
    box.append(el('h1', undefined, 'Cannot inspect this file'), el('p', undefined, msg.message));
    root.replaceChildren(box);
    root.dataset.loaded = 'error';
    return;
  }
  render(msg.model);
});

post({ type: 'ready' });
