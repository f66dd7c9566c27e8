import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkFile, xdocService } from '../xdoc/support';
import { COMPUTE_PLAN, computeWorkspace } from '../../../support/compute-workspace';

const PLAN = `apiVersion: liftoff/v1
kind: BusinessPlan
metadata:
  name: Review rule
  currency: USD
financials:
  monthly_burn: "$30k"
  cash_on_hand: "$300k"
risks:
  - {id: r-data, title: Data access, category: technical, likelihood: 2, impact: 2, mitigation: Partners, owner: ceo}
`;

const REVIEW = `version: 1
threads:
  - id: t-burn01
    path: financials.monthly_burn
    status: open
    quote: $30k
    comments:
      - {author: Ada, date: 2026-12-06T01:30:00Z, body: "Why so high?"}
      - {author: Bo, date: 2026-12-06T02:00:00Z, body: "Hiring."}
  - id: t-risk01
    path: risks[r-data].impact
    status: resolved
    comments:
      - {author: Ada, date: 2026-12-06T01:30:00Z, body: "Ok."}
  - id: t-gone01
    path: financials.gross_margin
    status: open
    quote: "60 %"
    comments:
      - {author: Cy, date: 2026-12-06T01:30:00Z, body: "Source?"}
`;

describe('PLAN-019 open review threads in the Problems panel', () => {
  let dir: string;
  let plan: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-plan019-'));
    plan = path.join(dir, 'r.plan.yaml');
    writeFileSync(plan, PLAN);
    writeFileSync(path.join(dir, 'r.plan.review.yaml'), REVIEW);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each open thread on its line (outdated ones on the first line), as information', async () => {
    const { diagnostics } = await checkFile(xdocService(dir), plan, 'PLAN-019');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity, d.message]),
      [
        [
          0,
          DiagnosticSeverity.Information,
          'Open review thread on `financials.gross_margin`, which is no longer in the plan (it read "60 %") — Cy: "Source?". Reply or resolve it in the editor\'s comments, or in r.plan.review.yaml.',
        ],
        [
          6,
          DiagnosticSeverity.Information,
          'Open review thread on `financials.monthly_burn` — Ada: "Why so high?" (1 reply). Reply or resolve it in the editor\'s comments, or in r.plan.review.yaml.',
        ],
      ],
    );
  });

  it('is off with liftoff.review.showOpenThreadsInProblems: false', async () => {
    const { diagnostics } = await checkFile(xdocService(dir, { reviewThreadsInProblems: false }), plan, 'PLAN-019');
    assert.deepEqual(diagnostics, []);
  });

  it('says what is wrong with a review file it cannot read, and that it leaves it alone', async () => {
    const other = path.join(dir, 'bad.plan.yaml');
    writeFileSync(other, PLAN);
    writeFileSync(path.join(dir, 'bad.plan.review.yaml'), 'threads:\n  - {id: t1, path: "a..b", comments: []}\n');
    const { diagnostics } = await checkFile(xdocService(dir), other, 'PLAN-019');
    assert.equal(diagnostics.length, 1);
    assert.match(
      String(diagnostics[0]!.message),
      /^bad\.plan\.review\.yaml \(threads\[0\]\.path\): `path` must name a place in the plan.*Until it is fixed, Liftoff does not change the file\.$/,
    );
  });

  it('is silent without a review file', async () => {
    const lone = path.join(dir, 'lone.plan.yaml');
    writeFileSync(lone, PLAN);
    assert.deepEqual((await checkFile(xdocService(dir), lone, 'PLAN-019')).diagnostics, []);
  });
});

describe("PLAN-020 compute spend ahead of the plan's pace", () => {
  // The period is this year and the runs started today, so the rule sees them whatever day the test runs.
  const now = new Date();
  const year = now.getUTCFullYear();
  const start = new Date(Math.max(Date.UTC(year, 0, 1), now.getTime() - 60_000)).toISOString();
  const planFor = (budget: string) =>
    COMPUTE_PLAN.replace('period: 2026', `period: ${year}`).replace('compute: "$12,000"', `compute: "${budget}"`);
  const run = { experiment: 'exp-a', id: 'r1', startedAt: start, endedAt: now.toISOString(), gpus: 1000, nodes: 100 };

  it('warns on the period’s compute cost when the runs spent more than the pace allows', async () => {
    const ws = computeWorkspace([run], planFor('$100'));
    try {
      const { diagnostics } = await checkFile(xdocService(ws.dir), ws.plan, 'PLAN-020');
      assert.equal(diagnostics.length, 1);
      const d = diagnostics[0]!;
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.equal(d.range.start.line, 13);
      assert.match(
        String(d.message),
        new RegExp(
          `^Compute spend is ahead of the plan: the linked experiments' runs since ${year}-01-01 used \`a\\.experiment\\.yaml\` [\\d.]+ GPU-h in 1 run = [\\d.]+ GPU-h × \\$2\\.5 per GPU-hour \\(\`liftoff\\.gpuHourPrice\`\\) = .* more than the .* the ${year} compute budget of \\$100 allows \\d+ % into the period\\.`,
        ),
      );
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  it('is silent within the pace, and when the price is 0', async () => {
    const ws = computeWorkspace([run], planFor('$1,000,000,000'));
    try {
      assert.deepEqual((await checkFile(xdocService(ws.dir), ws.plan, 'PLAN-020')).diagnostics, []);
      writeFileSync(ws.plan, planFor('$100'));
      assert.deepEqual(
        (await checkFile(xdocService(ws.dir, { gpuHourPrice: 0 }), ws.plan, 'PLAN-020')).diagnostics,
        [],
      );
    } finally {
      rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
