import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { ServerProcess } from '../support/lsp-process';
import { FIXTURES } from '../support/fixtures';

describe('language server: files that rules read change on disk', function () {
  this.timeout(20000);
  let server: ServerProcess;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-watch-'));
    cpSync(path.join(FIXTURES, 'lsp'), dir, { recursive: true });
    server = new ServerProcess();
    await server.initialize([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
  });
  after(async () => server.stop());

  it('re-validates an experiment when its CSV header changes (EXP-008 appears, then goes)', async () => {
    const exp = path.join(dir, 'watched.experiment.yaml');
    const text = readFileSync(path.join(dir, 'planted.experiment.yaml'), 'utf8');
    writeFileSync(exp, text.replace('name: planted-mistakes', 'name: watched'));
    const uri = pathToFileURL(exp).toString();
    const first = server.diagnostics(uri);
    await server.open(uri, readFileSync(exp, 'utf8'));
    assert.ok(!(await first).diagnostics.some((d) => d.code === 'EXP-008'), 'the CSV has every column at first');

    const csv = path.join(dir, 'data', 'train.csv');
    writeFileSync(csv, 'age,salary,debt_ratio,status\n30,50000,0.3,good\n');
    const flagged = server.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'EXP-008'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(csv).toString(), type: FileChangeType.Changed }],
    });
    const d = (await flagged).diagnostics.find((x) => x.code === 'EXP-008')!;
    assert.match(String(d.message), /income/);

    writeFileSync(csv, 'age,income,debt_ratio,status\n30,50000,0.3,good\n');
    const cleared = server.diagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'EXP-008'));
    await server.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(csv).toString(), type: FileChangeType.Changed }],
    });
    await cleared;
  });
});
