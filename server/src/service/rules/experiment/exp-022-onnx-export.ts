import * as path from 'node:path';
import { readModelInfo, type ModelInfo } from '../../../../../core/src/onnx';
import { diagnostic } from '../../diagnostic';
import { at, list, str, valueRange, type Entry } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { AsyncRule, AsyncRuleContext } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { replace, withFixes } from './edits';
import { localPath } from './exp-008-data-paths';
import { describeFileType, isSpecialFile } from '../../host';

/** Opsets of the default ONNX domain that the bundled onnxruntime (1.30) loads. */
export const ORT_VERSION = '1.30';
export const MIN_OPSET = 7;
export const MAX_OPSET = 21;
/** Larger models are not read into the editor's memory just to count output classes. */
const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/**
 * EXP-022: `export.onnx.opset` is one the bundled onnxruntime supports; the class names for inference
 * (`inference.labels`, default `task.labels`) are as many as the output width of `inference.model`, when that file
 * exists and its width is fixed. A width-1 output with two labels is a binary (sigmoid) model and fits.
 */
export const onnxExport: AsyncRule = async (ctx) => {
  const out: LiftoffDiagnostic[] = [];
  const opset = at(ctx.yaml.root, ['export', 'onnx', 'opset']);
  const v = opset?.value;
  if (opset?.node && typeof v === 'number' && (!Number.isInteger(v) || v < MIN_OPSET || v > MAX_OPSET)) {
    const to = v > MAX_OPSET ? MAX_OPSET : v < MIN_OPSET ? MIN_OPSET : Math.round(v);
    out.push(
      withFixes(
        diagnostic(
          ctx.settings,
          'EXP-022',
          'error',
          valueRange(ctx.file, opset),
          t(
            ctx.settings.locale,
            '`export.onnx.opset: {0}` is not an opset the bundled onnxruntime {1} supports: use an integer from {2} to {3} (17 is a safe choice for PyTorch exports).',
            v,
            ORT_VERSION,
            MIN_OPSET,
            MAX_OPSET,
          ),
        ),
        [{ title: t(ctx.settings.locale, 'Change to {0}', to), edits: [replace(ctx.file, opset.node, String(to))] }],
      ),
    );
  }
  const labels = await labelMismatch(ctx);
  if (labels) out.push(labels);
  return out;
};

async function labelMismatch(ctx: AsyncRuleContext): Promise<LiftoffDiagnostic | undefined> {
  const { file, yaml, settings, host, docPath } = ctx;
  const modelEntry = at(yaml.root, ['inference', 'model']);
  const model = str(modelEntry);
  const own = at(yaml.root, ['inference', 'labels']);
  const labelsEntry: Entry | undefined = own ?? at(yaml.root, ['task', 'labels']);
  const labels = list(labelsEntry);
  if (!docPath || !modelEntry || model === undefined || !labelsEntry || !labels?.length) return undefined;
  const abs = localPath(path.dirname(docPath), model);
  const stat = abs ? await host.stat(abs) : undefined;
  if (stat && isSpecialFile(stat)) {
    return diagnostic(
      settings,
      'EXP-022',
      'error',
      valueRange(file, modelEntry),
      t(
        settings.locale,
        '`inference.model` (`{0}`) is {1}, not a model file: Liftoff reads only regular files. Point it at an exported .onnx file.',
        model,
        describeFileType(stat.type, settings.locale),
      ),
    );
  }
  if (!abs || !stat || stat.isDirectory || stat.size > MAX_MODEL_BYTES) return undefined;
  const bytes = await host.readBytes(abs);
  if (!bytes) return undefined;
  let info: ModelInfo;
  try {
    info = readModelInfo(bytes);
  } catch (err) {
    return diagnostic(
      settings,
      'EXP-022',
      'error',
      valueRange(file, modelEntry),
      t(
        settings.locale,
        '`inference.model` (`{0}`) cannot be read: {1}. Point it at an exported .onnx file.',
        model,
        (err as Error).message,
      ),
    );
  }
  const wantedName = str(at(yaml.root, ['export', 'onnx', 'output_name']));
  const output = info.outputs.find((o) => o.name === wantedName) ?? info.outputs[0];
  const width = output?.dims?.[output.dims.length - 1];
  if (!output || typeof width !== 'number' || width <= 0) return undefined;
  if (labels.length === width || (width === 1 && labels.length === 2)) return undefined;
  const key = own ? 'inference.labels' : 'task.labels';
  return diagnostic(
    settings,
    'EXP-022',
    'error',
    valueRange(file, labelsEntry),
    labels.length === 1
      ? t(
          settings.locale,
          "`{0}` has {1} name, but output `{2}` of `{3}` has width {4} (shape [{5}]): give one label per output column, in the model's order.",
          key,
          labels.length,
          output.name,
          model,
          width,
          output.dims?.join(', '),
        )
      : t(
          settings.locale,
          "`{0}` has {1} names, but output `{2}` of `{3}` has width {4} (shape [{5}]): give one label per output column, in the model's order.",
          key,
          labels.length,
          output.name,
          model,
          width,
          output.dims?.join(', '),
        ),
  );
}
