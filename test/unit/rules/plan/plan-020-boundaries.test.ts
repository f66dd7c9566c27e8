/**
 * PLAN-020 at a fixed "now" (the rule's clock is injectable), with a host whose run store answers from a table: which
 * experiments count (a name, at least one run), one run and several, the exhaustion date and its absence, the price's
 * edges, a period that has not started, and a host without a run store.
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeHost } from '../../../../server/src/host/node-host';
import type { ServiceHost } from '../../../../server/src/service/host';
import { parseFile } from '../../../../server/src/service/parse';
import { computePaceRule } from '../../../../server/src/service/rules/plan/plan-020-compute-pace';
import { DEFAULT_SETTINGS, type ServiceSettings } from '../../../../server/src/service/types';
import { tempWorkspace } from '../xdoc/support';

const exp = (name: string) => `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {${name}}\n`;

const plan = (compute = '"$1,000"', period = '2026') => `apiVersion: liftoff/v1
kind: BusinessPlan
metadata: {name: pace, currency: USD}
solution:
  description: x
  linked_experiments: [a.experiment.yaml, b.experiment.yaml, c.experiment.yaml, d.experiment.yaml, e.experiment.yaml]
financials:
  periods:
    - {period: ${period}, revenue: "$0", costs: {compute: ${compute}}}
`;

describe('PLAN-020 boundaries (fixed clock)', () => {
  let dir: string;
  let node: ServiceHost;
  before(() => {
    dir = tempWorkspace('plan020b', {
      'a.experiment.yaml': exp('name: exp-a'),
      'b.experiment.yaml': exp('name: exp-b'),
      'c.experiment.yaml': exp('description: no name'),
      'd.experiment.yaml': exp('name: exp-d'),
      'e.experiment.yaml': exp('name: exp-e'),
    });
    node = createNodeHost({ workspaceFolders: [dir], gpuProbe: async () => ({ status: 'no-driver' }) });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  type Spend = { runs: number; gpuHours: number } | undefined;
  async function run(
    now: string,
    spend: Record<string, Spend>,
    text = plan(),
    settings: Partial<ServiceSettings> = {},
    withStore = true,
  ) {
    const asked: Array<[string, number]> = [];
    const host: ServiceHost = Object.assign(Object.create(node) as ServiceHost, {
      runSpend: withStore
        ? async (name: string, sinceMs: number) => {
            asked.push([name, sinceMs]);
            return spend[name];
          }
        : undefined,
    });
    const docPath = path.join(dir, 'pace.plan.yaml');
    const file = parseFile({ uri: pathToFileURL(docPath).toString(), text });
    const yaml = file.documents[0]!;
    const ds = await computePaceRule(() => Date.parse(now))({
      file,
      yaml,
      settings: { ...DEFAULT_SETTINGS, ...settings },
      host,
      docPath,
    });
    return { ds, asked };
  }
  const JAN1 = Date.UTC(2026, 0, 1);

  it('adds the experiments with a name and runs, in one run and several, and says when the budget runs out', async () => {
    const { ds, asked } = await run('2026-07-02T00:00:00Z', {
      'exp-a': { runs: 1, gpuHours: 100 },
      'exp-b': { runs: 3, gpuHours: 150.004 },
      'exp-d': { runs: 0, gpuHours: 999 },
      'exp-e': undefined,
    });
    assert.deepEqual(asked, [
      ['exp-a', JAN1],
      ['exp-b', JAN1],
      ['exp-d', JAN1],
      ['exp-e', JAN1],
    ]);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.message, d.range]),
      [
        [
          'PLAN-020',
          2,
          "Compute spend is ahead of the plan: the linked experiments' runs since 2026-01-01 used `a.experiment.yaml` 100 GPU-h in 1 run + `b.experiment.yaml` 150 GPU-h in 3 runs = 250 GPU-h × $2.5 per GPU-hour (`liftoff.gpuHourPrice`) = $625.01, more than the $498.63 the 2026 compute budget of $1k allows 50 % into the period. At this rate the budget runs out on 2026-10-19, before the period ends. Raise the budget, or plan fewer or shorter runs.",
          { start: { line: 8, character: 53 }, end: { line: 8, character: 61 } },
        ],
      ],
    );
  });

  it('leaves out the run-out date when it falls after the period', async () => {
    // Two years in, 1.5 times the budget spent: at that rate it lasted 16 months.
    const { ds } = await run('2028-01-01T00:00:00Z', { 'exp-a': { runs: 2, gpuHours: 600 } });
    assert.equal(
      ds[0]?.message,
      "Compute spend is ahead of the plan: the linked experiments' runs since 2026-01-01 used `a.experiment.yaml` 600 GPU-h in 2 runs = 600 GPU-h × $2.5 per GPU-hour (`liftoff.gpuHourPrice`) = $1.5k, more than the $1k the 2026 compute budget of $1k allows 100 % into the period. Raise the budget, or plan fewer or shorter runs.",
    );
  });

  it('is silent within the pace, before the period, without a run store, and for a price that is not above 0', async () => {
    const spend = { 'exp-a': { runs: 1, gpuHours: 250 } };
    assert.equal((await run('2026-07-02T00:00:00Z', spend)).ds.length, 1);
    assert.deepEqual((await run('2026-01-02T00:00:00Z', { 'exp-a': { runs: 1, gpuHours: 1 } })).ds, []);
    assert.deepEqual((await run('2025-12-31T23:59:59Z', spend)).ds, []);
    assert.deepEqual((await run('2026-07-02T00:00:00Z', spend, plan(), {}, false)).ds, []);
    for (const gpuHourPrice of [0, -1, Number.POSITIVE_INFINITY, Number.NaN])
      assert.deepEqual(
        (await run('2026-07-02T00:00:00Z', spend, plan(), { gpuHourPrice })).ds,
        [],
        String(gpuHourPrice),
      );
    assert.equal((await run('2026-07-02T00:00:00Z', spend, plan(), { gpuHourPrice: 0.01 })).ds.length, 0);
    assert.equal((await run('2026-07-02T00:00:00Z', spend, plan(), { gpuHourPrice: 10 })).ds.length, 1);
    // No compute budget at all.
    assert.deepEqual((await run('2026-07-02T00:00:00Z', spend, plan('~'))).ds, []);
  });

  it('uses the default price when the setting is unset', async () => {
    const { ds } = await run('2026-07-02T00:00:00Z', { 'exp-a': { runs: 1, gpuHours: 1000 } }, plan(), {
      gpuHourPrice: undefined,
    });
    assert.match(String(ds[0]?.message), /× \$2\.5 per GPU-hour/);
  });
});
