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
 *
 * Linear time and bounded memory whatever the bytes: a record still being written is gathered in one buffer that
 * grows by doubling (the bytes before it are never re-copied per chunk), and a well-framed record longer than the
 * record cap (`maxLineBytes`, default 16 MiB: TensorBoard's scalar events are ~100 bytes) is skipped as it streams
 * past, without being held, and counted in `stats.overlong`.
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
/** Default cap on a record read (larger ones are skipped unread). */
export const MAX_EVENT_RECORD_BYTES = 16 * 1024 * 1024;

const DT_FLOAT = 1;
const DT_DOUBLE = 2;

interface Tag {
  readonly name: string;
  series: Series | undefined;
}

export class TfEventsReader extends MetricFileReader {
  /** Bytes of a record not yet complete, `carry[0, carryLen)`; the buffer grows by doubling. */
  private carry: Buffer = EMPTY;
  private carryLen = 0;
  /** Bytes still to pass over of a record longer than the cap. */
  private skip = 0;
  private readonly maxRecord: number;
  /** Looking for the framing again after a bad length CRC (already counted). */
  private resyncing = false;
  private readonly tags: NameCache<Tag>;
  // Reused per record: one reader per nesting level, and the scalars of the event being decoded.
  private readonly eventReader = new ProtoReader(EMPTY, 0, 0);
  private readonly summaryReader = new ProtoReader(EMPTY, 0, 0);
  private readonly valueReader = new ProtoReader(EMPTY, 0, 0);
  private readonly tensor = new TensorDecoder();
  private foundTags: Tag[] = [];
  private foundValues = new Float64Array(16);
  /** Events read (records with a valid CRC), including those without scalars. */
  events = 0;
  fileVersion: string | undefined;

  constructor(store: SeriesStore, run: string, path: string, options: ReaderOptions = {}) {
    super(store, run, path, options);
    this.tags = new NameCache<Tag>((name) => ({ name, series: undefined }));
    this.maxRecord = Math.max(1, options.maxLineBytes ?? MAX_EVENT_RECORD_BYTES);
  }

  protected pending(): number {
    return this.carryLen;
  }

  protected restart(): void {
    this.carry = EMPTY;
    this.carryLen = 0;
    this.skip = 0;
    this.resyncing = false;
  }

  protected parse(data: Buffer, final: boolean): void {
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
    }
    let buf = data;
    if (this.carryLen > 0) {
      this.gather(data);
      buf = this.carry.subarray(0, this.carryLen);
    }
    let p = 0;
    const n = buf.length;
    while (p + HEADER <= n) {
      const len = u32(buf, p) + u32(buf, p + 4) * 4294967296;
      const lenOk = len <= MAX_RECORD && maskCrc(crc32c(buf, p, p + 8)) === u32(buf, p + 8);
      if (!lenOk) {
        if (!this.resyncing) {
          this.stats.corrupt++;
          this.resyncing = true;
        }
        p++;
        continue;
      }
      const total = HEADER + len + FOOTER;
      if (len > this.maxRecord) {
        // Well framed but too large to hold: pass over it as it streams by.
        this.resyncing = false;
        this.stats.overlong++;
        const here = Math.min(total, n - p);
        p += here;
        this.skip = total - here;
        continue;
      }
      if (p + total > n) break; // the rest is still being written
      this.resyncing = false;
      const ds = p + HEADER;
      const de = ds + len;
      if (maskCrc(crc32c(buf, ds, de)) !== u32(buf, de)) {
        this.stats.corrupt++;
      } else {
        this.event(buf, ds, de);
      }
      p += total;
    }
    if (final) {
      if (p < n && !this.resyncing) this.stats.corrupt++; // a record that will never be complete
      this.restart();
      return;
    }
    if (buf === data) {
      this.carryLen = 0;
      if (p < n) this.gather(data.subarray(p)); // a copy: the chunk's buffer is reused
    } else if (p > 0) {
      this.carry.copyWithin(0, p, this.carryLen);
      this.carryLen -= p;
    }
    if (this.carryLen === 0 && this.carry.length > 64 * 1024) this.carry = EMPTY;
  }

  private gather(data: Buffer): void {
    const need = this.carryLen + data.length;
    if (need > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.carry.length * 2, 256));
      this.carry.copy(grown, 0, 0, this.carryLen);
      this.carry = grown;
    }
    data.copy(this.carry, this.carryLen);
    this.carryLen = need;
  }

  private event(buf: Buffer, start: number, end: number): void {
    let wallTime = NaN;
    let step = 0;
    let summaryStart = -1;
    let summaryEnd = -1;
    try {
      const r = this.eventReader.init(buf, start, end);
      while (!r.done) {
        const key = r.uint32();
        const field = key >>> 3;
        const wire = key & 7;
        if (field === 1 && wire === WIRE_FIXED64) wallTime = r.double();
        else if (field === 2 && wire === WIRE_VARINT) step = r.int64();
        else if (field === 3 && wire === WIRE_LEN) {
          const e = r.lengthDelimited();
          this.fileVersion = buf.toString('utf8', r.pos, e);
          r.pos = e;
        } else if (field === 5 && wire === WIRE_LEN) {
          summaryEnd = r.lengthDelimited();
          summaryStart = r.pos;
          r.pos = summaryEnd;
        } else r.skip(wire);
      }
      this.events++;
      let points = 0;
      if (summaryStart >= 0) points = this.summary(buf, summaryStart, summaryEnd, step, wallTime);
      this.stats.records++;
      this.stats.points += points;
    } catch {
      this.stats.corrupt++; // malformed protobuf (ProtoError), whatever it tripped on: never thrown at the caller
    }
  }

  private summary(buf: Buffer, start: number, end: number, step: number, time: number): number {
    // Decode every value first, so a malformed one leaves nothing of the event in the store.
    let found = 0;
    const r = this.summaryReader.init(buf, start, end);
    while (!r.done) {
      const key = r.uint32();
      if (key !== ((1 << 3) | WIRE_LEN)) {
        r.skip(key & 7);
        continue;
      }
      const ve = r.lengthDelimited();
      const v = this.valueReader.init(buf, r.pos, ve);
      r.pos = ve;
      let tagStart = -1;
      let tagEnd = -1;
      let value = NaN;
      let has = false;
      while (!v.done) {
        const k = v.uint32();
        const field = k >>> 3;
        const wire = k & 7;
        if (field === 1 && wire === WIRE_LEN) {
          tagEnd = v.lengthDelimited();
          tagStart = v.pos;
          v.pos = tagEnd;
        } else if (field === 2 && wire === WIRE_FIXED32) {
          value = v.float();
          has = true;
        } else if (field === 8 && wire === WIRE_LEN) {
          const te = v.lengthDelimited();
          if (this.tensor.decode(buf, v.pos, te)) {
            value = this.tensor.value;
            has = true;
          }
          v.pos = te;
        } else v.skip(wire);
      }
      if (has && tagStart >= 0) {
        if (found === this.foundValues.length) {
          const grown = new Float64Array(found * 2);
          grown.set(this.foundValues);
          this.foundValues = grown;
        }
        this.foundTags[found] = this.tags.get(buf, tagStart, tagEnd);
        this.foundValues[found++] = value;
      }
    }
    for (let k = 0; k < found; k++) {
      const tag = this.foundTags[k] as Tag;
      (tag.series ??= this.seriesFor(tag.name)).push(step, time, this.foundValues[k] as number);
    }
    return found;
  }
}

const EMPTY = Buffer.alloc(0);

function u32(b: Buffer, p: number): number {
  return (
    ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0
  );
}

/** Decodes a one-element float or double TensorProto (other tensors are not scalars). */
class TensorDecoder {
  value = NaN;
  private readonly r = new ProtoReader(EMPTY, 0, 0);
  private readonly shape = new ProtoReader(EMPTY, 0, 0);

  /** True with `value` set when the tensor is a float or double scalar. */
  decode(buf: Buffer, start: number, end: number): boolean {
    const r = this.r.init(buf, start, end);
    let dtype = 0;
    let elements = 1;
    let first = NaN;
    let count = 0;
    let contentStart = -1;
    let contentEnd = -1;
    while (!r.done) {
      const k = r.uint32();
      const field = k >>> 3;
      const wire = k & 7;
      if (field === 1 && wire === WIRE_VARINT) dtype = r.uint32();
      else if (field === 2 && wire === WIRE_LEN) {
        const se = r.lengthDelimited();
        elements = shapeElements(this.shape.init(buf, r.pos, se));
        r.pos = se;
      } else if (field === 4 && wire === WIRE_LEN) {
        contentEnd = r.lengthDelimited();
        contentStart = r.pos;
        r.pos = contentEnd;
      } else if ((field === 5 || field === 6) && wire === WIRE_LEN) {
        // packed float_val / double_val
        const pe = r.lengthDelimited();
        const size = field === 5 ? 4 : 8;
        if ((pe - r.pos) % size !== 0) throw new ProtoError('bad packed length');
        if (count === 0 && pe > r.pos) first = field === 5 ? buf.readFloatLE(r.pos) : buf.readDoubleLE(r.pos);
        count += (pe - r.pos) / size;
        r.pos = pe;
      } else if (field === 5 && wire === WIRE_FIXED32) {
        const f = r.float();
        if (count++ === 0) first = f;
      } else if (field === 6 && wire === WIRE_FIXED64) {
        const d = r.double();
        if (count++ === 0) first = d;
      } else r.skip(wire);
    }
    if (elements !== 1 || (dtype !== DT_FLOAT && dtype !== DT_DOUBLE)) return false;
    if (contentStart >= 0 && contentEnd - contentStart === (dtype === DT_FLOAT ? 4 : 8)) {
      this.value = dtype === DT_FLOAT ? buf.readFloatLE(contentStart) : buf.readDoubleLE(contentStart);
      return true;
    }
    if (count !== 1) return false;
    this.value = first;
    return true;
  }
}

/** The number of elements a TensorShapeProto describes (1 for a scalar: no dims); -1 when unknown. */
function shapeElements(r: ProtoReader): number {
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
