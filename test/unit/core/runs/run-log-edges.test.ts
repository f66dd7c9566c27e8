/**
 * The run timeline reader at its edges (issue 22, mutation testing of `core/src/runs/run-log.ts`): each field check of
 * a timeline record, the texts of each entry kind in both languages, and the reader over files that change between
 * reads — truncated or replaced, read from inside a line, records split over two reads, a line claimed in pieces, a
 * record that comes late or names bytes already shown, unclaimed output at and past the settle time and past twice a
 * read — with descriptors closed after every read.
 */
import * as assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runRecord } from '../../../support/run-records';
import { because } from '../../../../core/src/runs/run-reason';
import type { RunHandle } from '../../../../core/src/runs/run-store';
import {
  RunLogReader,
  cleanLogText,
  entryShown,
  formatTimelineEntry,
  parseTimelineRecord,
  readRunTimeline,
  type TimelineEntry,
} from '../../../../core/src/runs/run-log';
import { TIMELINE_FILE } from '../../../../core/src/runs/timeline';

const T1 = '2026-12-06T00:00:01.000Z';
const T2 = '2026-12-06T00:00:02.000Z';
const T3 = '2026-12-06T00:00:03.000Z';
const out = (end: number, t = T1, stream = 'stdout') => JSON.stringify({ t, type: 'output', stream, end }) + '\n';
const state = (s: string, extra: object = {}) => JSON.stringify({ t: T1, type: 'state', state: s, ...extra }) + '\n';
/** The lines shown, as `text@time` (time `-` when none). */
const shown = (es: readonly TimelineEntry[]) =>
  es.map((e) =>
    e.kind === 'line'
      ? `${e.text}@${e.t?.slice(17, 19) ?? '-'}`
      : e.kind === 'skipped'
        ? `[skipped ${e.bytes} of ${e.stream}]`
        : `[${e.state}]`,
  );

describe('run timeline at its edges (run-log.ts)', function () {
  this.timeout(30_000);
  let ws: string;
  let n = 0;
  /** A run folder written by hand; files not named are absent. */
  function folder(files: Record<string, string | Buffer>): RunHandle & { f: (name: string) => string } {
    const dir = path.join(ws, `r${n++}`);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const record = runRecord({ id: 'r', state: 'running' });
    return { dir, record, f: (name: string) => path.join(dir, name) };
  }
  beforeEach(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-runlog-edges-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  describe('parseTimelineRecord', () => {
    it('takes a time only in the exact ISO form Liftoff writes, and only a real date', () => {
      const tOf = (t: unknown) => parseTimelineRecord(JSON.stringify({ t, type: 'state', state: 'queued' }))?.t;
      assert.equal(tOf('2026-12-06T00:00:01Z'), '2026-12-06T00:00:01Z');
      assert.equal(tOf('2026-12-06T00:00:01.123456789Z'), '2026-12-06T00:00:01.123456789Z');
      for (const bad of [
        'x2026-12-06T00:00:01.000Z',
        '2026-12-06T00:00:01.000Zx',
        '2026-12-06T00:00:01.1234567891Z',
        '2026-12-06T00:00:01.Z',
        '2026-13-45T00:00:01.000Z',
        '2026-12-06',
        'Dec 6 2026',
        0,
        1733443201000,
      ])
        assert.equal(tOf(bad), undefined, String(bad));
    });

    it('an output record: stdout or stderr, a safe integer end from 0, exactly these fields', () => {
      assert.deepEqual(parseTimelineRecord(out(0).trim()), { t: T1, type: 'output', stream: 'stdout', end: 0 });
      assert.deepEqual(parseTimelineRecord('{"type":"output","stream":"stderr","end":5,"x":1}'), {
        type: 'output',
        stream: 'stderr',
        end: 5,
      });
      for (const end of [-1, 1.5, '3', 2 ** 53])
        assert.equal(parseTimelineRecord(out(end as number)), undefined, String(end));
    });

    it('a state record: a known state and type; its reason cut at 1000 characters; a code only if it says that reason', () => {
      assert.equal(parseTimelineRecord('{"type":"output","state":"queued"}'), undefined);
      assert.equal(parseTimelineRecord('{"type":"status","state":"queued"}'), undefined);
      assert.equal(parseTimelineRecord('{"state":"queued"}'), undefined);
      assert.equal(parseTimelineRecord(state('gone')), undefined);
      const long = parseTimelineRecord(state('failed', { reason: 'r'.repeat(1500) }));
      assert.equal(long?.type === 'state' && long.reason, 'r'.repeat(1000));
      const why = because('exit-code', 3);
      assert.deepEqual(parseTimelineRecord(state('failed', why)), { t: T1, type: 'state', state: 'failed', ...why });
      assert.deepEqual(parseTimelineRecord(state('failed', { ...why, reason: 'exit code 4' })), {
        t: T1,
        type: 'state',
        state: 'failed',
        reason: 'exit code 4',
      });
      assert.deepEqual(parseTimelineRecord(state('failed', { reasonCode: why.reasonCode })), {
        t: T1,
        type: 'state',
        state: 'failed',
      });
    });

    it('a line of 4096 characters is read, one more is not; it must start with `{`', () => {
      const base = JSON.stringify({ type: 'state', state: 'queued', reason: '' });
      const at = JSON.stringify({ type: 'state', state: 'queued', reason: 'x'.repeat(4096 - base.length) });
      assert.equal(at.length, 4096);
      assert.equal(parseTimelineRecord(at)?.type, 'state');
      const over = JSON.stringify({ type: 'state', state: 'queued', reason: 'x'.repeat(4097 - base.length) });
      assert.equal(parseTimelineRecord(over), undefined);
      assert.equal(parseTimelineRecord(' ' + state('queued').trim()), undefined);
    });
  });

  describe('texts', () => {
    it('each entry kind in English and Chinese, with and without the stream column', () => {
      const skip = (bytes: number, stream: 'stdout' | 'timeline') => ({ kind: 'skipped' as const, stream, bytes });
      const blank = ' '.repeat(12);
      assert.equal(formatTimelineEntry(skip(1, 'stdout')), `${blank} … 1 earlier byte of stdout not shown`);
      assert.equal(formatTimelineEntry(skip(7, 'timeline')), `${blank} … 7 earlier bytes of timeline.jsonl not shown`);
      assert.equal(
        formatTimelineEntry(skip(7, 'stdout'), { locale: 'zh-cn' }),
        `${blank} … stdout 中前面的 7 个字节未显示`,
      );
      assert.equal(
        formatTimelineEntry(skip(1, 'timeline'), { locale: 'zh-cn' }),
        `${blank} … timeline.jsonl 中前面的 1 个字节未显示`,
      );
      const failed: TimelineEntry = {
        kind: 'state',
        t: '2026-12-06T01:02:03.456Z',
        state: 'failed',
        ...because('exit-code', 1),
      };
      assert.equal(formatTimelineEntry(failed), '01:02:03.456 ── failed: exit code 1');
      assert.equal(formatTimelineEntry(failed, { locale: 'zh-cn' }), '01:02:03.456 ── 已失败：退出码 1');
      assert.equal(formatTimelineEntry({ kind: 'state', state: 'running' }), `${blank} ── running`);
      assert.equal(
        formatTimelineEntry({ kind: 'state', state: 'failed', reason: 'a\x1b[31mb\nc' }),
        `${blank} ── failed: abc`,
      );
      const line: TimelineEntry = { kind: 'line', stream: 'stderr', text: 'boom', t: T2 };
      assert.equal(formatTimelineEntry(line), '00:00:02.000 stderr | boom');
      assert.equal(formatTimelineEntry(line, { streamColumn: false }), '00:00:02.000 boom');
      assert.equal(formatTimelineEntry(line, { streamColumn: true }), '00:00:02.000 stderr | boom');
    });

    it('which view shows which entry', () => {
      const st: TimelineEntry = { kind: 'state', state: 'running' };
      const err: TimelineEntry = { kind: 'line', stream: 'stderr', text: '' };
      const log: TimelineEntry = { kind: 'line', stream: 'log', text: '' };
      const skipTl: TimelineEntry = { kind: 'skipped', stream: 'timeline', bytes: 1 };
      const table = [st, err, log, skipTl].map((e) =>
        (['both', 'stdout', 'stderr'] as const).map((c) => entryShown(e, c)),
      );
      assert.deepEqual(table, [
        [true, false, false],
        [true, false, true],
        [true, true, true],
        [true, false, false],
      ]);
    });

    it('cleanLogText: escapes with no or several parameters go, a lone carriage return keeps what follows it', () => {
      assert.equal(cleanLogText('\x1b[mA\x1b[1;31mB\x1b[0K'), 'AB');
      assert.equal(cleanLogText('\rabc'), 'abc');
      assert.equal(cleanLogText('abc\r'), 'abc');
    });
  });

  describe('reading', () => {
    it('a stderr.log that is a folder or a FIFO counts as absent: the one log is `log`', () => {
      const run = folder({ 'stdout.log': 'a\n' });
      mkdirSync(run.f('stderr.log'));
      assert.deepEqual(
        readRunTimeline(run).map((e) => e.kind === 'line' && e.stream),
        ['log'],
      );
    });

    it('a first window that starts inside a line drops that line’s rest; one at a line start keeps the first line', () => {
      const run = folder({ 'stdout.log': 'aaaa\nbbbb\ncccc\n', 'stderr.log': '' });
      assert.deepEqual(shown(readRunTimeline(run, { initialBytes: 7 })), ['[skipped 8 of stdout]', 'cccc@-']);
      assert.deepEqual(shown(readRunTimeline(run, { initialBytes: 6 })), ['[skipped 9 of stdout]', 'cccc@-']);
      assert.deepEqual(shown(readRunTimeline(run, { initialBytes: 5 })), ['[skipped 10 of stdout]', 'cccc@-']);
      assert.deepEqual(shown(readRunTimeline(run, { initialBytes: 10 })), [
        '[skipped 5 of stdout]',
        'bbbb@-',
        'cccc@-',
      ]);
    });

    it('the dropped rest of a line may span several records; the next whole line keeps its record’s time', () => {
      const run = folder({
        'stdout.log': 'aaaa\nbbbbbbbb\ncc\ndd\n',
        'stderr.log': '',
        [TIMELINE_FILE]: out(9, T1) + out(17, T2) + out(20, T3),
      });
      assert.deepEqual(shown(readRunTimeline(run, { initialBytes: 13 })), ['[skipped 7 of stdout]', 'cc@02', 'dd@03']);
    });

    it('a timeline read from inside a record drops it, even when its tail looks like a record', () => {
      const junk = '{"a":1} ' + state('failed');
      const run = folder({ 'stdout.log': '', 'stderr.log': '', [TIMELINE_FILE]: junk + state('running') });
      const tail = state('failed').length + state('running').length;
      const es = readRunTimeline(run, { initialTimelineBytes: tail });
      assert.deepEqual(shown(es), [`[skipped ${junk.length - state('failed').length} of timeline]`, '[running]']);
      // Read from a line start: the whole records are read.
      assert.deepEqual(shown(readRunTimeline(run, { initialTimelineBytes: state('running').length })), [
        `[skipped ${junk.length} of timeline]`,
        '[running]',
      ]);
    });

    it('a record written in two pieces is read once whole; a blank line or leading spaces are no problem', () => {
      const run = folder({ 'stdout.log': 'a\nb\n', 'stderr.log': '', [TIMELINE_FILE]: '\n' });
      const reader = new RunLogReader(run, { now: () => 0 });
      const rec = out(2, T2);
      appendFileSync(run.f(TIMELINE_FILE), rec.slice(0, 10));
      assert.deepEqual(shown(reader.read()), []);
      appendFileSync(run.f(TIMELINE_FILE), rec.slice(10, 20));
      assert.deepEqual(shown(reader.read()), [], 'three pieces');
      appendFileSync(run.f(TIMELINE_FILE), rec.slice(20) + '  ' + out(4, T3));
      assert.deepEqual(shown(reader.read()), ['a@02', 'b@03']);
    });

    it('a record of exactly 4096 bytes is read, across reads too; a longer line (in bytes) is skipped to its end', () => {
      const base = JSON.stringify({ t: T1, type: 'state', state: 'queued', reason: '' });
      const at = JSON.stringify({ t: T1, type: 'state', state: 'queued', reason: 'q'.repeat(4096 - base.length) });
      const euro = JSON.stringify({ t: T1, type: 'state', state: 'failed', reason: '€'.repeat(1400) });
      assert.ok(euro.length < 4096 && Buffer.byteLength(euro) > 4096);
      const run = folder({ 'stdout.log': '', 'stderr.log': '', [TIMELINE_FILE]: `${euro}\n${at}\n` });
      assert.deepEqual(shown(readRunTimeline(run)), ['[queued]']);
      const split = folder({ 'stdout.log': '', 'stderr.log': '', [TIMELINE_FILE]: at });
      const reader = new RunLogReader(split);
      assert.deepEqual(reader.read(), []);
      appendFileSync(split.f(TIMELINE_FILE), '\n' + state('running'));
      assert.deepEqual(shown(reader.read()), ['[queued]', '[running]']);
      // 4097 bytes without a line end: skipped, and the record after its line end still read.
      const long = folder({ 'stdout.log': '', 'stderr.log': '', [TIMELINE_FILE]: '{' + 'x'.repeat(2000) });
      const r2 = new RunLogReader(long);
      assert.deepEqual(r2.read(), []);
      appendFileSync(long.f(TIMELINE_FILE), 'x'.repeat(2096));
      assert.deepEqual(r2.read(), []);
      appendFileSync(long.f(TIMELINE_FILE), 'x'.repeat(10));
      assert.deepEqual(r2.read(), [], 'still the same line');
      appendFileSync(long.f(TIMELINE_FILE), '"}\n' + state('failed'));
      assert.deepEqual(shown(r2.read()), ['[failed]']);
      // A skipped line whose later part looks like a record is still skipped to its end.
      const tail = folder({ 'stdout.log': '', 'stderr.log': '', [TIMELINE_FILE]: '{' + 'x'.repeat(4100) });
      const r3 = new RunLogReader(tail);
      assert.deepEqual(r3.read(), []);
      appendFileSync(tail.f(TIMELINE_FILE), state('failed') + state('running'));
      assert.deepEqual(shown(r3.read()), ['[running]']);
    });

    it('a state’s reason code reaches the entry: the reason in Chinese when it says its English', () => {
      const run = folder({
        'stdout.log': '',
        'stderr.log': '',
        [TIMELINE_FILE]: state('failed', because('exit-code', 2)),
      });
      const [e] = readRunTimeline(run);
      assert.equal(formatTimelineEntry(e!, { locale: 'zh-cn' }), '00:00:01.000 ── 已失败：退出码 2');
    });

    it('a log truncated with output still unclaimed: what was read before is void', () => {
      const run = folder({ 'stdout.log': 'old\n', 'stderr.log': '' });
      const reader = new RunLogReader(run, { now: () => 0 });
      assert.deepEqual(reader.read(), []);
      truncateSync(run.f('stdout.log'), 0);
      appendFileSync(run.f('stdout.log'), 'n\n');
      assert.deepEqual(shown(reader.read({ final: true })), ['n@-']);
    });

    it('a timeline replaced between reads: the half record read before is void', () => {
      const run = folder({
        'stdout.log': '',
        'stderr.log': '',
        [TIMELINE_FILE]: '{"t":"2026-12-06T00:00:01.000Z","ty',
      });
      const reader = new RunLogReader(run);
      assert.deepEqual(reader.read(), []);
      writeFileSync(run.f('new'), state('failed'));
      renameSync(run.f('new'), run.f(TIMELINE_FILE));
      assert.deepEqual(shown(reader.read()), ['[failed]']);
    });

    it('a line claimed in pieces is one line with the time of its first piece, however many pieces', () => {
      const run = folder({
        'stdout.log': 'hello\nabc\n',
        'stderr.log': '',
        [TIMELINE_FILE]: out(3, T1) + out(6, T2) + out(7, T1) + out(8, T2) + out(10, T3),
      });
      assert.deepEqual(shown(readRunTimeline(run)), ['hello@01', 'abc@01']);
    });

    it('an empty line is a line; a segment that starts with a line end ends the line before it', () => {
      const run = folder({ 'stdout.log': 'a\n\nb\n', 'stderr.log': '', [TIMELINE_FILE]: out(1, T1) + out(5, T2) });
      assert.deepEqual(shown(readRunTimeline(run)), ['a@01', '@02', 'b@02']);
    });

    it('long lines: cut at maxLineBytes, whole pieces only, the same whether they come in one piece or several', () => {
      const one = folder({ 'stdout.log': 'abcdefgh\nij\n', 'stderr.log': '' });
      assert.deepEqual(shown(readRunTimeline(one, { maxLineBytes: 4 })), ['abcd@-', 'efgh@-', 'ij@-']);
      const parts = folder({
        'stdout.log': 'abcdefgh\nij\n',
        'stderr.log': '',
        [TIMELINE_FILE]: out(3, T1) + out(8, T2) + out(9, T3) + out(12, T3),
      });
      assert.deepEqual(shown(readRunTimeline(parts, { maxLineBytes: 4 })), ['abcd@01', 'efgh@01', 'ij@03']);
      const longer = folder({
        'stdout.log': 'abcdefghij\n',
        'stderr.log': '',
        [TIMELINE_FILE]: out(10, T1) + out(11, T2),
      });
      assert.deepEqual(shown(readRunTimeline(longer, { maxLineBytes: 4 })), ['abcd@01', 'efgh@01', 'ij@01']);
    });

    it('records name offsets: one past what was shown claims only the new bytes, one before it changes nothing', () => {
      const run = folder({
        'stdout.log': 'a\nb\nc\nd\n',
        'stderr.log': '',
        [TIMELINE_FILE]: out(2, T1) + out(4, T2) + out(2, T3),
      });
      const reader = new RunLogReader(run, { now: () => 0 });
      assert.deepEqual(shown(reader.read()), ['a@01', 'b@02']);
      appendFileSync(run.f(TIMELINE_FILE), out(6, T3));
      assert.deepEqual(shown(reader.read()), ['c@03']);
      assert.deepEqual(shown(reader.read({ final: true })), ['d@-']);
    });

    it('unclaimed output shows after exactly settleMs (1 s by default) from when it was first seen, not from before', () => {
      let now = 10_000;
      const run = folder({ 'stdout.log': '', 'stderr.log': '' });
      const reader = new RunLogReader(run, { now: () => now });
      assert.deepEqual(reader.read(), []);
      now = 20_000;
      appendFileSync(run.f('stdout.log'), 'x\n');
      assert.deepEqual(reader.read(), [], 'first seen now');
      now = 20_999;
      assert.deepEqual(reader.read(), []);
      now = 21_000;
      assert.deepEqual(shown(reader.read()), ['x@-']);
      const quick = new RunLogReader(folder({ 'stdout.log': 'y\n', 'stderr.log': '' }), {
        now: () => now,
        settleMs: 0,
      });
      assert.deepEqual(quick.read(), [], 'seen for the first time: never shown at once');
      assert.deepEqual(shown(quick.read()), ['y@-']);
    });

    it('unclaimed output beyond twice a read is shown without waiting, all but the last read’s worth', () => {
      const run = folder({ 'stdout.log': '', 'stderr.log': '' });
      const reader = new RunLogReader(run, { now: () => 0, maxReadBytes: 100 });
      const ten = '123456789\n'.repeat(10);
      assert.deepEqual(reader.read(), []);
      appendFileSync(run.f('stdout.log'), ten);
      assert.deepEqual(reader.read(), []);
      appendFileSync(run.f('stdout.log'), ten);
      assert.deepEqual(reader.read(), [], 'exactly twice a read is kept');
      appendFileSync(run.f('stdout.log'), ten);
      assert.deepEqual(shown(reader.read()), Array(20).fill('123456789@-'));
    });

    it('a log that grows by more than a read: what was waiting is shown first, then the gap, then the rest', () => {
      const grow = '0123456789'.repeat(10) + '\nnew line\n';
      const run = folder({ 'stdout.log': 'old\npart', 'stderr.log': '', [TIMELINE_FILE]: out(8, T1) });
      const reader = new RunLogReader(run, { now: () => 0, maxReadBytes: 80 });
      assert.deepEqual(shown(reader.read()), ['old@01']);
      appendFileSync(run.f('stdout.log'), 'waiting\n');
      assert.deepEqual(reader.read(), []);
      appendFileSync(run.f('stdout.log'), grow);
      assert.deepEqual(shown(reader.read({ final: true })), ['partwaiting@01', '[skipped 30 of stdout]', 'new line@-']);
      // Only the start of a line waiting: it is shown as a line of its own.
      const half = folder({ 'stdout.log': 'old\npart', 'stderr.log': '', [TIMELINE_FILE]: out(8, T1) });
      const r2 = new RunLogReader(half, { now: () => 0, maxReadBytes: 80 });
      assert.deepEqual(shown(r2.read()), ['old@01']);
      appendFileSync(half.f('stdout.log'), grow);
      assert.deepEqual(shown(r2.read({ final: true })), ['part@01', '[skipped 30 of stdout]', 'new line@-']);
    });

    it('a log truncated in place: the new content from its start, with the times of the new records', () => {
      const run = folder({ 'stdout.log': 'a\nb\n', 'stderr.log': '', [TIMELINE_FILE]: out(4, T1) });
      const reader = new RunLogReader(run, { now: () => 0 });
      assert.deepEqual(shown(reader.read()), ['a@01', 'b@01']);
      truncateSync(run.f('stdout.log'), 0);
      appendFileSync(run.f('stdout.log'), 'c\n');
      appendFileSync(run.f(TIMELINE_FILE), out(2, T2));
      assert.deepEqual(shown(reader.read()), ['c@02']);
    });

    it('a log replaced by a bigger file: its end from the window, as at a first read', () => {
      const run = folder({ 'stdout.log': 'a\n', 'stderr.log': '' });
      const reader = new RunLogReader(run, { now: () => 0, initialBytes: 4 });
      assert.deepEqual(shown(reader.read({ final: true })), ['a@-']);
      writeFileSync(run.f('new'), 'xx\nyy\nzz\n');
      renameSync(run.f('new'), run.f('stdout.log'));
      assert.deepEqual(shown(reader.read({ final: true })), ['[skipped 5 of stdout]', 'zz@-']);
    });

    it('a log empty at the first read then grown past the window: all of it is shown, none skipped', () => {
      const run = folder({ 'stdout.log': '', 'stderr.log': '' });
      const reader = new RunLogReader(run, { now: () => 0, initialBytes: 4 });
      assert.deepEqual(reader.read(), []);
      appendFileSync(run.f('stdout.log'), 'one\ntwo\nthree\n');
      assert.deepEqual(shown(reader.read({ final: true })), ['one@-', 'two@-', 'three@-']);
    });

    it('no descriptor is left open, whatever was read', () => {
      const run = folder({ 'stdout.log': 'a\n', 'stderr.log': 'b\n', [TIMELINE_FILE]: out(2) });
      mkdirSync(run.f('metrics.jsonl'));
      const fds = () => readdirSync('/proc/self/fd').length;
      const before = fds();
      for (let i = 0; i < 20; i++) readRunTimeline(run);
      assert.equal(fds(), before);
    });
  });
});
