import * as assert from 'node:assert/strict';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { ServerProcess } from '../support/lsp-process';

/** Each bad document gets a clear diagnostic (or the documented size-limit message) and the server keeps answering. */
const CASES: ReadonlyArray<{ name: string; text: () => string; expect: RegExp }> = [
  { name: 'an empty file', text: () => '', expect: /Empty Experiment document/ },
  {
    name: 'a 5 MB file',
    text: () =>
      'apiVersion: liftoff/v1\nkind: Experiment\n' +
      '# padding padding padding padding padding\n'.repeat((5 * 1024 * 1024) / 42),
    expect: /over the 2048 KB validation limit.*liftoff\.validation\.maxFileSizeKB/,
  },
  {
    name: 'binary garbage',
    text: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
    expect: /looks binary/,
  },
  {
    name: 'deeply nested YAML',
    text: () =>
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n' +
      Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n') +
      ' 1\n',
    expect: /Unknown key `k0` in `metadata`|metadata/,
  },
  {
    name: 'an alias bomb',
    text: () =>
      'apiVersion: liftoff/v1\nkind: Experiment\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n',
    expect: /alias/i,
  },
  {
    name: 'tabs for indentation',
    text: () => 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n\tname: tabbed\n',
    expect: /tab/i,
  },
  {
    name: 'duplicate keys',
    text: () => 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: a\n  name: b\n',
    expect: /unique|duplicate|Each key may appear once/i,
  },
  {
    name: 'a multi-document file',
    text: () =>
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: one}\n---\napiVersion: liftoff/v1\nkind: Experimnt\n',
    expect: /found `Experimnt`/,
  },
];

describe('language server: bad input', function () {
  this.timeout(60000);
  let server: ServerProcess;
  before(async () => {
    server = new ServerProcess();
    await server.initialize();
  });
  after(async () => server.stop());

  CASES.forEach((c, i) => {
    it(`${c.name}: a clear diagnostic, and the server keeps answering`, async () => {
      const uri = `file:///tmp/bad-${i}.experiment.yaml`;
      const published = server.diagnostics(uri, () => true, 20000);
      await server.open(uri, c.text());
      const { diagnostics } = await published;
      assert.ok(
        diagnostics.some((d) => c.expect.test(String(d.message))),
        diagnostics.map((d) => `${String(d.code)}: ${String(d.message)}`).join('\n') || '(no diagnostics)',
      );
      const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 1, character: 2 },
      });
      assert.ok(hover === null || typeof hover === 'object', 'hover still answers');
      assert.equal(server.exited, false, 'the server process is alive');
    });
  });
});
