/**
 * Every CLI command a zh-cn user runs, and its common mistakes, said in Chinese: over a copy of examples/, the
 * credit-risk example is trained once with the built CLI (`LANG=zh_CN.UTF-8`, the built-in trainer as its child
 * process), then validate, train --dry-run, runs (list, log, rename, note), metrics <folder>, plan export / diff /
 * compute, infer (stdout, --out, missing and unusable input), inspect (--nodes, --diff, not ONNX) and usage errors run
 * in-process with the same environment. No output line may hold a run of three or more English words once code,
 * quoted input, paths and the command syntax are taken out (test/support/english-prose.ts). The same commands
 * without LANG still print English, with no Chinese.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasChinese } from '../../core/src/l10n';
import { cliIn, type CliResult } from '../support/cli';
import { englishProse } from '../support/english-prose';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'cli', 'liftoff.js');
const ZH = { LANG: 'zh_CN.UTF-8' };
const EXPERIMENT = 'credit-risk/credit-risk.experiment.yaml';
const PLAN = 'medical-diagnosis/lung-nodule.plan.yaml';

/**
 * Taken out of a line before looking for English: the command syntax (`liftoff runs rename`, `[--workspace DIR]`,
 * `<model.onnx>`, `npm install -g …`), which a user types as is.
 */
const SYNTAX = [
  /\bliftoff (?:runs (?:log|rename|note)|plan (?:export|diff|compute)|validate|train|infer|inspect|metrics|runs|plan)\b/g,
  /\bnpm install( -g)? \S+/g,
  /\[[^\]]*\]/g,
  /<[^>]*>/g,
];

/**
 * Words a line may hold in either language: the command's name, the word epoch (written as is by Chinese ML users),
 * ONNX element types and the names of this model's operators.
 */
const TERMS = new Set(['liftoff', 'epoch', 'float', 'double', 'int', 'bool', 'string', 'Gemm', 'Relu', 'Softmax']);

/** The English words of a line with no Chinese: whitespace-separated words of letters only (names with `_`, `.`, `-`, digits or quotes are code). */
function englishWords(line: string): string[] {
  return line
    .split(/\s+/)
    .map((w) => w.replace(/^[(（[]+|[)）\],.;:!?…]+$/g, ''))
    .filter((w) => /^[A-Za-z][a-z]+$/.test(w) && !TERMS.has(w));
}

/**
 * The lines of `text` a Chinese reader would find in English: a run of three English words (code, quoted input, paths
 * and the command syntax taken out), or, in a line with no Chinese at all, two English words or more (`liftoff: run
 * <id> of <experiment>`). A `key: value` line of the model's metadata is the model's own text, and a CSV row (infer's
 * predictions, the input's cells) is data.
 */
export function englishLines(text: string): string[] {
  return text.split('\n').filter((line) => {
    if (/^[^\s,]*,/.test(line)) return false;
    const rest = SYNTAX.reduce((l, re) => l.replace(re, ' '), line);
    if (englishProse(rest).length > 0) return true;
    if (hasChinese(line) || /^ {2}[\w.]+: \S+$/.test(line)) return false;
    return englishWords(rest.replace(/`[^`]*`|"[^"]*"/g, ' ')).length >= 2;
  });
}

/** The built CLI as a user runs it, in `cwd`, with `env` on top of this process's environment. */
function bundle(cwd: string, env: Record<string, string>, ...argv: string[]): CliResult {
  const r = spawnSync(process.execPath, [BUNDLE, ...argv], {
    cwd,
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANGUAGE: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('CLI in Chinese (LANG=zh_CN.UTF-8): every command and its common errors', function () {
  this.timeout(60_000);
  let ws: string;
  /** The run each language trained (`runs log` shows a run's own output, which is in the language it ran in). */
  const runs = { zh: '', en: '' };
  const trained: Record<'zh' | 'en', CliResult> = {} as Record<'zh' | 'en', CliResult>;
  const zh = cliIn(() => ws, ZH);
  const en = cliIn(() => ws);

  before(function () {
    if (!existsSync(BUNDLE)) this.skip(); // the unit tier builds first (scripts/test-all.mjs); run `npm run build`
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-zh-sweep-'));
    cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
    const stored = path.join(ws, '.liftoff', 'runs', 'credit-risk-mlp');
    trained.zh = bundle(ws, ZH, 'train', EXPERIMENT);
    runs.zh = readdirSync(stored)[0]!;
    trained.en = bundle(ws, { LANG: 'C.UTF-8' }, 'train', EXPERIMENT);
    runs.en = readdirSync(stored).find((id) => id !== runs.zh)!;
    // A plan that changed (less cash, a larger risk), for plan diff; an experiment with errors; input that is not
    // what the model needs; a file that is not ONNX.
    writeFileSync(
      path.join(ws, 'medical-diagnosis', 'changed.plan.yaml'),
      readFileSync(path.join(ws, PLAN), 'utf8')
        .replace('cash_on_hand: "¥3M"', 'cash_on_hand: "¥1M"')
        .replace('likelihood: 2, impact: 4', 'likelihood: 4, impact: 5'),
    );
    writeFileSync(path.join(ws, 'bad.experiment.yaml'), 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {}\n');
    writeFileSync(
      path.join(ws, 'rows.csv'),
      readFileSync(path.join(ws, 'credit-risk/data/applications.csv'), 'utf8').split('\n').slice(0, 4).join('\n'),
    );
    writeFileSync(path.join(ws, 'wrong.csv'), 'a,b\n1,2\n');
    writeFileSync(path.join(ws, 'notes.onnx'), 'not a model\n');
    mkdirLogs(path.join(ws, 'logs'));
    // A text model with its tokenizer, lines of text, and an experiment that says how to read them.
    for (const f of ['tiny-text.onnx', 'tokenizer.json'])
      cpSync(path.join(FIXTURES, 'onnx', 'tiny-text', f), path.join(ws, f));
    writeFileSync(path.join(ws, 'reviews.txt'), 'A really good movie\n\nterrible, "awful" film\ngreat\n');
    writeFileSync(
      path.join(ws, 'text.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: t}\ninference: {text: {tokenizer: tokenizer.json, max_length: 3}, top_k: 1}\n',
    );
  });
  after(() => ws && rmSync(ws, { recursive: true, force: true }));

  const model = (run: string) => `.liftoff/runs/credit-risk-mlp/${run}/model.onnx`;
  const runDir = (run: string) => `.liftoff/runs/credit-risk-mlp/${run}`;
  const other = path.join(FIXTURES, 'onnx', 'pytorch-mlp.onnx');

  /** Each command of the sweep: its arguments for a run (known only once trained). */
  const commands: Array<[string, (run: string) => string[]]> = [
    ['validate (clean)', () => ['validate', EXPERIMENT]],
    ['validate (errors)', () => ['validate', 'bad.experiment.yaml']],
    ['validate (missing file)', () => ['validate', 'nope.yaml']],
    ['train --dry-run', () => ['train', EXPERIMENT, '--dry-run']],
    ['train (errors)', () => ['train', 'bad.experiment.yaml']],
    ['train (a plan)', () => ['train', PLAN]],
    ['runs', () => ['runs']],
    ['runs log', (run) => ['runs', 'log', run.slice(0, 20)]],
    ['runs log (no such run)', () => ['runs', 'log', 'nope']],
    ['runs rename', (run) => ['runs', 'rename', run.slice(0, 20), 'base']],
    ['runs note', (run) => ['runs', 'note', run.slice(0, 20), 'first try']],
    ['runs rename (usage)', () => ['runs', 'rename']],
    ['metrics <run folder>', (run) => ['metrics', runDir(run)]],
    ['metrics <log folder>', () => ['metrics', 'logs']],
    ['metrics (missing folder)', () => ['metrics', 'nope']],
    ['metrics (usage)', () => ['metrics']],
    ['plan export', () => ['plan', 'export', PLAN, '--format', 'md', '--out', 'plan.md']],
    ['plan export (no folder)', () => ['plan', 'export', PLAN, '--out', 'nowhere/plan.md']],
    ['plan diff', () => ['plan', 'diff', PLAN, 'medical-diagnosis/changed.plan.yaml']],
    ['plan diff --out', () => ['plan', 'diff', PLAN, 'medical-diagnosis/changed.plan.yaml', '--out', 'diff.md']],
    ['plan compute', () => ['plan', 'compute', PLAN, '--as-of', '2026-06-30']],
    ['plan (no subcommand)', () => ['plan']],
    ['infer', (run) => ['infer', model(run), 'rows.csv']],
    [
      'infer --experiment --top-k',
      (run) => ['infer', model(run), 'rows.csv', '--experiment', EXPERIMENT, '--top-k', '5'],
    ],
    ['infer --out', (run) => ['infer', model(run), 'rows.csv', '--out', 'results.csv']],
    ['infer (missing input)', (run) => ['infer', model(run), 'credit-risk/data/credit.csv']],
    ['infer (wrong columns)', (run) => ['infer', model(run), 'wrong.csv']],
    ['infer (usage)', (run) => ['infer', model(run)]],
    ['infer (text lines)', () => ['infer', 'tiny-text.onnx', 'reviews.txt', '--experiment', 'text.experiment.yaml']],
    ['infer (text, missing)', () => ['infer', 'tiny-text.onnx', 'nope.txt', '--experiment', 'text.experiment.yaml']],
    ['inspect', (run) => ['inspect', model(run)]],
    ['inspect --nodes', (run) => ['inspect', model(run), '--nodes']],
    ['inspect --diff', (run) => ['inspect', model(run), '--diff', other]],
    ['inspect (not ONNX)', () => ['inspect', 'notes.onnx']],
    ['inspect (missing)', () => ['inspect', 'nope.onnx']],
    ['--help', () => ['--help']],
    ['validate (bad option value)', () => ['validate', '.', '--max-file-size', '0']],
    ['train --format without --dry-run', () => ['train', EXPERIMENT, '--format', 'json']],
    ['unknown command', () => ['launch']],
    ['unknown option', () => ['runs', '--colour']],
  ];

  it('trains the example with the built CLI: the run line and the built-in trainer’s lines in Chinese', () => {
    const r = trained.zh;
    assert.equal(r.code, 0, r.err);
    const all = r.out + r.err;
    assert.deepEqual(englishLines(all), []);
    assert.match(all, /^liftoff: credit-risk-mlp 的运行 \S+ → /m);
    assert.match(all, /^数据：训练 1400 行、验证 300 行、测试 300 行，7 个特征，类别 good, default$/m);
    assert.match(all, /^最佳 val_auc [\d.]+（第 \d+ 个 epoch）；.*已导出 artifacts\/model\.onnx（opset 17）/m);
    const e = trained.en;
    assert.equal(e.code, 0, e.err);
    assert.ok(!hasChinese(e.out + e.err), e.out + e.err);
    assert.match(e.out, /^data: train 1400, validation 300, test 300 rows, 7 features, classes good, default$/m);
    assert.match(e.err, /^liftoff: run \S+ of credit-risk-mlp → /m);
  });

  it('every other command and error path: no English sentence left in what it prints', async () => {
    const failures: string[] = [];
    for (const [name, argv] of commands) {
      const r = await zh(...argv(runs.zh));
      const all = `${r.out}\n${r.err}`;
      const left = englishLines(all);
      if (left.length) failures.push(`${name} (liftoff ${argv(runs.zh).join(' ')}):\n    ${left.join('\n    ')}`);
      if (!hasChinese(all)) failures.push(`${name}: nothing in Chinese:\n${all}`);
    }
    assert.deepEqual(failures, []);
  });

  it('says the figures, labels and notes themselves in Chinese (samples), the same in English without LANG', async () => {
    const diff = await zh('plan', 'diff', PLAN, 'medical-diagnosis/changed.plan.yaml');
    assert.match(diff.out, /^\| 资金跑道 \| 10 个月 \| 3\\\.3 个月 \| \\-6\.7 个月 ▼ 变差 \|$/m);
    assert.match(diff.out, /^\| 资金耗尽日期 \| .* \| 早了 6\.7 个月 ▼ 变差 \|$/m);
    const ediff = await en('plan', 'diff', PLAN, 'medical-diagnosis/changed.plan.yaml');
    assert.match(ediff.out, /^\| Runway \| 10 months \| 3\\\.3 months \| \\-6\.7 months ▼ worse \|$/m);
    const dry = await zh('train', EXPERIMENT, '--dry-run');
    assert.match(dry.out, /^启动器：local\n运行文件夹：.*（未创建：真正启动时会生成新的运行 ID）$/m);
    assert.match(dry.out, /^ {2}LIFTOFF_LOCALE=zh-cn$/m);
    const inspect = await zh('inspect', `.liftoff/runs/credit-risk-mlp/${runs.zh}/model.onnx`);
    assert.match(inspect.out, /^算子（6 个节点）：$/m);
    assert.match(inspect.out, /^参数：818（818），共 6 个张量，3\.2 KiB$/m);
    const einspect = await en('inspect', `.liftoff/runs/credit-risk-mlp/${runs.en}/model.onnx`);
    assert.match(einspect.out, /^Parameters: 818 \(818\) in 6 tensors, 3\.2 KiB$/m);
  });

  it('the same commands without LANG print English, and no Chinese', async () => {
    const failures: string[] = [];
    let prose = 0;
    for (const [name, argv] of commands) {
      const r = await en(...argv(runs.en));
      const all = `${r.out}\n${r.err}`;
      if (hasChinese(all)) failures.push(`${name}: Chinese in English output:\n${all}`);
      prose += englishLines(all).length;
    }
    assert.deepEqual(failures, []);
    assert.ok(prose >= commands.length, `English sentences across the commands: ${prose}`);
  });

  it('the check finds a sentence left in English, and passes names, code, paths and syntax (it can fail)', () => {
    assert.deepEqual(englishLines('liftoff: run 2026 of credit-risk-mlp → .liftoff/runs/x'), [
      'liftoff: run 2026 of credit-risk-mlp → .liftoff/runs/x',
    ]);
    assert.deepEqual(englishLines('参数：818（818），共 6 个张量\n  Parameters: 818 (818) in 6 tensors'), [
      '  Parameters: 818 (818) in 6 tensors',
    ]);
    assert.deepEqual(
      englishLines(
        [
          '用法：liftoff runs rename <run> <name> [--workspace DIR]',
          'epoch 3/30  train_loss 0.5887  val_loss 0.5783  val_auc 0.7311  (0.01 s)',
          '  liftoff.preprocessing: folded-standardize',
          "liftoff infer: 'missing.csv' 不存在",
          '1,A really good movie,positive,0.95',
          '`training.optimizer.type` 必须是以下之一',
        ].join('\n'),
      ),
      [],
    );
  });
});

/** A folder of logs Liftoff did not write: a Lightning CSV log. */
function mkdirLogs(dir: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(FIXTURES, 'metrics', 'lightning-v2.csv'), path.join(dir, 'metrics.csv'));
}
