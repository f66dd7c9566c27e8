import * as assert from 'node:assert/strict';
import { parseHostMessage, parseState, parseWebviewMessage } from '../../../client/src/panels/plan-preview/contract';
import { EXAMPLE, modelOf } from './support';

describe('plan preview message contract', () => {
  it('accepts the webview’s ready and reveal messages and rejects anything else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', path: ['risks', 3, 'likelihood'] }), {
      type: 'reveal',
      path: ['risks', 3, 'likelihood'],
    });
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'reveal' },
      { type: 'reveal', path: 'risks' },
      { type: 'reveal', path: [{}] },
      { type: 'reveal', path: [-1] },
      { type: 'reveal', path: [1.5] },
      { type: 'reveal', path: Array(100).fill('a') },
      { type: 'run', command: 'rm' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('accepts a real model and an error from the host; rejects malformed models', async () => {
    const model = await modelOf(EXAMPLE);
    assert.equal(parseHostMessage(JSON.parse(JSON.stringify({ type: 'model', model })))?.type, 'model');
    assert.deepEqual(parseHostMessage({ type: 'error', message: 'x' }), { type: 'error', message: 'x' });
    assert.equal(parseHostMessage({ type: 'model', model: { ...model, sections: 'nope' } }), undefined);
    assert.equal(parseHostMessage({ type: 'model', model: { ...model, schema: 2 } }), undefined);
    assert.equal(parseHostMessage({ type: 'error' }), undefined);
  });

  it('reads back the state the webview saved for the serializer', () => {
    assert.deepEqual(parseState({ uri: 'file:///a.plan.yaml', scrollY: 120 }), {
      uri: 'file:///a.plan.yaml',
      scrollY: 120,
    });
    assert.deepEqual(parseState({ uri: 'file:///a.plan.yaml', scrollY: 'x' }), { uri: 'file:///a.plan.yaml' });
    assert.equal(parseState(undefined), undefined);
  });
});
