import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cliIn } from './../support/cli';
import { computeWorkspace } from '../support/compute-workspace';

describe('liftoff plan compute', () => {
  const runs = [
    { experiment: 'exp-a', id: 'r1', startedAt: '2026-02-01T00:00:00Z', endedAt: '2026-02-01T10:00:00Z', gpus: 8 },
    {
      experiment: 'exp-b',
      id: 'r2',
      startedAt: '2026-02-10T00:00:00Z',
      endedAt: '2026-02-10T10:00:00Z',
      gpus: 8,
      nodes: 2,
    },
  ];
  let ws: ReturnType<typeof computeWorkspace>;
  before(() => (ws = computeWorkspace(runs)));
  after(() => rmSync(ws.dir, { recursive: true, force: true }));
  const cli = cliIn(() => ws.dir);

  it('prints the spend per experiment against the budget and its pace: exit 0 within it', async () => {
    const r = await cli('plan', 'compute', 'pace.plan.yaml', '--as-of', '2026-03-01');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        'Compute of pace.plan.yaml as of 2026-03-01:',
        '  a.experiment.yaml (exp-a): 80.0 GPU-h in 1 run',
        '  b.experiment.yaml (exp-b): 160.0 GPU-h in 1 run',
        '  total: 240.0 GPU-h × $2.5 per GPU-hour = $600',
        '  budget: $12k for 2026 (financials.periods[0].costs.compute)',
        // 12,000 × 59.5 / 365 days (the day is read at noon UTC).
        '  pace: $1,956.16 by today (16 % of the period); within the plan',
        '',
      ].join('\n'),
    );
  });

  it('exit 1 when the runs spent ahead of the pace, with the day the budget runs out; JSON for scripts', async () => {
    const r = await cli('plan', 'compute', 'pace.plan.yaml', '--as-of', '2026-03-01', '--gpu-hour-price', '10');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /total: 240\.0 GPU-h × \$10 per GPU-hour = \$2\.4k\n/);
    assert.match(r.out, /spent \$.* AHEAD of the plan\n  at this rate the budget runs out on 2026-10-2\d\n/);
    const j = await cli('plan', 'compute', 'pace.plan.yaml', '--as-of', '2026-03-01', '--format', 'json');
    const report = JSON.parse(j.out) as { gpuHours: number; spent: number; pace: { ahead: boolean } };
    assert.equal(report.gpuHours, 240);
    assert.equal(report.spent, 600);
    assert.equal(report.pace.ahead, false);
  });

  it('exit 2 on bad usage or a missing file, 1 on a file that is not a plan', async () => {
    assert.equal((await cli('plan', 'compute')).code, 2);
    assert.match((await cli('plan', 'compute', 'pace.plan.yaml', '--as-of', 'March')).err, /--as-of must be a date/);
    assert.match((await cli('plan', 'compute', 'pace.plan.yaml', '--gpu-hour-price', '-1')).err, /--gpu-hour-price/);
    assert.match((await cli('plan', 'compute', 'nope.plan.yaml')).err, /'nope\.plan\.yaml' does not exist/);
    const notPlan = await cli('plan', 'compute', 'a.experiment.yaml');
    assert.equal(notPlan.code, 1);
    assert.match(notPlan.err, /is not a business plan/);
  });

  it('plan export includes the review threads of the plan’s .review.yaml', async () => {
    writeFileSync(
      path.join(ws.dir, 'pace.plan.review.yaml'),
      'version: 1\nthreads:\n  - {id: t-1, path: "financials.periods[0].costs.compute", comments: [{author: Ada, date: 2026-12-06T01:30:00Z, body: "Enough for two runs?"}]}\n',
    );
    const r = await cli('plan', 'export', 'pace.plan.yaml', '--format', 'md', '--out', path.join(ws.dir, 'out.md'));
    assert.equal(r.code, 0, r.err);
    assert.match(
      readFileSync(path.join(ws.dir, 'out.md'), 'utf8'),
      /> \*\*Open\*\* on `financials\.periods\[0\]\.costs\.compute`\n> — Ada, 2026-12-06 01:30 UTC: Enough for two runs\?/,
    );
  });
});
