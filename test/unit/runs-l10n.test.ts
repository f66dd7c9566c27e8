/**
 * Why a run failed and what state it is in, in the reader's language: diagnoseRun's titles, details, fixes and
 * Liftoff's own evidence through `diagnosisIn` (the Runs view with VS Code's language, `liftoff runs` / `liftoff
 * train` with --lang / LANG), and the state words (`stateText`). The run's own output stays as it printed it.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hasChinese, say } from '../../core/src/l10n';
import { diagnoseRun, diagnosisIn, type Diagnosis, type RunFacts } from '../../core/src/runs/diagnose';
import { diagnosisLines } from '../../core/src/runs/explain';
import { retryDecision, retryPolicyOf } from '../../core/src/runs/retry';
import { runEndMessage } from '../../core/src/runs/run-end';
import { stateText } from '../../core/src/runs/run-reason';
import { DEFAULT_FILES, RUN_STATES, type RunRecord } from '../../core/src/runs/run-record';
import { runTooltipMarkdown } from '../../client/src/runs/run-tooltip';
import { displayWidth } from '../../cli/src/runs';
import { cliIn } from '../support/cli';
import { FIXTURES } from '../support/fixtures';

/** Runs of three or more English words once code-like words (a.b, snake_case, NAME=…) and quoted names are out. */
function englishProse(text: string): string[] {
  const rest = text
    .replace(/'[^']*'/g, ' ')
    .replace(/\S*[._=/]\S*/g, ' ')
    .replace(/\b(NCCL|CUDA|GPU|Slurm|Liftoff|DataLoader|MASTER_ADDR|NaN|Inf|rendezvous|scancel|pip install)\b/g, ' ');
  return rest.match(/[A-Za-z][a-z]+(?:[ ]+[A-Za-z][a-z]+){2,}/g) ?? [];
}

function assertChinese(text: string): void {
  assert.ok(hasChinese(text), text);
  assert.deepEqual(englishProse(text), [], `English left in: ${text}`);
}

const DIR = path.join(FIXTURES, 'failures');
const EXPERIMENT = {
  training: {
    batch_size: 256,
    gradient_accumulation: 1,
    epochs: 10,
    optimizer: { type: 'adam', learning_rate: 0.001 },
  },
  resources: { memory_gb: 16, time_limit: '01:00:00' },
};

function facts(name: string, extra: Partial<RunFacts> = {}): RunFacts {
  const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
  const status = Number(read(`${name}.status`).trim());
  return {
    state: 'failed',
    exitCode: status > 128 ? null : status,
    signal: status === 137 ? 'SIGKILL' : null,
    stdoutTail: read(`${name}.out`),
    stderrTail: read(`${name}.err`),
    experiment: EXPERIMENT,
    ...extra,
  };
}

/** One run of each cause diagnoseRun tells apart. */
const CASES: Array<[string, RunFacts]> = [
  ['cuda-oom', facts('cuda-oom')],
  ['host-oom', facts('host-oom')],
  ['missing-file', facts('missing-file')],
  ['missing-module', facts('missing-module')],
  ['diverged', facts('nan-loss', { lastMetrics: { loss: Number.NaN } })],
  ['distributed', facts('nccl')],
  ['time-limit', { state: 'failed', slurmState: 'TIMEOUT', reason: 'time limit', experiment: EXPERIMENT }],
  ['preempted', { state: 'failed', slurmState: 'PREEMPTED', experiment: EXPERIMENT }],
  ['node-failure', { state: 'failed', slurmState: 'NODE_FAIL', experiment: EXPERIMENT }],
  ['stopped-by-user', { state: 'cancelled' }],
  ['exit-status', { state: 'failed', exitCode: 3, stderrTail: 'nothing useful\n' }],
  ['exit-status', { state: 'failed', signal: 'SIGTERM' }],
  ['exit-status', { state: 'failed', slurmState: 'FAILED' }],
];

describe('l10n: why a run failed, and its state, in the reader’s language', () => {
  it('every cause: title, detail, fixes and Liftoff’s own evidence in Chinese; the run’s output as it printed it', () => {
    const seen = new Set<string>();
    for (const [cause, f] of CASES) {
      const en = diagnoseRun(f)!;
      assert.equal(en.cause, cause);
      seen.add(cause);
      assert.equal(diagnosisIn('en', en), en);
      assert.ok(!hasChinese(JSON.stringify(en)), cause);
      const zh = diagnosisIn('zh-cn', en);
      assertChinese(zh.title);
      assertChinese(zh.detail);
      for (const plan of [...(zh.fix ? [zh.fix] : []), ...(zh.alternatives ?? [])]) assertChinese(plan.title);
      assert.deepEqual(zh.fix?.changes, en.fix?.changes, `${cause}: the edit is the same in either language`);
      zh.evidence.forEach((e, i) => {
        const orig = en.evidence[i]!;
        if (orig.phrase) assert.ok(hasChinese(e.text), `${cause}: ${e.text}`);
        else assert.equal(e.text, orig.text, `${cause}: a log line stays as printed`);
      });
      const lines = diagnosisLines(en, 'zh-cn');
      assert.match(lines[0]!, /^原因：/);
      if (en.fix)
        assert.ok(
          lines.some((l) => /^ {2}修复：/.test(l)),
          lines.join('\n'),
        );
    }
    assert.equal(seen.size, 11, 'a case for every cause');
    // English by default, as before.
    const d: Diagnosis = diagnoseRun(facts('cuda-oom'))!;
    assert.match(diagnosisLines(d)[0]!, /^cause: CUDA out of memory$/);
  });

  it('state words: each state has its own Chinese word; an unknown state shows as written; English unchanged', () => {
    const words = RUN_STATES.map((s) => stateText('zh-cn', s));
    for (const w of words) assert.ok(hasChinese(w), w);
    assert.equal(new Set(words).size, RUN_STATES.length);
    for (const s of RUN_STATES) assert.equal(stateText('en', s), s);
    assert.equal(stateText('zh-cn', 'paused'), 'paused');
    assert.equal(displayWidth('已失败 x'), 8);
  });

  it('the notification when a run ends: in the locale, with the cause and the fix; English by default', () => {
    const r = { id: 'r1', experiment: 'exp', state: 'failed' as const, reason: 'exit code 1' };
    const d = diagnoseRun(facts('cuda-oom'))!;
    const zh = runEndMessage(r, 'failure', { diagnosis: diagnosisIn('zh-cn', d), locale: 'zh-cn' })!;
    assert.match(zh.message, /^exp 的运行 r1 失败：CUDA 显存不足。修复：把 training\.batch_size 减半/);
    assertChinese(zh.message);
    const en = runEndMessage(r, 'failure', { diagnosis: d })!;
    assert.match(en.message, /^Run r1 of exp failed: CUDA out of memory\. Fix: Halve training\.batch_size/);
    const ok = runEndMessage({ ...r, state: 'succeeded' }, 'all', {
      primary: { name: 'val_loss', value: 0.25 },
      locale: 'zh-cn',
    })!;
    assert.equal(ok.message, 'exp 的运行 r1 已成功：val_loss 0.25。');
  });

  it('run.retry’s decision printed into the run’s output: every branch in Chinese; English unchanged', () => {
    const all = retryPolicyOf({
      run: { retry: { max: 2, on: ['preempted', 'time_limit', 'failed', 'distributed'] } },
    })!;
    const one = retryPolicyOf({ run: { retry: { max: 1, on: ['preempted'] } } })!;
    const withCkpt = { ...EXPERIMENT, training: { ...EXPERIMENT.training, checkpoint: { dir: 'ckpt' } } };
    const decisions = [
      ...CASES.map(([, f]) => retryDecision(all, diagnoseRun(f), 1, EXPERIMENT)),
      retryDecision(all, diagnoseRun(CASES[6]![1]), 1, withCkpt),
      retryDecision(all, diagnoseRun(CASES[7]![1]), 3, EXPERIMENT),
      retryDecision(one, diagnoseRun(CASES[7]![1]), 2, EXPERIMENT),
      retryDecision(one, diagnoseRun(CASES[8]![1]), 1, EXPERIMENT),
      retryDecision(all, undefined, 1, EXPERIMENT),
    ];
    for (const d of decisions) {
      assert.equal(say('en', d.whyPhrase), d.why);
      assertChinese(say('zh-cn', d.whyPhrase));
    }
    const why = decisions.map((d) => d.why);
    assert.ok(why.includes('not retrying: 1 retry used (run.retry.max)'), why.join('\n'));
    assert.ok(why.includes('not retrying: run.retry.on does not list node_failure'), why.join('\n'));
    assert.ok(why.includes('failed: attempt 2 of 3 (run.retry)'), why.join('\n'));
    assert.equal(
      say('zh-cn', retryDecision(all, diagnoseRun(CASES[7]![1]), 1, EXPERIMENT).whyPhrase),
      `${diagnosisIn('zh-cn', diagnoseRun(CASES[7]![1])!).title}：第 2 次尝试，共 3 次（run.retry）`,
    );
  });

  describe('shown', () => {
    let ws: string;
    const cli = cliIn(() => ws);
    const ID = '20261206-010203-00112233aabbccdd';
    const record: RunRecord = {
      id: ID,
      experiment: 'exp',
      state: 'failed',
      launcher: 'local',
      createdAt: '2026-12-06T01:02:03.000Z',
      startedAt: '2026-12-06T01:02:03.000Z',
      endedAt: '2026-12-06T01:03:03.000Z',
      exitCode: 1,
      reason: 'exit code 1',
      command: ['python', 'train.py'],
      cwd: '/w',
      resources: { gpus: 1 },
      files: DEFAULT_FILES,
    };
    beforeEach(() => {
      ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-runs-l10n-'));
      const dir = path.join(ws, '.liftoff', 'runs', 'exp', ID);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ ...record, cwd: ws }));
      writeFileSync(path.join(dir, 'metrics.jsonl'), '');
      writeFileSync(
        path.join(dir, 'stderr.log'),
        'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2 GiB\n',
      );
    });
    afterEach(() => rmSync(ws, { recursive: true, force: true }));

    it('liftoff runs --lang zh-cn: the state word, aligned columns and the cause in Chinese; English without', async () => {
      const zh = await cli('runs', '--lang', 'zh-cn');
      assert.equal(zh.code, 0, zh.err);
      const [header, row] = zh.out.split('\n');
      assert.match(header!, /^实验 +运行 +状态 +时长/);
      assert.match(row!, / 已失败 /);
      // The state column starts at the same terminal column in the header and the row.
      const col = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
      assert.equal(col(row!, '已失败'), col(header!, '状态'));
      assert.match(zh.out, /\n {2}原因：CUDA 显存不足\n/);
      assert.match(zh.out, /\n {4}stderr: torch\.OutOfMemoryError: CUDA out of memory\. Tried to allocate 2 GiB\n/);
      const en = await cli('runs');
      assert.match(en.out, /^EXPERIMENT +RUN +STATE/);
      assert.match(en.out, / failed /);
      assert.match(en.out, /\n {2}cause: CUDA out of memory\n/);
      // --format json stays English, without the phrases.
      const json = JSON.parse((await cli('runs', '--format', 'json', '--lang', 'zh-cn')).out) as Array<{
        diagnosis: Diagnosis;
      }>;
      assert.equal(json[0]!.diagnosis.title, 'CUDA out of memory');
      assert.ok(!('titlePhrase' in json[0]!.diagnosis));
    });

    it('the Runs view tooltip: the state word and the cause in the locale', () => {
      const diagnosis = diagnoseRun({ state: 'failed', stderrTail: 'CUDA out of memory\n' })!;
      const zh = runTooltipMarkdown(record, { diagnosis: diagnosisIn('zh-cn', diagnosis), locale: 'zh-cn' });
      assert.match(zh, /\*\*已失败\*\*/);
      assert.match(zh, /CUDA 显存不足/);
      assert.match(runTooltipMarkdown(record, { diagnosis }), /\*\*failed\*\*/);
    });
  });
});
