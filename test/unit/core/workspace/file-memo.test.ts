import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { readExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { FileMemo } from '../../../../core/src/workspace/file-memo';

/**
 * Writes `text` to `file` keeping its modification time to the nanosecond (`touch -r` through a reference file:
 * `utimes` from JavaScript rounds it), as when two saves fall into one tick of a coarse file-system clock.
 */
function rewriteKeepingTime(file: string, text: string): void {
  const ref = `${file}.time`;
  execFileSync('touch', ['-r', file, ref]);
  writeFileSync(file, text);
  execFileSync('touch', ['-r', ref, file]);
  rmSync(ref);
}

describe('FileMemo: what was made from a file, kept while the file is unchanged', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-memo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A memo that counts its loads; its clock runs `ahead` ms after the real one (a file that has been still that long). */
  function counting(ahead: number, options: { max?: number; maxBytes?: number } = {}) {
    const loads: string[] = [];
    const memo = new FileMemo<string>(
      (text, file) => {
        loads.push(path.basename(file));
        return text.toUpperCase();
      },
      { ...options, now: () => Date.now() + ahead },
    );
    return { memo, loads };
  }

  it('reads a still file once, and again only after it changed (same size, another modification time)', async () => {
    const f = path.join(dir, 'a.yaml');
    writeFileSync(f, 'one');
    const { memo, loads } = counting(60_000);
    assert.equal(await memo.get(f), 'ONE');
    assert.equal(await memo.get(f), 'ONE');
    assert.deepEqual(loads, ['a.yaml'], 'the second lookup reuses the first read');
    writeFileSync(f, 'two');
    const t = statSync(f).mtimeMs / 1000 + 5;
    utimesSync(f, t, t);
    assert.equal(await memo.get(f), 'TWO');
    assert.equal(loads.length, 2);
  });

  it('sees a same-size rewrite whose modification time was put back (its change time moved)', async () => {
    const f = path.join(dir, 'a.yaml');
    writeFileSync(f, 'aaa');
    const { memo, loads } = counting(0);
    assert.equal(await memo.get(f), 'AAA');
    // The modification time put back (as `touch -r`, an editor keeping times, or a checkout does): same size, inode and
    // mtime; only the change time, which no program can set, tells.
    const mtime = statSync(f, { bigint: true }).mtimeNs;
    rewriteKeepingTime(f, 'bbb');
    assert.equal(statSync(f, { bigint: true }).mtimeNs, mtime);
    assert.equal(await memo.get(f), 'BBB');
    assert.equal(loads.length, 2);
  });

  it('a file changed within racyMs of its read is read anew until it has been still that long', async () => {
    const f = path.join(dir, 'a.yaml');
    writeFileSync(f, 'x');
    let clock = statSync(f).mtimeMs + 500;
    const loads: number[] = [];
    const memo = new FileMemo<number>(() => loads.push(clock), { racyMs: 2_000, now: () => clock });
    await memo.get(f);
    await memo.get(f);
    assert.equal(loads.length, 2, 'read 0.5 s after its change: not trusted');
    clock += 5_000;
    await memo.get(f);
    await memo.get(f);
    assert.equal(loads.length, 3, 'read when it had been still for 5.5 s: trusted from then on');
  });

  it('answers undefined, without reading, for a missing file, a folder, a FIFO and a file over maxBytes', async () => {
    const { memo, loads } = counting(60_000, { maxBytes: 10 });
    mkdirSync(path.join(dir, 'folder.yaml'));
    writeFileSync(path.join(dir, 'big.yaml'), 'x'.repeat(11));
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    for (const name of ['missing.yaml', 'folder.yaml', 'big.yaml', 'fifo.yaml'])
      assert.equal(await memo.get(path.join(dir, name)), undefined, name);
    assert.deepEqual(loads, []);
    // A file that was remembered and then replaced by a folder is forgotten, not answered from memory.
    const f = path.join(dir, 'gone.yaml');
    writeFileSync(f, 'abc');
    assert.equal(await memo.get(f), 'ABC');
    rmSync(f);
    mkdirSync(f);
    assert.equal(await memo.get(f), undefined);
    assert.equal(memo.size, 0);
  });

  it('keeps at most `max` files, dropping the least recently used', async () => {
    const { memo, loads } = counting(60_000, { max: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((n) => path.join(dir, `${n}.yaml`));
    for (const f of [a, b, c]) writeFileSync(f!, path.basename(f!));
    await memo.get(a!);
    await memo.get(b!);
    await memo.get(a!); // a is now the most recent: b goes when c comes
    await memo.get(c!);
    assert.equal(memo.size, 2);
    await memo.get(a!);
    assert.deepEqual(loads, ['a.yaml', 'b.yaml', 'c.yaml']);
    await memo.get(b!);
    assert.deepEqual(loads, ['a.yaml', 'b.yaml', 'c.yaml', 'b.yaml']);
  });

  it('throws what `load` throws and remembers nothing of it', async () => {
    const f = path.join(dir, 'a.yaml');
    writeFileSync(f, 'x');
    let calls = 0;
    const memo = new FileMemo<number>(
      () => {
        calls++;
        throw new Error('broken');
      },
      { now: () => Date.now() + 60_000 },
    );
    await assert.rejects(memo.get(f), /broken/);
    await assert.rejects(memo.get(f), /broken/);
    assert.equal(calls, 2);
  });

  it('property: after any sequence of writes, the answer is the load of the text on disk', async () => {
    const f = path.join(dir, 'p.yaml');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ text: fc.string({ maxLength: 6 }), keepTimes: fc.boolean(), lookups: fc.nat(2) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (steps) => {
          const memo = new FileMemo<string>((text) => text, {});
          writeFileSync(f, '');
          for (const step of steps) {
            if (step.keepTimes) rewriteKeepingTime(f, step.text);
            else writeFileSync(f, step.text);
            for (let i = 0; i <= step.lookups; i++) assert.equal(await memo.get(f), step.text);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('readExperimentSettings: an experiment saved again is read with its new settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-memo-exp-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const experiment = (model: string) =>
    `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: m}\ninference: {model: ${model}}\n`;

  it('sees each save, even two of the same length within one clock tick', async () => {
    const f = path.join(dir, 'm.experiment.yaml');
    writeFileSync(f, experiment('a.onnx'));
    assert.equal((await readExperimentSettings(f))?.model, path.join(dir, 'a.onnx'));
    rewriteKeepingTime(f, experiment('b.onnx'));
    assert.equal((await readExperimentSettings(f))?.model, path.join(dir, 'b.onnx'));
    rmSync(f);
    assert.equal(await readExperimentSettings(f), undefined, 'a deleted experiment is not answered from memory');
  });
});
