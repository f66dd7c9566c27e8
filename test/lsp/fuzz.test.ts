import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpus, drive, driveSpecial, specialWorkspace } from '../support/lsp-fuzz';
import { ServerProcess } from '../support/lsp-process';

/**
 * A short, seeded slice of `npm run bench -- fuzz` (which runs ≥ 10,000 documents and measures the timings): every
 * hostile group through the real server process, asserting only what a user would notice. Replay a failure with the
 * same seed; the bench takes a document count and a seed to run the full set.
 */
const SEED = 20261204;

describe('language server fuzzing (seeded slice)', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-fuzz-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('hostile documents of every group: the server stays up, logs no "Validation failed", and publishes for each', async () => {
    const docs = corpus({ seed: SEED, target: 600, dir, stride: 8 });
    const groups = new Set(docs.map((d) => d.group));
    assert.deepEqual([...groups].sort(), [
      '10 MB line',
      'alias bomb',
      'deep nesting',
      'fixture mutation',
      'invalid UTF-8',
      'yaml-test-suite',
    ]);
    const server = new ServerProcess();
    try {
      await server.initialize([{ uri: pathToFileURL(dir).toString(), name: 'fuzz' }]);
      const f = await drive(server, docs, { timeoutMs: 20_000 });
      assert.equal(f.exits, 0, `the server exited; stderr: ${server.stderr.slice(-2000)}`);
      assert.equal(f.validationFailedLogs, 0, 'no "Validation failed" in the server log');
      assert.deepEqual(f.missing, [], 'every document gets its diagnostics');
      assert.equal(f.published, docs.length);
    } finally {
      await server.stop();
    }
  });

  it('a FIFO, /dev/zero or /dev/stdin in a path field: that document gets diagnostics, and a normal one alongside gets its own', async () => {
    const w = specialWorkspace(path.join(dir, 'special'));
    const cases = w.cases.filter((_, i) => i % 3 === 0);
    // Its own process: a blocking read would hold one of the server's I/O threads for good.
    const server = new ServerProcess();
    try {
      await server.initialize([{ uri: pathToFileURL(path.join(dir, 'special')).toString(), name: 'special' }]);
      const s = await driveSpecial(server, { ...w, cases }, 20_000);
      assert.equal(server.exited, false, `the server is alive; stderr: ${server.stderr.slice(-2000)}`);
      assert.equal(s.normalCorrect, cases.length, `the normal document keeps its own finding (${s.misses.join('; ')})`);
      assert.equal(s.flagged, cases.length, `each special path is flagged on its own line:\n${s.misses.join('\n')}`);
    } finally {
      await server.stop();
    }
  });
});
