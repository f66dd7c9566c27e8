/**
 * Every message the language service shows a zh-cn user is in Chinese: each fixture and example document is
 * validated under zh-cn with the real Node host, and every diagnostic message and quick-fix title must be Chinese
 * text, with English left only where it is code or quoted input (see `englishLeft`). The same run in English must
 * show no Chinese that the document itself did not contain, so the catalogue never leaks into the English texts.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LiftoffDiagnostic } from '../../server/src/service';
import { createNodeHost } from '../../server/src/host/node-host';
import { loadSchemas } from '../../server/src/host/schemas';
import { hasChinese } from '../../core/src/l10n';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';

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
  return runs.filter((run) => run.split(/ +/).some((w) => !ALLOWED_WORDS.has(w.replace(/[.,]$/, ''))));
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
  const schemas = loadSchemas(path.join(REPO_ROOT, 'schemas'));
  const files = [...yamlFiles(FIXTURES), ...yamlFiles(path.join(REPO_ROOT, 'examples'))];
  const service = (locale: 'zh-cn' | 'en') =>
    createLanguageService(
      { locale },
      {
        schemas,
        host: createNodeHost({
          workspaceFolders: [REPO_ROOT],
          gpuProbe: async () => ({ status: 'no-driver' }),
        }),
      },
    );

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
  });

  it(`validates ${files.length} fixture and example documents under zh-cn: no message or fix title is English-only`, async () => {
    assert.ok(files.length > 100, `${files.length} documents`);
    const zh = service('zh-cn');
    const codes = new Set<string>();
    const problems: string[] = [];
    let count = 0;
    for (const file of files) {
      const doc = { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
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
    assert.ok(codes.size >= 25, `only ${codes.size} rule codes fired: ${[...codes].sort().join(' ')}`);
  });
});
