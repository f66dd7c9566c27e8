/**
 * A text file as chunks of whole lines, read in 512 KiB pieces: the scorer's only view of the file, so memory stays
 * bounded whatever its size. Lines are cut on bytes (a line feed never sits inside a UTF-8 character), so each
 * chunk decodes on its own; an ASCII chunk (`ascii`) need not be decoded at all: the scorer reads numbers from its
 * bytes. A line longer than `maxLineBytes` is never held: it is skipped to its end and reported in its place (its
 * number and length), so a file without line breaks cannot make Liftoff buffer gigabytes.
 *
 * The file is read into two buffers in turn, each holding the unfinished line of the last read and then the next
 * read, so no chunk is copied; the next read is under way while the consumer works on the current chunk.
 */
import { isAscii } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import { countLineFeeds } from './rows-kernel';

export type LinePiece =
  /** Whole lines (each ends with `\n`, except perhaps the file's last); `firstLine` is 1-based. */
  | {
      readonly kind: 'lines';
      /**
       * The lines' bytes. A view of a buffer that is read into again: valid until the consumer asks for the next
       * piece (copy what must outlive that).
       */
      readonly raw: Buffer;
      /** Whether every byte is ASCII (then byte offsets are string offsets, and Latin-1 decodes it). */
      readonly ascii: boolean;
      readonly firstLine: number;
      readonly bytesRead: number;
    }
  | { readonly kind: 'overlong'; readonly line: number; readonly bytes: number; readonly bytesRead: number };

export interface LineChunkOptions {
  /** Longest line kept (default 1 MiB). */
  readonly maxLineBytes?: number;
  /** Bytes per read (default 512 KiB). */
  readonly readBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;
/** Measured on the 1,000,000-row bench file: the same CPU time as 1 MiB, less wall time and memory. */
export const DEFAULT_READ_BYTES = 512 << 10;

/** The text of a piece's bytes: Latin-1 for ASCII (the same text, faster), else UTF-8. */
export function pieceText(raw: Buffer, ascii: boolean): string {
  return raw.toString(ascii ? 'latin1' : 'utf8');
}

function lines(buf: Buffer, start: number, end: number, firstLine: number, bytesRead: number): LinePiece {
  const raw = buf.subarray(start, end);
  return { kind: 'lines', raw, ascii: isAscii(raw), firstLine, bytesRead };
}

/** The pieces of `file`, in order. Breaking out of the loop closes the file. */
export async function* lineChunks(file: string, options: LineChunkOptions = {}): AsyncGenerator<LinePiece> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const readBytes = Math.max(1, options.readBytes ?? DEFAULT_READ_BYTES);
  // A buffer holds a kept line start (≤ maxLine bytes) and one read.
  const size = maxLine + 1 + readBytes;
  const buffers = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
  const fh: FileHandle = await open(file, 'r');
  let position = 0;
  let pending: Promise<number> | undefined;
  /** Starts reading into `buf` after its first `keep` bytes. */
  const readInto = (buf: Buffer, keep: number): Promise<number> =>
    fh.read(buf, keep, readBytes, position).then(({ bytesRead }) => {
      position += bytesRead;
      return bytesRead;
    });
  try {
    let cur = 0;
    pending = readInto(buffers[0]!, 0);
    let filled = await pending; // bytes in buffers[cur], the kept line start included
    pending = undefined;
    let got = filled;
    let line = 1; // the line the buffer starts on (or the skipped line)
    let skipping: number | undefined; // bytes of an overlong line skipped so far
    while (got > 0) {
      const buf = buffers[cur]!;
      let start = 0; // first byte not yielded
      if (skipping !== undefined) {
        const nl = buf.indexOf(10);
        if (nl === -1 || nl >= filled) {
          skipping += filled;
          pending = readInto(buf, 0);
          filled = got = await pending;
          pending = undefined;
          continue;
        }
        yield { kind: 'overlong', line, bytes: skipping + nl, bytesRead: position };
        skipping = undefined;
        line++;
        start = nl + 1;
      }
      // Whole lines end at the last line feed; the rest moves to the other buffer, which is read into meanwhile.
      const last = buf.lastIndexOf(10, filled - 1);
      const end = last < start ? start : last + 1;
      const rest = filled - end;
      const next = buffers[1 - cur]!;
      let keep = 0;
      if (rest > maxLine) skipping = rest;
      else keep = buf.copy(next, 0, end, filled);
      pending = readInto(next, keep);
      const bytesRead = position;
      let lineStart = start;
      let startLine = line;
      if (end - start <= maxLine) {
        // No line here can be over the limit: the lines are only counted.
        line += countLineFeeds(buf.subarray(start, end));
      } else {
        for (let nl = buf.indexOf(10, start); nl !== -1 && nl < end; nl = buf.indexOf(10, nl + 1)) {
          if (nl - lineStart > maxLine) {
            if (lineStart > start) yield lines(buf, start, lineStart, startLine, bytesRead);
            yield { kind: 'overlong', line, bytes: nl - lineStart, bytesRead };
            start = nl + 1;
            startLine = line + 1;
          }
          lineStart = nl + 1;
          line++;
        }
      }
      if (end > start) yield lines(buf, start, end, startLine, bytesRead);
      got = await pending;
      pending = undefined;
      filled = keep + got;
      cur = 1 - cur;
      if (got === 0 && skipping === undefined && keep > 0) {
        // The file's last line, without a line feed.
        yield lines(buffers[cur]!, 0, keep, line, position);
      }
    }
    if (skipping !== undefined) yield { kind: 'overlong', line, bytes: skipping, bytesRead: position };
  } finally {
    await pending?.catch(() => 0);
    await fh.close();
  }
}
