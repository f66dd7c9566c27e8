import * as assert from 'node:assert/strict';
import { CodeActionRequest } from 'vscode-languageserver-protocol/node';
import { ServerProcess } from '../support/lsp-process';
import { applyEdits, fixture } from '../support/fixtures';

describe('language server process (stdio)', function () {
  this.timeout(20000);
  let server: ServerProcess;
  before(async () => {
    server = new ServerProcess();
    await server.initialize();
  });
  after(async () => server.stop());

  it('publishes EXP-001 for a headerless experiment, and the quick fix clears it', async () => {
    const doc = fixture('header/missing.experiment.yaml');
    const first = server.diagnostics(doc.uri);
    await server.open(doc.uri, doc.text);
    const published = await first;
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'EXP-001').map((d) => [d.code, d.range.start.line]),
      [['EXP-001', 2]],
    );

    const actions = await server.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: published.diagnostics[0]!.range,
      context: { diagnostics: published.diagnostics.filter((d) => d.code === 'EXP-001') },
    });
    const action = actions?.find((a) => 'edit' in a && a.edit && a.title.includes('apiVersion'));
    assert.ok(action && 'edit' in action, 'a quick fix comes back over LSP');
    const fixed = applyEdits(doc.text, action.edit!.changes![doc.uri]!);
    const cleared = server.diagnostics(doc.uri, (p) => p.version === 2);
    await server.change(doc.uri, fixed, 2);
    assert.deepEqual(
      (await cleared).diagnostics.filter((d) => d.code === 'EXP-001'),
      [],
      'the header diagnostic is gone (missing sections remain)',
    );
  });

  it('coalesces a burst of edits and ends with the newest text', async () => {
    const uri = 'file:///tmp/burst.experiment.yaml';
    await server.open(uri, 'apiVersion: liftoff/v1\nkind: Experiment\n', 1);
    for (let v = 2; v <= 50; v++)
      await server.change(uri, v % 2 ? 'apiVersion: liftoff/v1\nkind: Experiment\n' : 'kind: Bad\n', v);
    const last = await server.diagnostics(uri, (p) => p.version === 50);
    assert.ok(
      last.diagnostics.some((d) => /found `Bad`/.test(String(d.message))),
      'version 50 (the newest) has the bad kind',
    );
  });

  it('keeps answering after binary garbage', async () => {
    const uri = 'file:///tmp/garbage.experiment.yaml';
    await server.open(uri, '\u0000\u0001\u0002PK\u0003\u0004'.repeat(100));
    const p = await server.diagnostics(uri);
    assert.match(String(p.diagnostics[0]?.message), /looks binary/);
    const ok = 'file:///tmp/after.experiment.yaml';
    const next = server.diagnostics(ok);
    await server.open(ok, 'apiVersion: liftoff/v1\nkind: Experiment\n');
    const after = (await next).diagnostics;
    assert.ok(
      after.every((d) => !/binary/.test(String(d.message))),
      'the next document is validated on its own merits',
    );
    assert.equal(server.exited, false);
  });
});
