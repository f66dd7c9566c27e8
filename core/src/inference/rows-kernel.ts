/**
 * The WebAssembly kernel that reads delimited rows (core/assembly/delimited-rows.ts, built to
 * dist/wasm/delimited-rows.wasm): about twice as fast as the same loop in JavaScript, since it reads code units from
 * memory instead of calling `charCodeAt`. This side owns the memory: text as UTF-16 (offsets stay string indices)
 * or, for a scored file, its ASCII bytes as they are (no string at all), then the column map and the output regions,
 * grown as needed. `readRows` copies its results out, so calls do not share state; `ByteRowKernel` hands back views
 * of its own instance's memory, valid until its next read (a scored chunk is used up before the next is read).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The part of the WebAssembly API used here (Node has it; the project's `lib` is ES2022 without DOM, which types it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  maxRows(text: number, pos: number, n: number): number;
  maxRowsBytes(text: number, pos: number, n: number): number;
  slowRows(): number;
  readRows: KernelRead;
  readRowsBytes: KernelRead;
  formatRows(
    src: number,
    starts: number,
    ends: number,
    lines: number,
    r0: number,
    r1: number,
    top: number,
    topP: number,
    k: number,
    labels: number,
    classes: number,
    labelBytes: number,
    copy: number,
    out: number,
  ): number;
  formattedBytes(): number;
}

type KernelRead = (
  text: number,
  pos: number,
  n: number,
  line: number,
  delim: number,
  numeric: number,
  cols: number,
  width: number,
  simple: number,
  values: number,
  lines: number,
  starts: number,
  ends: number,
  slow: number,
) => number;

export interface KernelRows {
  readonly n: number;
  /** n × width, row-major; rows on the slow list are still to be filled in. */
  readonly values: Float64Array;
  /** 1-based document line of each row, and where it starts and ends (before any CR) in the text. */
  readonly lines: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Rows for the exact path, four numbers each: row, start, end (exclusive), line. */
  readonly slow: Int32Array;
}

export const KERNEL_FILE = path.join('dist', 'wasm', 'delimited-rows.wasm');
/** Memory kept between calls; after a larger input the instance (and its memory) is dropped. */
const KEEP_BYTES = 64 * 1024 * 1024;
const PAGE = 65_536;

let compiled: object | undefined;
let kernel: KernelExports | undefined;

/** The built kernel: the first `dist/wasm/delimited-rows.wasm` above this file (dist/*, out/core/src/inference). */
function kernelPath(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, KERNEL_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir)
      throw new Error(`Liftoff's input kernel (${KERNEL_FILE}) is missing: run "npm run build".`);
  }
}

function fresh(): KernelExports {
  compiled ??= new wasm.Module(readFileSync(kernelPath()));
  return new wasm.Instance(compiled, {}).exports as unknown as KernelExports;
}

function instance(): KernelExports {
  kernel ??= fresh();
  return kernel;
}

const align8 = (n: number) => (n + 7) & ~7;

/** A copy of a view on the kernel's memory: `set` into a new array (`slice` of such a view is several times slower). */
function copied<T extends Float64Array | Int32Array>(view: T): T {
  const out = view instanceof Float64Array ? new Float64Array(view.length) : new Int32Array(view.length);
  out.set(view);
  return out as T;
}

function ensure(memory: WasmMemory, bytes: number): void {
  const short = bytes - memory.buffer.byteLength;
  if (short > 0) memory.grow(Math.ceil(short / PAGE));
}

interface Regions {
  readonly n: number;
  readonly valuesAt: number;
  readonly linesAt: number;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly slowAt: number;
}

/** Places the column map and output regions after the text (`at`, `textBytes`) and runs `read`. */
function run(
  k: KernelExports,
  read: KernelRead,
  at: number,
  textBytes: number,
  upper: number,
  pos: number,
  units: number,
  line: number,
  delim: number,
  numeric: Int32Array,
  width: number,
  simple: boolean,
): Regions {
  const { memory } = k;
  const numericAt = align8(at + textBytes);
  const valuesAt = align8(numericAt + 4 * numeric.length);
  const linesAt = valuesAt + 8 * upper * width;
  const startsAt = linesAt + 4 * upper;
  const endsAt = startsAt + 4 * upper;
  const slowAt = endsAt + 4 * upper;
  ensure(memory, slowAt + 16 * upper);
  new Int32Array(memory.buffer, numericAt, numeric.length).set(numeric);
  // The fast path writes every value of its rows; the exact path (every row when some column is categorical) may not.
  if (!simple) new Float64Array(memory.buffer, valuesAt, upper * width).fill(0);
  const n = read(
    at,
    pos,
    units,
    line,
    delim,
    numericAt,
    numeric.length,
    width,
    simple ? 1 : 0,
    valuesAt,
    linesAt,
    startsAt,
    endsAt,
    slowAt,
  );
  return { n, valuesAt, linesAt, startsAt, endsAt, slowAt };
}

function views(k: KernelExports, r: Regions, width: number): KernelRows {
  const { buffer } = k.memory;
  return {
    n: r.n,
    values: new Float64Array(buffer, r.valuesAt, r.n * width),
    lines: new Int32Array(buffer, r.linesAt, r.n),
    starts: new Int32Array(buffer, r.startsAt, r.n),
    ends: new Int32Array(buffer, r.endsAt, r.n),
    slow: new Int32Array(buffer, r.slowAt, 4 * k.slowRows()),
  };
}

/**
 * Reads the rows of `text` from `pos` (a line start; its line is `line`): `numeric[col]` is the feature the source
 * column feeds or -1; `delim` a char code (32: whitespace); `simple` false sends every row to the exact path.
 */
export function readRows(
  text: string,
  pos: number,
  line: number,
  delim: number,
  numeric: Int32Array,
  width: number,
  simple: boolean,
): KernelRows {
  const k = instance();
  const { memory } = k;
  const at = align8(k.heapBase());
  const textBytes = 2 * (text.length + 1);
  ensure(memory, at + textBytes);
  const written = Buffer.from(memory.buffer).write(text, at, 'utf16le');
  if (written !== 2 * text.length) throw new Error(`input kernel: wrote ${written} of ${2 * text.length} bytes`);
  new Uint16Array(memory.buffer, at + 2 * text.length, 1)[0] = 0;
  const upper = k.maxRows(at, pos, text.length);
  const r = run(k, k.readRows, at, textBytes, upper, pos, text.length, line, delim, numeric, width, simple);
  const v = views(k, r, width);
  const rows: KernelRows = {
    n: r.n,
    values: copied(v.values),
    lines: copied(v.lines),
    starts: copied(v.starts),
    ends: copied(v.ends),
    slow: copied(v.slow),
  };
  if (memory.buffer.byteLength > KEEP_BYTES) kernel = undefined;
  return rows;
}

/**
 * `readRows` over ASCII bytes (offsets are byte offsets), in a kernel instance of its own: a scored file keeps a
 * chunk's rows while the model runs, when other callers (a selection run meanwhile) may use the shared kernel. The
 * results are views of the instance's memory, valid until its next `read`, and writable (the exact path fills in
 * its rows' values in place).
 */
export class ByteRowKernel {
  private k: KernelExports | undefined;

  read(
    bytes: Uint8Array,
    line: number,
    delim: number,
    numeric: Int32Array,
    width: number,
    simple: boolean,
  ): KernelRows {
    const k = (this.k ??= fresh());
    const at = align8(k.heapBase());
    const textBytes = bytes.length + 1;
    ensure(k.memory, at + textBytes);
    const mem = new Uint8Array(k.memory.buffer);
    mem.set(bytes, at);
    mem[at + bytes.length] = 0;
    const upper = k.maxRowsBytes(at, 0, bytes.length);
    const r = run(k, k.readRowsBytes, at, textBytes, upper, 0, bytes.length, line, delim, numeric, width, simple);
    const rows = views(k, r, width);
    if (k.memory.buffer.byteLength > KEEP_BYTES) this.k = undefined; // the views keep the memory they need
    return rows;
  }
}

let counter: KernelExports | undefined;

/** The line feeds in `bytes`, counted 16 bytes at a time by the kernel (a call per line costs ~17 ms a million). */
export function countLineFeeds(bytes: Uint8Array): number {
  const k = (counter ??= fresh());
  const at = align8(k.heapBase());
  ensure(k.memory, at + bytes.length);
  new Uint8Array(k.memory.buffer, at, bytes.length).set(bytes);
  const n = k.maxRowsBytes(at, 0, bytes.length) - 1;
  if (k.memory.buffer.byteLength > KEEP_BYTES) counter = undefined;
  return n;
}

/** The most bytes `ResultRows` writes for one row, past its input bytes. */
export function resultRowBytes(k: number, longestLabel: number): number {
  return 11 + 1 + 1 + k * (longestLabel + 2 + 8) + 2;
}

/**
 * The results of one scored chunk of top-k classifications, formatted by the kernel (`formatRows`) in an instance
 * of its own (the rows read by `readRowBytes` stay as they are): `prepare` lays the chunk out once, `format` writes
 * the rows of a segment and copies them out. Rows are `line,<input bytes>,label,probability…,` and a line feed,
 * byte for byte what score-output's own writer gives.
 */
export class ResultRows {
  private k: KernelExports | undefined;
  private readonly labelBytes: Uint8Array;
  private readonly labelTable: Int32Array;
  private readonly perRow: number;
  private at = { src: 0, starts: 0, ends: 0, lines: 0, top: 0, topP: 0, labels: 0, labelBytes: 0, out: 0 };
  private topK = 1;
  private copy = false;

  constructor(labels: readonly Uint8Array[], k: number) {
    this.labelTable = new Int32Array(2 * labels.length);
    let total = 0;
    labels.forEach((l, i) => {
      this.labelTable[2 * i] = total;
      this.labelTable[2 * i + 1] = l.length;
      total += l.length;
    });
    this.labelBytes = new Uint8Array(total);
    labels.forEach((l, i) => this.labelBytes.set(l, this.labelTable[2 * i]!));
    this.perRow = resultRowBytes(k, Math.max(0, ...labels.map((l) => l.length)));
  }

  /** Lays out a chunk of `n` rows; `src` (with each row's `starts`/`ends` in it) is copied after each line number. */
  prepare(
    src: Uint8Array | undefined,
    starts: Int32Array,
    ends: Int32Array,
    lines: Int32Array,
    n: number,
    top: Int32Array,
    topP: Float32Array,
    k: number,
  ): void {
    const kernel = (this.k ??= fresh());
    const srcLen = src?.length ?? 0;
    const base = align8(kernel.heapBase());
    const a = {
      src: base,
      starts: align8(base + srcLen + 16),
      ends: 0,
      lines: 0,
      top: 0,
      topP: 0,
      labels: 0,
      labelBytes: 0,
      out: 0,
    };
    a.ends = a.starts + 4 * n;
    a.lines = a.ends + 4 * n;
    a.top = a.lines + 4 * n;
    a.topP = a.top + 4 * n * k;
    a.labels = a.topP + 4 * n * k;
    a.labelBytes = a.labels + 4 * this.labelTable.length;
    // 16 bytes after each region the kernel may read past (labels, source rows) and after the output.
    a.out = align8(a.labelBytes + this.labelBytes.length + 16);
    ensure(kernel.memory, a.out + n * this.perRow + srcLen + 16);
    const { buffer } = kernel.memory;
    if (src) new Uint8Array(buffer, a.src, srcLen).set(src);
    if (src) {
      new Int32Array(buffer, a.starts, n).set(starts.subarray(0, n));
      new Int32Array(buffer, a.ends, n).set(ends.subarray(0, n));
    }
    new Int32Array(buffer, a.lines, n).set(lines.subarray(0, n));
    new Int32Array(buffer, a.top, n * k).set(top.subarray(0, n * k));
    new Float32Array(buffer, a.topP, n * k).set(topP.subarray(0, n * k));
    new Int32Array(buffer, a.labels, this.labelTable.length).set(this.labelTable);
    new Uint8Array(buffer, a.labelBytes, this.labelBytes.length).set(this.labelBytes);
    this.at = a;
    this.topK = k;
    this.copy = src !== undefined;
  }

  /** The most bytes `format` writes for rows `r0`..`r1` of a chunk whose source is `srcLen` bytes. */
  bound(rows: number, srcLen: number): number {
    return rows * this.perRow + srcLen;
  }

  /**
   * Rows `r0` to `r1` (exclusive) into `into` at `at` (room for `bound` bytes): the rows written (it stops before
   * a row with a probability outside [0.001, 1]) and the end.
   */
  format(r0: number, r1: number, into: Uint8Array, at: number): { rows: number; end: number } {
    const kernel = this.k!;
    const a = this.at;
    const rows = kernel.formatRows(
      a.src,
      a.starts,
      a.ends,
      a.lines,
      r0,
      r1,
      a.top,
      a.topP,
      this.topK,
      a.labels,
      this.labelTable.length / 2,
      a.labelBytes,
      this.copy ? 1 : 0,
      a.out,
    );
    const bytes = kernel.formattedBytes();
    into.set(new Uint8Array(kernel.memory.buffer, a.out, bytes), at);
    return { rows, end: at + bytes };
  }

  /** Drops a kernel grown past what is kept between chunks. */
  done(): void {
    if (this.k && this.k.memory.buffer.byteLength > KEEP_BYTES) this.k = undefined;
  }
}
