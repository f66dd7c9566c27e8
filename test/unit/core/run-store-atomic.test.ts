/**
 * The run store's atomic write, checked by a reader looping beside the writer (a worker thread, so it really runs
 * concurrently): while run.json is rewritten many times with large records, every read finds a whole record, never a
 * missing, empty or cut-off file. The same reader against a plain `writeFile` sees torn reads, which shows the check
 * can fail.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeFileAtomic } from '../../../core/src/runs/atomic-write';
import { RunStore } from '../../../core/src/runs/run-store';

interface Seen {
  reads: number;
  torn: number;
  versions: number;
}

/**
 * Reads `file` in a tight loop until told to stop; counts reads that do not parse and the versions it saw, and says
 * at once when a read was torn (so a writer that tears can stop early).
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let stop = false, reads = 0, torn = 0;
const versions = new Set();
parentPort.on('message', () => { stop = true; });
parentPort.postMessage('ready');
(function loop() {
  for (let i = 0; i < 50 && !stop; i++) {
    reads++;
    try { versions.add(JSON.parse(readFileSync(workerData, 'utf8')).reason); } catch { if (torn++ === 0) parentPort.postMessage('torn'); }
  }
  if (stop) parentPort.postMessage({ reads, torn, versions: versions.size });
  else setImmediate(loop);
})();
`;

/** Runs `write(i)` up to `rounds` times, one after another, while the reader loops on `file`; returns what it saw. */
async function beside(
  file: string,
  rounds: number,
  write: (i: number) => Promise<void>,
  stopWhenTorn = false,
): Promise<Seen> {
  const worker = new Worker(READER, { eval: true, workerData: file });
  let tornSeen = false;
  const ready = new Promise<void>((resolve) => worker.once('message', () => resolve()));
  const seen = new Promise<Seen>((resolve, reject) => {
    worker.on('message', (m: unknown) => {
      if (m === 'torn') tornSeen = true;
      else if (typeof m === 'object') resolve(m as Seen);
    });
    worker.once('error', reject);
  });
  await ready;
  for (let i = 0; i < rounds && !(stopWhenTorn && tornSeen); i++) await write(i);
  worker.postMessage('stop');
  const result = await seen;
  await worker.terminate();
  return result;
}

describe('run store: atomic run.json writes under a concurrent reader', function () {
  this.timeout(60_000);
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-atomic-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('every read sees the old or the new record, whole, across 60 rewrites of a 256 KB run.json', async () => {
    const store = new RunStore(ws);
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'local', command: ['node', 'x.js'], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    const file = path.join(dir, 'run.json');
    const padding = 'x'.repeat(256 * 1024);
    const seen = await beside(file, 60, async (i) => {
      await store.update(dir, { reason: `w${i} ${padding}` });
    });
    assert.equal(seen.torn, 0, `${seen.torn} of ${seen.reads} reads found a missing or partial run.json`);
    assert.ok(
      seen.versions >= 2,
      `the reader overlapped the writes (saw ${seen.versions} versions in ${seen.reads} reads)`,
    );
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'no temporary files remain',
    );
    assert.match((await RunStore.read(dir))?.reason ?? '', /^w59 /);
  });

  it('the same reader catches a plain (non-atomic) writeFile tearing the file', async () => {
    const file = path.join(ws, 'run.json');
    const big = (i: number) => JSON.stringify({ reason: `w${i}`, pad: 'x'.repeat(1024 * 1024) });
    await writeFileAtomic(file, big(0));
    // Rewrites until the reader has seen a torn file (the first few rounds in practice), at most 200 times.
    const seen = await beside(file, 200, (i) => writeFile(file, big(i + 1)), true);
    assert.ok(
      seen.torn > 0,
      `a non-atomic write was never seen torn in ${seen.reads} reads: the reader could not catch what the first test checks`,
    );
  });
});
