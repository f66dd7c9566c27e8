/** Text renderings of the node table (`liftoff inspect --nodes`) and of a model diff (`liftoff inspect --diff`). */
import type { GraphAnalysis } from '../../core/src/onnx';
import type { ModelDiff } from '../../core/src/onnx';
import { formatCount, formatDims } from '../../core/src/onnx';
import { t, type Locale } from '../../core/src/l10n';
import { displayWidth } from './runs';

/** Columns padded to the widest cell as a terminal shows it (a Chinese heading takes two columns a character). */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]!))));
  const pad = (cell: string, w: number) => cell + ' '.repeat(Math.max(0, w - displayWidth(cell)));
  return rows.map((r) =>
    `  ${r.map((cell, c) => (c === r.length - 1 ? cell : pad(cell, widths[c]!))).join('  ')}`.trimEnd(),
  );
}

/** A node of the diff (`Gemm → [N, 32] (256 parameters)`, core's signature) with its parameter count in `l`. */
function nodeLine(n: string, l?: Locale): string {
  return n.replace(/ \(([\d,]+) parameters\)$/, (_, k: string) => ` ${t(l, '({0} parameters)', k)}`);
}

export function nodesText(a: GraphAnalysis, l?: Locale): string {
  const rows = [['#', t(l, 'node'), 'op', t(l, 'output shape'), t(l, 'parameters'), 'MACs']];
  for (const n of a.nodes) {
    rows.push([
      String(n.index),
      n.node.name || t(l, '(unnamed)'),
      n.node.domain ? `${n.node.domain}.${n.node.op}` : n.node.op,
      n.outputShapes.map(formatDims).join(', ') || '-',
      n.parameters ? formatCount(n.parameters) : '-',
      n.macs === undefined ? '?' : n.macs ? formatCount(n.macs) : '-',
    ]);
  }
  const x = a.totals;
  const total = t(
    l,
    'Total: {0} parameters; {1} MACs, {2} FLOPs',
    x.parameters.toLocaleString('en-US'),
    formatCount(x.macs),
    formatCount(x.flops),
  );
  const per = a.perUnitOf.length ? t(l, ' per {0}', a.perUnitOf.join(' × ')) : '';
  const unknown = !x.unknownCost
    ? ''
    : x.unknownCost === 1
      ? t(l, ' (1 node of unknown cost not counted)')
      : t(l, ' ({0} nodes of unknown cost not counted)', x.unknownCost);
  return ['', t(l, 'Nodes ({0}):', a.nodes.length), ...table(rows), '', `${total}${per}${unknown}`, ''].join('\n');
}

/** What changed in an initializer (`type`, `shape`, `values`), in `l`. */
function changeWord(what: string, l?: Locale): string {
  if (what === 'type') return t(l, 'type');
  if (what === 'shape') return t(l, 'shape');
  if (what === 'values') return t(l, 'values');
  return what;
}

export function diffText(d: ModelDiff, nameA: string, nameB: string, l?: Locale): string {
  if (d.same)
    return `${t(l, 'Comparing {0} (a) with {1} (b): the same inputs, outputs, opsets, operators, weights and nodes.', nameA, nameB)}\n`;
  const lines = [t(l, 'Comparing {0} (a) with {1} (b)', nameA, nameB)];
  const desc = (x: { type: string; dims: ReadonlyArray<number | string> | undefined } | undefined) =>
    x ? `${x.type} ${formatDims(x.dims)}` : t(l, '(none)');
  if (d.opsets.a !== d.opsets.b) lines.push('', t(l, 'Opsets: {0} → {1}', d.opsets.a, d.opsets.b));
  for (const [title, list] of [
    [t(l, 'Inputs:'), d.inputs],
    [t(l, 'Outputs:'), d.outputs],
  ] as const) {
    if (list.length) lines.push('', title, ...table(list.map((x) => [x.name, desc(x.a), '→', desc(x.b)])));
  }
  if (d.operators.length)
    lines.push('', t(l, 'Operators (count a → b):'), ...table(d.operators.map((o) => [o.op, `${o.a} → ${o.b}`])));
  lines.push(
    '',
    t(
      l,
      'Parameters: {0} → {1}; MACs {2} → {3}',
      d.parameters.a?.toLocaleString('en-US'),
      d.parameters.b?.toLocaleString('en-US'),
      formatCount(d.macs.a ?? 0),
      formatCount(d.macs.b ?? 0),
    ),
  );
  const i = d.initializers;
  lines.push(
    '',
    t(
      l,
      'Initializers: {0} unchanged, {1} changed, {2} added, {3} removed',
      i.unchanged,
      i.changed.length,
      i.added.length,
      i.removed.length,
    ) + (i.renamed.length ? t(l, ', {0} renamed', i.renamed.length) : ''),
  );
  if (i.changed.length)
    lines.push(
      ...table(
        i.changed.map((c) => [
          c.name,
          c.what.map((w) => changeWord(w, l)).join(', '),
          `${c.a.type} ${formatDims(c.a.dims)} ${c.a.checksum}`,
          '→',
          `${c.b.type} ${formatDims(c.b.dims)} ${c.b.checksum}`,
        ]),
      ),
    );
  for (const x of i.added) lines.push(`  + ${x.name} ${x.type} ${formatDims(x.dims)}`);
  for (const x of i.removed) lines.push(`  - ${x.name} ${x.type} ${formatDims(x.dims)}`);
  for (const r of i.renamed) lines.push(`  ${r.a} → ${r.b} ${t(l, '(same values)')}`);
  if (d.nodes.added.length || d.nodes.removed.length) {
    lines.push('', t(l, 'Nodes:'));
    for (const n of d.nodes.added) lines.push(`  + ${nodeLine(n, l)}`);
    for (const n of d.nodes.removed) lines.push(`  - ${nodeLine(n, l)}`);
  }
  return `${lines.join('\n')}\n`;
}
