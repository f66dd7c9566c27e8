import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  FIRST_ROWS,
  MAX_SHOWN_ROWS,
  parseHostMessage,
  parseWebviewMessage,
} from '../../client/src/panels/inference/contract';
import { rawTensors, resultRows, viewModel } from '../../client/src/panels/inference/view-model';
import { runInference } from '../../core/src/inference/infer';
import { resultCsv, resultJson } from '../../core/src/inference/result-export';
import { SessionCache } from '../../core/src/inference/session-cache';
import { hasChinese } from '../../core/src/l10n';
import { classifierBytes, regressorBytes, saveModel } from '../support/onnx-graphs';

describe('inference results panel: view model, contract, copies', function () {
  this.timeout(30_000);
  let dir: string;
  const cache = new SessionCache();
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-panel-'));
  });
  after(async () => {
    await cache.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a view model the webview accepts: rows with top-k, fed/ignored columns, timing, insert state', async () => {
    const model = saveModel(dir, 'clf', classifierBytes());
    const result = await runInference(cache, {
      model,
      text: 'id,sepal,petal,width\n"a, 1",5,3,1\nb,1,4.5,2.5',
      topK: 2,
    });
    const vm = viewModel(result, { how: 'chosen', sourceName: 'rows.csv', insert: { ok: true } });
    assert.deepEqual(
      [vm.kind, vm.totalRows, vm.rows.length, vm.columns, vm.fed],
      ['classification', 2, 2, ['id', 'sepal', 'petal', 'width'], [false, true, true, true]],
    );
    assert.deepEqual(vm.rows[0]!.cells, ['a, 1', '5', '3', '1']);
    assert.equal(vm.rows[0]!.top!.length, 2);
    assert.equal(vm.source.lines, 'lines 2–3');
    assert.equal(vm.model.provider, 'cpu');
    assert.ok(vm.notes.includes('Not fed to the model: id.'), vm.notes.join('\n'));
    // In a Chinese VS Code: core's notes and preprocessing, and the panel's own words, in Chinese.
    const zhVm = viewModel(result, {
      how: 'chosen',
      sourceName: 'rows.csv',
      insert: { ok: true },
      locale: 'zh-cn',
      tr: (text, ...args) => (text === 'lines {0}–{1}' ? `第 ${args[0]}–${args[1]} 行` : text),
    });
    assert.equal(zhVm.source.lines, '第 2–3 行');
    assert.ok(zhVm.notes.includes('未送入模型：id。'), zhVm.notes.join('\n'));
    assert.ok(
      zhVm.notes.every((n) => hasChinese(n)),
      zhVm.notes.join('\n'),
    );
    assert.equal(zhVm.model.preprocessing, '标准化已并入模型（模型元数据）：直接送入原始值');
    const msg = parseHostMessage(JSON.parse(JSON.stringify({ type: 'model', model: vm })));
    assert.equal(msg?.type, 'model');
    const raw = rawTensors(result);
    assert.deepEqual([raw[0]!.name, raw[0]!.dims, raw[0]!.rows.length], ['probabilities', [2, 3], 2]);
    assert.ok(parseHostMessage({ type: 'raw', outputs: JSON.parse(JSON.stringify(raw)) as unknown }));

    const csv = resultCsv(result).split('\n');
    assert.equal(csv[0], 'id,sepal,petal,width,prediction,probability,label_2,probability_2');
    assert.match(csv[1]!, /^"a, 1",5,3,1,(setosa|versicolor|virginica),0\.\d+,/);
    const json = JSON.parse(resultJson(result)) as {
      predictions: Array<{ row: number; line: number; top: unknown[] }>;
    };
    assert.deepEqual(
      json.predictions.map((p) => [p.row, p.line, p.top.length]),
      [
        [1, 2, 2],
        [2, 3, 2],
      ],
    );
  });

  it('regression values; the panel refuses anything that is not one of its messages', async () => {
    const model = saveModel(dir, 'reg', regressorBytes());
    const vm = viewModel(await runInference(cache, { model, text: '[[1, 2]]' }), {
      how: 'x',
      sourceName: 's',
      insert: { ok: false, reason: 'JSON' },
    });
    assert.deepEqual([vm.kind, vm.valueColumns, vm.rows[0]!.values!.map((v) => Math.round(v))], ['values', ['y'], [0]]);
    for (const bad of [
      null,
      'ready',
      { type: 'copy', format: 'xml' },
      { type: 'eval', code: '1' },
      { type: 'insert', extra: 1 },
    ]) {
      const parsed = parseWebviewMessage(bad);
      assert.ok(parsed === undefined || parsed.type === 'insert', JSON.stringify(bad));
    }
    assert.deepEqual(parseWebviewMessage({ type: 'copy', format: 'csv' }), { type: 'copy', format: 'csv' });
    assert.equal(parseHostMessage({ type: 'model', model: { schema: 2 } }), undefined);
  });

  it('sends the first screen of rows first; the page asks for the rest by the result’s id', async () => {
    const model = saveModel(dir, 'clf-many', classifierBytes());
    const text = [
      'sepal,petal,width',
      ...Array.from({ length: 700 }, (_, i) => `${i % 7},${(i * 3) % 5},${i % 2}`),
    ].join('\n');
    const result = await runInference(cache, { model, text, topK: 1 });
    const first = viewModel(result, { how: 'x', sourceName: 's', insert: { ok: true }, id: 7, rows: FIRST_ROWS });
    const whole = viewModel(result, { how: 'x', sourceName: 's', insert: { ok: true } });
    assert.deepEqual([first.id, first.rows.length, first.shownRows, first.totalRows], [7, FIRST_ROWS, 500, 700]);
    assert.deepEqual([whole.rows.length, whole.shownRows], [MAX_SHOWN_ROWS, MAX_SHOWN_ROWS]);
    // The rest, as the host answers the page: together with the first screen, exactly the whole view's rows.
    const rest = resultRows(result, FIRST_ROWS, MAX_SHOWN_ROWS);
    assert.deepEqual([...first.rows, ...rest], whole.rows);
    assert.deepEqual(
      resultRows(result, 499, 10_000).map((r) => r.row),
      [500],
    );
    assert.deepEqual(resultRows(result, 500, 10_000), []);
    // Both messages pass the page's checks; a request for rows must name a result and a place in the table.
    const sent = JSON.parse(JSON.stringify({ type: 'model', model: first })) as unknown;
    assert.equal(parseHostMessage(sent)?.type, 'model');
    const more = parseHostMessage(JSON.parse(JSON.stringify({ type: 'rows', id: 7, from: FIRST_ROWS, rows: rest })));
    assert.ok(more?.type === 'rows' && more.rows.length === 440 && more.from === FIRST_ROWS);
    assert.deepEqual(parseWebviewMessage({ type: 'rows', id: 7, from: 60 }), { type: 'rows', id: 7, from: 60 });
    for (const bad of [
      { type: 'rows', id: 7 },
      { type: 'rows', id: -1, from: 0 },
      { type: 'rows', id: 7, from: 1.5 },
      { type: 'rows', id: '7', from: 0 },
      { type: 'rows', id: 7, from: MAX_SHOWN_ROWS + 1 },
    ])
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    // A model whose rows are more than it says it shows, or rows with a thumbnail that is not ours, are refused.
    assert.equal(parseHostMessage({ type: 'model', model: { ...first, shownRows: 10 } }), undefined);
    assert.equal(
      parseHostMessage({ type: 'rows', id: 7, from: 0, rows: [{ row: 1, cells: [], thumbnail: 'https://x/y.png' }] }),
      undefined,
    );
  });
});
