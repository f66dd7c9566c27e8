import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../client/src/panels/plan-diff/contract';
import { validMessages } from '../../../client/src/panels/valid-messages';

describe("the panels' webview message gate (validMessages)", () => {
  function gate() {
    const notes: string[] = [];
    const handled: unknown[] = [];
    const listen = validMessages(
      parseWebviewMessage,
      (line) => notes.push(line),
      'Plan compare: ignored an invalid message from the webview',
      (msg) => {
        handled.push(msg);
        return 'handled';
      },
    );
    return { listen, notes, handled };
  }

  it('passes a message the contract accepts to the panel, as parsed, and returns what the panel returns', () => {
    const { listen, notes, handled } = gate();
    assert.equal(listen({ type: 'reveal', path: ['a', 0], version: 'b', extra: 1 }), 'handled');
    assert.deepEqual(handled, [{ type: 'reveal', path: ['a', 0], version: 'b' }]);
    assert.deepEqual(notes, []);
  });

  it('drops a message the contract refuses and notes it, cut to 200 characters of JSON', () => {
    const { listen, notes, handled } = gate();
    assert.equal(listen({ type: 'reveal', path: ['a'], version: 'c' }), undefined);
    assert.equal(listen({ type: 'x'.repeat(500) }), undefined);
    assert.equal(listen(undefined), undefined);
    assert.deepEqual(handled, []);
    assert.equal(
      notes[0],
      'Plan compare: ignored an invalid message from the webview: {"type":"reveal","path":["a"],"version":"c"}',
    );
    assert.equal(
      notes[1],
      `Plan compare: ignored an invalid message from the webview: ${'{"type":"' + 'x'.repeat(191)}`,
    );
    assert.equal(notes[2], 'Plan compare: ignored an invalid message from the webview: undefined');
  });
});
