/**
 * A results file as a `ScoreSink`: writes wait for the disk when Node's buffer is full (memory stays bounded),
 * and the file is flushed and closed before `close` resolves.
 */
import { once } from 'node:events';
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
    async write(text) {
      if (failure) throw failure;
      if (text.length && !out.write(text)) await once(out, 'drain');
    },
    async close() {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => {
        out.end((err?: Error | null) => (err ? reject(err) : resolve()));
      });
    },
  };
}
