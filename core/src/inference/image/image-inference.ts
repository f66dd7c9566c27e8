/**
 * Image files → predictions: decode (PNG/JPEG), preprocess as the experiment's `inference.image` says, run the
 * model 16 images at a time (as many as its batch dimension says when that is fixed), and read the output as class
 * scores with the model's labels. The model's image input is the one rank-4 input (or the one `inference.input` names;
 * other inputs take `inference.inputs` constants, as for tables).
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { phrase } from '../../l10n';
import { cancelled, InferenceError } from '../errors';
import type { ExperimentSettings } from '../experiment-settings';
import { inputMapping } from '../feed-plan';
import { constantTensor, mapInputs } from '../input-values';
import { modelFacts, type ModelFacts } from '../model-facts';
import { mapNativeError } from '../native-errors';
import { loadOrt, type OrtTensor } from '../ort';
import { interpretOutput, type Predictions } from '../outputs';
import type { SessionCache } from '../session-cache';
import { decodeImage, type DecodedImage } from './decode-image';
import { imageTensor, imageTensorShape } from './image-tensor';
import { thumbnailDataUrl } from './thumbnail';

export interface ImageInferenceRequest {
  readonly model: string;
  readonly files: readonly string[];
  readonly experiment?: ExperimentSettings;
  readonly topK?: number;
  readonly signal?: AbortSignal;
  /** Also return a PNG thumbnail of each image, its longer side this many pixels (for the results panel). */
  readonly thumbnails?: number;
}

export interface ImageInferenceResult {
  readonly modelPath: string;
  readonly provider: string;
  readonly files: readonly string[];
  readonly images: ReadonlyArray<{ readonly width: number; readonly height: number; readonly format: string }>;
  readonly facts: ModelFacts;
  readonly predictions: Predictions;
  /** `data:image/png;base64,…` per image, when asked for. */
  readonly thumbnails?: readonly string[];
  readonly timing: { readonly decodeMs: number; readonly preprocessMs: number; readonly runMs: number };
}

/** Larger image files are refused before reading (a 50-megapixel PNG is well under this). */
const MAX_FILE_BYTES = 256 * 2 ** 20;
/**
 * Files up to this size are read in one blocking call: far shorter than decoding them, which blocks anyway, and
 * spares the five thread-pool round trips of stat + readFile (open, fstat, read, close) — ~2.5–6 ms an image on a
 * loaded machine (bench/inference). Larger files are read asynchronously.
 */
const SYNC_READ_BYTES = 8 * 2 ** 20;
/**
 * Images per model run when the batch size is free: the input tensor and onnxruntime's activations stay the size
 * of 16 images whatever the selection. One run of all 100 images of the bench (bench/inference, a MobileNetV2)
 * allocated a 60 MB input, which cost more to fault in than to fill, and the process's RSS peaked 1,000 MB higher,
 * against 287 MB in runs of 16. The probabilities are the same, bit for bit, in runs of 1, 16 or 20 images.
 */
const IMAGES_PER_RUN = 16;

const unreadable = (file: string) =>
  new InferenceError('not-an-image', phrase('{0} cannot be read: it does not exist or is not a file.', file));
const tooLarge = (file: string, size: number) =>
  new InferenceError(
    'not-an-image',
    phrase(
      '{0} is {1} MB, larger than an image Liftoff reads (256 MB).',
      path.basename(file),
      (size / 2 ** 20).toFixed(0),
    ),
  );

/**
 * An image file's bytes. Opened without blocking (a FIFO or device named as an image cannot hang the read) and
 * checked on the open descriptor: a regular file, at most MAX_FILE_BYTES.
 */
async function readImageFile(file: string): Promise<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    throw unreadable(file);
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw unreadable(file);
    if (s.size > MAX_FILE_BYTES) throw tooLarge(file, s.size);
    const size = s.size;
    if (size <= SYNC_READ_BYTES) {
      const bytes = new Uint8Array(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, bytes, got, size - got, got);
        if (n === 0) break;
        got += n;
      }
      return got === size ? bytes : bytes.subarray(0, got);
    }
  } finally {
    closeSync(fd);
  }
  const s = await stat(file).catch(() => undefined);
  if (!s?.isFile()) throw unreadable(file);
  if (s.size > MAX_FILE_BYTES) throw tooLarge(file, s.size);
  return readFile(file);
}

export async function runImageInference(
  cache: SessionCache,
  req: ImageInferenceRequest,
): Promise<ImageInferenceResult> {
  if (req.files.length === 0) throw new InferenceError('no-rows', phrase('No image files were given.'));
  const lease = await cache.acquire(req.model);
  try {
    const model = lease.model;
    const label = path.basename(model.path);
    const facts = modelFacts(model.inspection, model.card, req.experiment);
    const infos = model.session.inputMetadata.map((m) => ({
      name: m.name,
      type: m.isTensor ? m.type : 'non-tensor',
      dims: model.inspection.inputs.find((i) => i.name === m.name)?.dims ?? (m.isTensor ? m.shape : undefined),
    }));
    const mapping = inputMapping(req.experiment);
    const { fed, constants } = infos.length === 1 ? { fed: infos[0]!, constants: [] } : mapInputs(infos, mapping);
    const dims = fed.dims;
    if (!dims || dims.length !== 4)
      throw new InferenceError(
        'rank',
        dims
          ? phrase(
              'The model input "{0}" has rank {1}, but an image input has rank 4 ([N, C, H, W] or [N, H, W, C]).',
              fed.name,
              dims.length,
            )
          : phrase(
              'The model input "{0}" has no declared shape, but an image input has rank 4 ([N, C, H, W] or [N, H, W, C]).',
              fed.name,
            ),
      );
    const pre = req.experiment?.image ?? {};
    const nchw = (pre.layout ?? 'NCHW') === 'NCHW';
    const c = nchw ? dims[1] : dims[3];
    const channels = c === 1 ? 1 : 3;
    if (typeof c === 'number' && c !== 1 && c !== 3)
      throw new InferenceError(
        'image-preprocessing',
        phrase(
          'The model input "{0}" [{1}] has {2} channels in the {3} layout; images give 1 or 3. Is inference.image.layout right?',
          fed.name,
          dims.join(', '),
          String(c),
          nchw ? 'NCHW' : 'NHWC',
        ),
      );
    const [h, w] = nchw ? [dims[2], dims[3]] : [dims[1], dims[2]];
    const expect = typeof h === 'number' && typeof w === 'number' ? ([h, w] as [number, number]) : undefined;
    const wantType = pre.dtype === 'uint8' ? 'uint8' : 'float32';
    if (fed.type !== wantType)
      throw new InferenceError(
        'dtype',
        phrase(
          'The model input "{0}" takes {1}, but the image tensor is {2}: set inference.image.dtype to {3}.',
          fed.name,
          fed.type,
          wantType,
          fed.type === 'uint8' ? 'uint8' : 'float32',
        ),
      );
    const t0 = performance.now();
    const images: DecodedImage[] = [];
    for (const file of req.files) {
      if (req.signal?.aborted) throw cancelled();
      images.push(decodeImage(await readImageFile(file), path.basename(file)));
    }
    const t1 = performance.now();
    // Every image is checked before anything runs (the same errors as one tensor of all of them), then the images
    // are preprocessed and run IMAGES_PER_RUN at a time through one reused buffer.
    imageTensorShape(images, pre, channels, expect);
    let preprocessMs = performance.now() - t1;
    let runMs = 0;
    const ort = loadOrt();
    const fixedBatch = typeof dims[0] === 'number' && dims[0] > 0 ? dims[0] : undefined;
    const batch = fixedBatch ?? Math.min(IMAGES_PER_RUN, images.length);
    let buffer: Float32Array | Uint8Array | undefined;
    const outputs: OrtTensor[] = [];
    let chosen = model.session.outputNames[0]!;
    for (let start = 0; start < images.length; start += batch) {
      if (req.signal?.aborted) throw cancelled();
      const n = Math.min(batch, images.length - start);
      const tp = performance.now();
      const tensor = imageTensor(images.slice(start, start + n), pre, channels, expect, buffer);
      buffer ??= tensor.data;
      const tr = performance.now();
      preprocessMs += tr - tp;
      const feeds: Record<string, OrtTensor> = {
        [fed.name]: new ort.Tensor(wantType, tensor.data as never, [n, ...tensor.dims.slice(1)]),
      };
      for (const k of constants) {
        const ct = constantTensor(k, n);
        feeds[k.name] = new ort.Tensor(k.type, ct.data as never, ct.dims);
      }
      let result: Record<string, OrtTensor>;
      try {
        result = (await model.session.run(feeds)) as Record<string, OrtTensor>;
      } catch (err) {
        throw mapNativeError(err, label);
      }
      if (facts.outputName && result[facts.outputName]) chosen = facts.outputName;
      outputs.push(result[chosen]!);
      runMs += performance.now() - tr;
    }
    const first = outputs[0]!;
    const width = first.dims.slice(1).reduce((a, b) => a * b, 1);
    const data = new Float32Array(images.length * width);
    let at = 0;
    for (const o of outputs) {
      data.set(o.data as Float32Array, at);
      at += (o.data as Float32Array).length;
    }
    const predictions = interpretOutput(
      { name: chosen, type: first.type, dims: [images.length, width], data, perRow: width },
      images.length,
      facts,
      req.topK ?? facts.topK ?? 3,
    );
    return {
      modelPath: model.path,
      provider: model.provider,
      files: req.files,
      images: images.map((i) => ({ width: i.width, height: i.height, format: i.format })),
      facts,
      predictions,
      ...(req.thumbnails && { thumbnails: images.map((i) => thumbnailDataUrl(i, req.thumbnails)) }),
      timing: { decodeMs: t1 - t0, preprocessMs, runMs },
    };
  } finally {
    lease.release();
  }
}
