/**
 * A results file as a `ScoreSink`: each write resolves once its bytes are in the file (so the scorer may fill the
 * same buffer again; it keeps one write in flight while it works on the next chunk), and the file is flushed and
 * closed before `close` resolves.
 */
import { createWriteStream } from 'node:fs';
import type { ScoreSink } from './score-file';

export interface FileSink extends ScoreSink {
  close(): Promise<void>;
}

export function fileSink(file: string): FileSink {
  const out = createWriteStream(file, { highWaterMark: 4 << 20 });
  let failure: Error | undefined;
  out.on('error', (err) => {
    failure = err;
  });
  return {
    write(text) {
      if (failure) return Promise.reject(failure);
      if (!text.length) return undefined;
      return new Promise<void>((resolve, reject) => {
        out.write(text, (err) => (err ? reject(err) : resolve()));
      });
    },
    async close() {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => {
        out.end((err?: Error | null) => (err ? reject(err) : resolve()));
      });
    },
  };
}
