/**
 * A text file as chunks of whole lines, read in 1 MiB pieces: the scorer's only view of the file, so memory stays
 * bounded whatever its size. Lines are cut on bytes (a line feed never sits inside a UTF-8 character), so each
 * chunk decodes on its own: ASCII as Latin-1, the fast path, anything else as UTF-8. A line longer than
 * `maxLineBytes` is never held: it is skipped to its end and reported in its place (its number and length), so a
 * file without line breaks cannot make Liftoff buffer gigabytes.
 */
import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';

export type LinePiece =
  /** Whole lines (each ends with `\n`, except perhaps the file's last); `firstLine` is 1-based. */
  | {
      readonly kind: 'lines';
      readonly text: string;
      /** The text's bytes, when it is ASCII (then string offsets are byte offsets). */
      readonly raw: Buffer | undefined;
      readonly firstLine: number;
      readonly bytesRead: number;
    }
  | { readonly kind: 'overlong'; readonly line: number; readonly bytes: number; readonly bytesRead: number };

export interface LineChunkOptions {
  /** Longest line kept (default 1 MiB). */
  readonly maxLineBytes?: number;
  /** Bytes per read (default 256 KiB). */
  readonly readBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

function decoded(buf: Buffer, start: number, end: number): { text: string; raw: Buffer | undefined } {
  const part = buf.subarray(start, end);
  return isAscii(part) ? { text: part.toString('latin1'), raw: part } : { text: part.toString('utf8'), raw: undefined };
}

/** The pieces of `file`, in order. Breaking out of the loop closes the file. */
export async function* lineChunks(file: string, options: LineChunkOptions = {}): AsyncGenerator<LinePiece> {
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const stream = createReadStream(file, { highWaterMark: options.readBytes ?? 256 << 10 });
  let carry: Buffer | undefined; // the start of a line (at most maxLine bytes)
  let line = 1; // the line `carry` (or the skipped line) starts on
  let skipping: number | undefined; // bytes of an overlong line skipped so far
  for await (const read of stream as AsyncIterable<Buffer>) {
    const bytesRead = stream.bytesRead;
    let piece = read;
    if (skipping !== undefined) {
      const nl = piece.indexOf(10);
      if (nl === -1) {
        skipping += piece.length;
        continue;
      }
      yield { kind: 'overlong', line, bytes: skipping + nl, bytesRead };
      skipping = undefined;
      line++;
      piece = piece.subarray(nl + 1);
    }
    const buf = carry ? Buffer.concat([carry, piece]) : piece;
    carry = undefined;
    let start = 0; // first byte not yielded
    let lineStart = 0;
    let startLine = line;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10, nl + 1)) {
      if (nl - lineStart > maxLine) {
        if (lineStart > start)
          yield { kind: 'lines', ...decoded(buf, start, lineStart), firstLine: startLine, bytesRead };
        yield { kind: 'overlong', line, bytes: nl - lineStart, bytesRead };
        start = nl + 1;
        startLine = line + 1;
      }
      lineStart = nl + 1;
      line++;
    }
    if (lineStart > start) yield { kind: 'lines', ...decoded(buf, start, lineStart), firstLine: startLine, bytesRead };
    const rest = buf.length - lineStart;
    if (rest > maxLine) skipping = rest;
    else if (rest > 0) carry = Buffer.from(buf.subarray(lineStart));
  }
  if (skipping !== undefined) yield { kind: 'overlong', line, bytes: skipping, bytesRead: stream.bytesRead };
  else if (carry)
    yield { kind: 'lines', ...decoded(carry, 0, carry.length), firstLine: line, bytesRead: stream.bytesRead };
}
