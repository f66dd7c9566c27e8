/**
 * Why a run is in its state, in the reader's language: the writers of run.json store a reason code beside the
 * English `reason` (core/src/runs/run-reason.ts), and the Runs view's tooltip, `liftoff runs`, `liftoff runs log`
 * say it in Chinese for a zh-cn reader. An old run.json (no code), a stale code and a forged one show the English.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasChinese, ZH_CN } from '../../core/src/l10n';
import { startRun } from '../../core/src/launchers/runner';
import { describeExit } from '../../core/src/launchers/exit-recorder';
import { mapJobState, mapJobStateWithCode } from '../../core/src/launchers/slurm/run-state';
import { checkRecord } from '../../core/src/runs/record-check';
import {
  because,
  checkReasonCode,
  reasonPhrase,
  reasonText,
  RUN_REASONS,
  type RunReasonName,
} from '../../core/src/runs/run-reason';
import { RunStore } from '../../core/src/runs/run-store';
import { formatTimelineEntry, readRunTimeline } from '../../core/src/runs/run-log';
import { runTooltipMarkdown } from '../../client/src/runs/run-tooltip';
import { cliIn } from '../support/cli';

describe('run.json reasons in the reader’s language', () => {
  let ws: string;
  let store: RunStore;
  const cli = cliIn(() => ws);
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-run-reason-'));
    store = new RunStore(ws);
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));
  const create = () =>
    store.create({ experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } }, '');

  it('every code has a Chinese text, and the English a writer stores is the text it stored before codes', () => {
    for (const p of Object.values(RUN_REASONS)) {
      const zh = ZH_CN[p.text];
      assert.ok(zh !== undefined && (hasChinese(zh) || !/[a-z]{2}/.test(p.text)), p.text);
    }
    assert.equal(
      because('command-not-found', 'python3').reason,
      '`python3` was not found: install it or set run.python / fix run.command.',
    );
    assert.equal(describeExit(137, 'python'), 'exit code 137 (killed by signal 9)');
    assert.equal(describeExit(126, 'x.sh'), '`x.sh` could not be executed (not executable?): check run.command.');
    const job = {
      jobId: '1',
      source: 'scontrol' as const,
      state: 'TIMEOUT',
      reason: 'TimeLimit',
      timeLimit: '00:01:00',
      exitCode: 0,
      signal: 15,
    };
    const mapped = mapJobStateWithCode(job);
    assert.equal(
      mapped.reason,
      'TIMEOUT (time limit 00:01:00): the job reached its time limit; raise resources.time_limit',
    );
    assert.equal(mapJobState(job).reason, mapped.reason);
    assert.equal(
      reasonText('zh-cn', mapped),
      'TIMEOUT（时间上限 00:01:00）：作业达到了时间上限；请提高 resources.time_limit',
    );
    // Slurm's own words have no code and read as Slurm wrote them.
    const pending = mapJobStateWithCode({ jobId: '1', source: 'scontrol', state: 'PENDING', reason: 'Priority' });
    assert.equal(pending.reasonCode, undefined);
    assert.equal(reasonText('zh-cn', pending), 'PENDING (Priority)');
  });

  it('a training command that cannot be found: run.json holds the code, the tooltip and `liftoff runs` say it in Chinese', async function () {
    this.timeout(20000);
    const { dir } = await create();
    const final = await (
      await startRun(store, dir, { argv: ['no-such-python3'], cwd: ws, env: {}, gpus: 0, notes: [] })
    ).done;
    const json = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(json.reason, '`no-such-python3` was not found: install it or set run.python / fix run.command.');
    assert.deepEqual(json.reasonCode, { code: 'command-not-found', args: ['no-such-python3'] });
    const read = (await RunStore.read(dir))!;
    assert.equal(
      reasonText('zh-cn', read),
      '找不到 `no-such-python3`：请安装它，或设置 run.python / 修正 run.command。',
    );
    assert.equal(reasonText('en', read), final.reason);

    const zhTip = runTooltipMarkdown(read, { locale: 'zh-cn', tr: (s, ...a) => (s === 'State:' ? '状态：' : s) + a });
    assert.match(zhTip, /状态： \*\*已失败\*\* \(找不到 \\`no\\-such\\-python3\\`/);
    assert.match(runTooltipMarkdown(read), /State: \*\*failed\*\* \(\\`no\\-such\\-python3\\` was not found/);

    const zh = await cli('runs', '--lang', 'zh-cn');
    assert.equal(zh.code, 0, zh.err);
    assert.match(zh.out, /找不到 `no-such-python3`：请安装它/);
    const en = await cli('runs');
    assert.match(en.out, /`no-such-python3` was not found: install it/);

    // `liftoff runs log`: the state change from the timeline, in Chinese.
    const log = await cli('runs', 'log', read.id, '--lang', 'zh-cn');
    assert.equal(log.code, 0, log.err);
    assert.match(log.out, /── 已失败：找不到 `no-such-python3`/);
  });

  it('a run.json from before codes, a stale code and a forged one: the English reason is shown', async () => {
    const { dir } = await create();
    // Old: no code.
    await store.update(dir, { state: 'failed', reason: 'exit code 3' });
    assert.equal(reasonText('zh-cn', (await RunStore.read(dir))!), 'exit code 3');
    // A writer that knew no codes changed the reason only: the code it left is dropped on update and on read.
    await store.update(dir, { state: 'failed', ...because('exit-code', 5) });
    assert.equal(reasonText('zh-cn', (await RunStore.read(dir))!), '退出码 5');
    await store.update(dir, { reason: 'exit code 4' });
    assert.equal((await RunStore.read(dir))!.reasonCode, undefined);
    const raw = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...raw, reasonCode: { code: 'exit-code', args: [5] } }));
    const stale = (await RunStore.read(dir))!;
    assert.equal(stale.reasonCode, undefined);
    assert.equal(reasonText('zh-cn', stale), 'exit code 4');
    // Every timeline line reads back; the English reason is kept whatever the code.
    const states = readRunTimeline({ dir, record: stale }).filter((e) => e.kind === 'state');
    assert.deepEqual(
      states.map((e) => formatTimelineEntry(e, { locale: 'zh-cn' }).slice(13)),
      ['── 排队中', '── 已失败：exit code 3', '── 已失败：退出码 5', '── 已失败：exit code 4'],
    );
  });

  it('checkReasonCode takes only a known code with the right arguments: hostile values are dropped', () => {
    const ok = {
      code: 'slurm-ended',
      args: ['TIMEOUT', { code: 'slurm-time-limit', args: ['1:00'] }, { code: 'slurm-hint-timeout', args: [] }],
    };
    assert.deepEqual(checkReasonCode(ok), ok);
    const bad: unknown[] = [
      null,
      'exit-code',
      [],
      { code: 'nope', args: [] },
      { code: 'toString', args: [] },
      { code: '__proto__', args: [] },
      { code: 'exit-code' },
      { code: 'exit-code', args: [] },
      { code: 'exit-code', args: [1, 2] },
      { code: 'exit-code', args: [NaN] },
      { code: 'exit-code', args: [true] },
      { code: 'exit-code', args: ['x'.repeat(2001)] },
      { code: 'exit-code', args: [{ code: 'nope', args: [] }] },
      { code: 'no-exit-status', args: ['extra'] },
    ];
    for (const v of bad) assert.equal(checkReasonCode(v), undefined, JSON.stringify(v));
    // Codes nested deeper than two levels are refused (no unbounded recursion on a crafted file).
    let deep: unknown = { code: 'no-exit-status', args: [] };
    for (let i = 0; i < 3; i++) deep = { code: 'recorded-after-runner', args: [deep] };
    assert.equal(checkReasonCode(deep), undefined);
    let deeper: unknown = { code: 'no-exit-status', args: [] };
    for (let i = 0; i < 10_000; i++) deeper = { code: 'recorded-after-runner', args: [deeper] };
    assert.equal(checkReasonCode(deeper), undefined);
    // Through checkRecord: a forged code never survives a read.
    const record = checkRecord(
      {
        id: '20260101-000000-abcd',
        experiment: 'e',
        state: 'failed',
        launcher: 'local',
        reason: 'exit code 1',
        reasonCode: { code: 'exit-code', args: [{ toString: 'x' }] },
      },
      '/w/.liftoff/runs/e/20260101-000000-abcd',
    );
    assert.equal(record?.reasonCode, undefined);
    assert.equal(record?.reason, 'exit code 1');
  });

  it('every code says, in English, a sentence with its placeholders filled', () => {
    for (const [code, p] of Object.entries(RUN_REASONS)) {
      const n = new Set([...p.text.matchAll(/\{(\d+)\}/g)].map((m) => m[1])).size;
      const c = checkReasonCode({ code, args: Array.from({ length: n }, (_, i) => `a${i}`) });
      assert.ok(c, code);
      assert.ok(!/\{\d\}/.test(because(code as RunReasonName, ...c.args).reason), code);
      assert.equal(reasonPhrase(c).text, p.text);
    }
  });
});
