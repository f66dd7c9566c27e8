import type { SeriesStore } from '../../core/src/metrics';
import type { Io } from './io';

const SHOWN = /^(train_loss|loss|val_loss|val_accuracy|val_auc|val_f1|val_r2|val_mse)$/;

/**
 * One status line under the run's output: a bar for epochs, the latest metrics and an ETA. On a terminal it redraws
 * in place (stderr); otherwise it prints a line per new epoch, so logs stay readable.
 */
export class ProgressLine {
  private readonly started = Date.now();
  private lastEpoch = -1;
  private drawn = false;

  constructor(
    private readonly io: Io & { isTTY?: boolean },
    private readonly run: string,
    private readonly store: SeriesStore,
    private readonly totalEpochs: number | undefined,
  ) {}

  output(chunk: string): void {
    this.clear();
    this.io.out(chunk);
  }

  render(): void {
    const epochSeries = this.store.series(this.run, 'epoch');
    const epoch = epochSeries && epochSeries.length ? epochSeries.values[epochSeries.length - 1]! : undefined;
    const metrics = this.store
      .names(this.run)
      .filter((n) => SHOWN.test(n))
      .map((n) => {
        const s = this.store.series(this.run, n)!;
        return s.length ? `${n} ${formatValue(s.values[s.length - 1]!)}` : undefined;
      })
      .filter(Boolean)
      .join('  ');
    const done = epoch ?? 0; // epochs are counted from 1 by our trainers
    const frac = this.totalEpochs ? Math.min(1, done / this.totalEpochs) : undefined;
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = frac && frac > 0 && frac < 1 ? ` ETA ${Math.round(elapsed / frac - elapsed)}s` : '';
    const bar = frac === undefined ? '' : `[${'#'.repeat(Math.round(frac * 20)).padEnd(20, '.')}] `;
    const line = `${bar}epoch ${epoch === undefined ? '-' : done}${this.totalEpochs ? `/${this.totalEpochs}` : ''}  ${metrics}  ${elapsed.toFixed(0)}s${eta}`;
    if (this.io.isTTY) {
      this.io.err(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else if (epoch !== undefined && epoch !== this.lastEpoch) {
      this.io.err(`${line}\n`);
    }
    if (epoch !== undefined) this.lastEpoch = epoch;
  }

  end(): void {
    if (this.drawn) {
      this.io.err('\n');
      this.drawn = false;
    }
  }

  private clear(): void {
    if (this.drawn) {
      this.io.err('\r\x1b[2K');
      this.drawn = false;
    }
  }
}

function formatValue(v: number): string {
  return Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4)) : String(v);
}
