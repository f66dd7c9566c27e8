// Builds a per-platform VSIX (default linux-x64) that carries only that platform's onnxruntime-node binaries.
// onnxruntime-node stays outside the esbuild bundle (native), so we stage a pruned copy in dist/node_modules,
// where Node's resolution finds it from dist/client/extension.js, and package with --no-dependencies.
// The production bundles are built by vsce through the `vscode:prepublish` script.
// Usage: npm run package [-- --target linux-x64]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, statSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const argTarget = process.argv.indexOf('--target');
const target = argTarget > 0 ? process.argv[argTarget + 1] : 'linux-x64';
const [platform, arch] = target.split('-');
const { version, name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const staged = join(root, 'dist/node_modules');
rmSync(staged, { recursive: true, force: true });
const ortSrc = join(root, 'node_modules/onnxruntime-node');
const ortDst = join(staged, 'onnxruntime-node');
for (const rel of ['package.json', 'dist', 'LICENSE'])
  if (existsSync(join(ortSrc, rel))) cpSync(join(ortSrc, rel), join(ortDst, rel), { recursive: true });
const napi = `bin/napi-v6/${platform}/${arch}`;
if (!existsSync(join(ortSrc, napi))) throw new Error(`onnxruntime-node has no binaries for ${target} (${napi})`);
mkdirSync(join(ortDst, napi), { recursive: true });
cpSync(join(ortSrc, napi), join(ortDst, napi), { recursive: true });
cpSync(join(root, 'node_modules/onnxruntime-common'), join(staged, 'onnxruntime-common'), {
  recursive: true,
  filter: (src) => !/\/(lib|test)(\/|$)/.test(src.slice(join(root, 'node_modules/onnxruntime-common').length)),
});

const out = join(root, `${name}-${target}-${version}.vsix`);
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--no-rewrite-relative-links',
    '--target',
    target,
    '--out',
    out,
  ],
  { stdio: 'inherit', cwd: root },
);
const mb = statSync(out).size / 1024 / 1024;
console.log(`[package] ${out.slice(root.length)}: ${mb.toFixed(1)} MB (${target})`);
