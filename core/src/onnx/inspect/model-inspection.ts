/** What the ONNX inspector shows about a model (the custom editor, `liftoff inspect`, inference's checks). */

export interface TensorDesc {
  readonly name: string;
  /** ONNX's element type name (`float`, `int64`, …), or the kind of a non-tensor value (`sequence`, `map`). */
  readonly type: string;
  /** The `TensorProto.DataType` code; 0 when not a tensor. */
  readonly elemType: number;
  /** Fixed sizes as numbers, symbolic ones (`batch`) as strings, `?` when neither; undefined when the rank is unknown. */
  readonly dims: ReadonlyArray<number | string> | undefined;
  readonly doc?: string;
}

export interface OperatorCount {
  readonly op: string;
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly count: number;
}

export interface ParameterStats {
  /** Elements in all initializers and Constant-node tensors. */
  readonly count: number;
  /** Their size in bytes as stored (raw data, typed fields or external files). */
  readonly bytes: number;
  readonly tensors: number;
  /** Tensors whose data lives in external files (`data_location: EXTERNAL`). */
  readonly external: number;
  readonly byType: ReadonlyArray<{ readonly type: string; readonly count: number; readonly bytes: number }>;
}

export interface ModelInspection {
  readonly fileBytes: number;
  readonly irVersion: number;
  readonly opsets: ReadonlyArray<{ readonly domain: string; readonly version: number }>;
  /** The version of the default (`ai.onnx`) domain. */
  readonly opsetVersion: number | undefined;
  readonly producerName: string;
  readonly producerVersion: string;
  readonly domain: string;
  readonly modelVersion: number | undefined;
  readonly docString: string;
  readonly graphName: string;
  /** Graph inputs that are not initializers: what a caller feeds. */
  readonly inputs: readonly TensorDesc[];
  readonly outputs: readonly TensorDesc[];
  /** Most used first; subgraphs (If, Loop, Scan bodies) included. */
  readonly operators: readonly OperatorCount[];
  readonly nodes: number;
  readonly subgraphs: number;
  readonly functions: number;
  readonly parameters: ParameterStats;
  readonly metadata: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

/** `['batch', 7]` → `[batch, 7]`; unknown rank → `?`. */
export function formatDims(dims: TensorDesc['dims']): string {
  return dims ? `[${dims.join(', ')}]` : '?';
}

/** 1234567 → `1.2 M`. */
export function formatCount(n: number): string {
  if (n < 1e3) return String(n);
  const [d, unit] = n < 1e6 ? [1e3, 'k'] : n < 1e9 ? [1e6, 'M'] : [1e9, 'G'];
  const v = n / d;
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${unit}`;
}

/** 2048 → `2.0 KiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}
