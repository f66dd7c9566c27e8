/**
 * The Compare Models panel's view model, from core's diffModels (no vscode here: unit tests build it in Node).
 */
import * as path from 'node:path';
import { diffModels } from '../../../../core/src/onnx';
import type { CompareViewModel } from './contract';

export async function compareViewModel(a: string, b: string): Promise<CompareViewModel> {
  const started = performance.now();
  const { inspections, ...diff } = await diffModels(a, b);
  const side = (file: string, i: typeof inspections.a) => ({
    name: path.basename(file),
    path: file,
    producer: `${i.producerName}${i.producerVersion ? ` ${i.producerVersion}` : ''}`,
    irVersion: i.irVersion,
  });
  return {
    schema: 1,
    a: side(a, inspections.a),
    b: side(b, inspections.b),
    readMs: performance.now() - started,
    diff,
  };
}
