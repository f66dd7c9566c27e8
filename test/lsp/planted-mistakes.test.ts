import * as assert from 'node:assert/strict';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ServerProcess } from '../support/lsp-process';
import { applyEdits, fixture } from '../support/fixtures';

/** The planted mistakes: [code, 1-based line], as marked in the fixture's comments. */
const PLANTED: ReadonlyArray<[string, number]> = [
  ['SCHEMA', 8],
  ['EXP-002', 9],
  ['EXP-006', 14],
  ['EXP-020', 17],
  ['EXP-009', 22],
  ['SCHEMA', 25],
  ['EXP-003', 27],
  ['EXP-014', 28],
  ['EXP-011', 29],
  ['SCHEMA', 33],
];

describe('language server: a document with 10 planted mistakes', function () {
  this.timeout(30000);
  let server: ServerProcess;
  const doc = fixture('lsp/planted.experiment.yaml');
  let version = 1;
  let published: Diagnostic[] = [];

  before(async () => {
    server = new ServerProcess();
    await server.initialize();
    const first = server.diagnostics(doc.uri);
    await server.open(doc.uri, doc.text, version);
    published = (await first).diagnostics;
  });
  after(async () => server.stop());

  it('publishes exactly those 10 diagnostics, with the right codes and lines', () => {
    assert.deepEqual(
      published.map((d) => [String(d.code), d.range.start.line + 1]),
      PLANTED,
    );
  });

  it('each quick fix, applied through textDocument/codeAction, makes its diagnostic go away', async () => {
    let fixed = 0;
    for (const d of published) {
      const actions = (await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: doc.uri },
        range: d.range,
        context: { diagnostics: [d] },
      })) as CodeAction[] | null;
      const action = actions?.find((a) => a.isPreferred) ?? actions?.[0];
      if (!action) {
        assert.match(
          String(d.message),
          /time_limit/,
          `only the time-limit format has no quick fix (got none for ${String(d.code)})`,
        );
        continue;
      }
      const text = applyEdits(doc.text, action.edit!.changes![doc.uri]!);
      version++;
      const next = server.diagnostics(doc.uri, (p) => p.version === version);
      await server.change(doc.uri, text, version);
      const after = (await next).diagnostics;
      const same = after.filter((x) => x.code === d.code && x.range.start.line === d.range.start.line);
      assert.deepEqual(
        same.map((x) => x.message),
        [],
        `"${action.title}" clears ${String(d.code)} on line ${d.range.start.line + 1}`,
      );
      assert.equal(after.length, published.length - 1, `"${action.title}" fixes one problem and adds none`);
      fixed++;
      // Back to the original text for the next fix.
      version++;
      const reset = server.diagnostics(doc.uri, (p) => p.version === version);
      await server.change(doc.uri, doc.text, version);
      assert.equal((await reset).diagnostics.length, published.length);
    }
    assert.equal(fixed, 9, 'nine of the ten mistakes have a quick fix');
  });
});
