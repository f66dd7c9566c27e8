/**
 * The `liftoff` command as a user installs it (issue 21, item 1): `scripts/pack-cli.mjs` packs `liftoff-ml`,
 * `npm install -g` puts it in a temporary prefix (offline: it has no dependencies), and it works in a fresh git
 * repository outside the clone — exit codes 0/1/2 as documented, docs/cli.md's CI line verbatim — without the
 * native inference runtime, which `infer` then asks for.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/fixtures';
import { classifierBytes, saveModel } from '../support/onnx-graphs';

function findNamed(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return [...(e.name === name ? [p] : []), ...(e.isDirectory() && !e.isSymbolicLink() ? findNamed(p, name) : [])];
  });
}

describe('the packed liftoff-ml package, installed globally into a temporary prefix', function () {
  this.timeout(300_000);
  let tmp: string;
  let prefix: string;
  let repo: string;
  let liftoff: (...args: string[]) => { code: number | null; out: string; err: string };

  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'liftoff-pack-'));
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'pack-cli.mjs'), '--out', tmp], { stdio: 'pipe' });
    const tgz = readdirSync(tmp).find((f) => /^liftoff-ml-.*\.tgz$/.test(f));
    assert.ok(tgz, 'npm pack made liftoff-ml-<version>.tgz');
    prefix = path.join(tmp, 'prefix');
    execFileSync(
      'npm',
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(tmp, tgz)],
      {
        cwd: tmp,
        stdio: 'pipe',
      },
    );
    repo = path.join(tmp, 'my-project');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const example = readFileSync(
      path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml'),
      'utf8',
    );
    mkdirSync(path.join(repo, 'configs'));
    writeFileSync(
      path.join(repo, 'configs', 'model.experiment.yaml'),
      example.replace('train: data/applications.csv', 'train: https://example.com/applications.csv'),
    );
    writeFileSync(path.join(repo, 'notes.md'), '# notes\n');
    const bin = path.join(prefix, 'bin', 'liftoff');
    liftoff = (...args) => {
      const r = spawnSync(bin, args, {
        cwd: repo,
        encoding: 'utf8',
        // No clone anywhere on the way: only the prefix's bin, and Node itself.
        env: {
          PATH: [path.join(prefix, 'bin'), path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
          HOME: tmp,
        },
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('installs no native runtime and no dependencies', () => {
    const installed = path.join(prefix, 'lib', 'node_modules');
    assert.deepEqual(readdirSync(installed), ['liftoff-ml']);
    assert.deepEqual(findNamed(installed, 'onnxruntime-node'), []);
    assert.deepEqual(
      findNamed(installed, 'node_modules').map((p) => path.relative(installed, p)),
      [],
    );
  });

  it('liftoff --version prints the package version', () => {
    const r = liftoff('--version');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out.trim(),
      (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('validate in a fresh git repository: 0 clean, 1 errors, 2 no Liftoff document; the workspace is the repository', () => {
    const clean = liftoff('validate', '.');
    assert.equal(clean.code, 0, clean.out + clean.err);
    assert.match(clean.out, /1 file checked: 0 errors/);
    assert.match(clean.err, /workspace \. \(the nearest folder with \.git\)/);
    writeFileSync(path.join(repo, 'configs', 'broken.experiment.yaml'), 'apiVersion: liftoff/v1\nkind: Experiment\n');
    const broken = liftoff('validate', 'configs');
    assert.equal(broken.code, 1, broken.out);
    assert.match(broken.out, /configs\/broken\.experiment\.yaml:\d+:\d+ error /);
    rmSync(path.join(repo, 'configs', 'broken.experiment.yaml'));
    const none = liftoff('validate', 'notes.md');
    assert.equal(none.code, 2);
    assert.match(none.err, /'notes\.md' is not a YAML file/);
  });

  it("docs/cli.md's CI line runs verbatim and writes SARIF whose rule links are web URLs", () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
    const line = /- run: (liftoff validate [^\n]+)/.exec(doc)?.[1];
    assert.ok(line, 'docs/cli.md has the CI line');
    writeFileSync(
      path.join(repo, 'configs', 'warn.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: warn}\n',
    );
    const r = liftoff(...line.split(' ').slice(1));
    assert.equal(r.code, 1, r.out + r.err);
    const sarif = JSON.parse(readFileSync(path.join(repo, 'liftoff.sarif'), 'utf8')) as {
      runs: Array<{ tool: { driver: { rules: Array<{ helpUri: string }> } }; results: Array<{ ruleId: string }> }>;
    };
    assert.ok(sarif.runs[0]!.results.length > 0);
    for (const rule of sarif.runs[0]!.tool.driver.rules) assert.match(rule.helpUri, /^https:\/\/.*\/docs\/rules\.md#/);
    rmSync(path.join(repo, 'configs', 'warn.experiment.yaml'));
  });

  it('infer without onnxruntime-node says how to add it (exit 2); inspect works without it', () => {
    writeFileSync(path.join(repo, 'rows.csv'), 'sepal,petal,width\n5,3,1\n');
    saveModel(repo, 'clf', classifierBytes());
    const r = liftoff('infer', 'clf/model.onnx', 'rows.csv');
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /npm install -g onnxruntime-node@/);
    const inspect = liftoff('inspect', 'clf/model.onnx');
    assert.equal(inspect.code, 0, inspect.err); // inspect reads ONNX itself: no runtime needed
  });
});
