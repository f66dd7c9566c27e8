import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ServerProcess } from '../support/lsp-process';

const experiment = (name: string) => `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: ${name}\n`;

describe('language server: the workspace index re-validates only the documents a change affects', function () {
  this.timeout(20000);
  let server: ServerProcess;
  let dir: string;
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-index-lsp-'));
    writeFileSync(path.join(dir, 'a.experiment.yaml'), experiment('alpha'));
    writeFileSync(path.join(dir, 'b.experiment.yaml'), experiment('beta'));
    server = new ServerProcess();
    await server.initialize([{ uri: pathToFileURL(dir).toString(), name: 'ws' }]);
    for (const rel of ['a.experiment.yaml', 'b.experiment.yaml']) {
      const published = server.diagnostics(uri(rel));
      await server.open(uri(rel), experiment(rel.startsWith('a') ? 'alpha' : 'beta'));
      await published;
    }
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileEvent = (rel: string, type: FileChangeType) =>
    server.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri(rel), type }] });
  const hasClash = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'EXP-023');

  it('a new experiment named like an open one flags that one, and leaves the unrelated open document alone', async () => {
    const mark = server.history.length;
    writeFileSync(path.join(dir, 'c.experiment.yaml'), experiment('alpha'));
    const flagged = server.diagnostics(uri('a.experiment.yaml'), hasClash);
    await fileEvent('c.experiment.yaml', FileChangeType.Created);
    const d = (await flagged).diagnostics.find((x) => x.code === 'EXP-023');
    assert.match(String(d?.message), /`alpha` is also used by `c.experiment.yaml`/);

    // B's next publication must be the one for its own edit (version 2), not a re-validation caused by the event.
    const edited = server.diagnostics(uri('b.experiment.yaml'), (p) => p.version === 2);
    await server.change(uri('b.experiment.yaml'), experiment('beta') + '# edited\n', 2);
    await edited;
    const forB = server.history.slice(mark).filter((p) => p.uri === uri('b.experiment.yaml'));
    assert.deepEqual(
      forB.map((p) => p.version),
      [2],
      'b.experiment.yaml was not re-validated for a change that does not concern it',
    );
  });

  it('renaming the other experiment on disk clears the clash', async () => {
    writeFileSync(path.join(dir, 'c.experiment.yaml'), experiment('gamma'));
    const cleared = server.diagnostics(uri('a.experiment.yaml'), (p) => !hasClash(p));
    await fileEvent('c.experiment.yaml', FileChangeType.Changed);
    await cleared;
  });

  it('deleting a clashing file clears the clash it caused', async () => {
    writeFileSync(path.join(dir, 'd.experiment.yaml'), experiment('beta'));
    const flagged = server.diagnostics(uri('b.experiment.yaml'), hasClash);
    await fileEvent('d.experiment.yaml', FileChangeType.Created);
    await flagged;
    rmSync(path.join(dir, 'd.experiment.yaml'));
    const cleared = server.diagnostics(uri('b.experiment.yaml'), (p) => !hasClash(p));
    await fileEvent('d.experiment.yaml', FileChangeType.Deleted);
    await cleared;
  });

  it('.liftoffignore written or removed: the clash with an ignored copy goes and comes back, without a restart', async () => {
    mkdirSync(path.join(dir, 'fixtures'));
    writeFileSync(path.join(dir, 'fixtures', 'copy.experiment.yaml'), experiment('alpha'));
    const flagged = server.diagnostics(uri('a.experiment.yaml'), hasClash);
    await fileEvent('fixtures/copy.experiment.yaml', FileChangeType.Created);
    assert.match(
      String((await flagged).diagnostics.find((x) => x.code === 'EXP-023')?.message),
      /fixtures\/copy\.experiment\.yaml/,
    );

    writeFileSync(path.join(dir, '.liftoffignore'), 'fixtures/\n');
    const cleared = server.diagnostics(uri('a.experiment.yaml'), (p) => !hasClash(p));
    await fileEvent('.liftoffignore', FileChangeType.Created);
    await cleared;

    rmSync(path.join(dir, '.liftoffignore'));
    const back = server.diagnostics(uri('a.experiment.yaml'), hasClash);
    await fileEvent('.liftoffignore', FileChangeType.Deleted);
    await back;
  });
});
