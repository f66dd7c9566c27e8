/**
 * Random access to the bytes of a model without holding the file in memory: a file is read through one reusable
 * window (256 KiB by default), so skipping a 500 MB initializer costs nothing and only headers are ever read.
 */
import { open, type FileHandle } from 'node:fs/promises';

export interface ByteSource {
  readonly size: number;
  /** Bytes [pos, pos + len): a view that stays valid only until the next `read` (copy what you keep). */
  read(pos: number, len: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (pos, len) => Promise.resolve(bytes.subarray(pos, Math.min(bytes.length, pos + len))),
    close: () => Promise.resolve(),
  };
}

class FileSource implements ByteSource {
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  private readonly buffer: Uint8Array;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    windowBytes: number,
  ) {
    this.buffer = new Uint8Array(windowBytes);
  }

  async read(pos: number, len: number): Promise<Uint8Array> {
    const end = Math.min(this.size, pos + len);
    if (pos >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(pos - this.windowStart, end - this.windowStart);
    }
    const want = end - pos;
    // Larger than the window (a long string or a small message read whole): a one-off buffer.
    const target: Uint8Array = want > this.buffer.length ? new Uint8Array(want) : this.buffer;
    const fill = Math.min(target.length, this.size - pos);
    let got = 0;
    while (got < fill) {
      const { bytesRead } = await this.handle.read(target, got, fill - got, pos + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (target === this.buffer) {
      this.window = this.buffer.subarray(0, got);
      this.windowStart = pos;
    }
    return target.subarray(0, Math.min(got, want));
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export async function openFileSource(path: string, windowBytes = 256 * 1024): Promise<ByteSource> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return new FileSource(handle, size, windowBytes);
  } catch (err) {
    await handle.close();
    throw err;
  }
}
