/**
 * The edges of core/src/runs/explain.ts (issue 22: mutation testing found most of it unpinned): the bounded tail of a
 * file and where it starts, every spelling of a non-finite metric and of the epoch, the signal and Slurm state read
 * from a record, the facts of a run folder (its logs, elapsed time, progress), the fixes proposed against the file a
 * user edits, and the terminal lines of a diagnosis. Real files in a temporary folder.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  diagnosisLines,
  explainRun,
  lastMetricValues,
  proposeFixes,
  readTail,
  runFacts,
  signalOf,
  slurmStateOf,
  TAIL_BYTES,
} from '../../../../core/src/runs/explain';
import type { Diagnosis } from '../../../../core/src/runs/diagnose';
import type { RunHandle } from '../../../../core/src/runs/run-store';
import { runRecord, writeRunFolder, RUN_ID } from '../../../support/run-records';

describe('explaining a run: the edges (core/src/runs/explain.ts)', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-explain-edges-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content: string | Buffer): string => {
    const f = path.join(dir, `f${n++}`);
    writeFileSync(f, content);
    return f;
  };

  describe('readTail', () => {
    it('reads a file up to the limit whole, and past it only from the first whole line of its last bytes', async () => {
      assert.equal(await readTail(file('a\nb\nc\n'), 6), 'a\nb\nc\n', 'exactly the limit: all of it');
      assert.equal(await readTail(file('a\nb\nc\n'), 5), 'b\nc\n', 'a window starting at a line end: the next lines');
      assert.equal(await readTail(file('a\nb\nc\n'), 4), 'b\nc\n', 'a window starting at a line start keeps it');
      assert.equal(await readTail(file('a\nbb\nc\n'), 4), 'c\n', 'a cut line is dropped');
      assert.equal(
        await readTail(file('no line end at all'), 4),
        ' all',
        'no line start in the window: its bytes as cut',
      );
      assert.equal(await readTail(file(''), 4), '');
      const big = 'x'.repeat(TAIL_BYTES) + '\nlast line\n';
      assert.equal(await readTail(file(big)), 'last line\n', 'the default limit is TAIL_BYTES');
      assert.equal(TAIL_BYTES, 64 * 1024);
    });

    it('decodes UTF-8 and never gives more than the limit', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.string({ maxLength: 12, unit: 'binary' }), { maxLength: 12 }),
          fc.integer({ min: 1, max: 80 }),
          async (lines, limit) => {
            const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n') + '\n';
            const tail = (await readTail(file(text), limit))!;
            const bytes = Buffer.byteLength(text);
            if (bytes <= limit) assert.equal(tail, text);
            else {
              assert.ok(Buffer.byteLength(tail) <= limit, `${JSON.stringify(tail)} within ${limit} bytes`);
              assert.ok(text.endsWith(tail), 'a suffix of the file');
              assert.ok(tail === '' || text.endsWith(`\n${tail}`), 'starting at a line start');
              // Every whole line inside the window is kept: the tail is the longest run of whole last lines.
              let longest = '';
              for (const l of text.split(/(?<=\n)/).reverse()) {
                if (Buffer.byteLength(l + longest) > limit) break;
                longest = l + longest;
              }
              assert.equal(tail, longest);
            }
          },
        ),
        { numRuns: 200 },
      );
    });

    it('leaves no descriptor open, read or refused', async () => {
      const open = () => readdirSync('/proc/self/fd').length;
      const f = file('a\nb\n');
      const folder = path.join(dir, `d${n++}`);
      mkdirSync(folder);
      const before = open();
      for (let i = 0; i < 50; i++) {
        await readTail(f, 3);
        await readTail(folder);
      }
      assert.equal(open(), before);
    });

    it('is undefined for a missing file, a folder, a link and a FIFO (without waiting for a writer)', async () => {
      assert.equal(await readTail(path.join(dir, 'missing')), undefined);
      const folder = path.join(dir, `d${n++}`);
      mkdirSync(folder);
      assert.equal(await readTail(folder), undefined);
      const link = path.join(dir, `l${n++}`);
      symlinkSync(file('secret\n'), link);
      assert.equal(await readTail(link), undefined);
      const fifo = path.join(dir, `p${n++}`);
      execFileSync('mkfifo', [fifo]);
      assert.equal(await readTail(fifo), undefined);
    });
  });

  describe('lastMetricValues', () => {
    it('keeps every spelling of NaN and ±Infinity, bare or quoted, in any case and with spaces', () => {
      const { values } = lastMetricValues(
        [
          '{"a": NaN , "b": Infinity, "c": -Infinity, "d": [NaN], "q": -Infinity }',
          '{"e": "nan", "f": " -NaN ", "g": "inf", "h": "+inf", "i": "Infinity", "j": "-inf", "k": "-infinity"}',
          '{"l": "1.5", "m": true, "n": null, "o": {"x": 1}, "p": 2}',
        ].join('\n'),
      );
      assert.deepEqual(Object.keys(values).sort(), ['a', 'b', 'c', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'p', 'q']);
      for (const k of ['a', 'e', 'f']) assert.ok(Number.isNaN(values[k]), k);
      for (const k of ['b', 'g', 'h', 'i']) assert.equal(values[k], Infinity, k);
      for (const k of ['c', 'j', 'k', 'q']) assert.equal(values[k], -Infinity, k);
      assert.equal(values.p, 2);
      assert.equal(Object.getPrototypeOf(values), null, 'no inherited keys such as `constructor`');
    });

    it('the last value of each metric wins; lines that are not objects are skipped; the epoch is the highest seen', () => {
      const r = lastMetricValues(
        [
          'not json',
          '{"loss": 1, "epoch": 3}',
          '[1, 2]',
          '{"loss": 0.5, "step_epoch": 5}',
          '   {"loss": 0.25, "epoch": 4}   ',
          '{"epoch": NaN}',
          '{"broken": ',
          'null',
        ].join('\n'),
      );
      assert.equal(r.values.loss, 0.25);
      assert.equal(r.epoch, 5, 'step_epoch counts; a later, lower epoch does not lower it; NaN is not an epoch');
      assert.deepEqual(lastMetricValues('{"loss": 1}'), { values: Object.assign(Object.create(null), { loss: 1 }) });
      assert.equal(lastMetricValues('{"epoch": 0}').epoch, 0);
      assert.equal(lastMetricValues('{"epoch": -2}').epoch, 0, 'the highest of 0 and what was seen');
      assert.equal('epoch' in lastMetricValues(''), false);
    });

    it('agrees with JSON.parse on plain JSON records (a property)', () => {
      const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
      fc.assert(
        fc.property(
          fc.array(fc.dictionary(fc.constantFrom('loss', 'acc', 'lr', 'val_loss'), finite, { maxKeys: 4 }), {
            maxLength: 8,
          }),
          (rows) => {
            const expected: Record<string, number> = {};
            for (const r of rows) Object.assign(expected, r);
            const { values } = lastMetricValues(rows.map((r) => JSON.stringify(r)).join('\n'));
            assert.deepEqual({ ...values }, JSON.parse(JSON.stringify(expected)));
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('signalOf and slurmStateOf', () => {
    it('reads the signal from the reason or from an exit status of 128 + n (129–159 only)', () => {
      assert.equal(signalOf({ reason: 'exit code 143 (killed by SIGTERM)' }), 'SIGTERM');
      assert.equal(signalOf({ reason: 'killed by signal 11' }), 'SIGSEGV');
      assert.equal(signalOf({ reason: 'killed by signal 64' }), 'signal 64');
      const byStatus = (exitCode: number) => signalOf({ exitCode });
      assert.deepEqual([128, 129, 130, 134, 137, 139, 143, 159, 160].map(byStatus), [
        undefined,
        'SIGHUP',
        'SIGINT',
        'SIGABRT',
        'SIGKILL',
        'SIGSEGV',
        'SIGTERM',
        undefined,
        undefined,
      ]);
      assert.equal(signalOf({ exitCode: null }), undefined);
      assert.equal(signalOf({}), undefined);
    });

    it('reads Slurm’s state word at the start of a Slurm run’s reason only', () => {
      assert.equal(slurmStateOf({ launcher: 'slurm', reason: 'NODE_FAIL: the node failed' }), 'NODE_FAIL');
      assert.equal(slurmStateOf({ launcher: 'slurm', reason: 'the job ran OUT_OF_MEMORY' }), undefined);
      assert.equal(slurmStateOf({ launcher: 'slurm', reason: 'X' }), undefined, 'one letter is not a state');
      assert.equal(slurmStateOf({ launcher: 'slurm' }), undefined);
    });
  });

  describe('runFacts', () => {
    const folder = (patch: Parameters<typeof runRecord>[0], files: Record<string, string> = {}): RunHandle => {
      const record = runRecord({ id: `${RUN_ID.slice(0, -4)}${String(n++).padStart(4, '0')}`, ...patch });
      return { dir: writeRunFolder(dir, record, files), record };
    };

    it('gives the state, exit code, signal, Slurm state and reason of the record, and nothing it does not have', async () => {
      const f = await runFacts(
        folder({ state: 'failed', launcher: 'slurm', exitCode: 137, reason: 'OUT_OF_MEMORY: killed by SIGKILL' }),
      );
      assert.deepEqual(
        [f.state, f.exitCode, f.signal, f.slurmState, f.reason],
        ['failed', 137, 'SIGKILL', 'OUT_OF_MEMORY', 'OUT_OF_MEMORY: killed by SIGKILL'],
      );
      const bare = await runFacts(folder({ state: 'failed' }));
      for (const k of ['signal', 'slurmState', 'reason', 'stdoutTail', 'stderrTail', 'logTail', 'progress'])
        assert.equal(k in bare, false, k);
      assert.deepEqual(bare.lastMetrics, {});
    });

    it('stdout and stderr apart when stderr.log exists (empty ones left out), one `log` when it does not', async () => {
      const both = await runFacts(folder({ state: 'failed' }, { 'stdout.log': 'out\n', 'stderr.log': 'err\n' }));
      assert.deepEqual([both.stdoutTail, both.stderrTail, 'logTail' in both], ['out\n', 'err\n', false]);
      const emptyErr = await runFacts(folder({ state: 'failed' }, { 'stdout.log': 'out\n', 'stderr.log': '' }));
      assert.deepEqual([emptyErr.stdoutTail, 'stderrTail' in emptyErr], ['out\n', false]);
      const emptyOut = await runFacts(folder({ state: 'failed' }, { 'stdout.log': '', 'stderr.log': 'err\n' }));
      assert.deepEqual(['stdoutTail' in emptyOut, emptyOut.stderrTail], [false, 'err\n']);
      const old = await runFacts(folder({ state: 'failed' }, { 'stdout.log': 'both\n' }));
      assert.deepEqual([old.logTail, 'stdoutTail' in old, 'stderrTail' in old], ['both\n', false, false]);
      const none = await runFacts(folder({ state: 'failed' }, { 'stdout.log': '' }));
      assert.equal('logTail' in none, false);
    });

    it('elapsed time from start to end, or to now while running; none for a bad or reversed pair', async () => {
      const at = (startedAt: string, endedAt?: string, now?: number) =>
        runFacts(folder({ state: 'failed', startedAt, ...(endedAt !== undefined && { endedAt }) }), now);
      assert.equal((await at('2026-12-06T01:00:00Z', '2026-12-06T01:01:30Z')).elapsedSec, 90);
      assert.equal((await at('2026-12-06T01:00:00Z', '2026-12-06T01:00:00Z')).elapsedSec, 0);
      assert.equal('elapsedSec' in (await at('2026-12-06T01:00:01Z', '2026-12-06T01:00:00Z')), false);
      assert.equal('elapsedSec' in (await at('not a date', '2026-12-06T01:00:00Z')), false);
      assert.equal('elapsedSec' in (await at('2026-12-06T01:00:00Z', 'not a date')), false);
      const now = Date.parse('2026-12-06T01:00:10Z');
      assert.equal((await at('2026-12-06T01:00:00Z', undefined, now)).elapsedSec, 10);
    });

    it('progress is the highest epoch of the metrics out of `training.epochs`, when both are known', async () => {
      const metrics = '{"epoch": 2, "loss": 1}\n{"epoch": 3, "loss": 0.5}\n';
      const withEpochs = (config: string, m = metrics) =>
        runFacts(folder({ state: 'failed' }, { 'config.yaml': config, 'metrics.jsonl': m }));
      const f = await withEpochs('training:\n  epochs: 10\n');
      assert.deepEqual(f.progress, { done: 3, total: 10 });
      assert.equal(f.lastMetrics?.loss, 0.5);
      assert.deepEqual((f.experiment as { training: unknown }).training, { epochs: 10 });
      for (const config of ['training:\n  epochs: 0\n', 'training:\n  epochs: "10"\n', 'training: 3\n', 'x: 1\n', ''])
        assert.equal('progress' in (await withEpochs(config)), false, config);
      assert.equal('progress' in (await withEpochs('training:\n  epochs: 10\n', '{"loss": 1}\n')), false);
    });
  });

  describe('proposeFixes and diagnosisLines', () => {
    it('proposes each fix as an edit of the text the user edits; a text it cannot edit says why; no fix for a good run', async () => {
      const oom = (extra: Record<string, string> = {}) => {
        const record = runRecord({
          id: `${RUN_ID.slice(0, -4)}${String(n++).padStart(4, '0')}`,
          state: 'failed',
          exitCode: 1,
          reason: 'exit code 1',
        });
        return {
          dir: writeRunFolder(dir, record, {
            'stderr.log': 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n',
            'config.yaml': 'training:\n  batch_size: 64\n',
            ...extra,
          }),
          record,
        };
      };
      const now = 'kind: Experiment\ntraining:\n  batch_size: 32 # halved once already\n';
      const { diagnosis, fixes } = await proposeFixes(oom(), now);
      assert.equal(diagnosis?.cause, 'cuda-oom');
      assert.ok(fixes.length >= 1);
      const first = fixes[0]!;
      assert.match(first.result!.text, /batch_size: 16 # halved once already/, 'scaled from the file as it is now');
      assert.equal(first.error, undefined);
      // A file the fix cannot be written into (the key sits in a flow mapping): the reason, no edit.
      const flow = await proposeFixes(oom(), 'kind: Experiment\ntraining: {batch_size: 32}\n');
      assert.ok(
        flow.fixes.some((f) => f.error !== undefined && f.result === undefined),
        JSON.stringify(flow.fixes),
      );
      // A text that is not YAML: the run's own snapshot (batch_size 64) decides the fix.
      const broken = await proposeFixes(oom(), 'training: [\n');
      assert.equal(broken.diagnosis?.cause, 'cuda-oom');
      assert.deepEqual(broken.diagnosis?.fix?.changes, [
        { path: 'training.batch_size', value: 32 },
        { path: 'training.gradient_accumulation', value: 2 },
      ]);
      assert.ok(broken.fixes.length >= 1 && broken.fixes.every((f) => f.error !== undefined));
      const good = runRecord({ id: `${RUN_ID.slice(0, -4)}${String(n++).padStart(4, '0')}`, state: 'succeeded' });
      const none = await proposeFixes({ dir: writeRunFolder(dir, good), record: good }, now);
      assert.deepEqual(none, { fixes: [] });
      // A failure without a fix (an exit status and nothing else): a diagnosis, no fixes.
      const plain = runRecord({
        id: `${RUN_ID.slice(0, -4)}${String(n++).padStart(4, '0')}`,
        state: 'failed',
        exitCode: 3,
        reason: 'exit code 3',
      });
      const bare = await proposeFixes({ dir: writeRunFolder(dir, plain), record: plain }, now);
      assert.equal(bare.diagnosis?.cause, 'exit-status');
      assert.equal(bare.diagnosis?.fix, undefined);
      assert.deepEqual(bare.fixes, []);
      // A run cancelled by its user is explained too; a running one is not.
      const cancelled = runRecord({
        id: `${RUN_ID.slice(0, -4)}${String(n++).padStart(4, '0')}`,
        state: 'cancelled',
        reason: 'stopped by the user',
      });
      assert.ok(await explainRun({ dir: writeRunFolder(dir, cancelled), record: cancelled }));
      const running = runRecord({ id: `${RUN_ID.slice(0, -4)}${String(n++).padStart(4, '0')}`, state: 'running' });
      assert.equal(await explainRun({ dir: writeRunFolder(dir, running), record: running }), undefined);
      assert.equal(await explainRun({ dir: writeRunFolder(dir, good), record: good }), undefined);
    });

    it('prints the cause, detail, evidence and fixes, control characters (escapes) removed', () => {
      const d: Diagnosis = {
        cause: 'exit-status',
        title: 'Failed\x1b[31m (exit code 2)',
        detail: 'the run\x07 ended',
        evidence: [{ source: 'stderr', text: 'line\x00 one\tand tab' }],
        fix: { title: 'do\x1b this', changes: [] },
        alternatives: [{ title: 'or that\x7f', changes: [] }],
      } as unknown as Diagnosis;
      assert.deepEqual(diagnosisLines(d), [
        'cause: Failed[31m (exit code 2)',
        '  the run ended',
        '  stderr: line one\tand tab',
        '  fix: do this',
        '  or: or that',
      ]);
      const plain = { ...d, fix: undefined, alternatives: undefined } as unknown as Diagnosis;
      assert.equal(diagnosisLines(plain).length, 3);
    });
  });
});
