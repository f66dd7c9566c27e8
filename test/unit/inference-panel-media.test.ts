import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { isThumbnail, parseHostMessage } from '../../client/src/panels/inference/contract';
import { imageShown, textShown } from '../../client/src/panels/inference/media-view-model';
import { parseExperimentSettings } from '../../core/src/inference/experiment-settings';
import { runImageInference } from '../../core/src/inference/image/image-inference';
import { SessionCache } from '../../core/src/inference/session-cache';
import { runTextInference } from '../../core/src/inference/text/text-inference';
import { format } from '../../core/src/l10n';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';

/** vscode.l10n.t with the zh-cn bundle, as the panel passes it to these view models in a Chinese VS Code. */
const BUNDLE = JSON.parse(readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
const zh = (text: string, ...args: Array<string | number>) => format(BUNDLE[text] ?? text, args);

function png(rgb: [number, number, number]): Buffer {
  const p = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < 64; i++) p.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(p);
}

describe('inference results panel for images and lines of text', function () {
  this.timeout(30_000);
  let dir: string;
  const cache = new SessionCache();
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-media-'));
  });
  after(async () => {
    await cache.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('images: one row per file with its thumbnail, size and labels; the webview accepts it; CSV/JSON per file', async () => {
    const files = [
      ['red.png', [230, 20, 10]],
      ['blue.png', [10, 20, 230]],
      ['pink, "odd".png', [250, 60, 90]],
    ].map(([name, rgb]) => {
      const f = path.join(dir, name as string);
      writeFileSync(f, png(rgb as [number, number, number]));
      return f;
    });
    const r = await runImageInference(cache, {
      model: path.join(FIXTURES, 'onnx', 'tiny-cnn', 'tiny-cnn.onnx'),
      files,
      thumbnails: 96,
      topK: 2,
    });
    const s = imageShown(r, { how: 'chosen', preprocessing: undefined });
    const v = s.view;
    assert.equal(v.unit, 'image');
    assert.deepEqual(
      v.rows.map((row) => [row.cells[0], row.cells[1], row.top?.[0]?.label, isThumbnail(row.thumbnail)]),
      [
        ['red.png', '8 × 8 PNG', 'red', true],
        ['blue.png', '8 × 8 PNG', 'blue', true],
        ['pink, "odd".png', '8 × 8 PNG', 'red', true],
      ],
    );
    const cn = imageShown(r, { how: 'chosen', preprocessing: { resize: 8, crop: [8, 8] }, tr: zh }).view;
    assert.equal(cn.source.name, '3 张图片');
    assert.equal(cn.model.input, '3 个图片文件（PNG/JPEG）');
    assert.deepEqual(cn.columns, ['文件', '大小']);
    assert.match(cn.model.preprocessing, /^inference\.image: 把短边缩放到 8, 中心裁剪 8 × 8, RGB/);
    assert.equal(v.insert.ok, false);
    assert.equal(parseHostMessage(JSON.parse(JSON.stringify({ type: 'model', model: v })))?.type, 'model');
    const csv = s.csv().trimEnd().split('\n');
    assert.equal(csv[0], 'file,prediction,probability,label_2,probability_2');
    assert.ok(csv[3]!.startsWith(`"${files[2]!.replace(/"/g, '""')}",red,`), csv[3]);
    const json = JSON.parse(s.json()) as { predictions: Array<{ file: string; label: string }> };
    assert.deepEqual(
      json.predictions.map((p) => [path.basename(p.file), p.label]),
      [
        ['red.png', 'red'],
        ['blue.png', 'blue'],
        ['pink, "odd".png', 'red'],
      ],
    );
    assert.deepEqual(s.raw()[0]!.dims, [3, 2]);
  });

  it('a thumbnail that is not a base64 PNG data URL makes the whole message invalid', async () => {
    const r = await runImageInference(cache, {
      model: path.join(FIXTURES, 'onnx', 'tiny-cnn', 'tiny-cnn.onnx'),
      files: [path.join(dir, 'red.png')],
      thumbnails: 8,
    });
    const v = imageShown(r, { how: 'chosen', preprocessing: { resize: [8, 8] } }).view;
    for (const bad of [
      'https://example.invalid/x.png',
      'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
      'javascript:alert(1)',
      `data:image/png;base64,${'A'.repeat(300_000)}`,
      'data:image/png;base64,AA"onerror="x',
    ]) {
      const model = { ...v, rows: [{ ...v.rows[0]!, thumbnail: bad }] };
      assert.equal(parseHostMessage({ type: 'model', model }), undefined, bad.slice(0, 40));
    }
  });

  it('text: one row per non-blank line with its document line number and token count; truncation noted', async () => {
    const dirText = path.join(FIXTURES, 'onnx', 'tiny-text');
    const experiment = parseExperimentSettings(
      'kind: Experiment\ninference:\n  text: {tokenizer: tokenizer.json, max_length: 4}\n',
      path.join(dirText, 'x.experiment.yaml'),
    );
    const r = await runTextInference(cache, {
      model: path.join(dirText, 'tiny-text.onnx'),
      lines: ['good movie', 'terrible terrible film'],
      ...(experiment && { experiment }),
    });
    const s = textShown(r, { how: 'x', sourceName: 'reviews.txt (lines 3–5)', lineNumbers: [3, 5] });
    assert.deepEqual(
      s.view.rows.map((row) => [row.line, row.cells, row.top?.[0]?.label]),
      [
        [3, ['good movie', '4'], 'positive'],
        [5, ['terrible terrible film', '4'], 'negative'],
      ],
    );
    assert.deepEqual(s.view.notes, ['1 line was longer than max_length and cut (line 5).']);
    // In a Chinese VS Code: the note, the columns and the preprocessing in Chinese, the names as written.
    const cn = textShown(r, { how: 'x', sourceName: 'reviews.txt', lineNumbers: [3, 5], tr: zh }).view;
    assert.deepEqual(cn.notes, ['1 行超过 max_length，已截断（第 5 行）。']);
    assert.deepEqual(cn.columns, ['文本', '词元数']);
    assert.match(cn.insert.ok ? '' : cn.insert.reason, /^[^A-Za-z]*Insert as Column|插入为列/);
    assert.equal(s.csv().split('\n')[1], 'good movie,positive,0.8807971,negative,0.1192029');
  });
});
