/**
 * The page's side of the level-of-detail channel (client/src/panels/metrics/lod-views.ts, contract.ts): a chart drawn
 * with steps on its x axis asks the host for the envelope of its visible range at its pixel width (`view`) and draws
 * that once it has come: per series, the first/min/max/last points of each bucket of the host's min/max pyramid, so no
 * spike is lost however far out the chart is zoomed. Until the answer for exactly the current view is here, the chart
 * draws its own per-column min/max decimation (the same guarantee, from the points the page holds).
 *
 * A chart's first view goes at once; the views of a zoom or pan that follow within `debounceMs` are coalesced (the
 * latest wins). Each view a chart sends has a higher `seq`; an answer for any other than the chart's latest view (its
 * `seq` and range) is stale and dropped, so a slow answer for an old range never replaces a newer one. As points
 * arrive the host sends, for the latest view, partial answers: only the runs that changed (a live run), onto the full
 * answer of the same generation (`gen`), whose other runs' layers are kept. A partial answer that does not fit the
 * answer held (another generation or view) is dropped and the view asked for again, in full: a chart never shows runs
 * of two different answers.
 */
import type { ChartView, EnvelopeSeries, HostMessage, WebviewMessage } from '../../client/src/panels/metrics/contract';
import type { Decimated } from '../../core/src/metrics/decimate';

type Envelope = Extract<HostMessage, { type: 'envelope' }>;
export type ViewWanted = Omit<ChartView, 'chart' | 'seq'>;

interface Answer {
  readonly view: ViewWanted;
  readonly seq: number;
  readonly gen: number;
  /** Per run, its layers (by name and layer). */
  readonly runs: Map<string, Map<string, Decimated>>;
}

const layerKey = (name: string, layer: EnvelopeSeries['layer']) => `${name}\u0000${layer}`;
const exactView = (a: ViewWanted, b: ViewWanted) =>
  a.columns === b.columns && a.xMin === b.xMin && a.xMax === b.xMax && a.smoothing === b.smoothing;
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
  /** Envelopes accepted (partial ones also counted apart), and dropped as stale (tests and the bench read them). */
  readonly counts = { accepted: 0, partial: 0, stale: 0, drawn: 0 };

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
      const d = a.runs.get(run)?.get(layerKey(name, layer));
      if (d) this.counts.drawn++;
      return d;
    }
    this.want(chart, view);
    return undefined;
  }

  /**
   * Takes an envelope from the host; false when it is not for the chart's latest view (stale, unasked, or another
   * range under the same `seq`), or partial and not onto the answer held (then the view is asked for again).
   */
  receive(msg: Envelope): boolean {
    const sent = this.sent.get(msg.chart);
    const { columns, xMin, xMax, smoothing } = msg;
    const view = { columns, xMin, xMax, smoothing };
    if (!sent || msg.seq !== sent.seq || !exactView(sent.view, view)) {
      this.counts.stale++;
      return false;
    }
    if (msg.runs) {
      const held = this.answers.get(msg.chart);
      if (!held || held.seq !== msg.seq || held.gen !== msg.gen || !exactView(held.view, view)) {
        // Not the answer it updates (which should not happen: messages keep their order): ask for the view in full.
        this.counts.stale++;
        this.sent.delete(msg.chart);
        this.answers.delete(msg.chart);
        this.answered(msg.chart);
        return false;
      }
      for (const run of msg.runs) held.runs.delete(run);
      add(held.runs, msg.series);
      this.counts.partial++;
    } else {
      const runs = new Map<string, Map<string, Decimated>>();
      add(runs, msg.series);
      this.answers.set(msg.chart, { view, seq: msg.seq, gen: msg.gen, runs });
    }
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

  /** The layers the page holds for a chart's latest answer, by run (tests). */
  held(chart: string): ReadonlyMap<string, ReadonlyMap<string, Decimated>> | undefined {
    return this.answers.get(chart)?.runs;
  }

  private send(chart: string, view: ViewWanted): void {
    const seq = ++this.seq;
    this.sent.set(chart, { seq, view, at: performance.now() });
    this.post({ type: 'view', chart, seq, ...view });
  }
}

function add(runs: Map<string, Map<string, Decimated>>, series: readonly EnvelopeSeries[]): void {
  for (const s of series) {
    let layers = runs.get(s.run);
    if (!layers) runs.set(s.run, (layers = new Map()));
    layers.set(layerKey(s.name, s.layer), { x: s.x, y: s.y, length: s.x.length });
  }
}
