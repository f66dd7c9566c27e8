import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { startRun } from '../../../../core/src/launchers/runner';
import type { LaunchPlan } from '../../../../core/src/launchers/launch-plan';
import { RunStore, type RunHandle } from '../../../../core/src/runs/run-store';
import { runRecord } from '../../../support/run-records';
import {
  RunLogReader,
  cleanLogText,
  entryShown,
  formatTimelineEntry,
  parseTimelineRecord,
  readRunTimeline,
  type TimelineEntry,
} from '../../../../core/src/runs/run-log';
import { OutputMarks, TIMELINE_FILE } from '../../../../core/src/runs/timeline';

/** A run folder written by hand (as a workspace may hold it). */
function folder(ws: string, files: Record<string, string | Buffer>, id = 'r1'): RunHandle {
  const dir = path.join(ws, '.liftoff', 'runs', 'exp', id);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const record = runRecord({
    id,
    state: 'failed',
    createdAt: '2026-12-06T00:00:00.000Z',
    startedAt: '2026-12-06T00:00:00.000Z',
    cwd: ws,
  });
  return { dir, record };
}

const rec = (o: object) => JSON.stringify(o) + '\n';
/** The hostile-files property's run count; mutation runs lower it (`LIFTOFF_RUNLOG_PROPERTY_RUNS=30`). */
const PROPERTY_RUNS = Number(process.env.LIFTOFF_RUNLOG_PROPERTY_RUNS ?? 300);
const lines = (es: readonly TimelineEntry[]) => es.map((e) => formatTimelineEntry(e));

describe('run timeline: stdout, stderr and state changes interleaved (run-log.ts, timeline.ts)', function () {
  this.timeout(30000);
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-timeline-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('a real run: stdout and stderr in their own files, and the timeline puts each line between its neighbours and the state changes', async () => {
    const store = new RunStore(ws);
    const { dir } = await store.create(
      { experiment: 'exp', launcher: 'local', command: [], cwd: ws, resources: { gpus: 0 } },
      '',
    );
    // The job writes one line, then waits until the runner has recorded it in the timeline before writing the next
    // on the other stream: the order the runner saw is then the order written, whatever the scheduler does.
    const script = `
      const fs = require('node:fs');
      const tl = require('node:path').join(process.env.LIFTOFF_RUN_DIR, 'timeline.jsonl');
      const outputs = () => { try { return (fs.readFileSync(tl, 'utf8').match(/"output"/g) || []).length; } catch { return 0; } };
      const pause = new Int32Array(new SharedArrayBuffer(4));
      const step = (fd, text, n) => { fs.writeSync(fd, text); while (outputs() < n) Atomics.wait(pause, 0, 0, 10); };
      step(1, 'out 1\\n', 1); step(2, 'err 1\\n', 2); step(1, 'out 2\\n', 3); step(2, 'CUDA out of memory\\n', 4);
      process.exit(1);`;
    writeFileSync(path.join(ws, 'job.js'), script);
    const plan: LaunchPlan = {
      argv: [process.execPath, path.join(ws, 'job.js')],
      cwd: ws,
      env: {},
      gpus: 0,
      notes: [],
    };
    const final = await (await startRun(store, dir, plan)).done;
    assert.equal(final.state, 'failed');
    assert.equal(readFileSync(path.join(dir, 'stdout.log'), 'utf8'), 'out 1\nout 2\n');
    assert.equal(readFileSync(path.join(dir, 'stderr.log'), 'utf8'), 'err 1\nCUDA out of memory\n');
    const run = { dir, record: final };
    const entries = readRunTimeline(run);
    const shown = entries.map((e) =>
      e.kind === 'state' ? `[${e.state}]` : e.kind === 'line' ? `${e.stream}:${e.text}` : '?',
    );
    assert.deepEqual(shown, [
      '[queued]',
      '[running]',
      'stdout:out 1',
      'stderr:err 1',
      'stdout:out 2',
      'stderr:CUDA out of memory',
      '[failed]',
    ]);
    // Every entry has its time, and times never go backwards.
    const times = entries.map((e) => (e.kind === 'skipped' ? '' : (e.t ?? '')));
    assert.ok(
      times.every((t) => /^\d{4}-.*Z$/.test(t)),
      times.join(','),
    );
    assert.deepEqual([...times].sort(), times);
    assert.match(formatTimelineEntry(entries[5]!), /^\d\d:\d\d:\d\d\.\d{3} stderr \| CUDA out of memory$/);
    assert.match(formatTimelineEntry(entries[6]!), /── failed: exit code 1$/);
    // The side-by-side views: one stream each, no state changes.
    assert.deepEqual(
      entries.filter((e) => entryShown(e, 'stderr')).map((e) => (e.kind === 'line' ? e.text : '')),
      ['err 1', 'CUDA out of memory'],
    );
  });

  it('following: read() returns only what is new; output no record claims yet waits, then shows without a time', () => {
    let now = 0;
    const run = folder(ws, { 'stdout.log': '', 'stderr.log': '', [TIMELINE_FILE]: '' });
    const f = (n: string) => path.join(run.dir, n);
    const reader = new RunLogReader(run, { settleMs: 1000, now: () => now });
    assert.deepEqual(reader.read(), []);
    appendFileSync(f('stdout.log'), 'a\nb\n');
    appendFileSync(f(TIMELINE_FILE), rec({ t: '2026-12-06T00:00:01.000Z', type: 'output', stream: 'stdout', end: 2 }));
    assert.deepEqual(lines(reader.read()), ['00:00:01.000 stdout | a']);
    now = 500;
    assert.deepEqual(reader.read(), [], 'b is not claimed yet and not settled');
    now = 1600;
    assert.deepEqual(lines(reader.read()), ['             stdout | b']);
    // A record that comes late for bytes already shown changes nothing.
    appendFileSync(f(TIMELINE_FILE), rec({ t: '2026-12-06T00:00:02.000Z', type: 'output', stream: 'stdout', end: 4 }));
    appendFileSync(f('stderr.log'), 'half a li');
    appendFileSync(f(TIMELINE_FILE), rec({ t: '2026-12-06T00:00:03.000Z', type: 'state', state: 'failed' }));
    assert.deepEqual(lines(reader.read()), ['00:00:03.000 ── failed']);
    assert.deepEqual(lines(reader.read({ final: true })), ['             stderr | half a li']);
  });

  it('a run from before stderr had its own file: its one log is shown as `log`, without times', () => {
    const run = folder(ws, { 'stdout.log': 'epoch 1\nTraceback\n' });
    assert.deepEqual(lines(readRunTimeline(run)), ['             log    | epoch 1', '             log    | Traceback']);
    assert.ok(
      readRunTimeline(run).every((e) => entryShown(e, 'stderr')),
      'the one log is in either view',
    );
  });

  it('a big log: the first read shows its end and says how much it leaves out; a chatty run is read in bounded steps', () => {
    const big = 'x'.repeat(99) + '\n';
    const run = folder(ws, { 'stdout.log': big.repeat(10_000), 'stderr.log': '' });
    const reader = new RunLogReader(run, { initialBytes: 1000, maxReadBytes: 5000 });
    const first = reader.read({ final: true });
    assert.deepEqual(first[0], { kind: 'skipped', stream: 'stdout', bytes: 999_000 });
    assert.equal(first.filter((e) => e.kind === 'line').length, 10, 'the last 1000 bytes: 10 lines');
    appendFileSync(path.join(run.dir, 'stdout.log'), big.repeat(100));
    const next = reader.read({ final: true });
    assert.deepEqual(next[0], { kind: 'skipped', stream: 'stdout', bytes: 5000 });
    assert.equal(next.filter((e) => e.kind === 'line').length, 50);
  });

  it('a long line is cut, a carriage return keeps what a terminal shows, escapes and control characters go', () => {
    const run = folder(ws, {
      'stdout.log': 'y'.repeat(40) + '\n' + 'step 1\rstep 2\r\n\x1b[1mred\x1b[0m ok\na\x07b\n',
      'stderr.log': '',
    });
    const texts = readRunTimeline(run, { maxLineBytes: 16 }).map((e) => (e.kind === 'line' ? e.text : ''));
    assert.deepEqual(texts, ['y'.repeat(16), 'y'.repeat(16), 'y'.repeat(8), 'step 2', 'red ok', 'ab']);
    assert.equal(cleanLogText('\x1b]0;title\x07ok'), ']0;titleok');
  });

  it('timeline records that are not what Liftoff writes are skipped; an end past the file is clamped', () => {
    const junk = [
      'not json',
      '{"t":"2026-12-06T00:00:01.000Z","type":"output","stream":"stdin","end":3}',
      '{"t":"2026-12-06T00:00:01.000Z","type":"output","stream":"stdout","end":-1}',
      '{"t":"2026-12-06T00:00:01.000Z","type":"output","stream":"stdout","end":1e400}',
      '{"t":"2026-12-06T00:00:01.000Z","type":"state","state":"exploded"}',
      '{"type":"state","state":"running","reason":"no time"}',
      '[1,2]',
      '{"t":"2026-12-06T00:00:02.000Z","type":"output","stream":"stdout","end":9999999}',
    ].join('\n');
    const run = folder(ws, { 'stdout.log': 'one\ntwo\n', 'stderr.log': '', [TIMELINE_FILE]: junk + '\n' });
    assert.deepEqual(lines(readRunTimeline(run)), [
      '             ── running: no time',
      '00:00:02.000 stdout | one',
      '00:00:02.000 stdout | two',
    ]);
    assert.equal(parseTimelineRecord('{"t":"yesterday","type":"state","state":"queued"}')?.t, undefined);
    assert.equal(parseTimelineRecord('{' + ' '.repeat(5000) + '}'), undefined);
  });

  it('links, FIFOs and folders in place of the files are not read and never block', () => {
    const run = folder(ws, {});
    symlinkSync('/etc/passwd', path.join(run.dir, 'stdout.log'));
    execFileSync('mkfifo', [path.join(run.dir, 'stderr.log')]);
    mkdirSync(path.join(run.dir, TIMELINE_FILE));
    assert.deepEqual(readRunTimeline(run), []);
  });

  it('OutputMarks: a switch of stream writes the pending record first; same-stream growth is one record', () => {
    const run = folder(ws, {});
    let now = Date.parse('2026-12-06T00:00:00.000Z');
    const marks = new OutputMarks(run.dir, 0, () => now);
    marks.grew('stdout', 10);
    now += 5;
    marks.grew('stdout', 20);
    marks.grew('stderr', 4);
    marks.close();
    assert.deepEqual(
      readFileSync(path.join(run.dir, TIMELINE_FILE), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
      [
        { t: '2026-12-06T00:00:00.000Z', type: 'output', stream: 'stdout', end: 20 },
        { t: '2026-12-06T00:00:00.005Z', type: 'output', stream: 'stderr', end: 4 },
      ],
    );
  });

  it('property: whatever the three files hold, reading never throws, shows no control character and no more lines than the logs have', function () {
    this.timeout(120000);
    const record = fc.oneof(
      fc.record({
        t: fc.oneof(fc.constant('2026-12-06T00:00:01.000Z'), fc.string()),
        type: fc.constant('output'),
        stream: fc.constantFrom('stdout', 'stderr', 'x'),
        end: fc.oneof(fc.nat(5000), fc.integer(), fc.double()),
      }),
      fc.record({
        t: fc.constant('2026-12-06T00:00:01.000Z'),
        type: fc.constant('state'),
        state: fc.constantFrom('queued', 'running', 'failed', 'nope'),
        reason: fc.string(),
      }),
    );
    const timeline = fc.array(
      fc.oneof(
        record.map((r) => JSON.stringify(r)),
        fc.string({ maxLength: 6000 }),
      ),
      {
        maxLength: 30,
      },
    );
    const log = fc.oneof(
      fc.string({ maxLength: 3000 }),
      fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
    );
    let i = 0;
    fc.assert(
      fc.property(timeline, log, log, fc.boolean(), (tl, out, err, split) => {
        const run = folder(ws, { 'stdout.log': out, 'stderr.log': err, [TIMELINE_FILE]: tl.join('\n') }, `r${i++}`);
        const reader = new RunLogReader(run, { maxLineBytes: 64, initialBytes: 1000, maxReadBytes: 2000 });
        const entries = split ? [...reader.read(), ...reader.read({ final: true })] : reader.read({ final: true });
        const nLines = (b: string | Buffer) => Buffer.from(b).length; // every line is at least its line end or a byte
        assert.ok(entries.filter((e) => e.kind === 'line').length <= nLines(out) + nLines(err) + 2);
        for (const e of entries) {
          const text = formatTimelineEntry(e);
          assert.ok(!/[\x00-\x08\x0a-\x1f\x7f]/.test(text), JSON.stringify(text));
        }
        rmSync(run.dir, { recursive: true, force: true });
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('linear: a 20 MB timeline line without a line end and a 20 MB log line are read in bounded pieces', () => {
    const run = folder(ws, {
      [TIMELINE_FILE]: '{"' + 'a'.repeat(20 * 1024 * 1024),
      'stdout.log': 'z'.repeat(20 * 1024 * 1024),
      'stderr.log': '',
    });
    const entries = new RunLogReader(run).read({ final: true });
    assert.equal(entries[0]?.kind, 'skipped');
    const shown = entries.filter((e) => e.kind === 'line');
    assert.ok(shown.length <= 20, `${shown.length} pieces of at most 16 KiB from the last 256 KiB`);
  });
});
