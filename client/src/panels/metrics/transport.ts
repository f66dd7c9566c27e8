/**
 * The host → page channel of the metrics panel (see contract.ts for the handshake): after `ready` the page gets the
 * full state, then only the points added since the last message, coalesced to at most one message per FLUSH_MS, and
 * whether loading is over. Nothing is sent while the page is gone (hidden: no retainContextWhenHidden); it says
 * `ready` again when shown and gets everything anew. No vscode import: the webview is an interface.
 */
import type { SeriesStore } from '../../../../core/src/metrics';
import { chunkMessages } from './chunks';
import type { HostMessage, SeriesChunk } from './contract';

/** Live updates are coalesced to at most one message per this many ms (≤ 10 a second). */
const FLUSH_MS = 100;

export interface PageSink {
  postMessage(message: unknown): Thenable<boolean>;
}

/** What the transport asks of the panel. */
export interface TransportState {
  readonly visible: () => boolean;
  /** The selected runs, whose series are sent. */
  readonly selected: () => readonly string[];
  /** Some run is still being read for the first time. */
  readonly loading: () => boolean;
  /** The wall time (s) a run's times are sent relative to. */
  readonly t0: (run: string) => number;
  /** Points went out (the panel may refresh its comparison table). */
  readonly flushed: () => void;
  /**
   * A finished run's long series goes as a preview (the whole range's envelope, lod-views.ts) instead of every
   * point: the preview chunk, or undefined to send the points. Called once per flush with `begin`.
   */
  readonly preview?: {
    begin(): void;
    chunk(run: string, name: string, t0: number): SeriesChunk | undefined;
    /** Every series of a run drawn from its cache (lod-views.ts), not from the store; undefined: not cached. */
    cached?(run: string, t0: number): SeriesChunk[] | undefined;
  };
}

export class MetricsTransport {
  /** The page answered `ready` and has the full state: deltas may go. */
  private isReady = false;
  private sentVersion = 0;
  private sentLoading = false;
  private lastFlush = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Runs now drawn from their caches whose series go again with the next flush (their points left the store). */
  private readonly resends = new Set<string>();

  constructor(
    private readonly page: PageSink,
    private readonly store: SeriesStore,
    private readonly state: TransportState,
  ) {}

  get ready(): boolean {
    return this.isReady;
  }

  /** The page is gone (hidden): nothing more until it says `ready`. */
  lost(): void {
    this.isReady = false;
  }

  post(msg: HostMessage): void {
    if (!this.disposed) void this.page.postMessage(msg);
  }

  /** Answers `ready`: `init` (built by the panel, given the loading flag), then every point of the selected runs. */
  sendFullState(init: (loading: boolean) => HostMessage): void {
    this.isReady = true;
    this.sentVersion = this.store.version;
    this.sentLoading = this.state.loading();
    this.post(init(this.sentLoading));
    this.state.preview?.begin();
    const previews: SeriesChunk[] = [];
    this.resends.clear();
    const views = this.state.selected().flatMap((run) => {
      const cached = this.state.preview?.cached?.(run, this.state.t0(run));
      if (cached) {
        previews.push(...cached);
        return [];
      }
      return this.store.names(run).flatMap((n) => {
        const p = this.state.preview?.chunk(run, n, this.state.t0(run));
        if (p) previews.push(p);
        return p ? [] : [{ ...this.store.series(run, n)!, from: 0 }];
      });
    });
    const messages = withPreviews(chunkMessages(views, this.state.t0), previews);
    messages.forEach((chunks, i) =>
      this.post({ type: 'series', chunks, loading: i < messages.length - 1 || this.sentLoading }),
    );
    this.lastFlush = Date.now();
  }

  /** A run is now drawn from its cache: its series go again, from the cache, with the next flush. */
  resend(run: string): void {
    this.resends.add(run);
    this.scheduleFlush();
  }

  scheduleFlush(): void {
    if (!this.isReady || this.flushTimer || this.disposed) return;
    this.flushTimer = setTimeout(() => this.flush(), Math.max(0, this.lastFlush + FLUSH_MS - Date.now()));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.flushTimer);
  }

  /** Sends the points added since the last message (only of selected runs) and whether loading is over. */
  private flush(): void {
    this.flushTimer = undefined;
    if (!this.isReady || !this.state.visible() || this.disposed) return;
    const delta = this.store.sinceVersion(this.sentVersion);
    this.sentVersion = delta.version;
    const selected = new Set(this.state.selected());
    this.state.preview?.begin();
    const previews: SeriesChunk[] = [];
    for (const run of this.resends) {
      if (selected.has(run)) previews.push(...(this.state.preview?.cached?.(run, this.state.t0(run)) ?? []));
    }
    const resent = new Set(this.resends);
    this.resends.clear();
    const messages = withPreviews(
      chunkMessages(
        delta.series.filter((s) => {
          if (!selected.has(s.run) || resent.has(s.run)) return false;
          const p = this.state.preview?.chunk(s.run, s.name, this.state.t0(s.run));
          if (p) previews.push(p);
          return !p;
        }),
        this.state.t0,
      ),
      previews,
    );
    const loading = this.state.loading();
    if (messages.length === 0 && loading !== this.sentLoading) messages.push([]);
    messages.forEach((chunks) => this.post({ type: 'series', chunks, loading }));
    this.sentLoading = loading;
    this.lastFlush = Date.now();
    if (messages.length) this.state.flushed();
  }
}

/** Preview chunks (a few hundred points each) go in messages of their own, 2,000 series a message at most. */
function withPreviews(messages: SeriesChunk[][], previews: readonly SeriesChunk[]): SeriesChunk[][] {
  for (let i = 0; i < previews.length; i += 2000) messages.unshift(previews.slice(i, i + 2000));
  return messages;
}
