/**
 * `npm run bench -- inference [rounds-scale=1]`: end-to-end inference (CSV text → parse → preprocess → run → results
 * ready: top-k labels and probabilities for every row) against a bare `session.run` on a pre-built tensor, in the
 * same process, on the same (cached, warm) session: the credit-risk example MLP (7 → 32 → 16 → 2), CPU.
 * Rounds alternate between the two so load on a shared machine hits both alike; medians are reported.
 * Targets: overhead ratio ≤ 2× at 4,096 rows; ≥ 1 M rows/s end to end at 100,000 rows.
 * Then whole files (bench/_inference-stream): a 1,000,000-row CSV scored from disk to a results CSV on disk
 * (median of 3); targets ≥ 2 M rows/s end to end and RSS growth < 100 MB; the same at 100,000 rows shows that the
 * growth does not follow the file's size. The CPU seconds of the process are printed beside the wall time, since a
 * shared machine's wall time can be several times its CPU time.
 */
import { performance } from 'node:perf_hooks';
import { runInference } from '../core/src/inference/infer';
import { loadOrt } from '../core/src/inference/ort';
import { SessionCache } from '../core/src/inference/session-cache';
import { csvRows, featureMatrix, trainExample } from './_inference-setup';
import { streamCase, type StreamFigures } from './_inference-stream';

const SIZES = [1, 64, 4096, 100_000];
const ROUNDS: Record<number, number> = { 1: 2000, 64: 2000, 4096: 300, 100_000: 25 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

interface Row {
  rows: number;
  rounds: number;
  oursMs: number;
  bareMs: number;
  ratio: number;
  oursRowsPerS: number;
  bareRowsPerS: number;
  parseMs: number;
  preprocessMs: number;
  runMs: number;
  postprocessMs: number;
}

async function main(): Promise<void> {
  const scale = Number(process.argv[2] ?? 1) || 1;
  const ort = loadOrt();
  const { model, experiment, features } = await trainExample();
  const cache = new SessionCache({ providers: () => ['cpu'] });
  const lease = await cache.acquire(model); // held: the session stays warm and cached for the whole bench
  const session = lease.model.session;
  const inputName = session.inputNames[0]!;
  // Whole files first, so their RSS growth is measured from a process that has only loaded the model.
  const streams: StreamFigures[] = [];
  for (const rows of [100_000, 1_000_000]) streams.push(await streamCase(cache, model, experiment, rows, 3));
  const results: Row[] = [];
  for (const n of SIZES) {
    const text = csvRows(n);
    const tensor = new ort.Tensor('float32', featureMatrix(text, features), [n, features.length]);
    const rounds = Math.max(5, Math.round(ROUNDS[n]! * scale));
    const ours: number[] = [];
    const bare: number[] = [];
    const parts = { parse: [] as number[], preprocess: [] as number[], run: [] as number[], post: [] as number[] };
    for (let i = 0; i < Math.min(rounds, 20); i++) {
      await runInference(cache, { model, text, experiment });
      await session.run({ [inputName]: tensor });
    }
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      const r = await runInference(cache, { model, text, experiment });
      ours.push(performance.now() - t);
      if (r.table.n !== n || r.predictions.kind !== 'classification')
        throw new Error(`unexpected result for ${n} rows`);
      parts.parse.push(r.timing.parseMs);
      parts.preprocess.push(r.timing.preprocessMs);
      parts.run.push(r.timing.runMs);
      parts.post.push(r.timing.postprocessMs);
      t = performance.now();
      await session.run({ [inputName]: tensor });
      bare.push(performance.now() - t);
    }
    const oursMs = median(ours);
    const bareMs = median(bare);
    results.push({
      rows: n,
      rounds,
      oursMs,
      bareMs,
      ratio: oursMs / bareMs,
      oursRowsPerS: n / (oursMs / 1000),
      bareRowsPerS: n / (bareMs / 1000),
      parseMs: median(parts.parse),
      preprocessMs: median(parts.preprocess),
      runMs: median(parts.run),
      postprocessMs: median(parts.post),
    });
  }
  lease.release();
  await cache.dispose();

  const f = (v: number) => (v < 0.1 ? v.toFixed(4) : v < 10 ? v.toFixed(3) : v.toFixed(1));
  const rate = (v: number) =>
    v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(0);
  console.log(
    'Inference: credit-risk MLP (7 → 32 → 16 → 2), CPU, CSV text in (header + target column), top-k labels out; medians (ms)\n',
  );
  console.log(
    'rows     rounds  ours end-to-end  bare session.run  ratio   ours rows/s  bare rows/s   parse  preprocess   run  outputs',
  );
  for (const r of results) {
    console.log(
      `${String(r.rows).padEnd(8)} ${String(r.rounds).padStart(6)}  ${f(r.oursMs).padStart(15)}  ${f(r.bareMs).padStart(16)}  ${r.ratio.toFixed(2).padStart(5)}×  ${rate(r.oursRowsPerS).padStart(11)}  ${rate(r.bareRowsPerS).padStart(11)}  ${f(r.parseMs).padStart(6)}  ${f(r.preprocessMs).padStart(10)}  ${f(r.runMs).padStart(5)}  ${f(r.postprocessMs).padStart(7)}`,
    );
  }
  const at4k = results.find((r) => r.rows === 4096)!;
  const at100k = results.find((r) => r.rows === 100_000)!;
  const ratioOk = at4k.ratio <= 2;
  const rateOk = at100k.oursRowsPerS >= 1e6;
  const afterParse = (r: Row) => (r.preprocessMs + r.runMs + r.postprocessMs) / r.bareMs;
  console.log(
    `\ntarget: overhead ≤ 2× at 4,096 rows: ${at4k.ratio.toFixed(2)}× ${ratioOk ? 'PASS' : 'MISS'}` +
      ` (from parsed rows — preprocess, run in batches, top-k — ${afterParse(at4k).toFixed(2)}×; parsing ${f(at4k.parseMs)} ms of text is the rest)`,
  );
  console.log(
    `target: ≥ 1 M rows/s end to end at 100,000 rows: ${rate(at100k.oursRowsPerS)} rows/s ${rateOk ? 'PASS' : 'MISS'}`,
  );
  console.log(
    '\nWhole files: CSV on disk → scoreFile → results CSV on disk (line, input columns, top label, probability)\n',
  );
  console.log('rows       input MB  output MB  wall ms   CPU ms   rows/s (wall)  rows/s (CPU)  RSS growth MB');
  for (const s of streams) {
    console.log(
      `${String(s.rows).padEnd(10)} ${s.mb.toFixed(1).padStart(8)}  ${s.outMb.toFixed(1).padStart(9)}  ${s.ms.toFixed(0).padStart(7)}  ${s.cpuMs.toFixed(0).padStart(7)}  ${rate(s.rowsPerS).padStart(13)}  ${rate(s.rows / (s.cpuMs / 1000)).padStart(12)}  ${s.rssGrowthMb.toFixed(1).padStart(13)}`,
    );
  }
  const big = streams.find((s) => s.rows === 1_000_000)!;
  const streamRateOk = big.rowsPerS >= 2e6;
  const rssOk = streams.every((s) => s.rssGrowthMb < 100);
  console.log(
    `\ntarget: ≥ 2 M rows/s scoring a 1,000,000-row CSV file end to end: ${rate(big.rowsPerS)} rows/s ${streamRateOk ? 'met' : 'MISS'}` +
      ` (CPU time alone: ${rate(big.rows / (big.cpuMs / 1000))} rows/s)`,
  );
  console.log(
    `target: RSS growth < 100 MB: ${streams.map((s) => `${s.rssGrowthMb.toFixed(1)} MB at ${s.rows.toLocaleString('en-US')} rows`).join(', ')} ${rssOk ? 'met' : 'MISS'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'inference',
      model: 'credit-risk-mlp 7-32-16-2',
      provider: 'cpu',
      sizes: results.map((r) => ({
        rows: r.rows,
        ours_ms: +r.oursMs.toFixed(4),
        bare_ms: +r.bareMs.toFixed(4),
        ratio: +r.ratio.toFixed(3),
        ours_rows_per_s: Math.round(r.oursRowsPerS),
        parse_ms: +r.parseMs.toFixed(4),
        preprocess_ms: +r.preprocessMs.toFixed(4),
        run_ms: +r.runMs.toFixed(4),
        outputs_ms: +r.postprocessMs.toFixed(4),
      })),
      targets: {
        ratio_4096: +at4k.ratio.toFixed(3),
        ratio_ok: ratioOk,
        ratio_4096_after_parse: +afterParse(at4k).toFixed(3),
        rows_per_s_100k: Math.round(at100k.oursRowsPerS),
        rows_per_s_ok: rateOk,
        file_rows_per_s_1m: Math.round(big.rowsPerS),
        file_rows_per_s_ok: streamRateOk,
        file_rss_growth_mb: +Math.max(...streams.map((s) => s.rssGrowthMb)).toFixed(1),
        file_rss_ok: rssOk,
      },
      files: streams.map((s) => ({
        rows: s.rows,
        wall_ms: +s.ms.toFixed(1),
        cpu_ms: +s.cpuMs.toFixed(1),
        rows_per_s: Math.round(s.rowsPerS),
        rss_growth_mb: +s.rssGrowthMb.toFixed(1),
      })),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
