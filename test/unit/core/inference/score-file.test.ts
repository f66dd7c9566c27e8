import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { InferenceError } from '../../../../core/src/inference/errors';
import { errorText, hasChinese, say } from '../../../../core/src/l10n';
import { runInference } from '../../../../core/src/inference/infer';
import { scoreFile, type ScoreFileRequest } from '../../../../core/src/inference/score-file';
import { fileSink } from '../../../../core/src/inference/score-sink';
import { SessionCache } from '../../../../core/src/inference/session-cache';
import { readExperimentSettings } from '../../../../core/src/inference/experiment-settings';
import { trainerConfigFromExperiment } from '../../../../core/src/trainer/config';
import { exportOnnx, modelCard } from '../../../../core/src/trainer/export-model';
import { runBuiltinTrainer } from '../../../../core/src/trainer/run';
import { predict } from '../../../../core/src/trainer/trained-model';
import { REPO_ROOT } from '../../../support/fixtures';
import { classifierBytes, classifierTop, saveModel } from '../../../support/onnx-graphs';

/** The classifier's top label and probability for one row, computed in float64. */
const expected = classifierTop;

/** The results CSV as rows of cells (no quoted commas in these fixtures except the error column, kept whole). */
function results(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(',');
    const fixed = cells.slice(0, header.length - 1);
    fixed.push(cells.slice(header.length - 1).join(','));
    return fixed;
  });
  return { header, rows };
}

describe('scoreFile: whole files streamed through onnxruntime-node', function () {
  this.timeout(60_000);
  let dir: string;
  let model: string;
  let cache: SessionCache;
  let n = 0;
  const file = (text: string | Buffer, ext = 'csv') => {
    const f = path.join(dir, `in-${n++}.${ext}`);
    writeFileSync(f, text);
    return f;
  };
  async function score(input: string, extra: Partial<ScoreFileRequest> = {}) {
    const out = path.join(dir, `out-${n++}.csv`);
    const sink = fileSink(out);
    try {
      const summary = await scoreFile(cache, { model, input, sink, topK: 1, ...extra });
      return { summary, out };
    } finally {
      await sink.close();
    }
  }

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-score-'));
    model = saveModel(dir, 'clf', classifierBytes());
    cache = new SessionCache({ idleMs: 60_000 });
  });
  after(async () => {
    await cache.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('CSV with a header, an id and a target column: every row scored like the reference; input columns copied', async () => {
    const rows = [
      [5, 3, 1],
      [7.5, 2, 0.2],
      [1, 4.5, 2.5],
    ];
    const input = file(
      `\uFEFFid,sepal,petal,width,target\n${rows.map((r, i) => `Zoë-${i},${r.join(',')},x`).join('\r\n')}\r\n`,
    );
    const { summary, out } = await score(input);
    assert.equal(summary.rows, 3);
    assert.equal(summary.failed, 0);
    assert.equal(summary.cancelled, false);
    const { header, rows: got } = results(out);
    assert.deepEqual(header, ['line', 'id', 'sepal', 'petal', 'width', 'target', 'prediction', 'probability', 'error']);
    got.forEach((cells, i) => {
      const e = expected(rows[i]!);
      assert.equal(cells[0], String(i + 2), 'line number of the row in the input');
      assert.equal(cells[1], `Zoë-${i}`, 'non-ASCII cells copied intact');
      assert.equal(cells[6], e.label);
      assert.ok(Math.abs(Number(cells[7]) - e.p) < 1e-5, `${cells[7]} vs ${e.p}`);
      assert.equal(cells[8], '');
    });
    assert.match(summary.notes.map((n) => say('en', n)).join(' '), /Not fed to the model: id, target/);
    assert.match(summary.notes.map((n) => say('zh-cn', n)).join(' '), /未送入模型：id, target/);
  });

  it('bad rows become error rows with their line; the rows around them are scored', async () => {
    const input = file(
      [
        'sepal,petal,width',
        '5,3,1',
        '7.5,oops,0.2', // line 3: not a number
        '1,4.5', // line 4: too few values
        '',
        '"1","4.5","2.5"', // line 6: quoted numbers are fine
        '2,,1', // line 7: empty cell
        '1,2,3,4', // line 8: too many
        '3,inf,1', // line 9: infinite
        '1,1,1',
      ].join('\n'),
    );
    const { summary, out } = await score(input);
    assert.equal(summary.rows, 3);
    assert.equal(summary.failed, 5);
    assert.deepEqual(
      summary.errors.map((e) => e.line),
      [3, 4, 7, 8, 9],
    );
    assert.match(summary.errors[0]!.message, /^Line 3, column "petal": "oops" is not a number/);
    assert.equal(summary.errors[1]!.message, 'Line 4 has 2 values, but the header has 3.');
    assert.match(summary.errors[2]!.message, /^Line 7, column "petal" is empty: a missing value/);
    assert.match(summary.errors[4]!.message, /^Line 9, column "petal" is "inf": an infinite value/);
    const { rows } = results(out);
    assert.deepEqual(
      rows.map((r) => r[0]),
      ['2', '3', '4', '6', '7', '8', '9', '10'],
      'results keep input order',
    );
    assert.equal(rows[3]![4], expected([1, 4.5, 2.5]).label);
    assert.match(rows[1]![6]!, /^"Line 3, column ""petal"": ""oops"" is not a number/);
    assert.deepEqual(rows[1]!.slice(1, 6), ['', '', '', '', ''], 'an error row has empty cells');
  });

  it('a line longer than the limit is skipped and named, not buffered; the next rows go on', async () => {
    const input = file(`sepal,petal,width\n5,3,1\n${'9,'.repeat(40_000)}9\n1,1,1\n`);
    const { summary } = await score(input, { maxLineBytes: 10_000, readBytes: 4096 });
    assert.equal(summary.rows, 2);
    assert.equal(summary.failed, 1);
    assert.match(
      summary.errors[0]!.message,
      /^Line 3 is 80,001 bytes long, longer than any row Liftoff reads \(10,000 bytes\): skipped/,
    );
  });

  it('a file without one line break (20 MB of junk) ends with an error naming line 1 and its length, not a hang', async () => {
    const input = file(Buffer.alloc(20 << 20, 0x41));
    await assert.rejects(
      score(input),
      (err: unknown) =>
        err instanceof InferenceError &&
        /^The first 1 rows of in-\d+\.csv could not be used, none was scored: .*Line 1 is 20,971,520 bytes long/.test(
          err.message,
        ),
    );
  });

  it('a file that does not fit the model stops after 100 failed rows with the first reasons', async () => {
    const input = file(`${'1,2\n'.repeat(100_000)}`);
    await assert.rejects(score(input), (err: unknown) => {
      assert.ok(err instanceof InferenceError);
      assert.match(err.message, /^Line 1 has 2 values, but the model input "features" \[N, 3\] takes 3 features/);
      return true;
    });
    const input2 = file(`sepal,petal,width\n${'a,b,c\n'.repeat(100_000)}`);
    await assert.rejects(
      score(input2),
      /could not be used, none was scored: the file does not fit the model\. Line 2, column "sepal": "a" is not a number/,
    );
  });

  it("rows that cannot be used: said in the reader's language (the error, the list); the CSV's error column stays English", async () => {
    /** English words left once quoted cells, the feature names, JSON.parse's own words and names are taken out. */
    const english = (text: string) =>
      text
        .replace(/"[^"]*"/g, ' ')
        .replace(/（[^）]*）/g, ' ')
        .replace(/不是有效的 JSON：[^。]*。/g, ' ')
        .replace(/\b(JSON|CSV|Liftoff|in-\d+\.csv)\b/g, ' ')
        .match(/[A-Za-z]{2,}/g) ?? [];
    const bad: Array<[string, string, Partial<ScoreFileRequest>?]> = [
      ['1,2\n'.repeat(3), 'csv'],
      ['sepal,petal,width\n1,2\n1,2,3,4\n5\n', 'csv'],
      ['sepal,petal,width\na,b,c\n', 'csv'],
      ['{"sepal": 5, "petal": 3, "width": 1\n{"sepal": 1}\n', 'jsonl'],
      ['[1, 2]\n', 'jsonl'],
      [`${'9'.repeat(2000)}\n`, 'csv', { maxLineBytes: 1000 }],
    ];
    for (const [text, ext, extra] of bad) {
      const err = await score(file(text, ext), extra).then(
        () => assert.fail(`expected an error: ${text.slice(0, 40)}`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof InferenceError, String(err));
      const zh = errorText('zh-cn', err);
      assert.ok(hasChinese(zh), zh);
      assert.deepEqual(english(zh), [], `English left in: ${zh}`);
    }
    // Mixed: good rows scored, bad ones listed; the summary's phrases in Chinese, the results file in English.
    const mixed = await score(file(`sepal,petal,width\n5,3,1\n1,2\nx,1,1\n${'9'.repeat(2000)}\n1,4.5,2.5\n`), {
      maxLineBytes: 1000,
    });
    assert.equal(mixed.summary.rows, 2);
    for (const e of mixed.summary.errors) {
      const zh = say('zh-cn', e.phrase ?? e.message);
      assert.ok(hasChinese(zh), zh);
      assert.deepEqual(english(zh), [], `English left in: ${zh}`);
      assert.equal(say('en', e.phrase ?? e.message), e.message);
    }
    const jsonl = [
      await score(file('{"sepal": 5, "petal": 3, "width": 1}\n[1, 2, 3]\n{"sepal": 1}\n{bad\n', 'jsonl')),
      await score(file('[5, 3, 1]\n{"sepal": 1}\n[1, 2]\n', 'jsonl')),
    ].flatMap((r) => r.summary.errors);
    assert.equal(jsonl.length, 5);
    for (const e of jsonl) {
      const zh = say('zh-cn', e.phrase ?? e.message);
      assert.ok(hasChinese(zh), zh);
      assert.deepEqual(english(zh), [], `English left in: ${zh}`);
    }
    const csv = readFileSync(mixed.out, 'utf8');
    assert.ok(!hasChinese(csv), csv);
    assert.match(csv, /Line 3 has 2 values, but the header has 3\./);
    assert.match(csv, /Line 5 is 2,000 bytes long/);
  });

  it('a header that lacks a feature stops before any row, naming the column', async () => {
    await assert.rejects(score(file('sepal,petal,colour\n1,2,3\n')), /The input has no column "width"/);
  });

  it('JSON lines (objects and arrays) with a bad line named by number', async () => {
    const objects = file(
      '{"sepal": 5, "petal": 3, "width": 1}\n{"sepal": 1, "petal": 4.5\n{"width": 2.5, "petal": 4.5, "sepal": 1}\n{"sepal": 1, "petal": null, "width": 1}\n',
      'jsonl',
    );
    const a = await score(objects);
    assert.equal(a.summary.format, 'jsonl');
    assert.equal(a.summary.rows, 2);
    assert.deepEqual(
      a.summary.errors.map((e) => e.line),
      [2, 4],
    );
    assert.match(a.summary.errors[0]!.message, /^Line 2 is not valid JSON/);
    assert.match(a.summary.errors[1]!.message, /^Line 4, column "petal" is "null": a missing value/);
    const { header, rows } = results(a.out);
    assert.deepEqual(header, ['line', 'prediction', 'probability', 'error']);
    assert.equal(rows[2]![1], expected([1, 4.5, 2.5]).label, 'keys matched by name, in any order');
    const arrays = await score(file('[5, 3, 1]\n[1, 4.5, 2.5]\n', 'jsonl'));
    assert.equal(arrays.summary.rows, 2);
  });

  it('one JSON document over many lines is refused with what to do', async () => {
    await assert.rejects(
      score(file('[\n  [5, 3, 1],\n  [1, 4.5, 2.5]\n]\n', 'json')),
      /Line 1 does not hold a whole JSON value: .*streams CSV or JSON lines/,
    );
  });

  it('cancel: stops between chunks, reports cancelled, and the results hold the rows scored so far', async () => {
    const input = file(`sepal,petal,width\n${'5,3,1\n'.repeat(50_000)}`);
    const abort = new AbortController();
    let progress = 0;
    const { summary, out } = await score(input, {
      readBytes: 16_384,
      signal: abort.signal,
      onProgress: (p) => {
        progress++;
        assert.ok(p.bytesRead <= p.bytesTotal);
        if (p.rows > 0) abort.abort();
      },
    });
    assert.equal(summary.cancelled, true);
    assert.ok(summary.rows > 0 && summary.rows < 50_000, `${summary.rows}`);
    assert.equal(progress, 1);
    assert.equal(results(out).rows.length, summary.rows);
  });

  it('property: any chunking of any mix of good and bad rows gives the same results as one chunk', async () => {
    const cell = fc.oneof(
      fc.integer({ min: -50, max: 50 }).map(String),
      fc.double({ min: -10, max: 10, noNaN: true }).map((v) => v.toFixed(3)),
      fc.constantFrom('x', '', '"2"', ' 3 ', 'nan'),
    );
    const row = fc.oneof(
      { weight: 5, arbitrary: fc.array(cell, { minLength: 3, maxLength: 3 }).map((c) => c.join(',')) },
      { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }).map((c) => c.join(',')) },
      { weight: 1, arbitrary: fc.constantFrom('', '   ', 'é,ü,ß') },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        async (rows, readBytes, crlf) => {
          const text = `sepal,petal,width\n5,3,1\n${rows.join(crlf ? '\r\n' : '\n')}`;
          const input = file(text);
          const whole = await score(input);
          const chunked = await score(input, { readBytes });
          assert.equal(readFileSync(chunked.out, 'utf8'), readFileSync(whole.out, 'utf8'));
          assert.equal(chunked.summary.rows + chunked.summary.failed, whole.summary.rows + whole.summary.failed);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees with Run Inference on the same rows (labels and probabilities)', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => [(i % 17) / 2, (i % 7) / 1.5, (i % 5) / 2]);
    const text = `sepal,petal,width\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const whole = await runInference(cache, { model, text, topK: 2 });
    const { out } = await score(file(text), { topK: 2, readBytes: 1000 });
    const got = results(out).rows;
    assert.equal(got.length, 500);
    const p = whole.predictions;
    assert.ok(p.kind === 'classification');
    got.forEach((cells, r) => {
      assert.equal(cells[4], p.labels[p.top[r * 2]!]);
      assert.ok(Math.abs(Number(cells[5]) - p.topP[r * 2]!) <= 5e-7);
      assert.equal(cells[6], p.labels[p.top[r * 2 + 1]!]);
    });
  });

  it("the credit-risk example, trained and exported as a run does: its whole CSV scored with the trainer's own labels", async () => {
    const experimentFile = path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml');
    const config = trainerConfigFromExperiment(
      parse(readFileSync(experimentFile, 'utf8')),
      path.dirname(experimentFile),
    );
    const trained = await runBuiltinTrainer(config);
    const folder = path.join(dir, 'credit-risk');
    const onnx = saveModel(
      dir,
      'credit-risk',
      exportOnnx(trained.model, config.export),
      modelCard(trained, config.export),
    );
    assert.equal(path.dirname(onnx), folder);
    const csv = path.join(REPO_ROOT, 'examples', 'credit-risk', 'data', 'applications.csv');
    const experiment = await readExperimentSettings(experimentFile);
    const { summary, out } = await score(csv, { model: onnx, ...(experiment && { experiment }), readBytes: 8192 });
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(summary.rows, lines.length - 1);
    assert.equal(summary.failed, 0);
    const header = lines[0]!.split(',');
    const rows = lines
      .slice(1)
      .map((l) => trained.model.featureOrder.map((f) => Number(l.split(',')[header.indexOf(f)])));
    const probs = predict(trained.model, rows);
    const labels = trained.model.labels!;
    const got = results(out);
    assert.deepEqual(got.header.slice(0, header.length + 1), ['line', ...header]);
    got.rows.forEach((cells, i) => {
      const best = probs[2 * i + 1]! > probs[2 * i]! ? 1 : 0;
      assert.equal(cells[0], String(i + 2));
      assert.equal(cells.slice(1, header.length + 1).join(','), lines[i + 1], 'the input row copied as it is');
      assert.equal(cells[header.length + 1], labels[best], `line ${i + 2}`);
      assert.ok(Math.abs(Number(cells[header.length + 2]) - probs[2 * i + best]!) < 1e-4, `line ${i + 2}`);
    });
  });
});
