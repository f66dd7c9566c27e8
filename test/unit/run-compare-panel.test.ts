import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseHostMessage, parseWebviewMessage } from '../../client/src/panels/run-compare/contract';
import { runCompareModel } from '../../client/src/panels/run-compare/view-model';
import { writeRunIdentity } from '../../core/src/runs/run-identity';
import { RunStore, type RunHandle } from '../../core/src/runs/run-store';

describe('Compare Runs panel: view model and contract', () => {
  let ws: string;
  let a: RunHandle;
  let b: RunHandle;
  const init = (experiment: string) => ({
    experiment,
    launcher: 'local' as const,
    command: ['python', 'train.py'],
    cwd: ws,
    resources: { gpus: 0 },
  });
  const metrics = (loss: number[]) =>
    loss.map((v, i) => JSON.stringify({ step: i + 1, val_loss: v, val_accuracy: 1 - v }) + '\n').join('');
  beforeEach(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-compare-runs-'));
    const store = new RunStore(ws);
    a = await store.create(
      init('exp'),
      'training:\n  seed: 1\n  lr: 0.001\nmetrics:\n  primary: { name: val_loss, goal: min }\n',
    );
    b = await store.create(
      init('exp'),
      'training:\n  seed: 2\n  lr: 0.001\nmetrics:\n  primary: { name: val_loss, goal: min }\n',
    );
    writeFileSync(RunStore.file(a, 'metrics'), metrics([0.9, 0.6, 0.5]));
    writeFileSync(RunStore.file(b, 'metrics'), metrics([0.8, 0.4]));
    writeFileSync(RunStore.file(a, 'stdout'), 'epoch 1\nepoch 2\n');
    writeFileSync(RunStore.file(b, 'stderr'), 'warning: slow\n');
    await writeRunIdentity(b.dir, { name: 'seed two', notes: 'try seed 2' });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('carries the changed key, the metric deltas at the last common step and both logs; the page accepts it', async () => {
    const m = await runCompareModel(a, b);
    assert.equal(m.b.name, 'seed two');
    assert.equal(m.b.notes, 'try seed 2');
    assert.equal(m.a.name, a.record.id);
    assert.deepEqual(
      m.config.changes.map((c) => [c.path, c.a, c.b]),
      [['training.seed', '1', '2']],
    );
    assert.ok(m.config.a.some((l) => l.text === '  seed: 1' && l.mark === 'changed'));
    const loss = m.metrics.metrics.find((x) => x.metric === 'val_loss')!;
    assert.equal(loss.lastCommon?.step, 2);
    assert.ok(Math.abs(loss.lastCommon!.delta - -0.2) < 1e-9);
    assert.equal(loss.better, 'b');
    assert.deepEqual(loss.best?.a, { step: 3, value: 0.5 });
    assert.deepEqual(
      m.logs.a.lines.map((l) => l.text),
      ['epoch 1', 'epoch 2'],
    );
    assert.deepEqual(m.logs.b.lines, [{ text: 'warning: slow', err: true }]);
    const msg = parseHostMessage(JSON.parse(JSON.stringify({ type: 'compare', model: m })));
    assert.equal(msg?.type, 'compare');
  });

  it('validates every message: only ready/copy from the page; a malformed comparison is dropped', async () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.equal(parseWebviewMessage({ type: 'ready', extra: 1 }), undefined);
    assert.equal(parseWebviewMessage({ type: 'openFile', path: '/etc/passwd' }), undefined);
    const good = JSON.parse(JSON.stringify({ type: 'compare', model: await runCompareModel(a, b) })) as {
      model: { config: { a: unknown[] } };
    };
    good.model.config.a.push({ text: 1, path: 'x', mark: 'same' });
    assert.equal(parseHostMessage(good), undefined);
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const p = parseHostMessage(v);
        assert.ok(p === undefined || p.type === 'error' || p.type === 'compare');
        const w = parseWebviewMessage(v);
        assert.ok(w === undefined || w.type === 'ready' || w.type === 'copy');
      }),
    );
  });
});
