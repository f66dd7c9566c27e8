/**
 * `liftoff inspect <model.onnx> [--format text|json]`: what the ONNX inspector shows — inputs and outputs with
 * names, types and shapes, opset and IR version, producer, operator counts, parameters, metadata. Streams the file
 * (weights are never read). Exit 0, 1 when the file is not an ONNX model, 2 usage or I/O.
 */
import * as path from 'node:path';
import { inspectModelFile, NotOnnxError } from '../../core/src/onnx/inspect/inspect-model';
import { formatBytes, formatCount, formatDims, type ModelInspection } from '../../core/src/onnx/inspect/model-inspection';
import { parseArgs, UsageError } from './args';
import type { Io } from './io';

export function inspectionText(i: ModelInspection, name: string): string {
  const lines: string[] = [];
  const table = (rows: string[][]) => {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows) lines.push(`  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
  };
  const producer = [i.producerName, i.producerVersion].filter(Boolean).join(' ') || 'unknown';
  const opsets = i.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || 'none';
  lines.push(`${name}: ONNX IR ${i.irVersion}, opset ${opsets}, produced by ${producer}, ${formatBytes(i.fileBytes)}`);
  lines.push('', 'Inputs:');
  table(i.inputs.length ? i.inputs.map((t) => [t.name, t.type, formatDims(t.dims)]) : [['(none)']]);
  lines.push('', 'Outputs:');
  table(i.outputs.map((t) => [t.name, t.type, formatDims(t.dims)]));
  lines.push('', `Operators (${i.nodes} node${i.nodes === 1 ? '' : 's'}${i.subgraphs ? `, ${i.subgraphs} subgraph${i.subgraphs === 1 ? '' : 's'}` : ''}):`);
  table(i.operators.length ? i.operators.map((o) => [o.domain ? `${o.domain}.${o.op}` : o.op, String(o.count)]) : [['(none)']]);
  const p = i.parameters;
  lines.push('', `Parameters: ${p.count.toLocaleString('en-US')} (${formatCount(p.count)}) in ${p.tensors} tensor${p.tensors === 1 ? '' : 's'}, ${formatBytes(p.bytes)}${p.external ? `, ${p.external} stored in external files` : ''}`);
  for (const t of p.byType) lines.push(`  ${t.type}: ${t.count.toLocaleString('en-US')} (${formatBytes(t.bytes)})`);
  if (i.metadata.length) {
    lines.push('', 'Metadata:');
    for (const m of i.metadata) lines.push(`  ${m.key}: ${m.value.length > 200 ? `${m.value.slice(0, 200)}…` : m.value}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runInspect(argv: readonly string[], io: Io): Promise<number> {
  let file: string;
  let format: string;
  try {
    const args = parseArgs(argv, { format: ['text', 'json'] });
    if (args.positionals.length !== 1) throw new UsageError('give exactly one .onnx file');
    file = path.resolve(io.cwd, args.positionals[0]!);
    format = args.options.get('format') ?? 'text';
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff inspect: ${err.message}\nUsage: liftoff inspect <model.onnx> [--format text|json]\n`);
    return 2;
  }
  const rel = path.relative(io.cwd, file) || file;
  try {
    const inspection = await inspectModelFile(file);
    io.out(format === 'json' ? `${JSON.stringify(inspection, null, 2)}\n` : inspectionText(inspection, rel));
    return 0;
  } catch (err) {
    if (err instanceof NotOnnxError) { io.err(`liftoff inspect: ${rel} is ${err.message}\n`); return 1; }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) { io.err(`liftoff inspect: cannot read ${rel}: ${(err as Error).message}\n`); return 2; }
    throw err;
  }
}
