/**
 * The controls above the charts: EMA smoothing (0–0.99; the raw line stays, faint), the x axis (step, epoch,
 * relative or wall time), log-scale y, "ignore outliers" in the y range, reset zoom and CSV export (every point of
 * the selected runs, written by the host); and, at the top of the charts, the metric filter and a status line.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { MetricsSettings, XAxis } from '../../client/src/panels/metrics/contract';
import { GROUP_BANDS, GROUP_CENTERS, X_AXES } from '../../client/src/panels/metrics/contract';
import type { GroupBand, GroupCenter } from '../../core/src/metrics/groups';
import { el } from './chart-view';
import { w } from '../shared/l10n';

export interface ToolbarEvents {
  onChange(patch: Partial<MetricsSettings>): void;
  onResetZoom(): void;
  onExportCsv(): void;
}

const AXIS_LABELS: Record<XAxis, string> = {
  step: w('Step'),
  epoch: w('Epoch'),
  relative: w('Relative time'),
  wall: w('Wall time'),
};

const CENTER_LABELS: Record<GroupCenter, () => string> = { mean: () => w('Mean'), median: () => w('Median') };
const BAND_LABELS: Record<GroupBand, () => string> = {
  minmax: () => w('Min–max'),
  std: () => w('± std'),
  stderr: () => w('± std. error'),
  none: () => w('No band'),
};

/** A native <select> with its visible <label> (keyboard and screen readers need nothing more). */
function select(id: string, label: string, title: string): { wrap: HTMLElement; select: HTMLSelectElement } {
  const wrap = el('label', 'control');
  wrap.htmlFor = id;
  const sel = document.createElement('select');
  sel.id = id;
  sel.className = 'native-select';
  sel.title = title;
  wrap.append(el('span', 'control-label', label), sel);
  return { wrap, select: sel };
}

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

type Checkbox = HTMLElement & { checked: boolean };
type Select = HTMLElement & { value: string };

export class Toolbar {
  readonly el = el('header', 'toolbar');
  private readonly smoothing = document.createElement('input');
  private readonly smoothingValue = el('output', 'smoothing-value');
  private readonly axis = document.createElement('vscode-single-select') as Select;
  private readonly log = document.createElement('vscode-checkbox') as Checkbox;
  private readonly outliers = document.createElement('vscode-checkbox') as Checkbox;
  private readonly filter = document.createElement('vscode-textfield') as HTMLElement & {
    value: string;
    placeholder: string;
  };
  readonly status = el('span', 'toolbar-status');
  /** Above the charts: the metric filter, how many charts there are, and what the last export did. */
  readonly secondary = el('div', 'content-head');
  readonly chartCount = el('span', 'chart-count');
  private readonly groupBy = select(
    'group-by',
    w('Group by'),
    w('Draw the selected runs that share this config value, tag or experiment as one line with a band'),
  );
  private readonly groupCenter = select('group-center', w('Group line'), w('What each group’s line shows'));
  private readonly groupBand = select('group-band', w('Group band'), w('What each group’s band spans'));
  private groupOptions: readonly string[] = [];

  constructor(private readonly events: ToolbarEvents) {
    // The page's banner landmark (not role="toolbar": its controls are Tab stops, not an arrow-key group).
    this.el.setAttribute('aria-label', w('Chart settings'));

    const smooth = el('label', 'control smoothing');
    smooth.append(el('span', 'control-label', w('Smoothing')), this.smoothing, this.smoothingValue);
    Object.assign(this.smoothing, {
      type: 'range',
      min: '0',
      max: '0.99',
      step: '0.01',
      id: 'smoothing',
      className: 'slider',
    });
    this.smoothing.setAttribute('aria-label', w('Smoothing (exponential moving average weight)'));
    this.smoothing.addEventListener('input', () => {
      const v = Number(this.smoothing.value);
      this.smoothingValue.textContent = v.toFixed(2);
      this.events.onChange({ smoothing: v });
    });

    const axis = el('label', 'control');
    axis.append(el('span', 'control-label', w('X axis')), this.axis);
    this.axis.id = 'x-axis';
    this.axis.setAttribute('aria-label', w('X axis'));
    this.axis.setAttribute('label', w('X axis')); // names the combobox inside the element's shadow root
    for (const a of X_AXES) {
      const o = document.createElement('vscode-option') as HTMLElement & { value: string };
      o.setAttribute('value', a);
      o.textContent = AXIS_LABELS[a];
      this.axis.append(o);
    }
    this.axis.addEventListener('change', () => {
      if (X_AXES.includes(this.axis.value as XAxis)) this.events.onChange({ xAxis: this.axis.value as XAxis });
    });

    this.log.id = 'log-scale';
    this.log.setAttribute('label', w('Log scale'));
    this.log.addEventListener('change', () => this.events.onChange({ logScale: this.log.checked }));
    this.outliers.id = 'ignore-outliers';
    this.outliers.setAttribute('label', w('Ignore outliers'));
    this.outliers.title = w('Scale the y axis to the 5th–95th percentile of the values shown');
    this.outliers.addEventListener('change', () => this.events.onChange({ ignoreOutliers: this.outliers.checked }));

    this.filter.id = 'metric-filter';
    this.filter.placeholder = w('Filter metrics');
    this.filter.setAttribute('aria-label', w('Filter charts by metric name'));
    this.filter.addEventListener('input', () => this.events.onChange({ metricFilter: this.filter.value }));

    const reset = document.createElement('vscode-button');
    reset.id = 'reset-zoom';
    reset.setAttribute('secondary', '');
    reset.textContent = w('Reset zoom');
    reset.title = w('Show every point of every chart again (drag across a chart to zoom; double-click to reset it)');
    reset.addEventListener('click', () => this.events.onResetZoom());
    const exportCsv = document.createElement('vscode-button');
    exportCsv.id = 'export-csv';
    exportCsv.textContent = w('Export CSV');
    exportCsv.title = w('Every point of the selected runs and metrics, full resolution');
    exportCsv.addEventListener('click', () => this.events.onExportCsv());

    this.groupBy.select.append(option('', w('No grouping')));
    this.groupBy.select.addEventListener('change', () => this.events.onChange({ groupBy: this.groupBy.select.value }));
    for (const c of GROUP_CENTERS) this.groupCenter.select.append(option(c, CENTER_LABELS[c]()));
    this.groupCenter.select.addEventListener('change', () => {
      const v = this.groupCenter.select.value as GroupCenter;
      if (GROUP_CENTERS.includes(v)) this.events.onChange({ groupCenter: v });
    });
    for (const b of GROUP_BANDS) this.groupBand.select.append(option(b, BAND_LABELS[b]()));
    this.groupBand.select.addEventListener('change', () => {
      const v = this.groupBand.select.value as GroupBand;
      if (GROUP_BANDS.includes(v)) this.events.onChange({ groupBand: v });
    });
    const grouping = el('div', 'grouping');
    grouping.setAttribute('role', 'group');
    grouping.setAttribute('aria-label', w('Groups'));
    grouping.append(this.groupBy.wrap, this.groupCenter.wrap, this.groupBand.wrap);

    this.status.setAttribute('role', 'status');
    const spacer = el('span', 'spacer');
    this.el.append(smooth, axis, this.log, this.outliers, grouping, spacer, reset, exportCsv);
    this.secondary.append(this.filter, this.chartCount, this.status);
  }

  /** The "Group by" choices for the selected runs (the current choice stays listed even if no run has it now). */
  setGroupOptions(options: readonly string[], current: string): void {
    const all = current && !options.includes(current) ? [...options, current] : options;
    if (all.join('\n') !== this.groupOptions.join('\n')) {
      this.groupOptions = all;
      this.groupBy.select.replaceChildren(
        option('', w('No grouping')),
        ...all.map((o) => option(o, o.startsWith('tag:') ? w('tag {0}', o.slice(4)) : o)),
      );
    }
    if (this.groupBy.select.value !== current) this.groupBy.select.value = current;
  }

  sync(s: MetricsSettings): void {
    this.setGroupOptions(this.groupOptions, s.groupBy);
    this.groupCenter.select.value = s.groupCenter;
    this.groupBand.select.value = s.groupBand;
    this.groupCenter.select.disabled = this.groupBand.select.disabled = !s.groupBy;
    this.smoothing.value = String(s.smoothing);
    this.smoothingValue.textContent = s.smoothing.toFixed(2);
    if (this.axis.value !== s.xAxis) this.axis.value = s.xAxis;
    this.log.checked = s.logScale;
    this.outliers.checked = s.ignoreOutliers;
    if (document.activeElement !== this.filter && this.filter.value !== s.metricFilter)
      this.filter.value = s.metricFilter;
  }
}
