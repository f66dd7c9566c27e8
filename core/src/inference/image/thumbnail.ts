/**
 * A small PNG of a decoded image for the results panel: the longer side scaled down to `max` pixels by averaging
 * the source pixels each thumbnail pixel covers (no upscaling), encoded with pngjs, as a `data:` URL — the
 * webview's CSP allows `data:` images and nothing from the workspace.
 */
import { PNG } from 'pngjs';
import type { DecodedImage } from './decode-image';

export const THUMBNAIL_PREFIX = 'data:image/png;base64,';

export function thumbnailDataUrl(img: DecodedImage, max = 96): string {
  const s = Math.min(1, max / Math.max(img.width, img.height));
  const w = Math.max(1, Math.round(img.width * s));
  const h = Math.max(1, Math.round(img.height * s));
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * img.height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * img.height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * img.width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * img.width) / w));
      const sum = [0, 0, 0, 0];
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++)
          for (let k = 0; k < 4; k++) sum[k]! += img.rgba[(yy * img.width + xx) * 4 + k]!;
      const n = (y1 - y0) * (x1 - x0);
      for (let k = 0; k < 4; k++) png.data[(y * w + x) * 4 + k] = Math.round(sum[k]! / n);
    }
  }
  return THUMBNAIL_PREFIX + PNG.sync.write(png).toString('base64');
}
