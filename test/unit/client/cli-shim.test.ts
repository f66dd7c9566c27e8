/** "Liftoff: Install the liftoff Command": the shim it writes runs the extension's bundled CLI (issue 21, item 1). */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installShim, shimScript, SHIM_MARK } from '../../../client/src/cli-shim';
import { REPO_ROOT } from '../../support/fixtures';

describe('Install the liftoff Command (shim)', function () {
  this.timeout(60_000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "liftoff-shim-it's-"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const options = { execPath: process.execPath, extensionPath: REPO_ROOT, version: '9.9.9' };

  it('writes an executable liftoff into the bin folder that runs the bundled CLI, and says whether it is on PATH', function () {
    if (process.platform === 'win32') this.skip(); // no sh: the command explains the Windows way instead
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'liftoff.js')), 'built (npm run build)');
    const bin = path.join(tmp, 'bin dir');
    const outcome = installShim(options, bin, `/usr/bin${path.delimiter}${bin}`);
    assert.deepEqual(outcome, { ok: true, file: path.join(bin, 'liftoff'), onPath: true });
    assert.equal(statSync(path.join(bin, 'liftoff')).mode & 0o111, 0o111);
    const r = spawnSync(path.join(bin, 'liftoff'), ['--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\d+\.\d+\.\d+/);
    assert.equal(installShim(options, bin, '/usr/bin').ok, true, 'its own shim is replaced (after an update)');
    assert.equal((installShim(options, bin, '/usr/bin') as { onPath: boolean }).onPath, false);
  });

  it("refuses to replace a liftoff that is not Liftoff's shim", function () {
    if (process.platform === 'win32') this.skip();
    const bin = path.join(tmp, 'other');
    installShim(options, bin);
    writeFileSync(path.join(bin, 'liftoff'), '#!/bin/sh\necho gulp\n');
    const outcome = installShim(options, bin);
    assert.equal(outcome.ok, false);
    assert.match((outcome as { why: string }).why, /exists and is not Liftoff's/);
    assert.equal(readFileSync(path.join(bin, 'liftoff'), 'utf8'), '#!/bin/sh\necho gulp\n');
  });

  it('quotes paths for sh (spaces, quotes)', () => {
    const text = shimScript({ ...options, extensionPath: "/x/it's here" });
    assert.ok(text.includes(SHIM_MARK));
    assert.match(text, /exec '.*' '\/x\/it'\\''s here\/dist\/cli\/liftoff\.js' "\$@"\n$/);
  });
});
