/**
 * `npm run bench -- trainer [rounds=3]`: the bundled built-in trainer (dist/trainer/builtin.js) training the
 * credit-risk example (30 epochs, as examples/credit-risk sets) in a child process, wall time per run. Target (moved
 * here from test/unit/core/trainer/builtin-e2e.test.ts): < 10 s per run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'trainer', 'builtin.js');
const EXAMPLE = path.join(ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function main(): void {
  const rounds = Math.max(1, Number(process.argv[2] ?? 3) || 3);
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-bench-trainer-'));
  try {
    const seconds: number[] = [];
    let epochs = 0;
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const p = spawnSync(process.execPath, [ENTRY, '--config', EXAMPLE, '--run-dir', path.join(dir, `run${r}`)], {
        encoding: 'utf8',
        env: { ...process.env, LIFTOFF_METRICS_FILE: '', LIFTOFF_RUN_DIR: '' },
      });
      seconds.push((performance.now() - t0) / 1000);
      if (p.status !== 0) throw new Error(`the trainer failed: ${p.stderr}`);
      epochs = (p.stdout.match(/^epoch \d+\/\d+/gm) ?? []).length;
    }
    const worst = Math.max(...seconds);
    const ok = worst < 10;
    console.log(`Built-in trainer, credit-risk example, ${epochs} epochs, ${rounds} runs\n`);
    console.log('| measure | median | worst | target | |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| one training run (s) | ${median(seconds).toFixed(2)} | ${worst.toFixed(2)} | < 10 | ${ok ? 'met' : 'MISS'} |`,
    );
    console.log(
      JSON.stringify({
        bench: 'trainer',
        epochs,
        rounds,
        secondsMedian: +median(seconds).toFixed(2),
        secondsWorst: +worst.toFixed(2),
        ok,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
