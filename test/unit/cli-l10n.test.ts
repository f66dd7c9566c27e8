/**
 * The CLI in Chinese: `--help`, usage errors, the workspace line and validate's lines follow `--lang zh-cn` or a
 * zh_CN locale, and the Chinese help keeps every command line and option of the English one (a command or option
 * added to one help and not the other fails here).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main, USAGE } from '../../cli/src/main';
import { USAGE_ZH_CN } from '../../cli/src/usage-zh-cn';
import { hasChinese } from '../../core/src/l10n';
import { REPO_ROOT } from '../support/fixtures';

/** The `liftoff …` command lines and the `--options` of a help text. */
function helpShape(help: string): { commands: string[]; options: string[] } {
  const commands = [...help.matchAll(/^ {2}liftoff ([a-z][\w-]*(?: [a-z][\w-]*)?)/gm)].map((m) => m[1]!).sort();
  const options = [...new Set([...help.matchAll(/--[a-z][\w-]*/g)].map((m) => m[0]))].sort();
  return { commands, options };
}

function helpProblems(english: string, chinese: string): string[] {
  const en = helpShape(english);
  const zh = helpShape(chinese);
  return [
    ...en.commands.filter((c) => !zh.commands.includes(c)).map((c) => `the Chinese help lacks 'liftoff ${c}'`),
    ...zh.commands.filter((c) => !en.commands.includes(c)).map((c) => `the English help lacks 'liftoff ${c}'`),
    ...en.options.filter((o) => !zh.options.includes(o)).map((o) => `the Chinese help lacks ${o}`),
    ...zh.options.filter((o) => !en.options.includes(o)).map((o) => `the English help lacks ${o}`),
  ];
}

describe('CLI in Chinese (--lang zh-cn, LANG=zh_CN)', () => {
  const run = async (args: string[], env: Record<string, string> = {}, cwd = path.join(REPO_ROOT, 'examples')) => {
    let out = '';
    let err = '';
    const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), cwd, env });
    return { code, out, err };
  };
  const file = 'credit-risk/credit-risk.experiment.yaml';

  it('the Chinese help has every command line and option of the English help, and no other', () => {
    assert.ok(helpShape(USAGE).commands.length >= 9);
    assert.ok(helpShape(USAGE).options.length >= 15);
    assert.deepEqual(helpProblems(USAGE, USAGE_ZH_CN), []);
  });

  it('fails when a command or an option is added to one help only (the check can fail)', () => {
    const added = USAGE.replace(
      '  liftoff runs [',
      '  liftoff runs archive <run-id> [--workspace DIR]\n  liftoff runs [',
    );
    assert.deepEqual(helpProblems(added, USAGE_ZH_CN), ["the Chinese help lacks 'liftoff runs archive'"]);
    assert.deepEqual(helpProblems(USAGE, USAGE_ZH_CN.replace('[--jobs N]', '[--jobs N] [--quiet]')), [
      'the English help lacks --quiet',
    ]);
  });

  it('--help in Chinese with --lang zh-cn or LANG=zh_CN.UTF-8; in English otherwise', async () => {
    for (const r of [await run(['--help', '--lang', 'zh-cn']), await run(['--help'], { LANG: 'zh_CN.UTF-8' })]) {
      assert.equal(r.code, 0);
      assert.equal(r.out, USAGE_ZH_CN);
      assert.match(r.out, /^用法：$/m);
    }
    assert.equal((await run(['--help'])).out, USAGE);
    assert.equal((await run(['--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).out, USAGE);
  });

  it('usage errors and an unknown command in Chinese, exit 2, with the command line in its usage', async () => {
    const bad = await run(['validate', file, '--bogus', '--lang', 'zh-cn']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^liftoff validate: 未知选项 '--bogus'\n用法：liftoff validate <files/m);
    const value = await run(['validate', file, '--format', 'xml'], { LANG: 'zh_CN.UTF-8' });
    assert.match(value.err, /选项 '--format' 必须是 text, json, sarif 之一，而不是 'xml'/);
    const none = await run(['validate', '--lang=zh-cn']);
    assert.match(none.err, /请至少给出一个文件、文件夹或 glob 模式/);
    const runs = await run(['runs', '--format'], { LANG: 'zh_CN.UTF-8' });
    assert.equal(runs.code, 2);
    assert.match(runs.err, /^liftoff runs: 选项 '--format' 需要一个值\n用法：liftoff runs/m);
    const unknown = await run(['trian', '--lang', 'zh-cn']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /未知命令 'trian'。运行 'liftoff --help' 查看命令列表。/);
    const train = await run(['train', file, '--format', 'json', '--lang', 'zh-cn']);
    assert.equal(train.code, 2);
    assert.match(train.err, /^liftoff train: --format 只能与 --dry-run 一起使用\n用法：liftoff train/m);
    const prefix = await run(['train', file, '--slurm-prefix', '"ssh x"', '--dry-run'], { LANG: 'zh_CN.UTF-8' });
    assert.match(prefix.err, /选项 '--slurm-prefix' 只接受以空格分隔的单词/);
    const english = await run(['validate', file, '--bogus']);
    assert.match(english.err, /^liftoff validate: unknown option '--bogus'\nUsage: liftoff validate/m);
  });

  it('the workspace line and validate’s lines in Chinese; no English sentence left in them', async () => {
    const r = await run(['validate', file, '--lang', 'zh-cn']);
    assert.equal(r.code, 0);
    assert.match(r.err, /^liftoff: 工作区 \S+（最近的含有 \.git 的文件夹）$/m);
    assert.match(r.out, /^已检查 1 个文件：0 个错误，0 个警告。$/m);
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-l10n-'));
    try {
      writeFileSync(path.join(dir, 'notes.yaml'), 'a: 1\n');
      const nothing = await run(['validate', 'notes.yaml', dir, '--workspace', dir, '--lang', 'zh-cn'], {}, dir);
      assert.equal(nothing.code, 2);
      assert.match(nothing.err, /^liftoff: 工作区 \.（由 --workspace 指定）$/m);
      assert.match(nothing.err, /'notes\.yaml' 不是 Liftoff 文档（没有 `apiVersion: liftoff\/v1`/);
      assert.match(nothing.err, /文件夹 '.*' 中有 1 个 YAML 文件，但都不是 Liftoff 文档/);
      const out = await run(
        [
          'validate',
          path.join(REPO_ROOT, 'examples', file),
          '--out',
          path.join(dir, 'r.json'),
          '-f',
          'json',
          '--lang',
          'zh-cn',
        ],
        {},
        dir,
      );
      assert.match(out.out, /^已检查 1 个文件：0 个错误，0 个警告；JSON 报告已写入 .*r\.json。$/m);
      for (const line of [...nothing.err.split('\n'), ...out.out.split('\n')].filter(Boolean))
        assert.ok(hasChinese(line), line);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a validate finding prints its rule message in Chinese', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-l10n-'));
    try {
      writeFileSync(
        path.join(dir, 'x.plan.yaml'),
        'apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: x, currency: CNY}\n',
      );
      const r = await run(['validate', 'x.plan.yaml', '--lang', 'zh-cn'], {}, dir);
      assert.match(r.out, /^x\.plan\.yaml:\d+:\d+ warning PLAN-001 计划书缺少 /m);
      assert.match(r.out, /^已检查 1 个文件：0 个错误，\d+ 个警告。$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
