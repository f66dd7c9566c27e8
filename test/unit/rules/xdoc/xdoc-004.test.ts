import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LanguageService } from '../../../../server/src/service';
import { gpuHoursOf } from '../../../../server/src/service/rules/xdoc/xdoc-004-compute-budget';
import { NULL_HOST } from '../../../../server/src/service/host';
import { parseFile } from '../../../../server/src/service/parse';
import { checkFile, expectDiagnostic, workspace, xdocService } from './support';

const FIXTURE = workspace('xdoc-004');

describe("XDOC-004 compute cost of the linked experiments vs the plan's compute budget", () => {
  // `.liftoff/` is git-ignored, so the committed run records live in `xdoc-004/runs/` and are copied into a workspace.
  let dir: string;
  let service: LanguageService;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'liftoff-xdoc004-'));
    cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}runs`) });
    cpSync(path.join(FIXTURE, 'runs'), path.join(dir, '.liftoff', 'runs'), { recursive: true });
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const plan = (name: string, svc = service) => checkFile(svc, path.join(dir, name), 'XDOC-004');

  it("passes when one run of each experiment fits the first period's compute cost", async () => {
    assert.deepEqual((await plan('pass.plan.yaml')).diagnostics, []);
  });

  it('shows the arithmetic: time-limit estimate, median of past runs, CPU-only, price and budget', async () => {
    const { diagnostics } = await plan('fail.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'XDOC-004',
      new RegExp(
        [
          '^One run of each linked experiment is estimated to cost \\$1\\.93k, more than the compute budget \\$1k \\(`financials\\.periods\\[0\\]\\.costs\\.compute`, 2026\\): ',
          '`big\\.experiment\\.yaml` 768 GPU-h \\(estimate from time_limit 2-00:00:00 = 48 h × 8 GPUs × 2 nodes\\) \\+ ',
          '`history\\.experiment\\.yaml` 4 GPU-h \\(median of 3 succeeded runs 2 h × 2 GPUs\\) \\+ ',
          '`cpu\\.experiment\\.yaml` 0 GPU-h \\(CPU only\\) = 772 GPU-h × \\$2\\.5 per GPU-hour \\(`liftoff\\.gpuHourPrice`\\) = \\$1\\.93k\\.',
        ].join(''),
      ),
      [13, 43, 13, 51],
      DiagnosticSeverity.Information,
    );
  });

  it('uses `liftoff.gpuHourPrice`', async () => {
    assert.deepEqual((await plan('fail.plan.yaml', xdocService(dir, { gpuHourPrice: 1 }))).diagnostics, []);
    const { diagnostics } = await plan('fail.plan.yaml', xdocService(dir, { gpuHourPrice: 10 }));
    assert.match(
      String(diagnostics[0]?.message),
      /= 772 GPU-h × \$10 per GPU-hour \(`liftoff.gpuHourPrice`\) = \$7\.72k\./,
    );
  });

  it('without financials, budgets the compute share of the use of funds × the next planned round', async () => {
    const { diagnostics } = await plan('use-of-funds.plan.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'XDOC-004',
      /cost \$1\.92k, more than the compute budget \$1k \(10% compute in `financing.use_of_funds` × the next round `Pre-seed` of \$10k\): `big.experiment.yaml` 768 GPU-h/,
      [16, 31, 16, 33],
    );
  });

  it('estimates GPU-hours: default 1 GPU on `accelerator: gpu`, 0 on CPU, nothing without runs or time limit', async () => {
    const root = (text: string) => parseFile({ uri: 'untitled:x', text }).documents[0]?.root;
    assert.deepEqual(await gpuHoursOf(NULL_HOST, root('resources: {accelerator: gpu, time_limit: "01:30:00"}')), {
      gpuHours: 1.5,
      basis: 'estimate from time_limit 01:30:00 = 1.5 h × 1 GPU',
    });
    assert.deepEqual(
      await gpuHoursOf(NULL_HOST, root('resources: {gpus: 4, accelerator: cpu, time_limit: "01:00:00"}')),
      { gpuHours: 0, basis: 'CPU only' },
    );
    assert.equal(await gpuHoursOf(NULL_HOST, root('resources: {accelerator: gpu}')), undefined);
  });
});
