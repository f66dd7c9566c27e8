// One esbuild bundle per runtime: extension host, language server, CLI, and each webview (webviews/<panel>/main.ts),
// and the WebAssembly kernels (core/assembly/*.ts, AssemblyScript → dist/wasm/*.wasm).
// Type checking is separate (`tsc -b`); this only bundles. Flags: --watch, --production (minify, no sourcemaps).
import asc from 'assemblyscript/asc';
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { version } = pkg;
/** The published rule reference, as cli/src/version.ts's rulesDocUrl derives it (SARIF rule links). */
function rulesDocUrl({ repository, homepage }) {
  const repo = typeof repository === 'string' ? repository : repository?.url;
  if (repo && /^(git\+)?https?:\/\//.test(repo))
    return `${repo
      .replace(/^git\+/, '')
      .replace(/\.git$/, '')
      .replace(/\/+$/, '')}/blob/HEAD/docs/rules.md`;
  if (homepage && /^https?:\/\//.test(homepage))
    return `${homepage.replace(/#.*$/, '').replace(/\/+$/, '')}/docs/rules.md`;
  return 'https://liftoff.invalid/docs/rules.md';
}

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['main', 'module'],
  sourcemap: !production,
  minify: production,
  // Native and heavy modules stay outside the bundle and are loaded lazily at run time.
  external: ['vscode', 'onnxruntime-node'],
  logLevel: 'warning',
  absWorkingDir: root,
  // ESM-only dependencies read import.meta.url, which a CJS bundle lacks: give them this file's URL.
  define: { 'import.meta.url': '__liftoffImportMetaUrl' },
  banner: { js: "const __liftoffImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const targets = [
  // The extension host entry stays tiny; everything else is in language-client.js and features.js, loaded on demand.
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js' },
  // The language client is its own bundle, loaded first: the server starts while features.js loads.
  { ...node, entryPoints: ['client/src/language-client.ts'], outfile: 'dist/client/language-client.js' },
  { ...node, entryPoints: ['client/src/features.ts'], outfile: 'dist/client/features.js' },
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server/server.js' },
  {
    ...node,
    entryPoints: ['cli/src/index.ts'],
    outfile: 'dist/cli/liftoff.js',
    define: {
      ...node.define,
      LIFTOFF_VERSION: JSON.stringify(version),
      LIFTOFF_RULES_DOC_URL: JSON.stringify(rulesDocUrl(pkg)),
    },
  },
  { ...node, entryPoints: ['core/src/trainer/main.ts'], outfile: 'dist/trainer/builtin.js' },
  // Child-process entries: the runner a VS Code task starts for each run.
  { ...node, entryPoints: ['core/src/launchers/runner-main.ts'], outfile: 'dist/runner/liftoff-run.js' },
  // Worker-thread entry: the metrics panel reads and caches finished runs in these (beside features.js).
  {
    ...node,
    entryPoints: ['core/src/metrics/run-cache-worker-main.ts'],
    outfile: 'dist/client/metrics-cache-worker.js',
  },
];
const webviewsDir = join(root, 'webviews');
for (const panel of readdirSync(webviewsDir, { withFileTypes: true })) {
  if (!panel.isDirectory() || !existsSync(join(webviewsDir, panel.name, 'main.ts'))) continue;
  targets.push({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    sourcemap: !production,
    minify: production,
    entryPoints: [`webviews/${panel.name}/main.ts`],
    outfile: `dist/webviews/${panel.name}/main.js`,
    logLevel: 'warning',
    absWorkingDir: root,
    loader: { '.css': 'css' },
  });
}

/** Each core/assembly/<name>.ts → dist/wasm/<name>.wasm: optimized, no runtime (the kernels allocate nothing). */
async function buildKernels() {
  const kernels = readdirSync(join(root, 'core', 'assembly')).filter((f) => f.endsWith('.ts'));
  for (const file of kernels) {
    const out = `dist/wasm/${file.replace(/\.ts$/, '.wasm')}`;
    const { error, stderr } = await asc.main(
      [`core/assembly/${file}`, '-O3', '--runtime', 'stub', '--noAssert', '--enable', 'simd', '-o', out],
      { stdout: process.stdout },
    );
    if (error) {
      console.error(stderr.toString());
      throw new Error(`[build] ${file}: ${error.message}`);
    }
  }
  return kernels.length;
}

/**
 * The schema validators, generated here rather than compiled by every cold language server (server/src/host/
 * validators.ts): validators-gen.ts is bundled and run to write Ajv standalone code per kind, which is then bundled
 * (with the few Ajv runtime helpers it requires) to dist/server/validators-<kind>.js. The CLI finds them there too.
 */
async function buildValidators() {
  const gen = join(root, 'out', '.gen');
  await esbuild.build({
    ...node,
    sourcemap: false,
    entryPoints: ['server/src/host/validators-gen.ts'],
    outfile: join(gen, 'validators-gen.cjs'),
  });
  const require = createRequire(import.meta.url);
  const { generateValidatorModule } = require(join(gen, 'validators-gen.cjs'));
  const kinds = { Experiment: 'experiment.schema.json', BusinessPlan: 'business-plan.schema.json' };
  await Promise.all(
    Object.entries(kinds).map(async ([kind, file]) => {
      const source = join(gen, `validators-${kind}.cjs`);
      writeFileSync(source, generateValidatorModule(JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8'))));
      await esbuild.build({
        ...node,
        sourcemap: false,
        entryPoints: [source],
        outfile: `dist/server/validators-${kind}.js`,
      });
    }),
  );
  return Object.keys(kinds).length;
}

const started = Date.now();
const kernelCount = await buildKernels();
const validatorCount = await buildValidators();
if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
  console.log(`[build] watching ${targets.length} bundles`);
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(
    `[build] ${targets.length} bundles, ${validatorCount} schema validators and ${kernelCount} kernel${kernelCount === 1 ? '' : 's'} in ${Date.now() - started} ms${production ? ' (production)' : ''}`,
  );
}
