/**
 * CachedHost (server/src/service/cached-host.ts): within one validation's view of the host, each path is stat'ed
 * once (a rule that stats a path and then reads it waits for one file-system round trip, issue 18), while the next
 * validation asks again and so sees a file that changed in between. A fake inner host counts the stats.
 */
import * as assert from 'node:assert/strict';
import { CachedHost } from '../../../server/src/service/cached-host';
import { NULL_HOST, type FileInfo, type ServiceHost } from '../../../server/src/service/host';

/** One file at /w/data.csv whose text and mtime the test changes; every `stat` and `readHead` is counted. */
function fakeDisk() {
  const file = { text: 'a,b\n1,2\n', mtimeMs: 1 };
  const calls = { stat: 0, readHead: 0 };
  const inner: ServiceHost = {
    ...NULL_HOST,
    stat: async (p) => {
      calls.stat++;
      return p === '/w/data.csv'
        ? ({ mtimeMs: file.mtimeMs, size: file.text.length, isDirectory: false, type: 'file' } satisfies FileInfo)
        : undefined;
    },
    readHead: async (p, n) => {
      calls.readHead++;
      return p === '/w/data.csv' ? file.text.slice(0, n) : undefined;
    },
  };
  return { file, calls, host: new CachedHost(inner) };
}

describe('CachedHost: one stat per path per validation', () => {
  it('stats a path once when a validation stats it and reads it, in parallel or one after the other', async () => {
    const { calls, host } = fakeDisk();
    const view = host.forDocument('file:///w/a.experiment.yaml');
    const [info, head] = await Promise.all([view.stat('/w/data.csv'), view.readHead('/w/data.csv', 100)]);
    assert.equal(info?.type, 'file');
    assert.equal(head, 'a,b\n1,2\n');
    assert.equal(await view.readHead('/w/data.csv', 3), 'a,b');
    assert.equal(await view.stat('/w/missing.csv'), undefined);
    assert.deepEqual(calls, { stat: 2, readHead: 1 }, 'data.csv and missing.csv stat’ed once each, read once');
    assert.deepEqual(host.dependents('/w/data.csv'), ['file:///w/a.experiment.yaml']);
  });

  it('asks again in the next validation, which sees the file as it is then', async () => {
    const { file, calls, host } = fakeDisk();
    const uri = 'file:///w/a.experiment.yaml';
    assert.equal(await host.forDocument(uri).readHead('/w/data.csv', 100), 'a,b\n1,2\n');
    file.text = 'x,y,z\n';
    file.mtimeMs = 2;
    const next = host.forDocument(uri);
    assert.equal((await next.stat('/w/data.csv'))?.size, 6);
    assert.equal(await next.readHead('/w/data.csv', 100), 'x,y,z\n');
    assert.deepEqual(calls, { stat: 2, readHead: 2 });
  });
});
