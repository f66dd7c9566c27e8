/**
 * Process output at its edges (stdout-parser.ts): which lines are records, how `key=value` pairs are delimited and
 * read (signs, exponents, nan and inf in any case), which step and time a record gets, and the counts the Metrics
 * panel shows (records, points, corrupt, ignored).
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { StdoutLineParser, StdoutLogReader, StdoutParser } from '../../../../core/src/metrics/stdout-parser';
import { points, steps, tempDir, values } from '../../../support/metrics';

/** Feeds whole lines to a live parser with key=value on and a fixed clock; returns the store and the parser. */
function parse(lines: string[], options: { keyValue?: boolean; clock?: () => number } = {}) {
  const store = new SeriesStore();
  const p = new StdoutParser(store, 'r', { keyValue: true, clock: () => 500, ...options });
  for (const l of lines) p.push(`${l}\n`);
  p.end();
  return { store, stats: p.stats, names: store.names('r') };
}

describe('process output parser at its edges', () => {
  it('blanks and tabs around a line, and a trailing \\r, do not hide a JSON record', () => {
    const { store, stats } = parse([' \t{"step": 3, "loss": 1}\t \r', '\t\t', '   ']);
    assert.deepEqual(steps(store, 'r', 'loss'), [3]);
    assert.deepEqual(stats, { records: 1, points: 1, corrupt: 0, ignored: 0 }, 'blank lines count as nothing');
  });

  it('a line is a JSON record only from { to }: a half object is not, a broken one is corrupt', () => {
    const { stats, names } = parse(['{"loss": 1', '"loss": 1}', '{"loss": oops}', '{}', 'x {"loss": 1}']);
    assert.deepEqual(names, []);
    assert.equal(stats.corrupt, 1);
    assert.equal(stats.records, 1, '{} is a record without points');
    assert.equal(stats.points, 0);
    assert.equal(stats.ignored, 3);
  });

  it('without key=value reading, pairs are ignored lines', () => {
    const { stats, names } = parse(['loss=0.5 acc=0.9', '{"acc": 1}'], { keyValue: false });
    assert.deepEqual(names, ['acc']);
    assert.deepEqual(stats, { records: 1, points: 1, corrupt: 0, ignored: 1 });
  });

  it('numbers: signs, a bare point on either side, exponents; nan and inf in any case', () => {
    const { store } = parse([
      'a=1 b=-2 c=+3 d=1. e=.25 f=1e3 g=2.5E-2 h=-1e+2',
      'i=nan j=NaN k=inf l=-inf m=+Infinity n=INF o=-NAN',
    ]);
    const v = (k: string) => values(store, 'r', k)?.[0];
    assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(v), [1, -2, 3, 1, 0.25, 1000, 0.025, -100]);
    assert.deepEqual(['i', 'j', 'k', 'l', 'm', 'n', 'o'].map(v), [
      NaN,
      NaN,
      Infinity,
      -Infinity,
      Infinity,
      Infinity,
      NaN,
    ]);
  });

  it('a pair is delimited by the line ends, blanks, commas, semicolons, bars and brackets; nothing else', () => {
    const { store, names } = parse([
      'a=1,b=2;c=3|d=4 (e=5) [f=6]\tg=7',
      'xh=1x y=2z w=3/ u=4: loss =5 = 6 v=',
      '9k=1 -m=2 _ok=3 x.y/z-w=4',
    ]);
    assert.deepEqual(names, ['_ok', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'x.y/z-w']);
    assert.deepEqual(values(store, 'r', 'x.y/z-w'), [4]);
  });

  it('step and time keys in any case set the step and time; Epoch is the epoch series; other names keep their case', () => {
    const { store, names } = parse(['Step=7 TIME=12.5 Epoch=2 Loss=0.3', 'STEP=9 loss=0.1']);
    assert.deepEqual(names, ['Loss', 'epoch', 'loss']);
    assert.deepEqual(points(store, 'r', 'Loss'), { steps: [7], times: [12.5], values: [0.3], nonFinite: 0 });
    assert.deepEqual(points(store, 'r', 'loss'), { steps: [9], times: [500], values: [0.1], nonFinite: 0 });
  });

  it('a step or time that is not finite is no step or time: the next step and the clock are used', () => {
    const { store } = parse(['step=4 loss=1', 'step=nan time=inf loss=2', 'step=-inf time=nan loss=3']);
    assert.deepEqual(points(store, 'r', 'loss'), {
      steps: [4, 5, 6],
      times: [500, 500, 500],
      values: [1, 2, 3],
      nonFinite: 0,
    });
  });

  it('step or time alone is no record; a record without a step follows the last one, JSON or pairs', () => {
    const { store, stats } = parse([
      'resuming at step=300',
      'time=5',
      'loss=1',
      '{"step": 10, "loss": 2}',
      'loss=3 acc=0.5',
      '{"loss": 4}',
      'loss=5',
    ]);
    assert.deepEqual(steps(store, 'r', 'loss'), [0, 10, 11, 12, 13]);
    assert.deepEqual(steps(store, 'r', 'acc'), [11]);
    assert.deepEqual(stats, { records: 5, points: 6, corrupt: 0, ignored: 2 });
  });

  it('colour codes around and inside a line are removed before pairs are read', () => {
    const { store } = parse(['\x1b[1;32mloss=\x1b[0m0.25 \x1b[?25lacc=0.5\x1b[K']);
    assert.deepEqual(values(store, 'r', 'loss'), [0.25]);
    assert.deepEqual(values(store, 'r', 'acc'), [0.5]);
  });

  it('a line handed over with its \\r still on it is trimmed like a blank; a line may start with =', () => {
    const seen: [string, number][] = [];
    const p = new StdoutLineParser(
      (name) => ({ push: (_s: number, _t: number, v: number) => seen.push([name, v]) }) as never,
      {
        keyValue: true,
        clock: () => 0,
      },
    );
    const line = (t: string) => p.line(Buffer.from(t), 0, Buffer.byteLength(t));
    line('{"loss": 1}\r');
    line('{"loss": 2} \r\t');
    line('== acc=3');
    assert.deepEqual(seen, [
      ['loss', 1],
      ['loss', 2],
      ['acc', 3],
    ]);
    assert.deepEqual(p.stats, { records: 3, points: 3, corrupt: 0, ignored: 0 });
  });

  it('without a clock a live record is timed now, in seconds', () => {
    const store = new SeriesStore();
    const p = new StdoutParser(store, 'r', { keyValue: true });
    const before = Date.now() / 1000;
    p.push('loss=1\n{"acc": 2}\n');
    const after = Date.now() / 1000;
    for (const name of ['loss', 'acc']) {
      const t = points(store, 'r', name)!.times[0]!;
      assert.ok(t >= before - 1 && t <= after + 1, `${name}: ${t} not in [${before}, ${after}]`);
    }
  });

  it('the last line, unterminated when the process exits, reaches whoever listens to the store', () => {
    const store = new SeriesStore();
    const p = new StdoutParser(store, 'r', { keyValue: true, clock: () => 1 });
    const heard: number[] = [];
    store.onChange((v) => heard.push(v));
    p.push('loss=1\nloss=2');
    const before = heard.length;
    const since = store.version;
    p.end();
    assert.ok(heard.length > before, 'end() commits');
    assert.deepEqual(values(store, 'r', 'loss'), [1, 2]);
    assert.ok(store.version > since);
  });

  it('reset starts the counts and the steps again', () => {
    const seen: [string, number][] = [];
    const p = new StdoutLineParser((name) => ({ push: (s: number) => seen.push([name, s]) }) as never, {
      keyValue: true,
      clock: () => 0,
    });
    const line = (t: string) => p.line(Buffer.from(t), 0, Buffer.byteLength(t));
    line('loss=1');
    line('loss=2');
    line('noise');
    assert.deepEqual(p.stats, { records: 2, points: 2, corrupt: 0, ignored: 1 });
    p.reset();
    assert.deepEqual(p.stats, { records: 0, points: 0, corrupt: 0, ignored: 0 });
    line('loss=3');
    assert.deepEqual(seen, [
      ['loss', 0],
      ['loss', 1],
      ['loss', 0],
    ]);
  });

  it('parses only the bytes it is given', () => {
    const seen: number[] = [];
    const p = new StdoutLineParser(() => ({ push: (_s: number, _t: number, v: number) => seen.push(v) }) as never, {
      keyValue: true,
    });
    const b = Buffer.from('loss=1 loss=22 tail=3');
    p.line(b, 0, 14);
    assert.deepEqual(seen, [1, 22]);
  });

  it('a saved log has no times unless given a clock; its counts are those since the last restart', async () => {
    const t = tempDir();
    try {
      writeFileSync(t.file('train.log'), 'loss=1\nnoise\n{"loss": 2}\n{"loss": x}\n');
      const store = new SeriesStore();
      const r = await new StdoutLogReader(store, 'r', t.file('train.log'), { keyValue: true }).read();
      assert.deepEqual([r.records, r.points, r.corrupt], [2, 2, 1]);
      assert.deepEqual(points(store, 'r', 'loss'), { steps: [0, 1], times: [NaN, NaN], values: [1, 2], nonFinite: 0 });
      const clocked = new SeriesStore();
      await new StdoutLogReader(clocked, 'r', t.file('train.log'), { keyValue: true, clock: () => 42 }).read();
      assert.deepEqual(points(clocked, 'r', 'loss')?.times, [42, 42]);
      // Rewritten shorter: read again from the start, counts with it.
      const reader = new StdoutLogReader(new SeriesStore(), 'r', t.file('train.log'), { keyValue: true });
      await reader.read();
      writeFileSync(t.file('train.log'), 'acc=1\n');
      const again = await reader.read();
      assert.deepEqual([again.records, again.points, again.corrupt], [1, 1, 0]);
    } finally {
      t.remove();
    }
  });

  it('a saved log splits lines at \\r too (progress bars), and a rewrite drops the half line read before it', async () => {
    const t = tempDir();
    try {
      writeFileSync(t.file('bar.log'), 'it 1/2 loss=0.8\rit 2/2 loss=0.7\r{"acc": 1}\r{"acc": 2}\n');
      const store = new SeriesStore();
      const r = await new StdoutLogReader(store, 'r', t.file('bar.log'), { keyValue: true }).read();
      assert.deepEqual(steps(store, 'r', 'loss'), [0, 1]);
      assert.deepEqual(values(store, 'r', 'acc'), [1, 2]);
      assert.equal(r.corrupt, 0);

      writeFileSync(t.file('grow.log'), 'loss=1\nloss=2 still being written');
      const grown = new SeriesStore();
      const reader = new StdoutLogReader(grown, 'r', t.file('grow.log'), { keyValue: true });
      await reader.read();
      assert.deepEqual(values(grown, 'r', 'loss'), [1]);
      writeFileSync(t.file('grow.log'), 'acc=5\n');
      await reader.read();
      assert.deepEqual(values(grown, 'r', 'loss') ?? [], [], 'nothing of the old file is left');
      assert.deepEqual(values(grown, 'r', 'acc'), [5]);
    } finally {
      t.remove();
    }
  });

  it('property: any pairs written as `name=value` with any delimiters read back as written', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/).filter((n) => !['step', 'time', 'epoch'].includes(n));
    const value = fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })
      .map((v) => (v === 0 ? 0 : v));
    const sep = fc.constantFrom(' ', ', ', ';', ' | ', '\t', ',');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(name, value), { minLength: 1, maxLength: 6, selector: (p) => p[0] }),
        sep,
        (pairs, s) => {
          const { store, stats } = parse([pairs.map(([n, v]) => `${n}=${String(v)}`).join(s)]);
          assert.equal(stats.points, pairs.length);
          for (const [n, v] of pairs) assert.deepEqual(values(store, 'r', n), [v], `${n}=${v}`);
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });
});
