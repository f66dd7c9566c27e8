/** Renders the results panel from the host's view model (client/src/panels/inference/contract.ts). */
import type { InferenceViewModel, RawTensor, ResultRow } from '../../client/src/panels/inference/contract';
import { FIRST_ROWS } from '../../client/src/panels/inference/contract';
import { button, el, ms, num, percent } from '../shared/dom';
import { w } from '../shared/l10n';

export interface Actions {
  copy(format: 'csv' | 'json'): void;
  insert(): void;
  toggleRaw(on: boolean): void;
}

function fact(label: string, value: string, detail?: string, title?: string): HTMLElement {
  const box = el('div', 'fact');
  box.append(el('div', 'fact-label', label), el('div', 'fact-value', value));
  if (detail) box.append(el('div', 'fact-detail', detail));
  if (title) box.title = title;
  return box;
}

/** `n` rows (lines, images) in words. */
function count(m: InferenceViewModel, n: number): string {
  const k = n.toLocaleString();
  if (m.unit === 'image') return n === 1 ? w('{0} image', k) : w('{0} images', k);
  if (m.unit === 'line') return n === 1 ? w('{0} line', k) : w('{0} lines', k);
  return n === 1 ? w('{0} row', k) : w('{0} rows', k);
}

/** Rows (lines, images) per second in words. */
function rate(m: InferenceViewModel, perSecond: number): string {
  const k = Math.round(perSecond).toLocaleString();
  return m.unit === 'image' ? w('{0} images/s', k) : m.unit === 'line' ? w('{0} lines/s', k) : w('{0} rows/s', k);
}

function header(m: InferenceViewModel, actions: Actions, rawOn: boolean): HTMLElement {
  const bar = el('header', 'bar');
  const titles = el('div', 'titles');
  titles.append(el('h1', undefined, w('Predictions')));
  const rows = count(m, m.totalRows);
  titles.append(
    el(
      'div',
      'subtitle',
      m.unit === 'image'
        ? `${rows} → ${m.model.name}`
        : `${w('{0} of {1}', rows, m.source.name)} · ${m.source.format.toUpperCase()} → ${m.model.name}`,
    ),
  );
  const chips = el('div', 'chips');
  const t = m.timing;
  chips.append(
    el('span', 'chip provider', m.model.provider.toUpperCase()),
    el('span', 'chip', w('{0} in the model', ms(t.runMs))),
    el('span', 'chip', rate(m, t.rowsPerSecond)),
  );
  if (t.loadMs >= 5) chips.append(el('span', 'chip', w('model loaded in {0}', ms(t.loadMs))));
  if (m.activation === 'softmax') chips.append(el('span', 'chip', w('softmax applied')));
  titles.append(chips);
  const tools = el('div', 'actions');
  tools.append(
    button(w('Copy CSV'), w('Copy the input rows and predictions as CSV'), () => actions.copy('csv'), 'copy-csv'),
    button(w('Copy JSON'), w('Copy the predictions as JSON'), () => actions.copy('json'), 'copy-json'),
  );
  const insert = button(
    w('Insert as Column'),
    m.insert.ok ? w('Append each prediction to its row in the source (one undo step)') : m.insert.reason,
    () => actions.insert(),
    'insert',
  );
  insert.disabled = !m.insert.ok;
  const raw = button(
    rawOn ? w('Hide Raw Tensors') : w('Raw Tensors'),
    w("Show the model's output tensors as they came out"),
    () => actions.toggleRaw(!rawOn),
    'raw',
  );
  raw.setAttribute('aria-pressed', String(rawOn));
  tools.append(insert, raw);
  bar.append(titles, tools);
  return bar;
}

function facts(m: InferenceViewModel): HTMLElement {
  const t = m.timing;
  const grid = el('section', 'facts');
  grid.id = 'facts';
  grid.append(fact(w('Model'), m.model.name, m.model.how, m.model.path));
  grid.append(
    fact(
      w('Input'),
      m.model.input,
      m.model.outputs.map((o) => `→ ${o.name} [${o.dims.join(', ')}] ${o.type}`).join('  '),
    ),
  );
  grid.append(
    fact(
      w('Execution provider'),
      m.model.provider.toUpperCase(),
      m.model.fallbacks.length ? w('fell back from {0}', m.model.fallbacks.join('; ')) : 'onnxruntime-node',
    ),
  );
  const batches = t.batches.map((b) => b.ms).sort((a, b) => a - b);
  const per =
    batches.length > 1
      ? w(
          '{0} batches · {1} – {2} (median {3})',
          batches.length,
          ms(batches[0]!),
          ms(batches[batches.length - 1]!),
          ms(batches[Math.floor(batches.length / 2)]!),
        )
      : w('1 batch of {0}', count(m, t.batches[0]?.rows ?? 0));
  grid.append(
    fact(
      w('Latency'),
      w('{0} in the model', ms(t.runMs)),
      per,
      w(
        'total {0}: load {1}, parse {2}, preprocess {3}, run {4}, outputs {5}',
        ms(t.totalMs),
        ms(t.loadMs),
        ms(t.parseMs),
        ms(t.preprocessMs),
        ms(t.runMs),
        ms(t.postprocessMs),
      ),
    ),
  );
  grid.append(
    fact(
      w('Throughput'),
      rate(m, t.rowsPerSecond),
      t.loadMs >= 5
        ? w('parse to results, {0} (+ {1} loading the model)', ms(t.totalMs - t.loadMs), ms(t.loadMs))
        : w('parse to results, {0}', ms(t.totalMs - t.loadMs)),
    ),
  );
  grid.append(
    fact(
      w('Preprocessing'),
      // "what: detail", in either language's colon.
      m.model.preprocessing.replace(/[:：].*$/, ''),
      /[:：]/.test(m.model.preprocessing) ? m.model.preprocessing.replace(/^[^:：]*[:：]\s*/, '') : undefined,
    ),
  );
  return grid;
}

function probabilityCell(p: number): HTMLElement {
  const td = el('td', 'prob');
  const wrap = el('div', 'bar-wrap');
  const fill = el('div', 'bar-fill');
  fill.style.setProperty('--p', String(Math.max(0, Math.min(1, p))));
  wrap.append(fill);
  td.append(el('span', 'prob-text', percent(p)), wrap);
  return td;
}

/** What every row of one result shares: computed once per result, not once per row. */
interface RowShape {
  readonly k: number;
  readonly thumbnails: boolean;
  readonly lines: boolean;
}

function row(m: InferenceViewModel, r: ResultRow, shape: RowShape): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.row = String(r.row);
  tr.append(el('td', 'num index', String(r.row)));
  if (shape.thumbnails) {
    const td = el('td', 'thumb');
    if (r.thumbnail) {
      const img = el('img', 'thumbnail');
      // The host validated it (a base64 PNG data: URL); the CSP allows data: images and nothing else.
      img.src = r.thumbnail;
      img.alt = r.cells[0] ?? w('image {0}', r.row);
      img.decoding = 'async';
      td.append(img);
    }
    tr.append(td);
  }
  if (shape.lines) tr.append(el('td', 'num line', r.line === undefined ? '' : String(r.line)));
  if (m.kind === 'classification' && r.top?.length) {
    const best = r.top[0]!;
    const pred = el('td', 'prediction');
    pred.append(el('span', 'label', best.label));
    tr.append(pred, probabilityCell(best.p));
    if (shape.k > 1)
      tr.append(
        el(
          'td',
          'alternatives',
          r.top
            .slice(1)
            .map((t) => `${t.label} ${percent(t.p)}`)
            .join(' · '),
        ),
      );
  } else if (m.kind === 'values') {
    (r.values ?? []).forEach((v, i) => tr.append(el('td', i === 0 ? 'num value first' : 'num value', num(v))));
  }
  r.cells.forEach((c, i) =>
    tr.append(el('td', m.fed[i] === false ? 'cell ignored' : i === 0 ? 'cell first' : 'cell', c)),
  );
  return tr;
}

/** Rows appended per task after the first paint (the first FIRST_ROWS, contract.ts, are built before it). */
export const CHUNK_ROWS = 120;

function table(m: InferenceViewModel): { wrap: HTMLElement; tbody: HTMLElement; shape: RowShape } {
  const wrap = el('div', 'table-wrap');
  // It scrolls sideways with many columns: focusable and named, so the keyboard can scroll it too.
  wrap.tabIndex = 0;
  wrap.setAttribute('role', 'region');
  wrap.setAttribute('aria-label', w('Inference results'));
  const t = el('table', 'results');
  // The table's name for screen readers: what was predicted, for how many.
  t.append(el('caption', 'visually-hidden', w('Predictions of {0} for {1}', m.model.name, count(m, m.totalRows))));
  const shape: RowShape = {
    k: m.rows[0]?.top?.length ?? 0,
    thumbnails: m.rows.some((x) => x.thumbnail !== undefined),
    lines: m.rows.some((x) => x.line !== undefined),
  };
  const head = el('tr');
  head.append(el('th', 'num', '#'));
  if (shape.thumbnails) head.append(el('th', 'thumb', w('Image')));
  if (shape.lines) head.append(el('th', 'num', w('Line')));
  if (m.kind === 'classification') {
    head.append(el('th', 'prediction', w('Prediction')), el('th', 'prob', w('Probability')));
    if (shape.k > 1) head.append(el('th', 'alternatives', w('Next {0}', shape.k - 1)));
  } else if (m.kind === 'values') {
    m.valueColumns.forEach((c, i) => head.append(el('th', i === 0 ? 'num value first' : 'num value', c)));
  }
  m.columns.forEach((c, i) => {
    const th = el('th', m.fed[i] === false ? 'ignored' : i === 0 ? 'first' : undefined, c);
    if (m.fed[i] === false) th.title = w('Shown, not fed to the model');
    head.append(th);
  });
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  t.append(thead, tbody);
  wrap.append(t);
  return { wrap, tbody, shape };
}

/**
 * A rendered result whose table may still lack rows: `more()` appends the next chunk of the rows it has, true while
 * some of those are left; `add(rows)` gives it the next rows the host sent; `complete` once every shown row is in.
 */
export interface Rendered {
  readonly complete: boolean;
  /** Rows received so far (built or waiting to be built). */
  readonly received: number;
  more(): boolean;
  add(rows: readonly ResultRow[]): void;
}

export function renderModel(root: HTMLElement, m: InferenceViewModel, actions: Actions, rawOn: boolean): Rendered {
  const { wrap, tbody, shape } = table(m);
  const all: ResultRow[] = m.rows.slice(0, m.shownRows);
  let built = 0;
  const append = (n: number): boolean => {
    const end = Math.min(all.length, built + n);
    const rows: HTMLTableRowElement[] = [];
    for (; built < end; built++) rows.push(row(m, all[built]!, shape));
    tbody.append(...rows);
    root.dataset.rows = String(built);
    return built < all.length;
  };
  const parts: HTMLElement[] = [header(m, actions, rawOn), wrap];
  if (m.shownRows < m.totalRows)
    parts.push(
      el(
        'p',
        'more',
        m.insert.ok
          ? w(
              'Showing the first {0} of {1}; Copy and Insert use all of them.',
              m.shownRows.toLocaleString(),
              count(m, m.totalRows),
            )
          : w(
              'Showing the first {0} of {1}; Copy uses all of them.',
              m.shownRows.toLocaleString(),
              count(m, m.totalRows),
            ),
      ),
    );
  if (m.kind === 'raw') parts.push(el('p', 'more', w('The output is not a class or a value: see the raw tensors.')));
  parts.push(el('h2', undefined, w('Run details')), facts(m));
  const raw = el('section', 'raw');
  raw.id = 'raw-section';
  raw.hidden = !rawOn;
  parts.push(raw);
  if (m.notes.length) {
    const notes = el('section', 'notes');
    notes.append(el('h2', undefined, w('Notes')));
    const ul = el('ul');
    for (const n of m.notes) ul.append(el('li', undefined, n));
    notes.append(ul);
    parts.push(notes);
  }
  root.replaceChildren(...parts);
  root.dataset.total = String(m.totalRows); // all rows of the run (bench/inference-panel.ts waits on it)
  // Before the first paint, the rows a window can show at once (a row is at least 20 px tall), at most FIRST_ROWS.
  append(Math.min(FIRST_ROWS, Math.max(10, Math.ceil(window.innerHeight / 20))));
  return {
    get complete() {
      return built >= m.shownRows;
    },
    get received() {
      return all.length;
    },
    more: () => append(CHUNK_ROWS),
    add: (rows) => all.push(...rows.slice(0, m.shownRows - all.length)),
  };
}

export function renderRaw(section: HTMLElement, outputs: readonly RawTensor[]): void {
  const parts: HTMLElement[] = [el('h2', undefined, w('Raw output tensors'))];
  for (const o of outputs) {
    const block = el('div', 'raw-output');
    block.append(el('div', 'raw-title', `${o.name} · ${o.type} [${o.dims.join(', ')}]`));
    const pre = el('pre');
    pre.textContent = o.rows.map((r, i) => `${String(i + 1).padStart(4)}  ${r}`).join('\n');
    block.append(pre);
    parts.push(block);
  }
  section.replaceChildren(...parts);
}
