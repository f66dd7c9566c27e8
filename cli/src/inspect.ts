/**
 * `liftoff inspect <model.onnx> [--nodes] [--diff other.onnx] [--format text|json]`: what the ONNX inspector shows —
 * inputs and outputs with names, types and shapes, opset and IR version, producer, operator counts, parameters,
 * metadata; with `--nodes`, every node with its output shapes, parameters and MACs; with `--diff`, what changed from
 * the first model to the second. Streams the file (weights are read only to checksum them for `--diff`).
 * Exit 0 (for `--diff`: the models are the same), 1 when a file is not an ONNX model or (`--diff`) the models differ,
 * 2 usage or I/O.
 */
import { phrase, say, t, type Locale } from '../../core/src/l10n';
import { cannotRead } from './read-input';
import * as path from 'node:path';
import { analyseGraph } from '../../core/src/onnx';
import { inspectModelFile, NotOnnxError } from '../../core/src/onnx';
import { diffModels } from '../../core/src/onnx';
import { diffText, nodesText } from './inspect-text';
import { formatBytes, formatCount, formatDims, type ModelInspection } from '../../core/src/onnx';
import { parseArgs, UsageError, usageLine, usageMessage } from './args';
import type { Io } from './io';

export function inspectionText(i: ModelInspection, name: string, l?: Locale): string {
  const lines: string[] = [];
  const table = (rows: string[][]) => {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    for (const r of rows)
      lines.push(`  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd());
  };
  const producer = [i.producerName, i.producerVersion].filter(Boolean).join(' ') || t(l, 'unknown');
  const opsets = i.opsets.map((o) => `${o.domain || 'ai.onnx'} ${o.version}`).join(', ') || t(l, 'none');
  lines.push(
    t(
      l,
      '{0}: ONNX IR {1}, opset {2}, produced by {3}, {4}',
      name,
      i.irVersion,
      opsets,
      producer,
      formatBytes(i.fileBytes),
    ),
  );
  lines.push('', t(l, 'Inputs:'));
  table(i.inputs.length ? i.inputs.map((x) => [x.name, x.type, formatDims(x.dims)]) : [[t(l, '(none)')]]);
  lines.push('', t(l, 'Outputs:'));
  table(i.outputs.map((x) => [x.name, x.type, formatDims(x.dims)]));
  const counted = [i.nodes === 1 ? t(l, '1 node') : t(l, '{0} nodes', i.nodes)];
  if (i.subgraphs) counted.push(i.subgraphs === 1 ? t(l, '1 subgraph') : t(l, '{0} subgraphs', i.subgraphs));
  lines.push('', t(l, 'Operators ({0}):', counted.join(t(l, ', '))));
  table(
    i.operators.length
      ? i.operators.map((o) => [o.domain ? `${o.domain}.${o.op}` : o.op, String(o.count)])
      : [[t(l, '(none)')]],
  );
  const p = i.parameters;
  const count = p.count.toLocaleString('en-US');
  const inTensors =
    p.tensors === 1
      ? t(l, 'Parameters: {0} ({1}) in 1 tensor, {2}', count, formatCount(p.count), formatBytes(p.bytes))
      : t(l, 'Parameters: {0} ({1}) in {2} tensors, {3}', count, formatCount(p.count), p.tensors, formatBytes(p.bytes));
  lines.push('', `${inTensors}${p.external ? t(l, ', {0} stored in external files', p.external) : ''}`);
  for (const x of p.byType) lines.push(`  ${x.type}: ${x.count.toLocaleString('en-US')} (${formatBytes(x.bytes)})`);
  if (i.metadata.length) {
    lines.push('', t(l, 'Metadata:'));
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
          : diffText(diff, rel(file), rel(other), io.locale),
      );
      return diff.same ? 0 : 1;
    }
    const inspection = await inspectModelFile(file, { detail: nodes });
    if (format === 'json')
      io.out(
        `${JSON.stringify(nodes ? { ...inspection, analysis: analysisJson(inspection) } : inspection, null, 2)}\n`,
      );
    else
      io.out(
        inspectionText(inspection, rel(file), io.locale) +
          (nodes ? nodesText(analyseGraph(inspection), io.locale) : ''),
      );
    return 0;
  } catch (err) {
    // With --diff, name the file that could not be read.
    const current = other ? await firstUnreadable(file, other) : file;
    if (err instanceof NotOnnxError) {
      io.err(`liftoff inspect: ${notOnnxText(io.locale, rel(current), err)}\n`);
      return other ? 2 : 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) {
      io.err(`liftoff inspect: ${cannotRead(io.locale, rel(current), err)}\n`);
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

/** `file` is not an ONNX model, and what is wrong with its bytes, in `l`. */
function notOnnxText(l: Locale | undefined, file: string, err: NotOnnxError): string {
  return say(l, phrase('{0} is not an ONNX model: {1}', file, err.detail));
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
