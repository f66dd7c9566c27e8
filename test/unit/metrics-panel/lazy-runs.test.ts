/**
 * The metrics panel's run list over many runs is lazy (issue 14, Scale): listing 1,000 runs reads each run's small
 * records (run.json, run-meta.json) at most once, reads no metric file, config snapshot or level-of-detail cache, and
 * a second listing reads nothing unless a run's record changed. The panel's run infos are built from the listing
 * without touching the disk.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runInfoOf } from '../../../client/src/panels/metrics/view-model';
import {
  FS_LISTING_IO,
  RunListing,
  RunStore,
  RUN_IDENTITY_FILE,
  writeRunIdentity,
  type RunIdentity,
  type RunListingIo,
  type RunRecord,
} from '../../../core/src/runs';

const N = 1000;

function recordOf(i: number, state: RunRecord['state'] = 'succeeded'): RunRecord {
  const id = `20261206-0102${String(i % 60).padStart(2, '0')}-${i.toString(16).padStart(16, '0')}`;
  return {
    id,
    experiment: 'sweep',
    state,
    launcher: 'local',
    createdAt: new Date(Date.UTC(2026, 11, 6, 1, 2, 3) + i * 1000).toISOString(),
    startedAt: new Date(Date.UTC(2026, 11, 6, 1, 2, 3) + i * 1000).toISOString(),
    command: ['python', 'train.py'],
    cwd: '/w',
    resources: { gpus: 1 },
    files: {
      config: 'config.yaml',
      stdout: 'stdout.log',
      stderr: 'stderr.log',
      metrics: 'metrics.jsonl',
      artifacts: 'artifacts',
    },
  };
}

/** A fake disk of N run folders; every read is counted by file. A stamp is a version number, not a read. */
class FakeRuns implements RunListingIo {
  readonly reads = new Map<string, number>();
  readonly records = new Map<string, { version: number; record: RunRecord }>();
  readonly identities = new Map<string, { version: number; identity: RunIdentity }>();
  constructor(n: number) {
    for (let i = 0; i < n; i++)
      this.records.set(`/ws/.liftoff/runs/sweep/run${i}`, { version: 1, record: recordOf(i) });
  }
  get totalReads(): number {
    let n = 0;
    for (const c of this.reads.values()) n += c;
    return n;
  }
  private read(file: string): void {
    this.reads.set(file, (this.reads.get(file) ?? 0) + 1);
  }
  runDirs(): Promise<string[]> {
    return Promise.resolve([...this.records.keys()]);
  }
  stamp(file: string): Promise<string | undefined> {
    const dir = path.dirname(file);
    const v = path.basename(file) === 'run.json' ? this.records.get(dir)?.version : this.identities.get(dir)?.version;
    return Promise.resolve(v === undefined ? undefined : String(v));
  }
  readRecord(dir: string): Promise<RunRecord | undefined> {
    this.read(path.join(dir, 'run.json'));
    return Promise.resolve(this.records.get(dir)?.record);
  }
  readIdentity(dir: string): Promise<RunIdentity> {
    this.read(path.join(dir, RUN_IDENTITY_FILE));
    return Promise.resolve(this.identities.get(dir)?.identity ?? {});
  }
}

describe('metrics panel: runs are listed lazily', () => {
  const store = new RunStore('/ws');

  it('opening over 1,000 runs reads each run.json once, no other file, and builds every run info from memory', async () => {
    const fake = new FakeRuns(N);
    fake.identities.set('/ws/.liftoff/runs/sweep/run7', { version: 1, identity: { name: 'baseline' } });
    const listing = new RunListing(fake);
    const runs = await listing.list([store]);
    assert.equal(runs.length, N);
    assert.equal(fake.totalReads, N + 1, 'one run.json a run, and the one run-meta.json there is');
    for (const [file, count] of fake.reads) {
      assert.equal(count, 1, `${file} read once`);
      assert.match(path.basename(file), /^(run\.json|run-meta\.json)$/, `${file}: only the small records are read`);
    }
    const infos = runs.map((r) => runInfoOf(r, undefined, r.identity));
    assert.equal(fake.totalReads, N + 1, 'the run infos read nothing');
    assert.equal(infos.find((i) => i.key === recordOf(7).id)?.name, 'baseline');
    assert.equal(infos.filter((i) => i.name !== undefined).length, 1);
    assert.equal(runs[0]?.record.id, recordOf(N - 1).id, 'newest first, as the run store lists');
  });

  it('a second listing reads nothing; a changed run.json or run-meta.json is read again, only that one', async () => {
    const fake = new FakeRuns(N);
    const listing = new RunListing(fake);
    await listing.list([store]);
    const before = fake.totalReads;
    await listing.list([store]);
    assert.equal(fake.totalReads, before, 'nothing changed: nothing read');

    const dir = '/ws/.liftoff/runs/sweep/run42';
    fake.records.set(dir, { version: 2, record: { ...recordOf(42), state: 'failed' } });
    fake.identities.set('/ws/.liftoff/runs/sweep/run43', { version: 1, identity: { name: 'renamed' } });
    const again = await listing.list([store]);
    assert.equal(fake.totalReads, before + 2, 'the changed run.json and the new run-meta.json, nothing else');
    assert.equal(fake.reads.get(path.join(dir, 'run.json')), 2);
    assert.equal(again.find((r) => r.dir === dir)?.record.state, 'failed', 'the new state is listed');
    assert.equal(again.find((r) => r.dir.endsWith('run43'))?.identity.name, 'renamed');
  });

  it('a run deleted and made again under the same folder is read again; a vanished run is no longer listed', async () => {
    const fake = new FakeRuns(3);
    const listing = new RunListing(fake);
    await listing.list([store]);
    const dir = '/ws/.liftoff/runs/sweep/run1';
    fake.records.delete(dir);
    assert.equal((await listing.list([store])).length, 2);
    fake.records.set(dir, { version: 1, record: recordOf(1, 'running') });
    const runs = await listing.list([store]);
    assert.equal(runs.find((r) => r.dir === dir)?.record.state, 'running', 'not the forgotten record');
  });

  describe('on disk', () => {
    let ws: string;
    beforeEach(() => {
      ws = mkdtempSync(path.join(tmpdir(), 'liftoff-lazy-runs-'));
    });
    afterEach(() => rmSync(ws, { recursive: true, force: true }));

    it('a rename and a state change written by the run store are seen; unchanged runs are not read again', async () => {
      const disk = new RunStore(ws);
      const made = [];
      for (let i = 0; i < 5; i++)
        made.push(
          await disk.create(
            { experiment: 'x', launcher: 'local', command: ['true'], cwd: ws, resources: { gpus: 0 } },
            'a: 1\n',
          ),
        );
      let reads = 0;
      const counting: RunListingIo = {
        ...FS_LISTING_IO,
        readRecord: (d) => (reads++, FS_LISTING_IO.readRecord(d)),
        readIdentity: (d) => (reads++, FS_LISTING_IO.readIdentity(d)),
      };
      const listing = new RunListing(counting);
      assert.equal((await listing.list([disk])).length, 5);
      assert.equal(reads, 5);
      await listing.list([disk]);
      assert.equal(reads, 5, 'a second listing reads nothing');

      const target = made[2]!;
      await writeRunIdentity(target.dir, { name: 'seed 2' });
      await disk.update(target.dir, { state: 'running' });
      const runs = await listing.list([disk]);
      assert.equal(reads, 7, 'that run’s run-meta.json and run.json');
      const r = runs.find((x) => x.dir === target.dir)!;
      assert.equal(r.record.state, 'running');
      assert.equal(runInfoOf(r, undefined, r.identity).name, 'seed 2');
    });
  });
});
