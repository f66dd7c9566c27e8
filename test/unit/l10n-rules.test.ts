/**
 * Every message the language service shows a zh-cn user is in Chinese: each fixture and example document is
 * validated under zh-cn with the real Node host (on the machine the rule fixtures assume), and every diagnostic
 * message and quick-fix title must be Chinese text, with English left only where it is code or quoted input (see
 * `englishLeft`). A static check covers the paths no fixture reaches: no message or title is a plain literal.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LiftoffDiagnostic } from '../../server/src/service';
import { createNodeHost } from '../../server/src/host/node-host';
import { loadSchemas } from '../../server/src/host/schemas';
import ts from 'typescript';
import { hasChinese } from '../../core/src/l10n';
import { METRIC_DOCS, METRIC_DOCS_ZH_CN } from '../../server/src/service/metric-docs';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';
import { sourceFiles } from '../support/l10n-parity';
import { PARTITIONS } from './rules/experiment/slurm-host';

/**
 * Messages and fix titles written as plain literals in the language service's diagnostic code: the message argument
 * of `diagnostic(…)` and `title:`/`message:` properties. Each of these would reach a zh-cn user in English, whatever
 * the fixtures exercise; the rules write them with `t(locale, '…', …)` instead.
 */
export function literalMessages(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const isText = (n: ts.Node | undefined): boolean =>
    !!n &&
    (ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateExpression(n) ||
      (ts.isBinaryExpression(n) && (isText(n.left) || isText(n.right))) ||
      (ts.isConditionalExpression(n) && (isText(n.whenTrue) || isText(n.whenFalse))) ||
      (ts.isParenthesizedExpression(n) && isText(n.expression)));
  const where = (n: ts.Node) => `${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.expression.getText(sf) === 'diagnostic' && isText(n.arguments[4]))
      out.push(`${where(n)} diagnostic message ${n.arguments[4]!.getText(sf).slice(0, 60)}`);
    if (
      ts.isPropertyAssignment(n) &&
      ['title', 'message'].includes(n.name.getText(sf)) &&
      isText(n.initializer) &&
      !/^'\s*'$/.test(n.initializer.getText(sf))
    )
      out.push(`${where(n)} ${n.name.getText(sf)} ${n.initializer.getText(sf).slice(0, 60)}`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * Words that may stay English in a Chinese message because they are names, units or code a user types or reads as
 * such: product and tool names (Liftoff, Slurm, PyTorch, onnxruntime), document kinds (Experiment, BusinessPlan),
 * units and acronyms (GPU, GiB, KB, KPI, SOM/SAM/TAM), optimizer names. Enum values and keys are backquoted in the
 * messages and are removed before this list applies.
 */
export const ALLOWED_WORDS = new Set(
  (
    'Liftoff Slurm PyTorch onnxruntime sbatch sinfo nvidia-smi Experiment BusinessPlan GPU GPUs CPU CPUs GiB KB MB ' +
    'KPI KPIs SOM SAM TAM ONNX CSV YAML JSON URI UTF NUL ISO AUC F1 MaxNodes MaxTime GRES Adam AdamW SGD fp32 h GPU-h'
  ).split(' '),
);

/**
 * The English that remains in a message once code (`…`), quoted input ("…"), paths, URIs and the YAML parser's own
 * words are taken out: runs of two or more English words that are not all names from ALLOWED_WORDS.
 */
export function englishLeft(message: string): string[] {
  const text = message
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/（(?:YAML 解析器|ONNX 读取器)原文：.*?）。/g, ' ')
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ')
    .replace(/(?:^|[\s(（])(?:\/|\.\.?\/)[^\s，。；：）)]+/g, ' ');
  const runs = text.match(/[A-Za-z][\w.-]*(?:[ ]+[A-Za-z][\w.-]*)+/g) ?? [];
  // A word in capitals or with a digit is a name or an identifier (NVIDIA A100-SXM4-80GB, P10), not prose.
  const name = (w: string) => ALLOWED_WORDS.has(w) || /^[A-Z0-9-]+$/.test(w) || /\d/.test(w);
  return runs.filter((run) => run.split(/ +/).some((w) => !name(w.replace(/[.,]$/, ''))));
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

describe('l10n: every language-service message in Chinese under zh-cn', function () {
  this.timeout(120_000);

  it('no diagnostic message or fix title is written as a plain literal in the service (all go through t())', () => {
    const dir = path.join(REPO_ROOT, 'server', 'src', 'service');
    const files = [
      ...sourceFiles(path.join(dir, 'rules')),
      ...sourceFiles(path.join(dir, 'schema')),
      path.join(dir, 'validate.ts'),
      path.join(dir, 'rule-runner.ts'),
    ];
    assert.ok(files.length > 50);
    const found = files.flatMap((f) => literalMessages(path.relative(REPO_ROOT, f), readFileSync(f, 'utf8')));
    assert.deepEqual(found, []);
    // The check can fail: a rule that writes its message or title in place.
    const planted = [
      "out.push(diagnostic(settings, 'EXP-099', 'error', range, `Oops ${x}`));",
      "withFixes(d, [{ title: 'Remove it', edits: [] }]);",
      "diagnostic(settings, 'EXP-099', 'error', range, ok ? t(l, 'A') : 'B');",
      "diagnostic(settings, 'EXP-099', 'error', range, t(l, 'Fine {0}', x));",
    ].join('\n');
    assert.equal(literalMessages('planted.ts', planted).length, 3);
  });

  it('every metric formula shown on hover has its Chinese text', () => {
    assert.deepEqual(Object.keys(METRIC_DOCS_ZH_CN).sort(), Object.keys(METRIC_DOCS).sort());
    for (const [k, v] of Object.entries(METRIC_DOCS_ZH_CN)) assert.ok(hasChinese(v), k);
  });
  const schemas = loadSchemas(path.join(REPO_ROOT, 'schemas'));
  const files = [...yamlFiles(FIXTURES), ...yamlFiles(path.join(REPO_ROOT, 'examples'))];
  const A100 = { name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, memoryUsedMiB: 0, utilizationPct: 0 };
  let runs: string | undefined;
  after(() => runs && rmSync(runs, { recursive: true, force: true }));
  /**
   * A zh-cn service for one document, on the machine the rule fixtures assume (as docs-examples.test.ts does): two
   * A100 GPUs (EXP-017), the rules' fake Slurm cluster (EXP-025/026), EXP-024's past runs in its workspace.
   */
  const service = (file: string) => {
    if (file.includes(`${path.sep}exp-024${path.sep}`) && !runs) {
      runs = mkdtempSync(path.join(tmpdir(), 'liftoff-l10n-runs-'));
      cpSync(path.join(FIXTURES, 'rules', 'exp-024', 'runs'), path.join(runs, '.liftoff', 'runs'), { recursive: true });
    }
    const node = createNodeHost({
      workspaceFolders: [file.includes(`${path.sep}exp-024${path.sep}`) ? runs! : path.dirname(file)],
      gpuProbe: async () => ({ status: 'ok', gpus: [0, 1].map((index) => ({ index, ...A100 })) }),
    });
    return createLanguageService(
      { locale: 'zh-cn' },
      { schemas, host: { ...node, slurmPartitions: async () => PARTITIONS } },
    );
  };

  it('the detector finds English sentences and lets code, quotes, paths and names through', () => {
    assert.deepEqual(englishLeft('`training.loss` 为 `mse`：请使用 `cross_entropy`。'), []);
    assert.deepEqual(
      englishLeft('Slurm 集群上没有分区 `gpu`；sbatch 会拒绝该作业（"invalid partition specified"）。'),
      [],
    );
    assert.deepEqual(englishLeft('查找的路径：/tmp/ab/data.csv；或使用 URI（s3://x/y）。'), []);
    assert.deepEqual(englishLeft('每块 GPU 至少 3.2 GiB；Liftoff 只读取普通文件。'), []);
    assert.deepEqual(englishLeft('规则要求：划分比例之和为 1\n`data.split` fractions sum to 1.2, not 1'), [
      'fractions sum to',
    ]);
    assert.deepEqual(englishLeft('`x` 为 {0}，is not set'), ['is not set']);
    assert.deepEqual(englishLeft('只检测到 2 块：0: NVIDIA A100-SXM4-80GB (80 GiB)。'), []);
  });

  it(`validates ${files.length} fixture and example documents under zh-cn: no message or fix title is English-only`, async () => {
    assert.ok(files.length > 100, `${files.length} documents`);
    const codes = new Set<string>();
    const problems: string[] = [];
    let count = 0;
    for (const file of files) {
      const doc = { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
      const zh = service(file);
      const diagnostics: LiftoffDiagnostic[] = await zh.validate(doc);
      for (const d of diagnostics) {
        count++;
        codes.add(String(d.code));
        const where = `${path.relative(REPO_ROOT, file)} ${String(d.code)}`;
        const message = typeof d.message === 'string' ? d.message : d.message.value;
        if (!hasChinese(message)) problems.push(`${where}: no Chinese in "${message}"`);
        if (message.startsWith('规则要求：')) problems.push(`${where}: untranslated (summary fallback) "${message}"`);
        for (const run of englishLeft(message)) problems.push(`${where}: English "${run}" in "${message}"`);
        for (const a of zh.codeActions(doc, [d])) {
          if (!hasChinese(a.title)) problems.push(`${where}: fix title "${a.title}" has no Chinese`);
          for (const run of englishLeft(a.title)) problems.push(`${where}: English "${run}" in fix "${a.title}"`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(count > 100, `${count} diagnostics`);
    for (const code of [
      'EXP-017',
      'EXP-024',
      'EXP-025',
      'EXP-026',
      'XDOC-001',
      'XDOC-004',
      'PLAN-018',
      'SYNONYM',
      'YAML',
    ])
      assert.ok(codes.has(code), `${code} did not fire: ${[...codes].sort().join(' ')}`);
    assert.ok(codes.size >= 45, `only ${codes.size} rule codes fired: ${[...codes].sort().join(' ')}`);
  });
});
