/**
 * The CLI's own sentences in Chinese with `--lang zh-cn` (and English without): `runs rename` / `runs note`, a run
 * it cannot find, and `train` refusing an experiment with errors. The words are checked against the zh-cn table by
 * test/unit/l10n.test.ts; here, that the commands say them.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasChinese } from '../../core/src/l10n';
import { cliIn } from '../support/cli';
import { runRecord, writeRunFolder } from '../support/run-records';

describe('CLI sentences in Chinese (--lang zh-cn)', () => {
  let ws: string;
  const cli = cliIn(() => ws);
  const ID = '20261206-010203-00112233aabbccdd';
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cli-l10n-'));
    writeRunFolder(ws, runRecord({ id: ID, cwd: ws }), { 'metrics.jsonl': '' });
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('runs rename and runs note say what they did in Chinese; in English without --lang', async () => {
    const zh = await cli('runs', 'rename', '20261206', 'base', '--lang', 'zh-cn');
    assert.equal(zh.code, 0, zh.err);
    assert.equal(zh.out, `exp ${ID} 现在名为 'base'\n`);
    const note = await cli('runs', 'note', 'base', 'one\ntwo', '--lang', 'zh-cn');
    assert.equal(note.out, `exp ${ID}：备注已保存（2 行）\n`);
    assert.equal((await cli('runs', 'note', 'base', '')).out, `exp ${ID}: notes cleared\n`);
    const missing = await cli('runs', 'rename', 'nope', 'x', '--lang', 'zh-cn');
    assert.equal(missing.code, 1);
    assert.match(
      missing.err,
      /没有运行 'nope'（既不是运行 ID、ID 的开头，也不是名称）；`liftoff runs` 会列出所有运行（在 /,
    );
    const usage = await cli('runs', 'note', ID, '--lang', 'zh-cn');
    assert.equal(usage.code, 2);
    assert.match(usage.err, /要写什么备注？\n用法：liftoff runs note/);
  });

  it('train refuses an experiment with errors in Chinese', async () => {
    writeFileSync(path.join(ws, 'bad.experiment.yaml'), 'apiVersion: liftoff/v1\nkind: Experiment\n');
    const r = await cli('train', 'bad.experiment.yaml', '--lang', 'zh-cn');
    assert.equal(r.code, 1);
    const last = r.err.trim().split('\n').pop()!;
    assert.match(last, /^liftoff train: bad\.experiment\.yaml 有 \d+ 个错误；请先修正/);
    assert.ok(hasChinese(last));
    const en = await cli('train', 'bad.experiment.yaml');
    assert.match(en.err, /bad\.experiment\.yaml has \d+ errors?; fix (it|them) first\.\n$/);
  });
});
