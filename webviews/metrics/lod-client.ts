/**
 * The page's side of the level-of-detail channel (client/src/panels/metrics/lod-views.ts, contract.ts): a chart drawn
 * with steps on its x axis asks the host for the envelope of its visible range at its pixel width (`view`) and draws
 * that once it has come: per series, the first/min/max/last points of each bucket of the host's min/max pyramid, so no
 * spike is lost however far out the chart is zoomed. Until the answer for exactly the current view is here, the chart
 * draws its own per-column min/max decimation (the same guarantee, from the points the page holds).
 *
 * A chart's first view goes at once; the views of a zoom or pan that follow within `debounceMs` are coalesced (the
 * latest wins). Each view a chart sends has a higher `seq`; an answer below the chart's latest `seq` is stale and
 * dropped, so a slow answer for an old range never replaces a newer one. The host sends the latest view's envelope
 * again as points arrive (same `seq`).
 */
import type { ChartView, EnvelopeSeries, HostMessage, WebviewMessage } from '../../client/src/panels/metrics/contract';
import type { Decimated } from '../../core/src/metrics/decimate';

type Envelope = Extract<HostMessage, { type: 'envelope' }>;
export type ViewWanted = Omit<ChartView, 'chart' | 'seq'>;

interface Answer {
  readonly view: ViewWanted;
  readonly layers: ReadonlyMap<string, Decimated>;
}

const layerKey = (run: string, name: string, layer: EnvelopeSeries['layer']) => `${run}\u0000${name}\u0000${layer}`;
/**
 * An answer serves a view of the same range and smoothing at about the same width: the plot's width moves by a few
 * pixels as its y axis labels change, and asking again each time would redraw back and forth (the min/max of the
 * range are in the answer whatever its columns).
 */
const sameView = (a: ViewWanted, b: ViewWanted) =>
  Math.abs(a.columns - b.columns) <= Math.max(2, 0.1 * b.columns) &&
  a.xMin === b.xMin &&
  a.xMax === b.xMax &&
  a.smoothing === b.smoothing;

export class LodClient {
  private seq = 0;
  private readonly sent = new Map<string, { seq: number; view: ViewWanted; at: number }>();
  private readonly waiting = new Map<string, { view: ViewWanted; timer: ReturnType<typeof setTimeout> }>();
  private readonly answers = new Map<string, Answer>();
  /** Envelopes accepted, and dropped as stale (tests and the bench read them). */
  readonly counts = { accepted: 0, stale: 0, drawn: 0 };

  constructor(
    private readonly post: (m: WebviewMessage) => void,
    private readonly answered: (chart: string) => void,
    private readonly debounceMs = 40,
  ) {}

  /**
   * The host's points for one layer of `chart` at `view`, or undefined (not answered yet: the view is asked for,
   * and `answered(chart)` is called when it comes; or the host has no such series yet).
   */
  get(
    chart: string,
    run: string,
    name: string,
    layer: EnvelopeSeries['layer'],
    view: ViewWanted,
  ): Decimated | undefined {
    const a = this.answers.get(chart);
    if (a && sameView(a.view, view)) {
      const d = a.layers.get(layerKey(run, name, layer));
      if (d) this.counts.drawn++;
      return d;
    }
    this.want(chart, view);
    return undefined;
  }

  /** Takes an envelope from the host; false when it is stale (older than the chart's latest view) or unasked. */
  receive(msg: Envelope): boolean {
    const sent = this.sent.get(msg.chart);
    if (!sent || msg.seq < sent.seq) {
      this.counts.stale++;
      return false;
    }
    const layers = new Map<string, Decimated>();
    for (const s of msg.series) layers.set(layerKey(s.run, s.name, s.layer), { x: s.x, y: s.y, length: s.x.length });
    const { columns, xMin, xMax, smoothing } = msg;
    this.answers.set(msg.chart, { view: { columns, xMin, xMax, smoothing }, layers });
    this.counts.accepted++;
    this.answered(msg.chart);
    return true;
  }

  /** The page's state was replaced (`init`): nothing asked, nothing held. */
  reset(): void {
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
    this.sent.clear();
    this.answers.clear();
  }

  private want(chart: string, view: ViewWanted): void {
    const sent = this.sent.get(chart);
    if (sent && sameView(sent.view, view)) return; // asked already: the answer is on its way
    const w = this.waiting.get(chart);
    if (w) {
      if (!sameView(w.view, view)) w.view = view; // the latest wins; the timer is already set
      return;
    }
    const since = sent ? performance.now() - sent.at : Infinity;
    if (since >= this.debounceMs) {
      this.send(chart, view);
      return;
    }
    const entry = {
      view,
      timer: setTimeout(() => {
        this.waiting.delete(chart);
        this.send(chart, entry.view);
      }, this.debounceMs - since),
    };
    this.waiting.set(chart, entry);
  }

  private send(chart: string, view: ViewWanted): void {
    const seq = ++this.seq;
    this.sent.set(chart, { seq, view, at: performance.now() });
    this.post({ type: 'view', chart, seq, ...view });
  }
}
