import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeHost } from '../../server/src/host/node-host';
import type { GpuProbeResult } from '../../core/src/gpu/probe';

describe('Node service host', () => {
  let ws: string;
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text);
  };
  const uri = (rel: string) => pathToFileURL(path.join(ws, rel)).toString();
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-host-'));
    put('a.experiment.yaml', 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: alpha\n');
    put('plans/p.plan.yml', 'kind: BusinessPlan\nmetadata: {name: the-plan}\n');
    put('both.yaml', 'kind: Experiment\nmetadata: {name: not-matched-by-name}\n');
    put(
      'multi.experiment.yml',
      'kind: Experiment\nmetadata: {name: one}\n---\nkind: BusinessPlan\nmetadata: {name: two}\n',
    );
    put('node_modules/pkg/x.experiment.yaml', 'kind: Experiment\nmetadata: {name: hidden}\n');
    put('.liftoff/runs/alpha/r1/copy.experiment.yaml', 'kind: Experiment\nmetadata: {name: hidden}\n');
    put(
      '.liftoff/runs/alpha/r1/run.json',
      JSON.stringify({
        state: 'succeeded',
        startedAt: '2026-01-01T00:00:00Z',
        endedAt: '2026-01-01T00:01:00Z',
        resources: { gpus: 1 },
      }),
    );
    put('broken.experiment.yaml', 'kind: Experiment\nmetadata: [unclosed\n');
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  it('indexes experiment and plan files (all documents of a file), ignoring node_modules and .liftoff', async () => {
    const docs = await createNodeHost({ workspaceFolders: [ws] }).workspaceDocuments();
    assert.deepEqual(
      docs.map((d) => [d.uri, d.kind, d.name]).sort(),
      [
        [uri('a.experiment.yaml'), 'Experiment', 'alpha'],
        [uri('broken.experiment.yaml'), 'Experiment', undefined],
        [uri('multi.experiment.yml'), 'BusinessPlan', 'two'],
        [uri('multi.experiment.yml'), 'Experiment', 'one'],
        [uri('plans/p.plan.yml'), 'BusinessPlan', 'the-plan'],
      ].sort(),
    );
  });

  it('keeps the index current from file events (no re-scan per query), and re-scans on invalidate()', async () => {
    const host = createNodeHost({ workspaceFolders: [ws] });
    assert.ok((await host.workspaceDocuments()).some((d) => d.name === 'alpha'));
    put('a.experiment.yaml', 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: beta\n');
    put('new.experiment.yaml', 'kind: Experiment\nmetadata: {name: gamma}\n');
    let names = (await host.workspaceDocuments()).map((d) => d.name);
    assert.ok(
      names.includes('alpha') && !names.includes('beta') && !names.includes('gamma'),
      'no event yet: the index is as scanned',
    );
    const facts = await host.filesChanged([{ fsPath: path.join(ws, 'a.experiment.yaml'), type: 'changed' }]);
    assert.deepEqual(facts.sort(), ['index:name:Experiment:alpha', 'index:name:Experiment:beta']);
    names = (await host.workspaceDocuments()).map((d) => d.name);
    assert.ok(names.includes('beta') && !names.includes('alpha') && !names.includes('gamma'));
    host.invalidate();
    assert.ok((await host.workspaceDocuments()).some((d) => d.name === 'gamma'));
  });

  it('reads only the head of a file, whole files as bytes, and directory listings', async () => {
    const host = createNodeHost({ workspaceFolders: [ws] });
    put('big.csv', `col_a,col_b\n${'1,2\n'.repeat(10_000)}`);
    assert.equal(await host.readHead(path.join(ws, 'big.csv'), 8), 'col_a,co');
    assert.equal(await host.readHead(path.join(ws, 'missing.csv'), 8), undefined);
    assert.equal((await host.readBytes(path.join(ws, 'big.csv')))?.length, 12 + 40_000);
    assert.equal((await host.stat(path.join(ws, 'plans')))?.isDirectory, true);
    assert.equal(await host.stat(path.join(ws, 'nope')), undefined);
    assert.deepEqual(await host.listDir(path.join(ws, 'plans'), 10), [{ name: 'p.plan.yml', isDirectory: false }]);
    assert.deepEqual(await host.listDir(path.join(ws, 'nope'), 10), []);
  });

  it('maps the GPU probe (no driver ⇒ [], error/timeout ⇒ unknown) and caches it', async () => {
    let calls = 0;
    const answer = (r: GpuProbeResult) => async () => {
      calls++;
      return r;
    };
    const ok = createNodeHost({
      workspaceFolders: [],
      gpuProbe: answer({
        status: 'ok',
        gpus: [{ index: 0, name: 'L4', memoryTotalMiB: 23034, memoryUsedMiB: 0, utilizationPct: 0 }],
      }),
    });
    assert.deepEqual(await ok.gpus(), [{ index: 0, name: 'L4', memoryTotalMiB: 23034 }]);
    await ok.gpus();
    assert.equal(calls, 1, 'the probe result is reused');
    assert.deepEqual(
      await createNodeHost({ workspaceFolders: [], gpuProbe: answer({ status: 'no-driver' }) }).gpus(),
      [],
    );
    assert.equal(
      await createNodeHost({ workspaceFolders: [], gpuProbe: answer({ status: 'error', message: 'x' }) }).gpus(),
      undefined,
    );
    assert.equal(
      await createNodeHost({ workspaceFolders: [], gpuProbe: answer({ status: 'timeout' }) }).gpus(),
      undefined,
    );
  });

  it('reads past runs from .liftoff/runs of every folder', async () => {
    assert.deepEqual(await createNodeHost({ workspaceFolders: [ws] }).pastRuns('alpha'), [
      { state: 'succeeded', durationSec: 60, gpus: 1 },
    ]);
    const snapshot = createNodeHost({ workspaceFolders: [ws], snapshot: true });
    assert.deepEqual(
      await snapshot.pastRuns('alpha'),
      [{ state: 'succeeded', durationSec: 60, gpus: 1 }],
      'the same with a snapshot host (the CLI)',
    );
    assert.deepEqual(await snapshot.pastRuns('never-ran'), []);
  });
});
