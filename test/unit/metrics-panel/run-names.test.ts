/**
 * A run's name (Rename Run / `liftoff runs rename`, kept in its run-meta.json) reaches the metrics panel: the host's
 * run info carries it, and the page names the run by it wherever it names runs (the run list, legends, the table).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInfoOf } from '../../../client/src/panels/metrics/view-model';
import { runLabel, setRunNames } from '../../../core/src/metrics/run-label';
import { RunListing, writeRunIdentity, type RunRecord } from '../../../core/src/runs';

describe('metrics panel: run names', () => {
  let ws: string;
  let dir: string;
  const record = {
    id: '20261206-010203-00112233aabbccdd',
    experiment: 'seeds',
    state: 'succeeded',
    startedAt: '2026-12-06T01:02:03Z',
    endedAt: '2026-12-06T01:03:03Z',
  } as unknown as RunRecord;
  before(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-names-'));
    dir = path.join(ws, '.liftoff', 'runs', 'seeds', record.id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run.json'), JSON.stringify(record));
  });
  after(() => rmSync(ws, { recursive: true, force: true }));
  afterEach(() => setRunNames([]));

  it('the host sends no name for a run nobody named, and the name once it is renamed', async () => {
    // The panel's listing reads run-meta.json once and again when it changes (lazy-runs.test.ts).
    const listing = new RunListing();
    const nameOf = async () => runInfoOf({ dir, record }, undefined, await listing.identity(dir)).name;
    assert.equal(await nameOf(), undefined);
    await writeRunIdentity(dir, { name: 'baseline seed 1' });
    assert.equal(await nameOf(), 'baseline seed 1');
    await writeRunIdentity(dir, { name: null });
    assert.equal(await nameOf(), undefined);
  });

  it('the page names a run by its name when it has one, else by the time and suffix of its id', () => {
    assert.equal(runLabel(record.id), '01:02:03 00112233aabbccdd');
    setRunNames([{ key: record.id, name: 'baseline seed 1' }, { key: 'other' }]);
    assert.equal(runLabel(record.id), 'baseline seed 1');
    assert.equal(runLabel('other'), 'other');
    setRunNames([{ key: record.id }]);
    assert.equal(runLabel(record.id), '01:02:03 00112233aabbccdd', 'a cleared name goes back to the id');
  });
});
