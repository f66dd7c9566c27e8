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
import { X_AXES } from '../../client/src/panels/metrics/contract';
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
    axis.append(el('span', 'control-label', 'X axis'), this.axis);
    this.axis.id = 'x-axis';
    this.axis.setAttribute('aria-label', 'X axis');
    this.axis.setAttribute('label', 'X axis'); // names the combobox inside the element's shadow root
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

    this.status.setAttribute('role', 'status');
    const spacer = el('span', 'spacer');
    this.el.append(smooth, axis, this.log, this.outliers, spacer, reset, exportCsv);
    this.secondary.append(this.filter, this.chartCount, this.status);
  }

  sync(s: MetricsSettings): void {
    this.smoothing.value = String(s.smoothing);
    this.smoothingValue.textContent = s.smoothing.toFixed(2);
    if (this.axis.value !== s.xAxis) this.axis.value = s.xAxis;
    this.log.checked = s.logScale;
    this.outliers.checked = s.ignoreOutliers;
    if (document.activeElement !== this.filter && this.filter.value !== s.metricFilter)
      this.filter.value = s.metricFilter;
  }
}
