/**
 * Maps a name given as bytes (a JSON key, a TensorBoard tag) to an entry without making a string each time: names
 * repeat on every record, so a hash of the bytes and one comparison replace decoding.
 */

export interface NameEntry<T> {
  readonly bytes: Buffer;
  readonly value: T;
  next: NameEntry<T> | undefined;
}

export class NameCache<T> {
  private readonly table = new Map<number, NameEntry<T>>();
  private count = 0;

  constructor(
    private readonly make: (name: string, raw: Buffer) => T,
    private readonly limit = 100_000,
  ) {}

  /** The entry for `buf[start, end)`; `decode` turns the raw bytes into the name (default UTF-8). */
  get(buf: Uint8Array, start: number, end: number, decode?: (raw: Buffer) => string): T {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 16777619);
    const len = end - start;
    const first = this.table.get(h);
    for (let e = first; e; e = e.next) {
      const bytes = e.bytes;
      if (bytes.length !== len) continue;
      let k = 0;
      while (k < len && bytes[k] === buf[start + k]) k++;
      if (k === len) return e.value;
    }
    const raw = Buffer.from(buf.subarray(start, end));
    const value = this.make(decode ? decode(raw) : raw.toString('utf8'), raw);
    if (this.count < this.limit) {
      this.table.set(h, { bytes: raw, value, next: first });
      this.count++;
    }
    return value;
  }
}
