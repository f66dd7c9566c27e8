/**
 * `liftoff inspect <model.onnx> [--nodes] [--diff other.onnx] [--format text|json]`: what the ONNX inspector shows —
 * inputs and outputs with names, types and shapes, opset and IR version, producer, operator counts, parameters,
 * metadata; with `--nodes`, every node with its output shapes, parameters and MACs; with `--diff`, what changed from
 * the first model to the second. Streams the file (weights are read only to checksum them for `--diff`).
 * Exit 0 (for `--diff`: the models are the same), 1 when a file is not an ONNX model or (`--diff`) the models differ,
 * 2 usage or I/O.
 */
import { phrase } from '../../core/src/l10n';
import * as path from 'node:path';
import { analyseGraph } from '../../core/src/onnx';
import { inspectModelFile, NotOnnxError } from '../../core/src/onnx';
import { diffModels } from '../../core/src/onnx';
import { diffText, nodesText } from './inspect-text';
import { formatBytes, formatCount, formatDims, type ModelInspection } from '../../core/src/onnx';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';

export function inspectionText(i: ModelInspection, name: string): string {
  const lines: string[] = [];
  const table = (rows: string[][]) => {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows)
      lines.push(`  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
  };
  const producer = [i.producerName, i.producerVersion].filter(Boolean).join(' ') || 'unknown';
  const opsets = i.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || 'none';
  lines.push(`${name}: ONNX IR ${i.irVersion}, opset ${opsets}, produced by ${producer}, ${formatBytes(i.fileBytes)}`);
  lines.push('', 'Inputs:');
  table(i.inputs.length ? i.inputs.map((t) => [t.name, t.type, formatDims(t.dims)]) : [['(none)']]);
  lines.push('', 'Outputs:');
  table(i.outputs.map((t) => [t.name, t.type, formatDims(t.dims)]));
  lines.push(
    '',
    `Operators (${i.nodes} node${i.nodes === 1 ? '' : 's'}${i.subgraphs ? `, ${i.subgraphs} subgraph${i.subgraphs === 1 ? '' : 's'}` : ''}):`,
  );
  table(
    i.operators.length
      ? i.operators.map((o) => [o.domain ? `${o.domain}.${o.op}` : o.op, String(o.count)])
      : [['(none)']],
  );
  const p = i.parameters;
  lines.push(
    '',
    `Parameters: ${p.count.toLocaleString('en-US')} (${formatCount(p.count)}) in ${p.tensors} tensor${p.tensors === 1 ? '' : 's'}, ${formatBytes(p.bytes)}${p.external ? `, ${p.external} stored in external files` : ''}`,
  );
  for (const t of p.byType) lines.push(`  ${t.type}: ${t.count.toLocaleString('en-US')} (${formatBytes(t.bytes)})`);
  if (i.metadata.length) {
    lines.push('', 'Metadata:');
    for (const m of i.metadata)
      lines.push(`  ${m.key}: ${m.value.length > 200 ? `${m.value.slice(0, 200)}…` : m.value}`);
  }
  return `${lines.join('\n')}\n`;
}

const USAGE = 'Usage: liftoff inspect <model.onnx> [--nodes] [--diff other.onnx] [--format text|json]';

export async function runInspect(argv: readonly string[], io: Io): Promise<number> {
  let file: string;
  let format: string;
  let other: string | undefined;
  let nodes: boolean;
  try {
    const args = parseArgs(argv, { format: ['text', 'json'], diff: 'string', nodes: 'boolean' });
    if (args.positionals.length !== 1)
      throw new UsageError(phrase('give exactly one .onnx file (and another with --diff)'));
    file = path.resolve(io.cwd, args.positionals[0]!);
    format = args.options.get('format') ?? 'text';
    const d = args.options.get('diff');
    other = d === undefined ? undefined : path.resolve(io.cwd, d);
    nodes = args.options.has('nodes');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`liftoff inspect: ${usageMessage(err, io.locale)}\n${usageLine(USAGE, io.locale)}\n`);
    return 2;
  }
  const rel = (f: string) => path.relative(io.cwd, f) || f;
  try {
    if (other) {
      const diff = await diffModels(file, other);
      io.out(
        format === 'json'
          ? `${JSON.stringify({ ...diff, inspections: undefined }, null, 2)}\n`
          : diffText(diff, rel(file), rel(other)),
      );
      return diff.same ? 0 : 1;
    }
    const inspection = await inspectModelFile(file, { detail: nodes });
    if (format === 'json')
      io.out(
        `${JSON.stringify(nodes ? { ...inspection, analysis: analysisJson(inspection) } : inspection, null, 2)}\n`,
      );
    else io.out(inspectionText(inspection, rel(file)) + (nodes ? nodesText(analyseGraph(inspection)) : ''));
    return 0;
  } catch (err) {
    // With --diff, name the file that could not be read.
    const current = other ? await firstUnreadable(file, other) : file;
    if (err instanceof NotOnnxError) {
      io.err(`liftoff inspect: ${rel(current)} is ${err.message}\n`);
      return other ? 2 : 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) {
      io.err(`liftoff inspect: cannot read ${rel(current)}: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

function analysisJson(inspection: Parameters<typeof analyseGraph>[0]) {
  const a = analyseGraph(inspection);
  return {
    totals: a.totals,
    perUnitOf: a.perUnitOf,
    nodes: a.nodes.map((n) => ({
      name: n.node.name,
      op: n.node.op,
      outputs: n.node.outputs,
      outputShapes: n.outputShapes,
      parameters: n.parameters,
      macs: n.macs,
      flops: n.flops,
    })),
  };
}

/** Which of two files cannot be inspected (for the error message of `--diff`). */
async function firstUnreadable(a: string, b: string): Promise<string> {
  try {
    await inspectModelFile(a);
  } catch {
    return a;
  }
  return b;
}
