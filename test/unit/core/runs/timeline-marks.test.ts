/**
 * The timeline's writers at their edges (issue 22, mutation testing of `core/src/runs/timeline.ts`): what
 * `appendTimeline` writes and refuses to write into, and when `OutputMarks` puts a record down — at the flush interval
 * and one millisecond before it, on a stream switch, by its own timer, and never after `close()`, even when the
 * descriptor number it held has been reused by another file.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  constants,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OutputMarks, TIMELINE_FILE, appendTimeline } from '../../../../core/src/runs/timeline';
import { waitFor } from '../../../support/wait';

const T0 = Date.parse('2026-12-06T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const openFds = () => readdirSync('/proc/self/fd').length;

describe('run timeline writers (timeline.ts edges)', function () {
  this.timeout(30_000);
  let dir: string;
  const file = () => path.join(dir, TIMELINE_FILE);
  const records = () =>
    existsSync(file())
      ? readFileSync(file(), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-timeline-w-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('appendTimeline', () => {
    it('nothing to write: no file is created', () => {
      appendTimeline(dir, []);
      assert.equal(existsSync(file()), false);
    });

    it('appends each record as one JSON line, after what the file holds, and closes the file', () => {
      const before = openFds();
      writeFileSync(file(), '{"t":"2026-12-06T00:00:00.000Z","type":"state","state":"queued"}\n');
      appendTimeline(dir, [
        { t: iso(T0 + 1), type: 'state', state: 'running', reason: 'RUNNING on n1' },
        { t: iso(T0 + 2), type: 'output', stream: 'stderr', end: 7 },
      ]);
      assert.equal(
        readFileSync(file(), 'utf8'),
        '{"t":"2026-12-06T00:00:00.000Z","type":"state","state":"queued"}\n' +
          '{"t":"2026-12-06T00:00:00.001Z","type":"state","state":"running","reason":"RUNNING on n1"}\n' +
          '{"t":"2026-12-06T00:00:00.002Z","type":"output","stream":"stderr","end":7}\n',
      );
      assert.equal(openFds(), before);
    });

    it('a link, a folder or a FIFO with a reader in its place: nothing is written there, nothing thrown, no descriptor left', () => {
      const target = path.join(dir, 'elsewhere');
      writeFileSync(target, 'x');
      symlinkSync(target, file());
      const before = openFds();
      appendTimeline(dir, [{ t: iso(T0), type: 'state', state: 'queued' }]);
      assert.equal(readFileSync(target, 'utf8'), 'x');
      rmSync(file());
      mkdirSync(file());
      appendTimeline(dir, [{ t: iso(T0), type: 'state', state: 'queued' }]);
      rmSync(file(), { recursive: true });
      execFileSync('mkfifo', [file()]);
      // With a reader open, the non-blocking open for writing succeeds: only the regular-file check refuses it.
      const reader = openSync(file(), constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        appendTimeline(dir, [{ t: iso(T0), type: 'state', state: 'queued' }]);
        const marks = new OutputMarks(dir, 0, () => T0);
        marks.grew('stdout', 1);
        marks.close();
        // Empty: 0 bytes (no writer left) or EAGAIN (a writer still open).
        let got = 0;
        try {
          got = readSync(reader, Buffer.alloc(64));
        } catch (err) {
          assert.equal((err as NodeJS.ErrnoException).code, 'EAGAIN');
        }
        assert.equal(got, 0, 'nothing was written into the FIFO');
        assert.equal(openFds(), before + 1, 'only the test’s own reader is open');
      } finally {
        closeSync(reader);
      }
    });
  });

  describe('OutputMarks', () => {
    it('the default interval is 250 ms: growth 249 ms after a record’s first chunk joins it, at 250 ms it is written', () => {
      let now = T0;
      const marks = new OutputMarks(dir, undefined, () => now);
      marks.grew('stdout', 10);
      now = T0 + 249;
      marks.grew('stdout', 20);
      assert.deepEqual(records(), [], 'still pending');
      now = T0 + 250;
      marks.grew('stdout', 30);
      assert.deepEqual(records(), [{ t: iso(T0), type: 'output', stream: 'stdout', end: 30 }]);
      now = T0 + 300;
      marks.grew('stdout', 40);
      marks.close();
      assert.deepEqual(records(), [
        { t: iso(T0), type: 'output', stream: 'stdout', end: 30 },
        { t: iso(T0 + 300), type: 'output', stream: 'stdout', end: 40 },
      ]);
    });

    it('a stream switch writes the pending record first, with its own time', () => {
      let now = T0;
      const marks = new OutputMarks(dir, 1000, () => now);
      marks.grew('stderr', 5);
      now += 3;
      marks.grew('stdout', 9);
      now += 4;
      marks.grew('stderr', 8);
      marks.close();
      assert.deepEqual(records(), [
        { t: iso(T0), type: 'output', stream: 'stderr', end: 5 },
        { t: iso(T0 + 3), type: 'output', stream: 'stdout', end: 9 },
        { t: iso(T0 + 7), type: 'output', stream: 'stderr', end: 8 },
      ]);
    });

    it('its timer writes a quiet stream’s record, again for each later burst', async () => {
      const marks = new OutputMarks(dir, 20);
      try {
        marks.grew('stdout', 3);
        await waitFor(() => records().length === 1, { timeoutMs: 10_000, intervalMs: 10, what: 'the first record' });
        marks.grew('stdout', 6);
        await waitFor(() => records().length === 2, { timeoutMs: 10_000, intervalMs: 10, what: 'the second record' });
        assert.deepEqual(
          records().map((r) => r.end),
          [3, 6],
        );
      } finally {
        marks.close();
      }
    });

    it('an interval of 0 sets no timer: the record waits for the next growth, flush() or close()', async () => {
      const marks = new OutputMarks(dir, 0, () => T0);
      marks.grew('stdout', 3);
      // A timer set now for 0 ms is due before this one (Node runs timers of one duration in the order set).
      await new Promise((r) => setTimeout(r, 0));
      assert.deepEqual(records(), []);
      marks.flush();
      assert.deepEqual(records(), [{ t: iso(T0), type: 'output', stream: 'stdout', end: 3 }]);
      marks.flush();
      assert.equal(records().length, 1, 'nothing pending: nothing written');
      marks.close();
    });

    it('flush() with nothing pending opens nothing: no file is created', () => {
      const marks = new OutputMarks(dir, 0, () => T0);
      marks.flush();
      assert.equal(existsSync(file()), false);
      marks.close();
      assert.equal(existsSync(file()), false);
    });

    it('one descriptor for all its records, and none after close()', () => {
      let now = T0;
      const before = openFds();
      const marks = new OutputMarks(dir, 0, () => now);
      for (let i = 1; i <= 50; i++) {
        now++;
        marks.grew(i % 2 ? 'stdout' : 'stderr', i);
      }
      assert.equal(openFds(), before + 1);
      marks.close();
      assert.equal(openFds(), before);
      assert.equal(records().length, 50);
    });

    it('after close() nothing is written, not even into a file that took its descriptor number', () => {
      let now = T0;
      const marks = new OutputMarks(dir, 0, () => now);
      marks.grew('stdout', 1);
      marks.flush();
      marks.close();
      const other = path.join(dir, 'other.log');
      const fd = openSync(other, 'w');
      try {
        now += 10;
        marks.grew('stderr', 2);
        marks.flush();
        marks.close();
      } finally {
        closeSync(fd);
      }
      assert.equal(readFileSync(other, 'utf8'), '');
      assert.equal(records().length, 1);
    });

    it('its timer does not keep a process alive', () => {
      const timeline = require.resolve('../../../../core/src/runs/timeline');
      const script = `const { OutputMarks } = require(${JSON.stringify(timeline)});
        new OutputMarks(${JSON.stringify(dir)}, 600000).grew('stdout', 1);`;
      // Without unref() the process would wait for the 10-minute timer and be killed at the timeout.
      const r = spawnSync(process.execPath, ['-e', script], { timeout: 20_000 });
      assert.equal(r.signal, null, 'the process ended by itself');
      assert.equal(r.status, 0, r.stderr.toString());
    });
  });
});
