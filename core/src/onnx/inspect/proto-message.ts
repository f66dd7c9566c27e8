/**
 * A protobuf message read field by field, either from memory (messages up to `SMALL` bytes are copied out and
 * decoded synchronously) or streamed from a `ByteSource` (larger ones: the graph, big initializers), so that the
 * bytes of a field nobody asks for — weights — are skipped by length and never read.
 */
import { englishAndPhrase, phrase, type Phrase } from '../../l10n';
import type { ByteSource } from './byte-source';

/** Messages up to this size are read whole; larger ones are streamed. */
export const SMALL = 64 * 1024;

export interface Field {
  readonly no: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  readonly wire: number;
  /** The value of a varint field. */
  readonly int: number;
  /** Where the payload of a length-delimited or fixed field starts (in the message's own coordinates) and its length. */
  readonly start: number;
  readonly len: number;
}

/** The file is not a well-formed protobuf message where it should be; `phrase` says where in the reader's language. */
export class ProtoError extends Error {
  readonly phrase?: Phrase;
  constructor(message: string | Phrase) {
    const m = englishAndPhrase(message);
    super(m.english);
    if (m.phrase) this.phrase = m.phrase;
  }
}

const utf8 = new TextDecoder('utf-8');

/** Decodes one field header at `pos` of `b`; returns the field and the position after it (its payload skipped). */
function decodeField(b: Uint8Array, pos: number, end: number, base: number): [Field, number] {
  let p = pos;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (p >= end) throw new ProtoError(phrase('truncated varint at byte {0}', base + p));
      const byte = b[p++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value >= 2 ** 63 ? value - 2 ** 64 : value; // negative int64 (10-byte varint)
    }
    throw new ProtoError(phrase('varint too long at byte {0}', base + p));
  };
  const key = varint();
  const no = Math.floor(key / 8);
  const wire = key % 8;
  if (no < 1) throw new ProtoError(phrase('invalid field number at byte {0}', base + pos));
  if (wire === 0) {
    const int = varint();
    return [{ no, wire, int, start: base + p, len: 0 }, p];
  }
  if (wire === 1 || wire === 5)
    return [{ no, wire, int: 0, start: base + p, len: wire === 1 ? 8 : 4 }, p + (wire === 1 ? 8 : 4)];
  if (wire === 2) {
    const len = varint();
    if (len < 0) throw new ProtoError(phrase('negative length at byte {0}', base + pos));
    return [{ no, wire, int: 0, start: base + p, len }, p + len];
  }
  throw new ProtoError(phrase('unsupported wire type {0} at byte {1}', wire, base + pos));
}

export abstract class Message {
  /** Opens the message occupying [start, end) of `src`: read whole when small, streamed otherwise. */
  static async open(src: ByteSource, start: number, end: number): Promise<Message> {
    if (end > src.size)
      throw new ProtoError(phrase('a field is longer than the file (ends at byte {0} of {1})', end, src.size));
    if (end - start <= SMALL) return new MemoryMessage((await src.read(start, end - start)).slice(), 0, end - start);
    return new StreamMessage(src, start, end);
  }

  abstract fields(): AsyncGenerator<Field>;
  /** The nested message in a length-delimited field. */
  abstract child(f: Field): Promise<Message>;
  /** The payload of a length-delimited or fixed field (copied when streamed); refuses payloads above `max` bytes. */
  abstract bytes(f: Field, max?: number): Promise<Uint8Array>;

  async string(f: Field, max = 1 << 20): Promise<string> {
    if (f.wire !== 2) throw new ProtoError(phrase('field {0} is not a string', f.no));
    if (f.len > max) return `${utf8.decode(await this.bytes({ ...f, len: max }, max))}… (${f.len} bytes)`;
    return utf8.decode(await this.bytes(f, max));
  }
}

class MemoryMessage extends Message {
  constructor(
    private readonly buf: Uint8Array,
    private readonly start: number,
    private readonly end: number,
  ) {
    super();
  }

  override async *fields(): AsyncGenerator<Field> {
    let pos = this.start;
    while (pos < this.end) {
      const [f, next] = decodeField(this.buf, pos, this.end, 0);
      if (next > this.end) throw new ProtoError(phrase('field {0} is longer than its message', f.no));
      pos = next;
      yield f;
    }
  }

  override child(f: Field): Promise<Message> {
    return Promise.resolve(new MemoryMessage(this.buf, f.start, f.start + f.len));
  }

  override bytes(f: Field, max = Infinity): Promise<Uint8Array> {
    if (f.len > max) throw new ProtoError(phrase('field {0} has {1} bytes, more than {2}', f.no, f.len, max));
    return Promise.resolve(this.buf.subarray(f.start, f.start + f.len));
  }
}

class StreamMessage extends Message {
  constructor(
    private readonly src: ByteSource,
    private readonly start: number,
    private readonly end: number,
  ) {
    super();
  }

  override async *fields(): AsyncGenerator<Field> {
    let pos = this.start;
    while (pos < this.end) {
      const head = await this.src.read(pos, Math.min(20, this.end - pos));
      const [f, used] = decodeField(head, 0, head.length, pos);
      const next = f.wire === 2 ? f.start + f.len : pos + used;
      if (next > this.end) throw new ProtoError(phrase('field {0} is longer than its message', f.no));
      pos = next;
      yield f;
    }
  }

  override child(f: Field): Promise<Message> {
    return Message.open(this.src, f.start, f.start + f.len);
  }

  override async bytes(f: Field, max = Infinity): Promise<Uint8Array> {
    if (f.len > max) throw new ProtoError(phrase('field {0} has {1} bytes, more than {2}', f.no, f.len, max));
    return (await this.src.read(f.start, f.len)).slice();
  }
}
