/**
 * Deterministic Experiment documents for `npm run bench -- lsp`: a typical one (~150 lines, the credit-risk example
 * padded with realistic content) and a large one (~5,000 lines: long preprocessing and tracked-metric lists).
 * Both are valid YAML and valid against schemas/experiment.schema.json. Every edit the bench makes rewrites the two
 * digits of `training.batch_size` (32 ⇄ 64), so the document keeps its size.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './fixtures';
import { mulberry32 } from './random';

export interface BenchDoc {
  readonly text: string;
  readonly lines: number;
  /** Where the two digits of `batch_size` are (0-based line and character). */
  readonly batchSize: { readonly line: number; readonly character: number };
}

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml');
const FEATURES = [
  'income',
  'age',
  'employment_years',
  'debt_ratio',
  'credit_lines',
  'late_payments_12m',
  'loan_amount',
];

/** One `{op, params}` preprocessing step (list item indented under `data.preprocessing`), 3–6 lines. */
function step(i: number, r: () => number): string[] {
  const col = FEATURES[i % FEATURES.length] ?? 'income';
  const lo = (r() * 0.05).toFixed(3);
  const hi = (0.95 + r() * 0.05).toFixed(3);
  switch (i % 6) {
    case 0:
      return ['    - op: impute_missing', '      params:', `        column: ${col}`, '        strategy: median'];
    case 1:
      return [
        '    - op: clip_outliers',
        '      params:',
        `        column: ${col}`,
        `        lower_quantile: ${lo}`,
        `        upper_quantile: ${hi}`,
      ];
    case 2:
      return [
        '    - op: log_transform',
        '      params:',
        `        columns: [${col}]`,
        `        offset: ${(1 + r()).toFixed(2)}`,
      ];
    case 3:
      return [
        '    - op: normalize',
        '      params:',
        `        columns: [${col}, ${FEATURES[(i + 3) % FEATURES.length] ?? 'age'}]`,
        '        range: [0, 1]',
      ];
    case 4:
      return [
        '    - op: feature_select',
        '      params:',
        '        method: mutual_info',
        `        k: ${3 + (i % 5)}`,
        `        seed: ${i}`,
      ];
    default:
      return [
        '    - op: drop_invalid',
        '      params:',
        `        column: ${col}`,
        `        min: 0`,
        `        max: ${Math.round(1000 + r() * 100000)}`,
        '        inclusive: true',
      ];
  }
}

/** The example without its schema modeline (the peer gets the schema from settings; the bench folder is elsewhere). */
function base(): string[] {
  return readFileSync(EXAMPLE, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('# yaml-language-server:'));
}

function build(name: string, preprocessingSteps: number, trackedExtra: number, seed: number): BenchDoc {
  const r = mulberry32(seed);
  const out: string[] = [];
  for (const line of base()) {
    if (line.startsWith('  name: ')) {
      out.push(`  name: ${name}`); // each experiment needs its own name (EXP-023)
    } else if (line === '    - op: standardize') {
      out.push(line);
      for (let i = 0; i < preprocessingSteps; i++) out.push(...step(i, r));
    } else if (line.startsWith('  track: [')) {
      out.push('  track:');
      for (const m of ['train_loss', 'val_loss', 'val_auc', 'val_accuracy']) out.push(`    - ${m}`);
      for (let i = 0; i < trackedExtra; i++)
        out.push(`    - ${FEATURES[i % FEATURES.length] ?? 'f'}/segment_${String(i).padStart(4, '0')}_auc`);
    } else if (line.startsWith('    auc: {min: 0.75}')) {
      out.push(
        line,
        '    accuracy: {min: 0.7}',
        '    precision: {min: 0.6}',
        '    recall: {min: 0.55}',
        '    f1:',
        '      min: 0.6',
        '      max: 0.99',
      );
    } else {
      out.push(line);
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  out.push(
    'compression:',
    '  quantization: {mode: dynamic, dtype: int8}',
    'monitoring:',
    '  metrics: [latency_ms, error_rate, throughput, prediction_drift, data_drift, live_accuracy]',
    '  alerts:',
    ...[
      ['latency_ms', 'gt', 50, '5m', 'slack'],
      ['error_rate', 'gt', 0.01, '10m', 'pager'],
      ['prediction_drift', 'gt', 0.2, '1h', 'email'],
      ['data_drift', 'gt', 0.25, '1h', 'email'],
      ['live_accuracy', 'lt', 0.7, '1d', 'webhook'],
      ['throughput', 'lt', 20, '15m', 'slack'],
    ].flatMap(([metric, op, threshold, dur, notify]) => [
      `    - metric: ${String(metric)}`,
      `      op: ${String(op)}`,
      `      threshold: ${String(threshold)}`,
      `      for: ${String(dur)}`,
      `      notify: ${String(notify)}`,
    ]),
    '  retraining: {trigger: on_drift}',
    '  fallback: {type: rule_based, ref: rules/credit-policy-v3}',
    '',
  );
  const text = out.join('\n');
  const line = out.findIndex((l) => /^ {2}batch_size: \d\d$/.test(l));
  if (line < 0) throw new Error('the generated document has no `  batch_size: NN` line');
  return { text, lines: out.length, batchSize: { line, character: '  batch_size: '.length } };
}

/** ~150 lines. */
export function typicalDoc(): BenchDoc {
  return build('credit-risk-typical', 8, 0, 1);
}
/** ~5,000 lines. */
export function largeDoc(): BenchDoc {
  return build('credit-risk-large', 830, 1_013, 2);
}

/** The same document with one schema error (`training.epochs` is a string): the check that a server validates at all. */
export function withSchemaError(doc: BenchDoc): { text: string; line: number } {
  const lines = doc.text.split('\n');
  const line = lines.findIndex((l) => /^ {2}epochs: \d+$/.test(l));
  if (line < 0) throw new Error('the generated document has no `  epochs: N` line');
  lines[line] = '  epochs: thirty';
  const name = lines.findIndex((l) => l.startsWith('  name: '));
  if (name >= 0) lines[name] = '  name: credit-risk-schema-check';
  return { text: lines.join('\n'), line };
}
