/**
 * The JSON-lines reader against `JSON.parse`, by property: records whose keys change from line to line (prefixes of
 * one another, escaped quotes, non-ASCII, missing and extra keys, nested and string values) give exactly the series
 * `JSON.parse` would: every numeric key except `step` and `time` is a series of (step, value). This is what catches a
 * key-shape cache that takes `"loss_val"` for the `"loss"` it saw on the line before.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { JsonlReader } from '../../../../core/src/metrics/jsonl-reader';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { points, tempDir } from '../../../support/metrics';

/** Keys chosen to collide: prefixes and extensions of each other, escapes, a non-ASCII name, and `epoch`. */
const KEYS = [
  'loss',
  'loss_val',
  'loss_va',
  'los',
  'l',
  'val_loss',
  'lr',
  'loss"x',
  'lo\\ss',
  'λ_loss',
  'epoch',
  'acc',
];

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -1e6, max: 1e6 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('text', true, false, null, [1, 2], { loss: 3 }) },
);
const record = fc.record({
  fields: fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), value), { selector: ([k]) => k, maxLength: 6 }),
  step: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
  spaced: fc.boolean(),
});
type Rec = typeof record extends fc.Arbitrary<infer R> ? R : never;

/** One line as a trainer would write it: `step` first when present, then the fields; `json.dumps` spacing or none. */
function line(r: Rec): string {
  const entries: Array<[string, unknown]> = [
    ...(r.step === undefined ? [] : [['step', r.step] as [string, unknown]]),
    ...r.fields,
  ];
  const [colon, comma] = r.spaced ? [': ', ', '] : [':', ','];
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${JSON.stringify(v)}`).join(comma)}}`;
}

/** What the file means, read with JSON.parse: series name → [step, value] pairs. */
function expected(lines: readonly string[]): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  let last = -1;
  for (const l of lines) {
    const o = JSON.parse(l) as Record<string, unknown>;
    const step = typeof o.step === 'number' ? o.step : last + 1;
    last = step;
    for (const [k, v] of Object.entries(o)) {
      if (k === 'step' || k === 'time' || typeof v !== 'number') continue;
      if (!out.has(k)) out.set(k, []);
      out.get(k)!.push([step, v]);
    }
  }
  return out;
}

describe('JSON-lines reader vs JSON.parse (property)', () => {
  const tmp = tempDir();
  after(() => tmp.remove());

  it('reads records with changing keys exactly as JSON.parse does', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 25 }), async (records) => {
        const lines = records.map(line);
        const file = tmp.file(`r${n++}.jsonl`);
        writeFileSync(file, `${lines.join('\n')}\n`);
        const store = new SeriesStore();
        const stats = await new JsonlReader(store, 'run', file).read();
        assert.equal(stats.corrupt, 0, lines.join('\n'));
        const want = expected(lines);
        assert.deepEqual([...store.names('run')].sort(), [...want.keys()].sort(), lines.join('\n'));
        for (const [name, pairs] of want) {
          const got = points(store, 'run', name);
          assert.deepEqual(
            got?.steps,
            pairs.map(([s]) => s),
            `${name} steps\n${lines.join('\n')}`,
          );
          assert.deepEqual(
            got?.values,
            pairs.map(([, v]) => v),
            `${name} values\n${lines.join('\n')}`,
          );
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a key that extends the previous line\'s key is a new series: {"loss":1} then {"loss_val":2}', async () => {
    const file = tmp.file('prefix.jsonl');
    writeFileSync(file, '{"loss":1}\n{"loss_val":2}\n{"los":3}\n{"loss":4}\n');
    const store = new SeriesStore();
    await new JsonlReader(store, 'run', file).read();
    assert.deepEqual([...store.names('run')].sort(), ['los', 'loss', 'loss_val']);
    assert.deepEqual(points(store, 'run', 'loss')?.values, [1, 4]);
    assert.deepEqual(points(store, 'run', 'loss_val')?.values, [2]);
    assert.deepEqual(points(store, 'run', 'los')?.values, [3]);
  });
});
