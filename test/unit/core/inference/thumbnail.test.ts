import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { runImageInference } from '../../../../core/src/inference/image/image-inference';
import { THUMBNAIL_PREFIX, thumbnailDataUrl } from '../../../../core/src/inference/image/thumbnail';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { FIXTURES } from '../../../support/fixtures';

/** 40 × 24: the left half red, the right half blue. */
function halves(): { width: number; height: number; rgba: Uint8Array; format: 'png' } {
  const rgba = new Uint8Array(40 * 24 * 4);
  for (let y = 0; y < 24; y++)
    for (let x = 0; x < 40; x++) rgba.set(x < 20 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * 40 + x) * 4);
  return { width: 40, height: 24, rgba, format: 'png' };
}

function decode(url: string): PNG {
  assert.ok(url.startsWith(THUMBNAIL_PREFIX));
  return PNG.sync.read(Buffer.from(url.slice(THUMBNAIL_PREFIX.length), 'base64'));
}

describe('image thumbnails for the results panel', () => {
  it('scales the longer side down to the size asked for, aspect kept, colours where they were', () => {
    const png = decode(thumbnailDataUrl(halves(), 10));
    assert.deepEqual([png.width, png.height], [10, 6]);
    const at = (x: number, y: number) => Array.from(png.data.subarray((y * 10 + x) * 4, (y * 10 + x) * 4 + 4));
    assert.deepEqual(at(0, 0), [255, 0, 0, 255]);
    assert.deepEqual(at(9, 5), [0, 0, 255, 255]);
    // Never upscaled: a small image stays its size.
    assert.deepEqual([decode(thumbnailDataUrl(halves(), 500)).width], [40]);
  });

  it('runImageInference returns one thumbnail per image when asked, none otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-thumb-'));
    const cache = new SessionCache();
    try {
      const png = new PNG({ width: 8, height: 8 });
      png.data.fill(200);
      const files = ['a.png', 'b.png'].map((f) => path.join(dir, f));
      for (const f of files) writeFileSync(f, PNG.sync.write(png));
      const model = path.join(FIXTURES, 'onnx', 'tiny-cnn', 'tiny-cnn.onnx');
      const r = await runImageInference(cache, { model, files, thumbnails: 4 });
      assert.deepEqual(
        r.thumbnails?.map((t) => [decode(t).width, decode(t).height]),
        [
          [4, 4],
          [4, 4],
        ],
      );
      assert.equal((await runImageInference(cache, { model, files })).thumbnails, undefined);
    } finally {
      await cache.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
