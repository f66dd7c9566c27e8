import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseHostMessage, parseWebviewMessage } from '../../client/src/panels/model-compare/contract';
import { compareViewModel } from '../../client/src/panels/model-compare/view-model';
import { FIXTURES } from '../support/fixtures';

const gpu = path.join(FIXTURES, 'gpu');
const A = path.join(gpu, 'external-data', 'model.onnx');
const B = path.join(gpu, 'runs', 'gpu-bf16', 'model.onnx');

describe('Compare Models panel: view model and contract', function () {
  this.timeout(30_000);

  it('two versions of a model: the view model carries the diff `liftoff inspect --diff` reports, and the webview accepts it', async () => {
    const vm = await compareViewModel(A, B);
    assert.equal(vm.a.name, 'model.onnx');
    assert.equal(vm.a.path, A);
    assert.equal(vm.diff.same, false);
    assert.deepEqual(vm.diff.opsets, { a: 'ai.onnx 17', b: 'ai.onnx 18' });
    assert.deepEqual(vm.diff.parameters, { a: 37_764, b: 37_764 });
    assert.ok(!('inspections' in vm.diff), 'the inspections stay in the host');
    const msg = parseHostMessage(JSON.parse(JSON.stringify({ type: 'diff', model: vm })));
    assert.equal(msg?.type, 'diff');
  });

  it('a model with itself: the same, nothing listed', async () => {
    const vm = await compareViewModel(B, B);
    assert.equal(vm.diff.same, true);
    assert.deepEqual(
      [vm.diff.inputs.length, vm.diff.initializers.changed.length, vm.diff.nodes.added.length],
      [0, 0, 0],
    );
  });

  it('an unreadable file is an error for the page, not a crash', async () => {
    await assert.rejects(compareViewModel(A, path.join(gpu, 'runs', 'gpu-bf16', 'metrics.jsonl')), /not an ONNX model/);
  });

  it('validates every message: only ready/copy from the page; malformed diffs from anywhere are dropped', async () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', extra: 1 }), { type: 'copy' });
    assert.equal(parseWebviewMessage({ type: 'open', path: '/etc/passwd' }), undefined);
    assert.equal(parseWebviewMessage('ready'), undefined);
    const vm = JSON.parse(JSON.stringify(await compareViewModel(A, B))) as Record<string, unknown>;
    const paths: string[][] = [
      ['schema'],
      ['a', 'name'],
      ['diff', 'same'],
      ['diff', 'operators'],
      ['diff', 'initializers', 'changed'],
      ['diff', 'nodes', 'added'],
      ['diff', 'macs', 'b'],
    ];
    for (const p of paths) {
      const bad = structuredClone(vm);
      let at = bad as Record<string, unknown>;
      for (const k of p.slice(0, -1)) at = at[k] as Record<string, unknown>;
      at[p[p.length - 1]!] = { not: 'valid' };
      assert.equal(parseHostMessage({ type: 'diff', model: bad }), undefined, p.join('.'));
    }
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const m = parseHostMessage(v);
        assert.ok(m === undefined || m.type === 'error' || m.type === 'diff');
      }),
    );
  });
});
