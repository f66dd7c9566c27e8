import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';

const cli = cliIn(REPO_ROOT);

describe('liftoff CLI', () => {
  it('--help lists validate and exits 0; --version prints a version', async () => {
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /liftoff validate <files, folders or globs…>/);
    assert.match((await cli('--version')).out, /^\d+\.\d+\.\d+/);
  });

  it('validates the bundled examples cleanly (exit 0)', async () => {
    // As the acceptance runs it, from the repository root: the workspace defaults to examples/ itself.
    const r = await cli('validate', 'examples/**/*.yaml');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /\d+ files? checked: 0 errors/);
  });

  it('exits 1 on a file missing its header and names line and code', async () => {
    const file = path.relative(REPO_ROOT, path.join(FIXTURES, 'header', 'missing.experiment.yaml'));
    const r = await cli('validate', file);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`^${file.replace(/[.]/g, '\\.')}:3:1 error EXP-001 Missing`, 'm'));
  });

  it('--format json gives machine-readable findings', async () => {
    const r = await cli('validate', 'test/fixtures/header/wrong-kind.experiment.yaml', '--format', 'json');
    const json = JSON.parse(r.out) as {
      errors: number;
      diagnostics: Array<{ line: number; column: number; code: string }>;
    };
    assert.equal(json.errors, json.diagnostics.length);
    assert.deepEqual(
      json.diagnostics.filter((d) => d.code === 'EXP-001').map((d) => [d.code, d.line, d.column]),
      [['EXP-001', 2, 7]],
    );
    assert.ok(
      json.diagnostics.some((d) => d.code === 'SCHEMA'),
      'schema problems (missing sections) are reported too',
    );
  });

  it('exits 2 with a clear message on usage and I/O errors', async () => {
    const missing = await cli('validate', 'no/such/file.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /'no\/such\/file.yaml' does not exist/);
    const badFormat = await cli('validate', 'examples', '--format', 'xml');
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /--format' must be one of text, json/);
    assert.equal((await cli('frobnicate')).code, 2);
    assert.equal((await cli('validate')).code, 2);
    assert.match((await cli('validate', 'nothing/**/*.yaml')).err, /no file matches/);
  });
});

describe('liftoff validate --format sarif', () => {
  it('writes SARIF 2.1.0 with rule metadata and repository-relative locations', async () => {
    const r = await cli(
      'validate',
      'test/fixtures/lsp/planted.experiment.yaml',
      '--format',
      'sarif',
      '--workspace',
      '.',
    );
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{
          ruleId: string;
          level: string;
          ruleIndex?: number;
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId: string };
              region: { startLine: number; startColumn: number };
            };
          }>;
        }>;
      }>;
    };
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0]!;
    assert.equal(run.tool.driver.name, 'Liftoff');
    assert.equal(run.results.length, 10);
    const exp003 = run.results.find((x) => x.ruleId === 'EXP-003')!;
    assert.equal(exp003.level, 'error');
    assert.deepEqual(exp003.locations[0]!.physicalLocation.artifactLocation, {
      uri: 'test/fixtures/lsp/planted.experiment.yaml',
      uriBaseId: 'SRCROOT',
    });
    assert.equal(exp003.locations[0]!.physicalLocation.region.startLine, 27);
    assert.equal(run.tool.driver.rules[exp003.ruleIndex!]!.id, 'EXP-003');
    // The published rule reference from package.json's repository, never a path on the build machine.
    assert.match(run.tool.driver.rules[exp003.ruleIndex!]!.helpUri, /^https:\/\/[^ ]+\/docs\/rules\.md#exp-003$/);
  });
});
