/**
 * core/browser-safe.json lists the core modules webviews may import (the lint rule enforces the list). Here each one
 * is bundled for the browser as the webview bundles are (esbuild, platform browser): a Node built-in, a native
 * module or a shell folder anywhere in its import closure fails the bundle, naming the module that pulled it in.
 * The panels' message contracts (client/src/panels/<panel>/contract.ts) are bundled into the webviews too: same check.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../../support/fixtures';

const LIST = path.join(REPO_ROOT, 'core', 'browser-safe.json');
const modules: readonly string[] = (JSON.parse(readFileSync(LIST, 'utf8')) as { modules: string[] }).modules;

/** The .ts file behind a listed module: `x.ts`, or `x/index.ts` for an area's front door. */
function entryOf(module: string): string {
  const file = path.join(REPO_ROOT, `${module}.ts`);
  return existsSync(file) ? file : path.join(REPO_ROOT, module, 'index.ts');
}

/** Bundles `entry` for the browser; returns esbuild's errors and the repository files it reached. */
async function bundleForBrowser(entry: string): Promise<{ errors: string[]; inputs: string[] }> {
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      outdir: path.join(REPO_ROOT, 'out', 'browser-safe-probe'),
      absWorkingDir: REPO_ROOT,
      logLevel: 'silent',
    });
    return { errors: [], inputs: Object.keys(result.metafile.inputs) };
  } catch (err) {
    const failure = err as esbuild.BuildFailure;
    return {
      errors: failure.errors.map((e) => `${e.location?.file ?? '?'}:${e.location?.line ?? 0}: ${e.text}`),
      inputs: [],
    };
  }
}

describe('browser-safe core (core/browser-safe.json)', function () {
  this.timeout(60_000);

  it('lists modules that exist, each once', () => {
    assert.ok(modules.length > 0);
    assert.equal(new Set(modules).size, modules.length);
    for (const m of modules) {
      assert.match(m, /^core\/src\//, `${m}: list paths from the repository root`);
      assert.ok(existsSync(entryOf(m)), `${m}: no such module (${path.relative(REPO_ROOT, entryOf(m))})`);
    }
  });

  for (const m of modules) {
    it(`${m} bundles for the browser: no Node built-ins, no shell folders`, async () => {
      const { errors, inputs } = await bundleForBrowser(entryOf(m));
      assert.deepEqual(errors, [], `${m} cannot run in a webview:\n${errors.join('\n')}`);
      const shells = inputs.filter((f) => !f.startsWith('core/src/') && !f.includes('node_modules/'));
      assert.deepEqual(shells, [], `${m} reaches files outside core/src (client/, server/, cli/ or webviews/)`);
    });
  }

  // A panel's message contract is bundled into its webview as well.
  const panels = path.join(REPO_ROOT, 'client', 'src', 'panels');
  for (const panel of readdirSync(panels, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const contract = path.join(panels, panel.name, 'contract.ts');
    if (!existsSync(contract)) continue;
    it(`client/src/panels/${panel.name}/contract.ts bundles for the browser`, async () => {
      const { errors, inputs } = await bundleForBrowser(contract);
      assert.deepEqual(errors, [], `the ${panel.name} contract cannot run in a webview:\n${errors.join('\n')}`);
      const outside = inputs.filter(
        (f) => !f.startsWith('core/src/') && !f.startsWith('client/src/panels/') && !f.includes('node_modules/'),
      );
      assert.deepEqual(outside, []);
    });
  }

  // The check above must be able to fail: a core module that reads files is rejected by the same bundle.
  it('rejects a Node-only core module (the check can fail)', async () => {
    const { errors } = await bundleForBrowser(path.join(REPO_ROOT, 'core', 'src', 'runs', 'run-store.ts'));
    assert.ok(
      errors.some((e) => /node:(fs|path)/.test(e)),
      `expected a Node built-in error, got ${JSON.stringify(errors)}`,
    );
  });
});
