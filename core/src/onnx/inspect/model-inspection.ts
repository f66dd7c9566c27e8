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
  /** The main graph in detail, when asked for (`inspectModelFile(path, { detail: true })`). */
  readonly graph?: GraphDetail;
}

/** A node's attribute: a number, a list of numbers, a string, a tensor's details, or `graph` for a subgraph. */
export type AttributeValue = number | string | readonly number[] | { readonly tensor: InitializerDetail };

export interface NodeDetail {
  readonly name: string;
  readonly op: string;
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface InitializerDetail {
  readonly name: string;
  readonly elemType: number;
  readonly type: string;
  readonly dims: readonly number[];
  readonly elements: number;
  readonly bytes: number;
  /** Where the data lives when it is not in the model file (`location` is relative to the model's folder). */
  readonly external?: { readonly location: string; readonly offset: number; readonly length: number };
  /** First 16 hex digits of the SHA-256 of the stored data (asked for with `checksums`; external data: see model-diff). */
  readonly checksum?: string;
  /** The values of a small int64/int32 tensor (shapes, axes), for shape inference. */
  readonly values?: readonly number[];
}

export interface GraphDetail {
  /** In file order, which ONNX requires to be topological. */
  readonly nodes: NodeDetail[];
  readonly initializers: InitializerDetail[];
  /**
   * With `checksums` only: the weights the initializers above do not hold — Constant values in the main graph and
   * every initializer and Constant value inside subgraphs (If, Loop, Scan) — each named by where it sits: the
   * Constant's output, under `node.attribute/` for each subgraph it is in (exporters such as spox keep all of a
   * model's weights there). Compare Models compares them with the initializers.
   */
  readonly weights?: InitializerDetail[];
  /** Shapes of intermediate tensors that the file itself records (`graph.value_info`). */
  readonly valueInfo: TensorDesc[];
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
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ${units[i]}`;
}
