/**
 * TensorBoard event files (`events.out.tfevents.*`), read incrementally.
 *
 * TFRecord framing: uint64 LE length, uint32 masked CRC-32C of those 8 bytes, the data, uint32 masked CRC-32C of the
 * data. A record whose data CRC is wrong is skipped and counted; a length whose CRC is wrong means the framing is lost:
 * the reader counts one corrupt record and looks for the next offset where a length and its CRC agree. A record not
 * yet complete at the end waits for more bytes.
 *
 * Each record is an `Event` {wall_time=1 double, step=2 int64, file_version=3 string, summary=5 Summary}; a Summary's
 * `value=1` entries are {tag=1, simple_value=2 float, tensor=8 TensorProto}. A scalar is a simple_value or a float or
 * double tensor with one element (float_val/double_val, packed or not, or tensor_content). Other values (images,
 * histograms, text) are skipped, not counted as corrupt.
 */
import { crc32c, maskCrc } from './crc32c';
import { NameCache } from './name-cache';
import { ProtoError, ProtoReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader';
import { MetricFileReader, type ReaderOptions } from './reader';
import type { Series, SeriesStore } from './series-store';

const HEADER = 12;
const FOOTER = 4;
/** Larger records are taken for corrupt framing (TensorBoard's own are far smaller). */
const MAX_RECORD = 256 * 1024 * 1024;

const DT_FLOAT = 1;
const DT_DOUBLE = 2;

interface Tag { readonly name: string; series: Series | undefined }

export class TfEventsReader extends MetricFileReader {
  private carry: Buffer = Buffer.alloc(0);
  /** Looking for the framing again after a bad length CRC (already counted). */
  private resyncing = false;
  private readonly tags: NameCache<Tag>;
  /** Events read (records with a valid CRC), including those without scalars. */
  events = 0;
  fileVersion: string | undefined;

  constructor(store: SeriesStore, run: string, path: string, options: ReaderOptions = {}) {
    super(store, run, path, options);
    this.tags = new NameCache<Tag>((name) => ({ name, series: undefined }));
  }

  protected pending(): number { return this.carry.length; }

  protected restart(): void {
    this.carry = Buffer.alloc(0);
    this.resyncing = false;
  }

  protected parse(data: Buffer, final: boolean): void {
    const buf = this.carry.length === 0 ? data : Buffer.concat([this.carry, data]);
    let p = 0;
    const n = buf.length;
    while (p + HEADER <= n) {
      const len = buf.readUInt32LE(p) + buf.readUInt32LE(p + 4) * 4294967296;
      const lenOk = maskCrc(crc32c(buf, p, p + 8)) === buf.readUInt32LE(p + 8) && len <= MAX_RECORD;
      if (!lenOk) {
        if (!this.resyncing) { this.stats.corrupt++; this.resyncing = true; }
        p++;
        continue;
      }
      const total = HEADER + len + FOOTER;
      if (p + total > n) break; // the rest is still being written
      this.resyncing = false;
      const ds = p + HEADER;
      const de = ds + len;
      if (maskCrc(crc32c(buf, ds, de)) !== buf.readUInt32LE(de)) {
        this.stats.corrupt++;
      } else {
        this.event(buf, ds, de);
      }
      p += total;
    }
    if (final) {
      if (p < n && !this.resyncing) this.stats.corrupt++; // a record that will never be complete
      this.carry = Buffer.alloc(0);
    } else {
      this.carry = p >= n ? Buffer.alloc(0) : Buffer.from(buf.subarray(p));
    }
  }

  private event(buf: Buffer, start: number, end: number): void {
    let wallTime = NaN;
    let step = 0;
    let summaryStart = -1;
    let summaryEnd = -1;
    try {
      const r = new ProtoReader(buf, start, end);
      while (!r.done) {
        const key = r.uint32();
        const field = key >>> 3;
        const wire = key & 7;
        if (field === 1 && wire === WIRE_FIXED64) wallTime = r.double();
        else if (field === 2 && wire === WIRE_VARINT) step = r.int64();
        else if (field === 3 && wire === WIRE_LEN) { const e = r.lengthDelimited(); this.fileVersion = buf.toString('utf8', r.pos, e); r.pos = e; }
        else if (field === 5 && wire === WIRE_LEN) { summaryEnd = r.lengthDelimited(); summaryStart = r.pos; r.pos = summaryEnd; }
        else r.skip(wire);
      }
      this.events++;
      let points = 0;
      if (summaryStart >= 0) points = this.summary(buf, summaryStart, summaryEnd, step, wallTime);
      this.stats.records++;
      this.stats.points += points;
    } catch (err) {
      if (!(err instanceof ProtoError)) throw err;
      this.stats.corrupt++;
    }
  }

  private summary(buf: Buffer, start: number, end: number, step: number, time: number): number {
    // Decode every value first, so a malformed one leaves nothing of the event in the store.
    const found: Array<[Tag, number]> = [];
    const r = new ProtoReader(buf, start, end);
    while (!r.done) {
      const key = r.uint32();
      if (key !== ((1 << 3) | WIRE_LEN)) { r.skip(key & 7); continue; }
      const ve = r.lengthDelimited();
      const v = new ProtoReader(buf, r.pos, ve);
      r.pos = ve;
      let tagStart = -1;
      let tagEnd = -1;
      let value = NaN;
      let has = false;
      while (!v.done) {
        const k = v.uint32();
        const field = k >>> 3;
        const wire = k & 7;
        if (field === 1 && wire === WIRE_LEN) { tagEnd = v.lengthDelimited(); tagStart = v.pos; v.pos = tagEnd; }
        else if (field === 2 && wire === WIRE_FIXED32) { value = v.float(); has = true; }
        else if (field === 8 && wire === WIRE_LEN) {
          const te = v.lengthDelimited();
          const t = tensorScalar(buf, v.pos, te);
          v.pos = te;
          if (t !== undefined) { value = t; has = true; }
        } else v.skip(wire);
      }
      if (has && tagStart >= 0) found.push([this.tags.get(buf, tagStart, tagEnd), value]);
    }
    for (const [tag, value] of found) (tag.series ??= this.seriesFor(tag.name)).push(step, time, value);
    return found.length;
  }
}

/** The value of a one-element float or double TensorProto; undefined for anything else. */
function tensorScalar(buf: Buffer, start: number, end: number): number | undefined {
  const r = new ProtoReader(buf, start, end);
  let dtype = 0;
  let elements = 1;
  let first: number | undefined;
  let count = 0;
  let content: [number, number] | undefined;
  while (!r.done) {
    const k = r.uint32();
    const field = k >>> 3;
    const wire = k & 7;
    if (field === 1 && wire === WIRE_VARINT) dtype = r.uint32();
    else if (field === 2 && wire === WIRE_LEN) {
      const se = r.lengthDelimited();
      elements = shapeElements(buf, r.pos, se);
      r.pos = se;
    } else if (field === 4 && wire === WIRE_LEN) {
      const ce = r.lengthDelimited();
      content = [r.pos, ce];
      r.pos = ce;
    } else if ((field === 5 || field === 6) && wire === WIRE_LEN) {
      // packed float_val / double_val
      const pe = r.lengthDelimited();
      const size = field === 5 ? 4 : 8;
      if ((pe - r.pos) % size !== 0) throw new ProtoError('bad packed length');
      if (first === undefined && pe > r.pos) first = field === 5 ? buf.readFloatLE(r.pos) : buf.readDoubleLE(r.pos);
      count += (pe - r.pos) / size;
      r.pos = pe;
    } else if (field === 5 && wire === WIRE_FIXED32) { const f = r.float(); first ??= f; count++; }
    else if (field === 6 && wire === WIRE_FIXED64) { const d = r.double(); first ??= d; count++; }
    else r.skip(wire);
  }
  if (elements !== 1 || (dtype !== DT_FLOAT && dtype !== DT_DOUBLE)) return undefined;
  if (content && content[1] - content[0] === (dtype === DT_FLOAT ? 4 : 8)) {
    return dtype === DT_FLOAT ? buf.readFloatLE(content[0]) : buf.readDoubleLE(content[0]);
  }
  return count === 1 ? first : undefined;
}

/** The number of elements a TensorShapeProto describes (1 for a scalar: no dims); -1 when unknown. */
function shapeElements(buf: Buffer, start: number, end: number): number {
  const r = new ProtoReader(buf, start, end);
  let n = 1;
  while (!r.done) {
    const k = r.uint32();
    const field = k >>> 3;
    const wire = k & 7;
    if (field === 2 && wire === WIRE_LEN) {
      const de = r.lengthDelimited();
      let size = 0;
      while (r.pos < de) {
        const dk = r.uint32();
        if (dk === ((1 << 3) | WIRE_VARINT)) size = r.int64();
        else r.skip(dk & 7);
      }
      r.pos = de;
      n *= size;
    } else if (field === 3 && wire === WIRE_VARINT) {
      if (r.uint32() !== 0) return -1; // unknown_rank
    } else r.skip(wire);
  }
  return n;
}
