/** What every chart shares: the model, the frame scheduler, theme colours, run colours, and the host. */
import type { WebviewMessage, XAxis } from '../../client/src/panels/metrics/contract';
import type { ChartMember } from './model';
import type { Model } from './model';
import type { Scheduler } from './scheduler';
import type { Theme } from './theme';
import type { LodClient } from './lod-client';

export interface ChartEnv {
  readonly model: Model;
  readonly scheduler: Scheduler;
  theme(): Theme;
  colorOf(run: string): string;
  post(msg: WebviewMessage): void;
  /** The host's level-of-detail envelopes (absent: every chart draws its own decimation). */
  readonly lod?: LodClient;
}

/** One drawn line: a member's raw values (faint when smoothing is on) or its smoothed values. */
export interface Layer {
  readonly member: ChartMember;
  readonly kind: 'raw' | 'smooth';
}

/** The drawing settings a chart's uPlot instance is built for (a change rebuilds it). */
export interface PlotShape {
  readonly xAxis: XAxis;
  readonly log: boolean;
  readonly smoothing: number;
  readonly height: number;
}

export { runLabel, setRunNames } from '../../core/src/metrics/run-label';
