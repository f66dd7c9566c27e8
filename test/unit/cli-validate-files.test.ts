/**
 * `liftoff validate` over many files: one workspace scan, worker threads that give the same output in the same
 * order as one thread, and files that are not regular files reported (never read, never a hang).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { generateWorkspace } from '../support/generated-workspace';

const cli = (cwd: string, ...argv: string[]) => cliIn(cwd)(...argv);

describe('liftoff validate: many files', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('workers give the same report, in the same order, as one thread (clashes found across workers)', async () => {
    const ws = generateWorkspace(60, 'liftoff-cli-jobs-');
    dirs.push(ws.dir);
    // Two experiments in different halves share a name: each worker must see the other half through the one scan.
    const first = ws.experiments[0]!;
    const last = ws.experiments[ws.experiments.length - 1]!;
    writeFileSync(last, readFileSync(last, 'utf8').replace(/name: credit-risk-\d+/, 'name: credit-risk-00000'));
    const one = await cli(ws.dir, 'validate', '.', '--format', 'json', '--jobs', '1');
    const three = await cli(ws.dir, 'validate', '.', '--format', 'json', '--jobs', '3');
    assert.match(one.err, /^liftoff: workspace \. \(the current folder[^\n]*\)\n$/, 'only the workspace line');
    assert.equal(three.out, one.out);
    assert.equal(three.code, one.code);
    const report = JSON.parse(one.out) as { files: number; diagnostics: Array<{ file: string; code: string }> };
    assert.equal(report.files, 60);
    const clashes = report.diagnostics.filter((d) => d.code === 'EXP-023').map((d) => d.file);
    assert.deepEqual(clashes, [path.relative(ws.dir, first), path.relative(ws.dir, last)]);
  });

  it('rejects a bad --jobs value as a usage error', async () => {
    const r = await cli(process.cwd(), 'validate', 'examples', '--jobs', '0');
    assert.equal(r.code, 2);
    assert.match(r.err, /'--jobs' must be a whole number from 1 to 64/);
  });

  it('a FIFO or a symlink to /dev/zero named on the command line is reported, not read', async function () {
    if (process.platform === 'win32') {
      console.log('    skipped: no FIFOs on Windows');
      this.skip();
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-cli-special-'));
    dirs.push(dir);
    execFileSync('mkfifo', [path.join(dir, 'pipe.experiment.yaml')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.plan.yaml'));
    writeFileSync(
      path.join(dir, 'ok.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: ok}\n',
    );
    const r = await cli(
      dir,
      'validate',
      'pipe.experiment.yaml',
      'zero.plan.yaml',
      'ok.experiment.yaml',
      '--format',
      'json',
    );
    assert.equal(r.code, 2, 'an unreadable input is an I/O error');
    assert.match(r.err, /cannot read pipe\.experiment\.yaml: it is a named pipe \(FIFO\), not a regular file/);
    assert.match(r.err, /cannot read zero\.plan\.yaml: it is a device, not a regular file/);
    assert.equal((JSON.parse(r.out) as { files: number }).files, 1, 'the regular file is still validated');
  });
});
