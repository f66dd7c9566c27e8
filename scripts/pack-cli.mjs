// Packs the `liftoff` command as its own npm package, `liftoff-ml` (the name `liftoff` is gulp's launcher on npm):
// the bundled CLI (its dependencies are inside the bundle), the built-in trainer and run runner, the WebAssembly
// kernel and the JSON Schemas. onnxruntime-node (46 MB, native) is an optional peer dependency: npm does not install
// it, `validate`, `train`, `runs` and `plan export` never load it, and `infer` says how to add it.
// Usage: npm run build && node scripts/pack-cli.mjs [--out DIR]   → DIR/liftoff-ml-<version>.tgz (default: repo root)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CLI_PACKAGE = 'liftoff-ml';
const root = new URL('..', import.meta.url).pathname;
const outArg = process.argv.indexOf('--out');
const outDir = resolve(outArg > 0 ? process.argv[outArg + 1] : root);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const needed = [
  'dist/cli/liftoff.js',
  'dist/trainer/builtin.js',
  'dist/runner/liftoff-run.js',
  'dist/wasm',
  'dist/server/validators-Experiment.js',
  'dist/server/validators-BusinessPlan.js',
];
for (const rel of needed)
  if (!existsSync(join(root, rel))) throw new Error(`[pack-cli] ${rel} is missing: run 'npm run build' first`);

const stage = join(root, 'dist-cli');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const rel of ['dist/cli', 'dist/trainer', 'dist/runner', 'dist/wasm'])
  cpSync(join(root, rel), join(stage, rel), { recursive: true, filter: (src) => !src.endsWith('.map') });
// The schema validators generated at build time (the CLI finds them in dist/server, beside dist/cli).
for (const kind of ['Experiment', 'BusinessPlan'])
  cpSync(join(root, 'dist', 'server', `validators-${kind}.js`), join(stage, 'dist', 'server', `validators-${kind}.js`));
cpSync(join(root, 'schemas'), join(stage, 'schemas'), { recursive: true, filter: (s) => !/\.ts$/.test(s) });
cpSync(join(root, 'bin', 'liftoff.js'), join(stage, 'bin', 'liftoff.js'));
cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
cpSync(join(root, 'docs', 'cli.md'), join(stage, 'README.md'));
const ortVersion = pkg.dependencies['onnxruntime-node'];
writeFileSync(
  join(stage, 'package.json'),
  JSON.stringify(
    {
      name: CLI_PACKAGE,
      version: pkg.version,
      description:
        'The liftoff command: validate ML experiment configs and AI business plans (SARIF for code review), train, list runs, export plans, run ONNX inference.',
      license: pkg.license,
      repository: pkg.repository,
      keywords: ['mlops', 'experiment', 'yaml', 'lint', 'sarif', 'onnx', 'business plan'],
      bin: { liftoff: 'bin/liftoff.js' },
      engines: { node: pkg.engines.node },
      files: ['bin', 'dist', 'schemas'],
      peerDependencies: { 'onnxruntime-node': ortVersion },
      peerDependenciesMeta: { 'onnxruntime-node': { optional: true } },
    },
    null,
    2,
  ) + '\n',
);
mkdirSync(outDir, { recursive: true });
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const json = execFileSync(npm, ['pack', '--json', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8' });
const [{ filename, size, entryCount }] = JSON.parse(json);
console.log(`[pack-cli] ${join(outDir, filename)}: ${(size / 1024).toFixed(0)} KB, ${entryCount} files`);
