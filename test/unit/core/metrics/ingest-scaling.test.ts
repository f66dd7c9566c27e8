/**
 * Every reader is linear in its input, whatever the bytes: time per MB stays flat from a small file to one 16 times
 * larger. Both sizes are past the line cap (set low here), so they take the same paths. A relative check with a wide margin (a quadratic reader is 16 times slower per MB at the larger size; the
 * check fails at 5); the figures for 1–100 MB are in `npm run bench -- ingest`.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MetricFormat } from '../../../../core/src/metrics/ingest';
import { HOSTILE_SHAPES, timeRead } from '../../../support/hostile-metrics';

const SMALL = 256 * 1024;
const LARGE = 4 * 1024 * 1024;
const CHUNK = 64 * 1024; // small chunks: a reader that re-copies what it carries pays per chunk
const MARGIN = 5;
/** A cap below the small size, so both sizes take the same paths (a stray quote resolved, long lines skipped). */
const CAP = 16 * 1024;

/**
 * Best of three CPU ms per MB: the process's own CPU time, not wall time, so other work on a shared machine (CI
 * failed once at load 13 on 2 cores: 108 vs 15 ms/MB by the wall clock) cannot make a linear reader look quadratic.
 */
function msPerMb(format: MetricFormat, data: Buffer): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) best = Math.min(best, timeRead(format, data, CHUNK, { maxLineBytes: CAP }).cpuMs);
  return best / (data.length / 1e6);
}

/**
 * Below this, a small file takes a few ms and the ratio is noise (a shared machine, GC); a quadratic reader is far
 * slower than this per MB at the large size (the stray-quote CSV took 10,000 ms per MB before the fix).
 */
const FLOOR_MS_PER_MB = 10;

function assertFlat(label: string, format: MetricFormat, make: (bytes: number) => Buffer): void {
  const largeData = make(LARGE);
  timeRead(format, largeData, CHUNK, { maxLineBytes: CAP }); // warm the code paths up on the same input
  const small = msPerMb(format, make(SMALL));
  const large = msPerMb(format, largeData);
  assert.ok(
    large <= MARGIN * Math.max(small, FLOOR_MS_PER_MB),
    `${label}: ${large.toFixed(2)} ms/MB at ${LARGE >> 20} MB vs ${small.toFixed(2)} ms/MB at ${SMALL >> 10} KB`,
  );
}

describe('metrics ingestion scales linearly with hostile input', function () {
  this.timeout(120_000);

  for (const shape of HOSTILE_SHAPES) {
    it(`${shape.name}: time per MB flat from ${SMALL >> 10} KB to ${LARGE >> 20} MB`, () => {
      assertFlat(shape.name, shape.format, shape.make);
    });
  }

  it('any repeated pattern of quotes, commas, line ends and digits: time per MB flat (CSV, JSON lines, output)', () => {
    const unit = fc
      .array(fc.constantFrom('"', ',', '\n', '\r', '1', '.', '{', '}', ':', '=', 'a'), { minLength: 1, maxLength: 40 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(unit, fc.constantFrom<MetricFormat>('csv', 'jsonl', 'stdout'), (u, format) => {
        const make = (bytes: number) => Buffer.from(`step,loss\n${u.repeat(Math.ceil(bytes / u.length))}`);
        assertFlat(`${format} of ${JSON.stringify(u)}`, format, make);
      }),
      { numRuns: 4, seed: 12 },
    );
  });
});
