/**
 * The runs pane: every run of the workspace (newest first) as a checkbox with its colour swatch, experiment, state
 * and point count, and a filter box. The checkboxes are native inputs with a `<label for>`: a screen reader names
 * each by its run, Tab reaches it and Space toggles it (vscode-checkbox cannot be named without visible text).
 * Ticking a run adds it to the charts, unticking removes it. Long lists show
 * the first MAX_ROWS matches and say how many more there are. The filter is words to find in a run's id, experiment
 * and state, or an expression (core/src/metrics/run-filter.ts: `lr < 1e-3 && best(val_auc) > 0.8`); a bad
 * expression is named under the box, with where, and the list stays unfiltered.
 */
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { RunInfo } from '../../client/src/panels/metrics/contract';
import { goalOf, nameMatches } from '../../core/src/metrics/metric-names';
import {
  FilterError,
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
  private readonly filter = document.createElement('vscode-textfield') as HTMLElement & {
    value: string;
    placeholder: string;
  };
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
    this.filter.placeholder = 'Filter runs: words, or lr < 1e-3 && best(val_auc) > 0.8';
    this.filter.className = 'runs-filter';
    this.filter.setAttribute('aria-label', 'Filter runs by id, experiment or state, or by an expression');
    this.filter.setAttribute('aria-describedby', 'runs-filter-error');
    this.error.id = 'runs-filter-error';
    this.error.setAttribute('role', 'status');
    this.error.hidden = true;
    this.filter.addEventListener('input', () => {
      this.events.onFilter(this.filter.value);
      this.render();
    });
    this.list.addEventListener('change', (e) => {
      const box = e.target as HTMLElement & { checked: boolean };
      const run = box.dataset?.run;
      if (!run) return;
      const selected = this.env.model.settings.selected.filter((k) => k !== run);
      this.events.onSelect(box.checked ? [...selected, run] : selected);
    });
    this.el.append(head, this.filter, this.error, this.list);
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
      matching = runs.filter((r) => `${r.key} ${r.experiment} ${r.state}`.toLowerCase().includes(q));
    }
    this.error.textContent = expr?.error ?? '';
    this.error.hidden = !expr?.error;
    if (expr?.error) this.filter.setAttribute('aria-invalid', 'true');
    else this.filter.removeAttribute('aria-invalid');
    this.count.textContent = `${selected.size} of ${formatCount(runs.length)} shown`;
    const shown = matching.slice(0, MAX_ROWS);
    const rows: HTMLElement[] = shown.map((r) => this.row(r, selected.has(r.key)));
    if (matching.length > MAX_ROWS)
      rows.push(
        el('li', 'run-more', `${formatCount(matching.length - MAX_ROWS)} more runs: type in the filter to find them`),
      );
    if (runs.length === 0) rows.push(el('li', 'run-more', 'No runs in this workspace yet.'));
    else if (matching.length === 0) rows.push(el('li', 'run-more', 'No run matches the filter.'));
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
          error: `Filter not applied: ${e.message} (at character ${e.position + 1}).`,
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
    { li: HTMLElement; box: HTMLInputElement; sw: HTMLElement; sub: HTMLElement; text: string }
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
      box.title = `${r.experiment} · run ${r.key}`;
      box.setAttribute('aria-label', `Show run ${r.key} of ${r.experiment}`);
      const sw = el('span', 'swatch run-swatch');
      const label = el('label', 'run-text');
      label.htmlFor = box.id;
      const sub = el('span', 'run-sub');
      label.append(el('span', 'run-id', runLabel(r.key)), sub);
      label.title = `${r.experiment} · run ${r.key}`;
      li.append(box, sw, label);
      row = { li, box, sw, sub, text: '' };
      this.rows.set(r.key, row);
    }
    if (row.box.checked !== checked) row.box.checked = checked;
    row.li.classList.toggle('selected', checked);
    row.sw.classList.toggle('off', !checked);
    if (checked) row.sw.style.setProperty('--swatch', this.env.colorOf(r.key));
    else row.sw.style.removeProperty('--swatch');
    const points = checked ? this.env.model.pointsOf(r.key) : undefined;
    const text = `${r.state}${points !== undefined ? ` · ${formatCount(points)} pts` : ''} · ${r.experiment}`;
    if (text !== row.text) {
      row.sub.textContent = text;
      row.text = text;
    }
    return row.li;
  }
}
