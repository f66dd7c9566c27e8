/**
 * Writes large metrics files for `bench/ingest.ts`: our JSON lines, a Lightning CSVLogger file and a TensorBoard
 * event file, with realistic shapes (Python's number formatting, Lightning's sparse cells and `\r\n`, one scalar per
 * event as PyTorch's `add_scalar` writes them). The event encoder is a fast copy of test/support/tfevents-writer.ts;
 * `checkEventEncoder` proves they write the same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32c, maskCrc } from '../core/src/metrics/crc32c';
import {
  encodeEvent,
  fileVersionRecord,
  summaryValue,
  tfrecord,
  varint,
  type ScalarEncoding,
} from '../test/support/tfevents-writer';

const T0 = 1767225600;

/** Numbers as Python prints them, picked from a table so generating stays cheap. */
function table(n: number, scale: number, digits: number): string[] {
  let seed = 12345;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  return Array.from({ length: n }, () => String(Math.round(rnd() * scale * 10 ** digits) / 10 ** digits));
}

function writeLines(file: string, rows: number, header: string | undefined, row: (i: number) => string): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    if (header) bytes += writeSync(fd, header);
    const block: string[] = [];
    for (let i = 0; i < rows; i++) {
      block.push(row(i));
      if (block.length === 10_000 || i === rows - 1) {
        bytes += writeSync(fd, block.join(''));
        block.length = 0;
      }
    }
  } finally {
    closeSync(fd);
  }
  return bytes;
}

const LOSS = table(4096, 2, 6);
const ACC = table(4096, 1, 4);
const NORM = table(4096, 5, 5);

/** `{"step": …, "epoch": …, 5 metrics, "time": …}` per line; returns the size in bytes. */
export function writeJsonl(file: string, rows: number): number {
  return writeLines(file, rows, undefined, (i) => {
    const k = i & 4095;
    return `{"step": ${i + 1}, "epoch": ${Math.floor(i / 10_000)}, "train_loss": ${LOSS[k]}, "val_loss": ${LOSS[(k * 7) & 4095]}, "accuracy": ${ACC[k]}, "lr": 0.001, "grad_norm": ${NORM[k]}, "time": ${T0 + i * 0.0123}}\n`;
  });
}

/** Lightning's CSVLogger: sorted header, `\r\n`, train rows with three metrics, every 20th row a validation row. */
export function writeLightningCsv(file: string, rows: number): number {
  return writeLines(file, rows, 'epoch,lr-Adam,step,train_grad_norm,train_loss,val_acc,val_loss\r\n', (i) => {
    const k = i & 4095;
    const epoch = Math.floor(i / 10_000);
    return i % 20 === 19
      ? `${epoch},,${i},,,${ACC[k]},${LOSS[(k * 7) & 4095]}\r\n`
      : `${epoch},0.001,${i},${NORM[k]},${LOSS[k]},,\r\n`;
  });
}

const TAGS: Array<[string, ScalarEncoding]> = [
  ['train/loss', 'simple'],
  ['train/grad_norm', 'simple'],
  ['train/lr', 'simple'],
  ['val/loss', 'simple'],
  ['val/accuracy', 'tensor-float'],
];

/** One event's record (the fast way), written into `out` at `at`; returns its length. */
function encodeScalarRecord(
  out: Buffer,
  at: number,
  wallTime: number,
  step: number,
  template: Buffer,
  value: number,
): number {
  // Event { wall_time=1 (fixed64), step=2 (varint), summary=5 { value=1 { …template, float last } } }
  const vlen = template.length;
  const vlenBytes = varint(vlen);
  const slen = 1 + vlenBytes.length + vlen;
  const slenBytes = varint(slen);
  const stepBytes = varint(step);
  const len = 9 + 1 + stepBytes.length + 1 + slenBytes.length + slen;
  let p = at + 12;
  out[p++] = 0x09;
  out.writeDoubleLE(wallTime, p);
  p += 8;
  out[p++] = 0x10;
  stepBytes.copy(out, p);
  p += stepBytes.length;
  out[p++] = 0x2a;
  slenBytes.copy(out, p);
  p += slenBytes.length;
  out[p++] = 0x0a;
  vlenBytes.copy(out, p);
  p += vlenBytes.length;
  template.copy(out, p);
  p += vlen;
  out.writeFloatLE(value, p - 4);
  out.writeUInt32LE(len, at);
  out.writeUInt32LE(0, at + 4);
  out.writeUInt32LE(maskCrc(crc32c(out, at, at + 8)), at + 8);
  out.writeUInt32LE(maskCrc(crc32c(out, at + 12, p)), p);
  return p + 4 - at;
}

const templates = TAGS.map(([tag, encoding]) => summaryValue({ tag, value: 0, encoding }));

/** `events` events of one scalar each, cycling through five tags (one a TF2-style tensor); returns the size. */
export function writeTfEvents(file: string, events: number): number {
  const fd = openSync(file, 'w');
  let bytes = 0;
  try {
    bytes += writeSync(fd, fileVersionRecord(T0));
    const block = Buffer.alloc(8 * 1024 * 1024);
    let used = 0;
    for (let i = 0; i < events; i++) {
      if (used > block.length - 256) {
        bytes += writeSync(fd, block, 0, used);
        used = 0;
      }
      const t = i % TAGS.length;
      used += encodeScalarRecord(
        block,
        used,
        T0 + i * 0.002,
        Math.floor(i / TAGS.length) + 1,
        templates[t] as Buffer,
        Number(LOSS[i & 4095]),
      );
    }
    bytes += writeSync(fd, block, 0, used);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** The fast encoder writes exactly what the test writer writes. */
export function checkEventEncoder(): void {
  const buf = Buffer.alloc(1024);
  for (let i = 0; i < 50; i++) {
    const t = i % TAGS.length;
    const [tag, encoding] = TAGS[t] as [string, ScalarEncoding];
    const step = 1 + i * 997;
    const value = Number(LOSS[i]);
    const n = encodeScalarRecord(buf, 0, T0 + i * 0.002, step, templates[t] as Buffer, value);
    const expected = tfrecord(encodeEvent({ wallTime: T0 + i * 0.002, step, values: [{ tag, value, encoding }] }));
    if (!buf.subarray(0, n).equals(expected))
      throw new Error(`the bench's event encoder differs from the test writer (event ${i})`);
  }
}
