/**
 * `npm run bench -- onnx-open [rounds=5]`: the ONNX inspector opening a 320 MB model (5 × [4096, 4096] float weights,
 * written as a sparse file): time to open, the event loop's longest gap meanwhile (a 2 ms ticker), and how much the
 * array buffers grew. Targets (moved here from test/unit/core/onnx-inspect.test.ts): open < 2 s, gap < 200 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inspectModelFile } from '../core/src/onnx/inspect/inspect-model';
import { writeLargeModel } from '../test/support/large-onnx';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const rounds = Math.max(1, Number(process.argv[2] ?? 5) || 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-bench-onnx-'));
  try {
    const file = path.join(dir, 'large.onnx');
    const size = writeLargeModel(file, 5, 4096);
    const open: number[] = [];
    const gaps: number[] = [];
    const grew: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let worst = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        worst = Math.max(worst, now - last);
        last = now;
      }, 2);
      const before = process.memoryUsage().arrayBuffers;
      const t0 = performance.now();
      await inspectModelFile(file);
      open.push(performance.now() - t0);
      grew.push((process.memoryUsage().arrayBuffers - before) / 1e6);
      clearInterval(ticker);
      gaps.push(worst);
    }
    const openMs = median(open);
    const gapMs = Math.max(...gaps);
    const openOk = Math.max(...open) < 2000;
    const gapOk = gapMs < 200;
    console.log(`ONNX inspector, ${(size / 1e6).toFixed(0)} MB model, ${rounds} rounds\n`);
    console.log('| measure | median | worst | target | |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| open (ms) | ${openMs.toFixed(1)} | ${Math.max(...open).toFixed(1)} | < 2000 | ${openOk ? 'met' : 'MISS'} |`,
    );
    console.log(
      `| longest event-loop gap (ms) | ${median(gaps).toFixed(1)} | ${gapMs.toFixed(1)} | < 200 | ${gapOk ? 'met' : 'MISS'} |`,
    );
    console.log(`| array buffers grew (MB) | ${median(grew).toFixed(1)} | ${Math.max(...grew).toFixed(1)} | | |`);
    console.log(
      JSON.stringify({
        bench: 'onnx-open',
        modelMB: Math.round(size / 1e6),
        rounds,
        openMsMedian: +openMs.toFixed(1),
        openMsWorst: +Math.max(...open).toFixed(1),
        gapMsWorst: +gapMs.toFixed(1),
        openOk,
        gapOk,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
