/**
 * XDOC-004 boundaries the fixture tests leave open: the GPU-hour estimate's parts (median, runs kept, GPUs and
 * nodes, singular and plural), the cost equal to the budget, the price setting's edges, the not-counted list, and the
 * budget from the use of funds (which round, which category, a missing amount).
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import type { LanguageService } from '../../../../server/src/service';
import { NULL_HOST, type PastRun, type ServiceHost } from '../../../../server/src/service/host';
import { parseFile } from '../../../../server/src/service/parse';
import { gpuHoursOf } from '../../../../server/src/service/rules/xdoc/xdoc-004-compute-budget';
import { checkText, checkUnsaved, tempWorkspace, xdocService } from './support';

const root = (text: string) => parseFile({ uri: 'untitled:x', text }).documents[0]?.root;
const withRuns = (runs: readonly PastRun[], asked: string[] = []): ServiceHost => ({
  ...NULL_HOST,
  pastRuns: async (name) => {
    asked.push(name);
    return runs;
  },
});
const H = 3600;

describe('XDOC-004 boundaries: the GPU-hour estimate', () => {
  const named = (resources: string) => root(`metadata: {name: exp}\nresources: ${resources}`);

  it('takes the median of the succeeded runs, sorted by duration, averaging the middle two of an even count', async () => {
    const odd = [
      { state: 'succeeded', durationSec: 10 * H },
      { state: 'succeeded', durationSec: 1 * H },
      { state: 'succeeded', durationSec: 2 * H },
    ];
    assert.deepEqual(await gpuHoursOf(withRuns(odd), named('{accelerator: gpu}')), {
      gpuHours: 2,
      basis: 'median of 3 succeeded runs 2 h × 1 GPU',
    });
    const even = [
      { state: 'succeeded', durationSec: 9 * H },
      { state: 'succeeded', durationSec: 1 * H },
      { state: 'succeeded', durationSec: 3 * H },
      { state: 'succeeded', durationSec: 100 * H },
    ];
    assert.deepEqual(await gpuHoursOf(withRuns(even), named('{accelerator: gpu}')), {
      gpuHours: 6,
      basis: 'median of 4 succeeded runs 6 h × 1 GPU',
    });
    const two = [
      { state: 'succeeded', durationSec: 20 * H },
      { state: 'succeeded', durationSec: 4 * H },
    ];
    assert.equal((await gpuHoursOf(withRuns(two), named('{accelerator: gpu}')))?.gpuHours, 12);
  });

  it('keeps only succeeded runs with a finite duration of 0 s or more; one run reads singular', async () => {
    const runs = [
      { state: 'failed', durationSec: 50 * H },
      { state: 'succeeded', durationSec: Number.NaN },
      { state: 'succeeded', durationSec: Number.POSITIVE_INFINITY },
      { state: 'succeeded', durationSec: -H },
      { state: 'succeeded', durationSec: 0 },
    ];
    assert.deepEqual(await gpuHoursOf(withRuns(runs), named('{gpus: 2, time_limit: "05:00:00"}')), {
      gpuHours: 0,
      basis: 'median of 1 succeeded run 0 h × 2 GPUs',
    });
    const none = [{ state: 'cancelled', durationSec: H }];
    assert.deepEqual(await gpuHoursOf(withRuns(none), named('{gpus: 2, time_limit: "05:00:00"}')), {
      gpuHours: 10,
      basis: 'estimate from time_limit 05:00:00 = 5 h × 2 GPUs',
    });
  });

  it('asks for past runs by the experiment name only, and not without one', async () => {
    const asked: string[] = [];
    const runs = [{ state: 'succeeded', durationSec: H }];
    assert.deepEqual(await gpuHoursOf(withRuns(runs, asked), root('resources: {gpus: 1, time_limit: "02:00:00"}')), {
      gpuHours: 2,
      basis: 'estimate from time_limit 02:00:00 = 2 h × 1 GPU',
    });
    assert.deepEqual(asked, []);
    await gpuHoursOf(withRuns(runs, asked), named('{gpus: 1}'));
    assert.deepEqual(asked, ['exp']);
  });

  it('counts GPUs per node × nodes, naming the nodes only above one; no GPUs reads CPU only', async () => {
    const est = (resources: string) => gpuHoursOf(NULL_HOST, root(`resources: ${resources}`));
    assert.deepEqual(await est('{gpus: 2, nodes: 3, time_limit: "01:00:00"}'), {
      gpuHours: 6,
      basis: 'estimate from time_limit 01:00:00 = 1 h × 2 GPUs × 3 nodes',
    });
    assert.deepEqual(await est('{gpus: 2, nodes: 1, time_limit: "01:00:00"}'), {
      gpuHours: 2,
      basis: 'estimate from time_limit 01:00:00 = 1 h × 2 GPUs',
    });
    // `nodes: 0` counts as one node.
    assert.deepEqual(await est('{gpus: 2, nodes: 0, time_limit: "01:00:00"}'), {
      gpuHours: 2,
      basis: 'estimate from time_limit 01:00:00 = 1 h × 2 GPUs',
    });
    assert.deepEqual(await est('{gpus: 3, accelerator: gpu, time_limit: "00:20:00"}'), {
      gpuHours: 1,
      basis: 'estimate from time_limit 00:20:00 = 0.33 h × 3 GPUs',
    });
    for (const r of ['{time_limit: "01:00:00"}', '{accelerator: gpu, gpus: 0, time_limit: "01:00:00"}'])
      assert.deepEqual(await est(r), { gpuHours: 0, basis: 'CPU only' }, r);
    assert.equal(await est('{gpus: 1, time_limit: "not a time"}'), undefined);
    assert.equal(await est('{gpus: 1}'), undefined);
  });
});

describe('XDOC-004 boundaries: cost against the budget', () => {
  const exp = (name: string, resources: string) =>
    `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: ${name}}\nresources: ${resources}\n`;
  let dir: string;
  let service: LanguageService;
  before(() => {
    dir = tempWorkspace('xdoc004b', {
      // 1 GPU-hour each: $2.5 at the default price.
      'a.experiment.yaml': exp('xdoc004b-a', '{accelerator: gpu, time_limit: "01:00:00"}'),
      'b.experiment.yaml': exp('xdoc004b-b', '{accelerator: gpu, time_limit: "01:00:00"}'),
      'open.experiment.yaml': exp('xdoc004b-open', '{accelerator: gpu}'),
      'open2.experiment.yaml': exp('xdoc004b-open2', '{accelerator: gpu}'),
    });
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const plan = (links: string, rest: string) =>
    [
      'apiVersion: liftoff/v1',
      'kind: BusinessPlan',
      'metadata: {name: budget, date: 2026-01-15, currency: USD}',
      `solution: {description: x, linked_experiments: [${links}]}`,
      rest,
    ].join('\n');
  const period = (compute: string, name = 'period: 2026, ') =>
    `financials:\n  periods:\n    - {${name}revenue: "$0", costs: {compute: "${compute}"}}\n`;
  const check = async (text: string, svc = service) => (await checkText(svc, dir, text, 'XDOC-004')).diagnostics;

  it('is silent when the cost equals the budget and reports one cent more', async () => {
    assert.deepEqual(await check(plan('a.experiment.yaml', period('$2.5'))), []);
    const [d, ...more] = await check(plan('a.experiment.yaml', period('$2.49')));
    assert.equal(more.length, 0);
    assert.equal(
      d?.message,
      'One run of each linked experiment is estimated to cost $2.5, more than the compute budget $2.49 (`financials.periods[0].costs.compute`, 2026): `a.experiment.yaml` 1 GPU-h (estimate from time_limit 01:00:00 = 1 h × 1 GPU) × $2.5 per GPU-hour (`liftoff.gpuHourPrice`) = $2.5. Raise the compute budget, or plan fewer or shorter runs.',
    );
  });

  it('sums several experiments, names the ones it cannot estimate, and leaves out the period name when there is none', async () => {
    const [d] = await check(
      plan(
        'a.experiment.yaml, https://example.com/x.experiment.yaml, open.experiment.yaml, gone.experiment.yaml, b.experiment.yaml, open2.experiment.yaml',
        period('$1', ''),
      ),
    );
    assert.equal(
      d?.message,
      'One run of each linked experiment is estimated to cost $5, more than the compute budget $1 (`financials.periods[0].costs.compute`): `a.experiment.yaml` 1 GPU-h (estimate from time_limit 01:00:00 = 1 h × 1 GPU) + `b.experiment.yaml` 1 GPU-h (estimate from time_limit 01:00:00 = 1 h × 1 GPU) = 2 GPU-h × $2.5 per GPU-hour (`liftoff.gpuHourPrice`) = $5. Not counted: `open.experiment.yaml`, `open2.experiment.yaml` (no past runs and no `resources.time_limit`). Raise the compute budget, or plan fewer or shorter runs.',
    );
    // Nothing to count at all: silent.
    assert.deepEqual(await check(plan('open.experiment.yaml', period('$0'))), []);
  });

  it('is silent for an unusable price and uses a usable one', async () => {
    const text = plan('a.experiment.yaml', period('$1'));
    for (const gpuHourPrice of [0, -1, Number.POSITIVE_INFINITY, Number.NaN])
      assert.deepEqual(await check(text, xdocService(dir, { gpuHourPrice })), [], String(gpuHourPrice));
    assert.deepEqual(await check(text, xdocService(dir, { gpuHourPrice: 0.5 })), []);
    assert.equal((await check(text, xdocService(dir, { gpuHourPrice: 1.01 }))).length, 1);
  });

  it('is silent for a price of 0 or less even when the budget is below 0', async () => {
    const text = plan('a.experiment.yaml', period('-$10'));
    assert.equal((await check(text)).length, 1);
    for (const gpuHourPrice of [0, -1])
      assert.deepEqual(await check(text, xdocService(dir, { gpuHourPrice })), [], String(gpuHourPrice));
  });

  it('is silent without a budget, and for an unsaved plan', async () => {
    assert.deepEqual(await check(plan('a.experiment.yaml', '')), []);
    assert.deepEqual(
      await check(plan('a.experiment.yaml', 'financials:\n  periods:\n    - {period: 2026, costs: {compute: ~}}\n')),
      [],
    );
    const text = plan('a.experiment.yaml', period('$1'));
    assert.deepEqual(await checkUnsaved(service, text, 'XDOC-004'), []);
  });

  const funds = (rounds: string, use = '{category: Compute and GPUs, pct: 10}', extra = '') =>
    plan(
      'a.experiment.yaml',
      `financing:\n  rounds:\n${rounds}\n  use_of_funds:\n    - {category: R&D, pct: 80}\n    - ${use}\n${extra}`,
    );

  it('budgets the compute share (any case of "compute") of the next round after the plan date', async () => {
    const rounds = [
      '    - {name: Old, date: 2025-06, amount: "$100", status: planned}',
      '    - {name: Later, date: 2027-01, amount: "$5", status: planned}',
      '    - {name: Next, date: 2026-06, amount: "$20", status: planned}',
    ].join('\n');
    const [d] = await check(funds(rounds));
    assert.match(
      String(d?.message),
      /more than the compute budget \$2 \(10% compute in `financing.use_of_funds` × the next round `Next` of \$20\): /,
    );
    assert.deepEqual(d?.range, { start: { line: 11, character: 40 }, end: { line: 11, character: 42 } });
  });

  it('without a dated next round, takes the first round not closed; a round without a name or amount', async () => {
    const undated = [
      '    - {name: Done, amount: "$100", status: closed}',
      '    - {amount: "$20", status: planned}',
      '    - {name: Big, amount: "$1000", status: planned}',
    ].join('\n');
    const [d] = await check(funds(undated));
    assert.match(String(d?.message), /budget \$2 \(10% compute in `financing.use_of_funds` × the next round of \$20\)/);
    // The chosen round has no amount: no budget.
    assert.deepEqual(await check(funds('    - {name: Open, status: planned}\n    - {name: B, amount: "$1"}')), []);
    // Every round closed: no budget.
    assert.deepEqual(await check(funds('    - {name: Done, amount: "$10", status: closed}')), []);
    // No rounds list, a list of scalars, or no compute line, or a compute line without a number: no budget.
    assert.deepEqual(await check(funds('    - just text')), []);
    assert.deepEqual(await check(funds('    - {name: A, amount: "$20"}', '{category: hiring, pct: 10}')), []);
    assert.deepEqual(await check(funds('    - {name: A, amount: "$20"}', '{category: compute, pct: many}')), []);
    assert.deepEqual(await check(funds('    - {name: A, amount: "$20"}', '{category: compute}')), []);
    // A compute line but no rounds at all: no budget.
    assert.deepEqual(
      await check(plan('a.experiment.yaml', 'financing:\n  use_of_funds:\n    - {category: compute, pct: 10}\n')),
      [],
    );
  });

  it('skips rounds that are not mappings, and reads a plan without a date', async () => {
    const [d] = await check(funds('    - 42\n    - ~\n    - {name: A, amount: "$20"}'));
    assert.match(
      String(d?.message),
      /budget \$2 \(10% compute in `financing.use_of_funds` × the next round `A` of \$20\)/,
    );
    const undated = funds('    - {name: A, amount: "$20"}').replace(
      'metadata: {name: budget, date: 2026-01-15, currency: USD}',
      'metadata: {name: budget, currency: USD}',
    );
    assert.match(String((await check(undated))[0]?.message), /budget \$2 \(10% compute/);
  });

  it('prefers the first period with a compute cost over the use of funds, and falls back when the period has none', async () => {
    const both = funds('    - {name: A, amount: "$1000"}', undefined, period('$1'));
    assert.match(String((await check(both))[0]?.message), /the compute budget \$1 \(`financials.periods\[0\]/);
    const noCompute = funds(
      '    - {name: A, amount: "$1000"}',
      '{category: compute, pct: 0.1}',
      'financials:\n  periods:\n    - {period: 2026, costs: {personnel: "$5"}}\n',
    );
    assert.match(String((await check(noCompute))[0]?.message), /the compute budget \$1 \(0.1% compute/);
    const notMoney = funds('    - {name: A, amount: "$1000"}', '{category: compute, pct: 0.1}', period('lots'));
    assert.match(String((await check(notMoney))[0]?.message), /the compute budget \$1 \(0.1% compute/);
  });
});
