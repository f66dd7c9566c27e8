/**
 * Hostile metrics files of a chosen size, for the linear-time checks (test/unit/core/metrics/ingest-scaling.test.ts)
 * and the scaling table of `npm run bench -- ingest`. Each shape targets a way a reader can go quadratic or hold too
 * much: a CSV with a stray quote near its start, a CSV of quotes and line ends, one endless JSON line, process output
 * of `\r` progress updates without a `\n`, lines just under and just over the cap, event-file garbage.
 */
import { createReader, type IngestOptions, type MetricFormat } from '../../core/src/metrics/ingest';
import { SeriesStore } from '../../core/src/metrics/series-store';
import { tfrecord } from './tfevents-writer';

export interface HostileShape {
  readonly name: string;
  readonly format: MetricFormat;
  /** About `bytes` of content (whole units of the shape's pattern). */
  make(bytes: number): Buffer;
}

function repeat(head: string, unit: string, bytes: number): Buffer {
  return Buffer.from(head + unit.repeat(Math.max(1, Math.ceil((bytes - head.length) / unit.length))));
}

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  { name: 'CSV, stray quote on row 1', format: 'csv', make: (b) => repeat('step,loss\n1,"0.5\n', '2,0.25\n', b) },
  { name: 'CSV, quotes and line ends', format: 'csv', make: (b) => repeat('step,loss\n', '"\n,"\n"', b) },
  { name: 'JSON lines, one endless line', format: 'jsonl', make: (b) => repeat('{"loss": [', '1,', b) },
  {
    name: 'JSON lines, 100 KB lines',
    format: 'jsonl',
    make: (b) => repeat('', `{"step": 1, "x": "${'a'.repeat(100_000)}"}\n`, b),
  },
  { name: 'process output, \\r updates', format: 'stdout', make: (b) => repeat('', 'it 1/3 loss=0.8\r', b) },
  {
    name: 'event file, garbage',
    format: 'tfevents',
    make: (b) => repeat('', '\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000xyz', b),
  },
  {
    name: 'event file, one huge record',
    format: 'tfevents',
    make: (b) => tfrecord(Buffer.alloc(Math.max(1, b - 16), 7)),
  },
];

/** Feeds `data` to a fresh reader in chunks of `chunkBytes` (as the tail does) and says how long it took (ms). */
export function timeRead(
  format: MetricFormat,
  data: Buffer,
  chunkBytes: number,
  options: IngestOptions = {},
): { ms: number; cpuMs: number; records: number; overlong: number } {
  const store = new SeriesStore();
  const reader = createReader(store, 'r', `/nonexistent/hostile.${format}`, format, options);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let from = 0; from < data.length; from += chunkBytes) {
    const to = Math.min(data.length, from + chunkBytes);
    reader.consume({ data: data.subarray(from, to), from, end: data.length, reset: false });
  }
  reader.finish();
  const used = process.cpuUsage(cpu);
  return {
    ms: performance.now() - t,
    cpuMs: (used.user + used.system) / 1000,
    records: reader.stats.records,
    overlong: reader.stats.overlong,
  };
}
