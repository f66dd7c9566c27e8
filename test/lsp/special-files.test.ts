/**
 * The server reads documents that are not open (Validate All, the plan preview of a closed plan) like every named
 * file: a FIFO or a symlink to /dev/zero among them is skipped with a warning, never waited on, and the other
 * documents are still validated. Real FIFO, real bundled server.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ServerProcess } from '../support/lsp-process';

describe('language server: special files among the documents it reads', function () {
  this.timeout(20000);
  if (process.platform === 'win32') {
    before(function () {
      console.log('    skipped: FIFOs and /dev/zero are POSIX; runs on Linux and macOS');
      this.skip();
    });
    return;
  }
  let server: ServerProcess;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-special-lsp-'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.experiment.yaml')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.plan.yaml'));
    writeFileSync(
      path.join(dir, 'ok.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: ok}\n',
    );
    server = new ServerProcess();
    await server.initialize([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Validate All skips a FIFO and /dev/zero and validates the rest', async () => {
    const uris = ['pipe.experiment.yaml', 'zero.plan.yaml', 'ok.experiment.yaml'].map((f) =>
      pathToFileURL(path.join(dir, f)).toString(),
    );
    const result = (await server.connection.sendRequest('liftoff/validateFiles', { uris })) as { files: number };
    assert.equal(result.files, 1);
    assert.equal(server.exited, false);
  });

  it('the plan view model of a symlink to /dev/zero is null, at once', async () => {
    const result = await server.connection.sendRequest('liftoff/planViewModel', {
      uri: pathToFileURL(path.join(dir, 'zero.plan.yaml')).toString(),
    });
    assert.equal(result, null);
  });
});
