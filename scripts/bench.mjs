// `npm run bench -- <name>`: builds, then runs out/bench/<name>.js. Each bench prints a table and, as its
// last line, one JSON object with its figures. `npm run bench` alone lists the benches.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const names = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('-host.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.log(`usage: npm run bench -- <name>\nbenches: ${names.join(', ')}`);
  process.exit(name ? 2 : 0);
}
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step('npm', ['run', '--silent', 'build']);
step(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b']);
const script = join(root, 'out', 'bench', `${name}.js`);
if (!existsSync(script)) {
  console.error(`bench ${name} was not built (${script})`);
  process.exit(2);
}
step(process.execPath, [script, ...process.argv.slice(3)]);
