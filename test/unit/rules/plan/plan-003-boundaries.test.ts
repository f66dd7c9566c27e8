/**
 * PLAN-003 at its edges: SOM ≤ SAM ≤ TAM compared pair by pair among the figures written (a missing SAM puts SOM
 * against TAM), equal figures accepted, years that differ never compared, a missing year borrowed from the other
 * figure; each figure's missing `source` / `year` named. By property: for figures of one year, an error exactly on each
 * figure larger than the next one written.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { service } from './support';

/** The rule's diagnostics of `doc`; every entry the service returns must be a diagnostic (a rule returns no junk). */
async function only(doc: { uri: string; text: string }, code: string): Promise<LiftoffDiagnostic[]> {
  const all = await service.validate(doc);
  for (const d of all) assert.ok(typeof d === 'object' && d !== null && 'range' in d, `not a diagnostic: ${String(d)}`);
  return all.filter((d) => d.code === code);
}

/**
 * A new document name for every check: the language service keeps incremental state per document and reuses a rule's
 * last diagnostics when what it read is unchanged, which under mutation testing (modules stay loaded from one mutant
 * to the next) could hand one mutant's results to another.
 */
let docs = 0;
const newUri = () => `file:///tmp/market-${++docs}.plan.yaml`;

/** A plan whose `market.size` has the given lines (each `key: value` under `size:`). */
function planWith(size: readonly string[]): string {
  return [
    'apiVersion: liftoff/v1',
    'kind: BusinessPlan',
    'metadata:',
    '  name: market',
    '  currency: CNY',
    'market:',
    '  size:',
    ...size.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

/** `year: null`: no year written. */
const fig = (key: string, value: string, year: number | null = 2026, source = 'survey'): string =>
  `${key}: {value: "${value}"${year !== null ? `, year: ${year}` : ''}${source ? `, source: "${source}"` : ''}}`;

async function plan003(size: readonly string[]): Promise<LiftoffDiagnostic[]> {
  return only({ uri: newUri(), text: planWith(size) }, 'PLAN-003');
}

const errors = (ds: LiftoffDiagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Error);
const warnings = (ds: LiftoffDiagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Warning);

describe('PLAN-003 boundaries', () => {
  it('equal figures pass; one yuan more is flagged, on the larger figure’s value', async () => {
    assert.deepEqual(await plan003([fig('tam', '¥100M'), fig('sam', '¥100M'), fig('som', '¥100M')]), []);
    const ds = await plan003([fig('tam', '¥100M'), fig('sam', '¥100M'), fig('som', '¥100000001')]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, DiagnosticSeverity.Error);
    assert.match(String(ds[0]!.message), /^SOM \(.*\) is larger than SAM \(¥100M\) for 2026: SOM is the part of SAM/);
    // On the value of `som` (line 9, the third figure): `som: {value: "¥100000001"` — the quoted value.
    const line = planWith([fig('tam', '¥100M'), fig('sam', '¥100M'), fig('som', '¥100000001')]).split('\n')[9]!;
    assert.deepEqual(ds[0]!.range, {
      start: { line: 9, character: line.indexOf('"¥') },
      end: { line: 9, character: line.indexOf('"', line.indexOf('"¥') + 1) + 1 },
    });
  });

  it('SAM above TAM names TAM and what SAM is', async () => {
    const ds = errors(await plan003([fig('tam', '¥10M'), fig('sam', '¥20M')]));
    assert.equal(ds.length, 1);
    assert.match(
      String(ds[0]!.message),
      /^SAM \(¥20M\) is larger than TAM \(¥10M\) for 2026: SAM is the part of TAM your product and channels can reach, so SOM ≤ SAM ≤ TAM\.$/,
    );
  });

  it('without a SAM, SOM is compared with TAM', async () => {
    const ds = errors(await plan003([fig('tam', '¥10M'), fig('som', '¥20M')]));
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]!.message), /^SOM \(¥20M\) is larger than TAM \(¥10M\) for 2026/);
  });

  it('figures of different years are not compared; a missing year takes the other figure’s', async () => {
    assert.deepEqual(errors(await plan003([fig('sam', '¥10M', 2027), fig('som', '¥20M', 2026)])), []);
    const oneYear = errors(await plan003([fig('sam', '¥10M', 2027), fig('som', '¥20M', null)]));
    assert.equal(oneYear.length, 1);
    assert.match(String(oneYear[0]!.message), /than SAM \(¥10M\) for 2027:/);
    const otherYear = errors(await plan003([fig('sam', '¥10M', null), fig('som', '¥20M', 2025)]));
    assert.match(String(otherYear[0]!.message), /than SAM \(¥10M\) for 2025:/);
    const noYear = errors(await plan003([fig('sam', '¥10M', null), fig('som', '¥20M', null)]));
    assert.match(String(noYear[0]!.message), /than SAM \(¥10M\): SOM is/);
  });

  it('a figure that is not an amount is not compared', async () => {
    assert.deepEqual(errors(await plan003([fig('sam', 'a lot'), fig('som', '¥20M')])), []);
    assert.deepEqual(errors(await plan003([fig('sam', '¥10M'), fig('som', 'plenty')])), []);
    assert.deepEqual(errors(await plan003(['sam: {year: 2026, source: x}', fig('som', '¥20M')])), []);
  });

  it('a bare value compares like a mapping and lacks both year and source', async () => {
    const ds = await plan003(['sam: "¥10M"', 'som: "¥20M"']);
    assert.equal(errors(ds).length, 1);
    const w = warnings(ds).map((d) => String(d.message));
    assert.equal(w.length, 2);
    assert.match(
      w[0]!,
      /^`market\.size\.sam` has no `source` and no `year`: a market figure needs the year it is for and where it comes from/,
    );
  });

  it('names exactly what is missing: the source (blank counts), the year, or both; on the key', async () => {
    const onlySource = warnings(await plan003([fig('tam', '¥1bn', 2026, '  ')]));
    assert.equal(onlySource.length, 1);
    assert.match(String(onlySource[0]!.message), /^`market\.size\.tam` has no `source`: /);
    assert.deepEqual(onlySource[0]!.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 7 } });
    const onlyYear = warnings(await plan003([fig('tam', '¥1bn', null, 'survey')]));
    assert.match(String(onlyYear[0]!.message), /^`market\.size\.tam` has no `year`: /);
    const both = warnings(await plan003(['tam: {value: "¥1bn"}']));
    assert.match(String(both[0]!.message), /^`market\.size\.tam` has no `source` and no `year`: /);
    assert.deepEqual(warnings(await plan003([fig('tam', '¥1bn')])), []);
  });

  it('nothing when market.size is not a mapping', async () => {
    assert.deepEqual(
      await only({ uri: newUri(), text: planWith([]).replace('  size:\n', '  size: 5\n') }, 'PLAN-003'),
      [],
    );
  });

  it('property: figures of one year get an error exactly on each one larger than the next one written', async () => {
    const amount = fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(amount, amount, amount, async (som, sam, tam) => {
        const written = (
          [
            ['som', som],
            ['sam', sam],
            ['tam', tam],
          ] as const
        ).filter((x): x is readonly ['som' | 'sam' | 'tam', number] => x[1] !== undefined);
        const ds = errors(await plan003(written.map(([k, v]) => fig(k, `¥${v}M`))));
        const tooLarge = written
          .slice(0, -1)
          .filter(([, v], i) => v > written[i + 1]![1])
          .map(([k]) => k.toUpperCase());
        assert.deepEqual(
          ds.map((d) => /^(\w+) \(.*\) is larger than /.exec(String(d.message))?.[1]),
          tooLarge,
          `som ${som}, sam ${sam}, tam ${tam}`,
        );
      }),
      { numRuns: 60 },
    );
  });
});
