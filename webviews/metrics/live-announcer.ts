/**
 * Live runs' progress said politely to screen readers: a visually hidden `aria-live="polite"` region that gets
 * one sentence per live run at most every ANNOUNCE_INTERVAL_MS (announce-throttle.ts), e.g. "Run 10:02:11 3f2a
 * (mnist): step 1,200, val_loss 0.231, val_acc 0.93". Finished runs and the first load are not announced.
 */
import { runLabel } from './chart-env';
import { AnnounceThrottle } from '../../core/src/metrics/announce-throttle';
import { formatCount, formatValue } from './format';
import type { Model } from './model';
import type { SeriesData } from './series-data';
import { w } from '../shared/l10n';

const METRICS_NAMED = 3;

export class LiveAnnouncer {
  readonly el = document.createElement('div');
  private readonly throttle = new AnnounceThrottle();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Announcements made (tests read it from `data-count`). */
  private count = 0;

  constructor(private readonly model: Model) {
    this.el.className = 'visually-hidden live-announcer';
    this.el.setAttribute('aria-live', 'polite');
    this.el.setAttribute('aria-atomic', 'true');
  }

  /** Series that just got points: announce the live runs among them (throttled per run). */
  changed(series: readonly SeriesData[]): void {
    const runs = new Set(series.map((s) => s.run));
    const now = performance.now();
    const texts: string[] = [];
    for (const run of runs) {
      const info = this.model.runs.get(run);
      if (info?.state !== 'running' && info?.state !== 'queued') continue;
      const text = this.sentence(run, info.experiment);
      if (!text) continue;
      const said = this.throttle.offer(run, text, now);
      if (said) texts.push(said);
    }
    this.say(texts);
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const { texts, nextAt } = this.throttle.due(performance.now());
    this.say(texts);
    if (nextAt !== undefined) this.timer = setTimeout(() => this.schedule(), Math.max(50, nextAt - performance.now()));
  }

  private say(texts: readonly string[]): void {
    if (!texts.length) return;
    this.count += texts.length;
    this.el.textContent = texts.join(' ');
    this.el.dataset.count = String(this.count);
  }

  /** The run's newest step and the newest value of its primary metric and a few others. */
  private sentence(run: string, experiment: string): string | undefined {
    const series = [...(this.model.seriesOf(run)?.values() ?? [])].filter((s) => s.length > 0 && s.name !== 'epoch');
    if (!series.length) return undefined;
    const primary = this.model.runs.get(run)?.meta.primary?.name;
    series.sort((a, b) => Number(b.name === primary) - Number(a.name === primary) || a.name.localeCompare(b.name));
    const step = Math.max(...series.map((s) => s.steps[s.length - 1] as number));
    const values = series.slice(0, METRICS_NAMED).map((s) => `${s.name} ${formatValue(s.values[s.length - 1])}`);
    return w('Run {0} ({1}): step {2}, {3}.', runLabel(run), experiment, formatCount(step), values.join(', '));
  }
}
