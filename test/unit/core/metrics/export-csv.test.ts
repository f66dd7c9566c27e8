import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CSV_HEADER,
  CSV_HEADER_SMOOTHED,
  csvField,
  metricsCsv,
  writeMetricsCsv,
} from '../../../../core/src/metrics/export-csv';
import { ingestFile } from '../../../../core/src/metrics/ingest';
import { SeriesStore } from '../../../../core/src/metrics/series-store';

/** A metrics.jsonl as the built-in trainer writes it (one record per epoch), with a NaN and an Infinity. */
function trainerLines(epochs: number): { text: string; records: Array<Record<string, number>> } {
  const records: Array<Record<string, number>> = [];
  for (let e = 1; e <= epochs; e++) {
    records.push({
      epoch: e,
      step: e * 11,
      time: 1767225600.123456 + e * 0.731,
      train_loss: 0.7 / e + 0.0001 * e,
      val_loss: 0.69 / Math.sqrt(e),
      val_auc: 0.5 + e / 100,
    });
  }
  records[3]!.val_loss = NaN;
  records[5]!.val_auc = Infinity;
  const text =
    records
      .map((r) =>
        JSON.stringify(r)
          .replace(/null/g, '')
          .replace(/"val_loss":(,|})/, (_m, end: string) => `"val_loss":NaN${end}`)
          .replace(/"val_auc":(,|})/, (_m, end: string) => `"val_auc":Infinity${end}`),
      )
      .join('\n') + '\n';
  return { text, records };
}

function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

/** RFC 4180 records (quoted cells may hold commas, quotes and line ends), as a spreadsheet reads them. */
function parseRfc4180(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('metrics CSV export', () => {
  it('is row for row the values of the run’s metrics.jsonl: run, metric, step, epoch, wall time, value', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-csv-'));
    const file = path.join(dir, 'metrics.jsonl');
    const { text, records } = trainerLines(12);
    writeFileSync(file, text);
    const store = new SeriesStore();
    await ingestFile(store, 'run-a', file, 'jsonl', { final: true });
    const out = path.join(dir, 'export.csv');
    const summary = await writeMetricsCsv(out, store, ['run-a']);
    const rows = parseCsv(readFileSync(out, 'utf8'));
    assert.deepEqual(rows[0], CSV_HEADER.split(','));
    const expected: string[][] = [];
    for (const metric of ['train_loss', 'val_auc', 'val_loss']) {
      for (const r of records)
        expected.push(['run-a', metric, String(r.step), String(r.epoch), String(r.time), String(r[metric])]);
    }
    assert.equal(rows.length - 1, expected.length);
    assert.equal(summary.rows, expected.length);
    assert.equal(summary.metrics, 3);
    rows.slice(1).forEach((row, i) => {
      const want = expected[i]!;
      assert.deepEqual([...row.slice(0, 4), row[5]], [...want.slice(0, 4), want[5]], `row ${i + 1}`);
      assert.ok(
        Math.abs(Number(row[4]) - Number(want[4])) < 1e-6,
        `wall time of row ${i + 1}: ${row[4]} vs ${want[4]}`,
      );
    });
    assert.ok(
      rows.some((r) => r[5] === 'NaN') && rows.some((r) => r[5] === 'Infinity'),
      'non-finite values are exported as written',
    );
  });

  it('exports every point of several runs (no sampling), leaves unknown epochs and times empty, quotes odd names', () => {
    const store = new SeriesStore();
    const n = 25_000;
    const steps = Array.from({ length: n }, (_, i) => i);
    store.append([
      { run: 'a', name: 'loss', steps, values: steps.map((i) => 1 / (i + 1)) },
      { run: 'b', name: 'loss,weird"name', steps: [1, 2], times: [10, 11], values: [0.5, 0.25] },
    ]);
    const rows = parseCsv(metricsCsv(store, ['a', 'b'], { chunkChars: 1000 }));
    assert.equal(rows.length, 1 + n + 2);
    assert.deepEqual(rows[1], ['a', 'loss', '0', '', '', '1']);
    assert.equal(rows[n]![2], String(n - 1));
    assert.equal(csvField('loss,weird"name'), '"loss,weird""name"');
    assert.ok(metricsCsv(store, ['b']).includes('b,"loss,weird""name",1,,10,0.5'));
  });

  it('neutralises metric names and run labels a spreadsheet would run as formulas, keeping numbers numeric', () => {
    const store = new SeriesStore();
    const hostile = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\r=1'];
    store.append(hostile.map((name) => ({ run: 'r', name, steps: [1], values: [-0.5] })));
    const rows = parseRfc4180(metricsCsv(store, ['r'], { runLabel: () => '=evil()' }));
    const names = rows.slice(1).map((r) => r[1]);
    assert.deepEqual(
      new Set(names),
      new Set(hostile.map((n) => `'${n}`)),
      'every formula-like name starts with a quote mark',
    );
    for (const r of rows.slice(1)) {
      assert.equal(r[0], "'=evil()");
      assert.equal(r[5], '-0.5', 'a negative value stays a number');
      assert.equal(r[2], '1');
    }
    fc.assert(
      fc.property(fc.string(), (name) => {
        const s = new SeriesStore();
        s.append([{ run: 'r', name, steps: [1], values: [-1] }]);
        const cell = parseRfc4180(metricsCsv(s, ['r']))[1]?.[1] ?? '';
        assert.ok(!/^[=+\-@\t\r]/.test(cell), `cell ${JSON.stringify(cell)} could run as a formula`);
        // A quote mark is added to formula-like names only; every other name (even one that starts with ') is kept.
        assert.equal(cell, /^[=+\-@\t\r]/.test(name) ? `'${name}` : name, 'the name itself is kept');
      }),
      { numRuns: 500 },
    );
  });
});

describe('CSV export with smoothing: raw and smoothed side by side, at full resolution', () => {
  it('adds a smoothed column equal to the debiased EMA of the whole series', () => {
    const store = new SeriesStore();
    const n = 20_000;
    const values = Array.from({ length: n }, (_, i) => (i === 12_345 ? 99 : Math.sin(i / 300)));
    store.append([{ run: 'r', name: 'loss', steps: values.map((_, i) => i), values }]);
    const rows = metricsCsv(store, ['r'], { smoothing: 0.9 })
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    assert.deepEqual(rows[0], CSV_HEADER_SMOOTHED.split(','));
    assert.equal(rows.length - 1, n, 'every point, not a sample');
    assert.equal(Number(rows[1]![6]), values[0], 'the first smoothed value is the first raw value');
    assert.equal(Number(rows[12_346]![5]), 99, 'the spike is in the raw column');
    let last = 0;
    for (let i = 0; i < n; i += 997) {
      // Recomputed from the formula, not from the module under test.
      last = 0;
      let pow = 1;
      for (let k = 0; k <= i; k++) {
        last = last * 0.9 + 0.1 * (values[k] as number);
        pow *= 0.9;
      }
      assert.ok(Math.abs(Number(rows[i + 1]![6]) - last / (1 - pow)) < 1e-9, `row ${i + 1}`);
    }
  });

  it('property: a constant series smooths to itself from the first point, at any weight', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        (c, w, n) => {
          const store = new SeriesStore();
          store.append([
            { run: 'r', name: 'm', steps: Array.from({ length: n }, (_, i) => i), values: new Array(n).fill(c) },
          ]);
          const rows = metricsCsv(store, ['r'], { smoothing: w }).trimEnd().split('\n').slice(1);
          for (const r of rows) {
            const s = Number(r.split(',')[6]);
            assert.ok(Math.abs(s - c) <= 1e-9 * Math.max(1, Math.abs(c)), `${s} vs ${c}`);
          }
        },
      ),
    );
  });

  it('no smoothing: the header and rows are as before', () => {
    const store = new SeriesStore();
    store.append([{ run: 'r', name: 'm', steps: [1], values: [2] }]);
    assert.equal(metricsCsv(store, ['r'], { smoothing: 0 }).split('\n')[0], CSV_HEADER);
  });
});
