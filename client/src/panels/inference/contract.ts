/**
 * The inference results panel's message contract, owned by the host (panel.ts) and imported by the webview
 * (webviews/inference/main.ts). Handshake: the webview posts `ready` when its script runs (also after being hidden
 * and shown again); the host answers with the `model`, whose `rows` are the first screen's (`FIRST_ROWS`). Once that
 * is painted, the page asks for the other shown rows (`rows` with the model's `id` and where to start) and the host
 * answers with them: a result of 4,096 rows reaches the page and paints as fast as one of 60. The webview asks for
 * copies, the column insertion and the raw tensors; the host answers with `raw` and `status`. No vscode import: the
 * webview bundle includes this file.
 */

export interface PredictionCell {
  readonly label: string;
  readonly p: number;
}

export interface ResultRow {
  /** 1-based row of the input. */
  readonly row: number;
  /** 1-based document line, when the input is lines of text. */
  readonly line?: number;
  readonly cells: readonly string[];
  /** Classification: the top-k classes, best first. */
  readonly top?: readonly PredictionCell[];
  /** Values (regression): one per output column. */
  readonly values?: readonly number[];
  /** An image's thumbnail, `data:image/png;base64,…` (the only images the panel's CSP allows besides its own). */
  readonly thumbnail?: string;
}

export interface InferenceViewModel {
  readonly schema: 1;
  /** What a row is: a row of data (default), an image file or a line of text. */
  readonly unit?: 'row' | 'image' | 'line';
  readonly model: {
    readonly name: string;
    readonly path: string;
    /** How the model was chosen ("the latest succeeded run … of credit-risk-mlp"). */
    readonly how: string;
    readonly provider: string;
    readonly fallbacks: readonly string[];
    /** `input "features" [N, 7] (float32)`. */
    readonly input: string;
    readonly outputs: ReadonlyArray<{ readonly name: string; readonly type: string; readonly dims: readonly number[] }>;
    readonly preprocessing: string;
  };
  readonly source: { readonly name: string; readonly format: string; readonly lines?: string };
  readonly kind: 'classification' | 'values' | 'raw';
  readonly activation?: 'none' | 'softmax' | 'sigmoid';
  readonly columns: readonly string[];
  /** Per input column: fed to the model (true) or only shown (false). */
  readonly fed: readonly boolean[];
  readonly valueColumns: readonly string[];
  /** The host's number for this result: the page asks for the rest of its rows by it. */
  readonly id: number;
  /** The rows sent so far, from the first: the first screen's in the `model` message, the rest after it. */
  readonly rows: readonly ResultRow[];
  /** How many rows the table shows in all (at most MAX_SHOWN_ROWS). */
  readonly shownRows: number;
  readonly totalRows: number;
  readonly timing: {
    readonly totalMs: number;
    readonly loadMs: number;
    readonly parseMs: number;
    readonly preprocessMs: number;
    readonly runMs: number;
    readonly postprocessMs: number;
    readonly rowsPerSecond: number;
    readonly batches: ReadonlyArray<{ readonly rows: number; readonly ms: number }>;
  };
  readonly notes: readonly string[];
  /** Whether "Insert as column" can write into the source; else why not. */
  readonly insert: { readonly ok: true } | { readonly ok: false; readonly reason: string };
}

export interface RawTensor {
  readonly name: string;
  readonly type: string;
  readonly dims: readonly number[];
  readonly rows: readonly string[];
}

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'model'; readonly model: InferenceViewModel }
  | { readonly type: 'rows'; readonly id: number; readonly from: number; readonly rows: readonly ResultRow[] }
  | { readonly type: 'raw'; readonly outputs: readonly RawTensor[] }
  | { readonly type: 'status'; readonly text: string; readonly level: 'info' | 'error' };

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly format: 'csv' | 'json' }
  | { readonly type: 'insert' }
  | { readonly type: 'raw' }
  | { readonly type: 'rows'; readonly id: number; readonly from: number };

export const INFERENCE_VIEW_TYPE = 'liftoff.inference';

/** Rows shown in the table (all rows are copied and inserted). */
export const MAX_SHOWN_ROWS = 500;

/**
 * Rows in the `model` message and built before the first paint: more than the tallest panel shows at once. The rest
 * follow on the page's request and are appended after the first frame (laying out and sending every row before it
 * cost up to 10× the time of the rows in view: bench/inference-panel.ts).
 */
export const FIRST_ROWS = 60;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A thumbnail the webview shows: a base64 PNG data URL, nothing else (no remote or workspace URL, no SVG). */
export const THUMBNAIL_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
/** Thumbnails are small (96 px): a larger one is not ours. */
const MAX_THUMBNAIL_CHARS = 200_000;

export function isThumbnail(v: unknown): v is string {
  return typeof v === 'string' && v.length <= MAX_THUMBNAIL_CHARS && THUMBNAIL_URL.test(v);
}

/** Result rows as the page relies on them (a thumbnail only as a PNG data URL). */
function isRows(v: unknown): v is ResultRow[] {
  return (
    Array.isArray(v) &&
    v.length <= MAX_SHOWN_ROWS &&
    v.every(
      (r) =>
        isRecord(r) &&
        typeof r.row === 'number' &&
        isStrings(r.cells) &&
        (r.thumbnail === undefined || isThumbnail(r.thumbnail)),
    )
  );
}

/** Validates a message from the webview; undefined when it is not one of ours. */
export function parseWebviewMessage(v: unknown): WebviewMessage | undefined {
  if (!isRecord(v)) return undefined;
  if (v.type === 'ready' || v.type === 'insert' || v.type === 'raw') return { type: v.type };
  if (v.type === 'copy' && (v.format === 'csv' || v.format === 'json')) return { type: 'copy', format: v.format };
  if (v.type === 'rows' && isCount(v.id) && isCount(v.from) && v.from <= MAX_SHOWN_ROWS)
    return { type: 'rows', id: v.id, from: v.from };
  return undefined;
}

/** Validates a message from the host: the shape the webview relies on before rendering. */
export function parseHostMessage(v: unknown): HostMessage | undefined {
  if (!isRecord(v)) return undefined;
  if (v.type === 'status' && typeof v.text === 'string' && (v.level === 'info' || v.level === 'error'))
    return { type: 'status', text: v.text, level: v.level };
  if (
    v.type === 'raw' &&
    Array.isArray(v.outputs) &&
    v.outputs.every((o) => isRecord(o) && typeof o.name === 'string' && isStrings(o.rows) && Array.isArray(o.dims))
  ) {
    return { type: 'raw', outputs: v.outputs as unknown as RawTensor[] };
  }
  if (v.type === 'rows' && isCount(v.id) && isCount(v.from) && isRows(v.rows))
    return { type: 'rows', id: v.id, from: v.from, rows: v.rows };
  if (v.type !== 'model' || !isRecord(v.model)) return undefined;
  const m = v.model;
  const ok =
    m.schema === 1 &&
    isRecord(m.model) &&
    isRecord(m.source) &&
    isRecord(m.timing) &&
    isRecord(m.insert) &&
    typeof m.kind === 'string' &&
    isStrings(m.columns) &&
    Array.isArray(m.fed) &&
    isStrings(m.valueColumns) &&
    isStrings(m.notes) &&
    isRows(m.rows) &&
    (m.unit === undefined || m.unit === 'row' || m.unit === 'image' || m.unit === 'line') &&
    isCount(m.id) &&
    isCount(m.shownRows) &&
    m.shownRows >= m.rows.length &&
    m.shownRows <= MAX_SHOWN_ROWS &&
    typeof m.totalRows === 'number';
  return ok ? { type: 'model', model: m as unknown as InferenceViewModel } : undefined;
}
