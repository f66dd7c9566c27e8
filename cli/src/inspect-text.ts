/** Text renderings of the node table (`liftoff inspect --nodes`) and of a model diff (`liftoff inspect --diff`). */
import type { GraphAnalysis } from '../../core/src/onnx';
import type { ModelDiff } from '../../core/src/onnx';
import { formatCount, formatDims } from '../../core/src/onnx';

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    `  ${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}`.trimEnd(),
  );
}

const per = (a: GraphAnalysis) => (a.perUnitOf.length ? ` per ${a.perUnitOf.join(' × ')}` : '');

export function nodesText(a: GraphAnalysis): string {
  const rows = [['#', 'node', 'op', 'output shape', 'parameters', 'MACs']];
  for (const n of a.nodes) {
    rows.push([
      String(n.index),
      n.node.name || '(unnamed)',
      n.node.domain ? `${n.node.domain}.${n.node.op}` : n.node.op,
      n.outputShapes.map(formatDims).join(', ') || '-',
      n.parameters ? formatCount(n.parameters) : '-',
      n.macs === undefined ? '?' : n.macs ? formatCount(n.macs) : '-',
    ]);
  }
  const t = a.totals;
  return [
    '',
    `Nodes (${a.nodes.length}):`,
    ...table(rows),
    '',
    `Total: ${t.parameters.toLocaleString('en-US')} parameters; ${formatCount(t.macs)} MACs, ${formatCount(t.flops)} FLOPs${per(a)}` +
      `${t.unknownCost ? ` (${t.unknownCost} node${t.unknownCost === 1 ? '' : 's'} of unknown cost not counted)` : ''}`,
    '',
  ].join('\n');
}

export function diffText(d: ModelDiff, nameA: string, nameB: string): string {
  const lines = [`Comparing ${nameA} (a) with ${nameB} (b)`];
  if (d.same) return `${lines[0]}: the same inputs, outputs, opsets, operators, weights and nodes.\n`;
  const desc = (t: { type: string; dims: ReadonlyArray<number | string> | undefined } | undefined) =>
    t ? `${t.type} ${formatDims(t.dims)}` : '(none)';
  if (d.opsets.a !== d.opsets.b) lines.push('', `Opsets: ${d.opsets.a} → ${d.opsets.b}`);
  for (const [title, list] of [
    ['Inputs', d.inputs],
    ['Outputs', d.outputs],
  ] as const) {
    if (list.length) lines.push('', `${title}:`, ...table(list.map((x) => [x.name, desc(x.a), '→', desc(x.b)])));
  }
  if (d.operators.length)
    lines.push('', 'Operators (count a → b):', ...table(d.operators.map((o) => [o.op, `${o.a} → ${o.b}`])));
  lines.push(
    '',
    `Parameters: ${d.parameters.a?.toLocaleString('en-US')} → ${d.parameters.b?.toLocaleString('en-US')}; MACs ${formatCount(d.macs.a ?? 0)} → ${formatCount(d.macs.b ?? 0)}`,
  );
  const i = d.initializers;
  lines.push(
    '',
    `Initializers: ${i.unchanged} unchanged, ${i.changed.length} changed, ${i.added.length} added, ${i.removed.length} removed${i.renamed.length ? `, ${i.renamed.length} renamed` : ''}`,
  );
  if (i.changed.length)
    lines.push(
      ...table(
        i.changed.map((c) => [
          c.name,
          c.what.join(', '),
          `${c.a.type} ${formatDims(c.a.dims)} ${c.a.checksum}`,
          '→',
          `${c.b.type} ${formatDims(c.b.dims)} ${c.b.checksum}`,
        ]),
      ),
    );
  for (const t of i.added) lines.push(`  + ${t.name} ${t.type} ${formatDims(t.dims)}`);
  for (const t of i.removed) lines.push(`  - ${t.name} ${t.type} ${formatDims(t.dims)}`);
  for (const r of i.renamed) lines.push(`  ${r.a} → ${r.b} (same values)`);
  if (d.nodes.added.length || d.nodes.removed.length) {
    lines.push('', 'Nodes:');
    for (const n of d.nodes.added) lines.push(`  + ${n}`);
    for (const n of d.nodes.removed) lines.push(`  - ${n}`);
  }
  return `${lines.join('\n')}\n`;
}
