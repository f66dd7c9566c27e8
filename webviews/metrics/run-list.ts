/**
 * The runs pane: every run of the workspace (newest first) as a checkbox with its colour swatch, experiment, state
 * and point count, and a filter box. The checkboxes are native inputs with a `<label for>`: a screen reader names
 * each by its run, Tab reaches it and Space toggles it (vscode-checkbox cannot be named without visible text).
 * Ticking a run adds it to the charts, unticking removes it. Long lists show
 * the first MAX_ROWS matches and say how many more there are. The filter is words to find in a run's id, experiment
 * and state, or an expression (core/src/metrics/run-filter.ts: `lr < 1e-3 && best(val_auc) > 0.8`); a bad
 * expression is named under the box, with where, and the list stays unfiltered.
 */
import type { RunInfo } from '../../client/src/panels/metrics/contract';
import { goalOf, nameMatches } from '../../core/src/metrics/metric-names';
import {
  FilterError,
  filterCompletions,
  looksLikeExpression,
  matchesFilter,
  parseFilter,
  type FilterNode,
  type FilterSubject,
  type MetricFunction,
} from '../../core/src/metrics/run-filter';
import { summarizeMetric } from '../../core/src/metrics/summary';
import { type ChartEnv, runLabel } from './chart-env';
import { el } from './chart-view';
import { formatCount } from './format';
import { w } from '../shared/l10n';

const MAX_ROWS = 300;

export interface RunListEvents {
  onSelect(selected: string[]): void;
  onFilter(text: string): void;
}

export class RunList {
  readonly el = el('aside', 'runs-pane');
  private readonly list = el('ul', 'run-list');
  /** A native input (a combobox with its completions: ARIA cannot reach into a custom element's shadow root). */
  private readonly filter = document.createElement('input');
  private readonly completions = el('ul', 'filter-completions');
  private items: string[] = [];
  private from = 0;
  private active = -1;
  private readonly count = el('p', 'runs-count');
  private readonly error = el('p', 'runs-filter-error');
  private parsed: { text: string; filter: FilterNode | undefined; error: string } | undefined;

  constructor(
    private readonly env: ChartEnv,
    private readonly events: RunListEvents,
  ) {
    this.el.setAttribute('aria-label', w('Runs'));
    const head = el('div', 'runs-head');
    head.append(el('h2', 'pane-title', w('Runs')), this.count);
    this.filter.type = 'text';
    this.filter.id = 'runs-filter';
    this.filter.spellcheck = false;
    this.filter.autocomplete = 'off';
    this.filter.placeholder = w('Filter runs: words, or lr < 1e-3 && best(val_auc) > 0.8');
    this.filter.className = 'filter-input';
    this.filter.setAttribute('aria-label', w('Filter runs by id, experiment or state, or by an expression'));
    this.filter.setAttribute('aria-describedby', 'runs-filter-error');
    this.filter.setAttribute('role', 'combobox');
    this.filter.setAttribute('aria-autocomplete', 'list');
    this.filter.setAttribute('aria-expanded', 'false');
    this.filter.setAttribute('aria-controls', 'runs-filter-completions');
    this.filter.title = w(
      'Words to find in a run’s id, experiment or state, or an expression over config values, state, tags and metrics (best, last, min, max, smoothed), e.g. lr < 1e-3 && state == "succeeded" && best(val_auc) > 0.8. Down arrow: names to complete.',
    );
    this.completions.id = 'runs-filter-completions';
    this.completions.setAttribute('role', 'listbox');
    this.completions.setAttribute('aria-label', w('Names to complete'));
    this.completions.hidden = true;
    this.error.id = 'runs-filter-error';
    this.error.setAttribute('role', 'status');
    this.error.setAttribute('aria-live', 'polite');
    this.error.hidden = true;
    this.filter.addEventListener('input', () => {
      this.events.onFilter(this.filter.value);
      this.render();
      this.complete(false);
    });
    this.filter.addEventListener('keydown', (e) => this.onKey(e));
    this.filter.addEventListener('blur', () => this.closeCompletions());
    // mousedown, not click: the input keeps the focus.
    this.completions.addEventListener('mousedown', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      if (!li) return;
      e.preventDefault();
      this.accept(Number(li.dataset.index));
    });
    this.list.addEventListener('change', (e) => {
      const box = e.target as HTMLElement & { checked: boolean };
      const run = box.dataset?.run;
      if (!run) return;
      const selected = this.env.model.settings.selected.filter((k) => k !== run);
      this.events.onSelect(box.checked ? [...selected, run] : selected);
    });
    const wrap = el('div', 'runs-filter filter-wrap');
    wrap.append(this.filter, this.completions);
    this.el.append(head, wrap, this.error, this.list);
  }

  /** Names a filter can use: run fields and functions, config paths of every run, metric names of the shown runs. */
  private known(): { config: string[]; metrics: string[] } {
    const m = this.env.model;
    const config = new Set<string>();
    for (const r of m.runs.values()) for (const k of Object.keys(r.config ?? {})) config.add(k);
    const metrics = new Set<string>();
    for (const run of m.settings.selected) for (const n of m.seriesOf(run)?.keys() ?? []) metrics.add(n);
    return { config: [...config].slice(0, 2000), metrics: [...metrics].slice(0, 2000) };
  }

  /** Shows the completions for the word at the cursor (`force`: even when the word is empty, on Down or Ctrl+Space). */
  private complete(force: boolean): void {
    const text = this.filter.value;
    const cursor = this.filter.selectionStart ?? text.length;
    const before = text.slice(0, cursor);
    const word = /[A-Za-z0-9_./]*$/.exec(before)?.[0] ?? '';
    const inCall = /\b(best|last|min|max|smoothed)\(\s*$/.test(before);
    if (!force && !word && !inCall) {
      this.closeCompletions();
      return;
    }
    const { from, items } = filterCompletions(text, cursor, this.known(), 12);
    this.items = items;
    this.from = from;
    this.active = items.length ? 0 : -1;
    if (!items.length) {
      this.closeCompletions();
      return;
    }
    this.completions.replaceChildren(
      ...items.map((item, i) => {
        const li = el('li', '', item);
        li.id = `runs-filter-option-${i}`;
        li.dataset.index = String(i);
        li.setAttribute('role', 'option');
        return li;
      }),
    );
    this.completions.hidden = false;
    this.filter.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  private highlight(): void {
    [...this.completions.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) {
      this.filter.setAttribute('aria-activedescendant', `runs-filter-option-${this.active}`);
      this.completions.children[this.active]?.scrollIntoView({ block: 'nearest' });
    } else this.filter.removeAttribute('aria-activedescendant');
  }

  private closeCompletions(): void {
    this.items = [];
    this.active = -1;
    this.completions.hidden = true;
    this.completions.replaceChildren();
    this.filter.setAttribute('aria-expanded', 'false');
    this.filter.removeAttribute('aria-activedescendant');
  }

  /** Puts the chosen name in place of the word at the cursor. */
  private accept(i: number): void {
    const item = this.items[i];
    if (item === undefined) return;
    const text = this.filter.value;
    const cursor = this.filter.selectionStart ?? text.length;
    const next = text.slice(0, this.from) + item + text.slice(cursor);
    this.filter.value = next;
    const at = this.from + item.length;
    this.filter.setSelectionRange(at, at);
    this.closeCompletions();
    this.events.onFilter(next);
    this.render();
    if (item.endsWith('(')) this.complete(true); // a function: its metric names next
  }

  private onKey(e: KeyboardEvent): void {
    const open = !this.completions.hidden && this.items.length > 0;
    if ((e.key === 'ArrowDown' && !open) || (e.key === ' ' && e.ctrlKey)) {
      e.preventDefault();
      this.complete(true);
      return;
    }
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = this.items.length;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.highlight();
    } else if ((e.key === 'Enter' || e.key === 'Tab') && this.active >= 0) {
      e.preventDefault();
      this.accept(this.active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.closeCompletions();
    }
  }

  render(): void {
    const m = this.env.model;
    if (this.filter.value !== m.settings.runFilter && document.activeElement !== this.filter)
      this.filter.value = m.settings.runFilter;
    const text = m.settings.runFilter.trim();
    const selected = new Set(m.settings.selected);
    const runs = [...m.runs.values()].sort((a, b) => b.startedAt - a.startedAt || b.key.localeCompare(a.key));
    let matching = runs;
    const expr = this.expression(text);
    if (expr) {
      if (expr.filter) matching = runs.filter((r) => matchesFilter(expr.filter, this.subjectOf(r)));
    } else if (text) {
      const q = text.toLowerCase();
      matching = runs.filter((r) => `${r.key} ${r.name ?? ''} ${r.experiment} ${r.state}`.toLowerCase().includes(q));
    }
    this.error.textContent = expr?.error ?? '';
    this.error.hidden = !expr?.error;
    if (expr?.error) this.filter.setAttribute('aria-invalid', 'true');
    else this.filter.removeAttribute('aria-invalid');
    this.count.textContent = w('{0} of {1} shown', selected.size, formatCount(runs.length));
    const shown = matching.slice(0, MAX_ROWS);
    const rows: HTMLElement[] = shown.map((r) => this.row(r, selected.has(r.key)));
    if (matching.length > MAX_ROWS)
      rows.push(
        el(
          'li',
          'run-more',
          w('{0} more runs: type in the filter to find them', formatCount(matching.length - MAX_ROWS)),
        ),
      );
    if (runs.length === 0) rows.push(el('li', 'run-more', w('No runs in this workspace yet.')));
    else if (matching.length === 0) rows.push(el('li', 'run-more', w('No run matches the filter.')));
    // Rows are kept and updated in place; the list is only re-ordered when its order changed.
    const same = rows.length === this.list.children.length && rows.every((r, i) => this.list.children[i] === r);
    if (!same) this.list.replaceChildren(...rows);
    for (const key of [...this.rows.keys()]) if (!m.runs.has(key)) this.rows.delete(key);
  }

  /** The filter as an expression (parsed once per text), or undefined when it is plain words. */
  private expression(text: string): { filter: FilterNode | undefined; error: string } | undefined {
    if (!looksLikeExpression(text)) return undefined;
    if (this.parsed?.text !== text) {
      try {
        this.parsed = { text, filter: parseFilter(text), error: '' };
      } catch (e) {
        if (!(e instanceof FilterError)) throw e;
        this.parsed = {
          text,
          filter: undefined,
          error: w(
            'Filter not applied: {0} (at character {1}). Every run is listed until the expression is fixed.',
            e.message,
            e.position + 1,
          ),
        };
      }
    }
    return this.parsed;
  }

  /** What a filter sees of a run: its record, config snapshot and tags, and summaries of the series loaded here. */
  private subjectOf(r: RunInfo): FilterSubject {
    const m = this.env.model;
    return {
      id: r.key,
      experiment: r.experiment,
      state: r.state,
      tags: r.tags ?? [],
      config: r.config ?? {},
      metric: (fn: MetricFunction, name: string) => {
        const s = m.seriesOf(r.key)?.get(name);
        if (!s) return undefined;
        const primary = r.meta.primary;
        const goal = primary && nameMatches(primary.name, name) ? primary.goal : goalOf(name);
        const sum = summarizeMetric(s.steps, s.values, s.length, {
          ...(goal && { goal }),
          smoothing: m.settings.smoothing,
        });
        return fn === 'smoothed' ? sum.smoothedLast : fn === 'best' ? (sum.best ?? undefined) : sum[fn];
      },
    };
  }

  private readonly rows = new Map<
    string,
    { li: HTMLElement; box: HTMLInputElement; sw: HTMLElement; sub: HTMLElement; id: HTMLElement; text: string }
  >();

  private row(r: RunInfo, checked: boolean): HTMLElement {
    let row = this.rows.get(r.key);
    if (!row) {
      const li = el('li', 'run-row');
      li.dataset.run = r.key;
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'run-check';
      box.id = `run-${r.key}`;
      box.dataset.run = r.key;
      box.title = w('{0} · run {1}', r.experiment, r.key);
      const sw = el('span', 'swatch run-swatch');
      const label = el('label', 'run-text');
      label.htmlFor = box.id;
      const sub = el('span', 'run-sub');
      const id = el('span', 'run-id', runLabel(r.key));
      label.append(id, sub);
      label.title = w('{0} · run {1}', r.experiment, r.key);
      li.append(box, sw, label);
      row = { li, box, sw, sub, id, text: '' };
      this.rows.set(r.key, row);
    }
    // A run renamed while the panel is open shows its new name (the row is kept, its label follows).
    const shownName = runLabel(r.key);
    if (row.id.textContent !== shownName) row.id.textContent = shownName;
    const aria = w('Show run {0} of {1}', r.name ? `${r.name} (${r.key})` : r.key, r.experiment);
    if (row.box.getAttribute('aria-label') !== aria) row.box.setAttribute('aria-label', aria);
    if (row.box.checked !== checked) row.box.checked = checked;
    row.li.classList.toggle('selected', checked);
    row.sw.classList.toggle('off', !checked);
    if (checked) row.sw.style.setProperty('--swatch', this.env.colorOf(r.key));
    else row.sw.style.removeProperty('--swatch');
    const points = checked ? this.env.model.pointsOf(r.key) : undefined;
    const text = `${stateWord(r.state)}${points !== undefined ? ` · ${w('{0} pts', formatCount(points))}` : ''} · ${r.experiment}`;
    if (text !== row.text) {
      row.sub.textContent = text;
      row.text = text;
    }
    return row.li;
  }
}

/** A run's state in the reader's words (the filter still matches the state as run.json writes it). */
function stateWord(state: string): string {
  switch (state) {
    case 'queued':
      return w('queued');
    case 'running':
      return w('running');
    case 'succeeded':
      return w('succeeded');
    case 'failed':
      return w('failed');
    case 'cancelled':
      return w('cancelled');
    default:
      return state;
  }
}
