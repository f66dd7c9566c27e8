import * as assert from 'node:assert/strict';
import { TrustGate } from '../../../server/src/trust-gate';
import { NULL_HOST, type ServiceHost } from '../../../server/src/service/host';
import type { ProbesSkippedParams } from '../../../server/src/protocol';

function countingHost(): { host: ServiceHost; probes: string[] } {
  const probes: string[] = [];
  return {
    probes,
    host: {
      ...NULL_HOST,
      gpus: async () => {
        probes.push('gpus');
        return [];
      },
      slurmPartitions: async () => {
        probes.push('sinfo');
        return [];
      },
    },
  };
}

describe("the server's trust gate", () => {
  it('answers for the probes while untrusted, and reports each skipped rule once', async () => {
    const notices: ProbesSkippedParams[] = [];
    const gate = new TrustGate((p) => notices.push(p));
    const { host, probes } = countingHost();
    const guarded = gate.guard(host);
    for (let i = 0; i < 3; i++) {
      assert.equal(await guarded.gpus(), undefined);
      assert.equal(await guarded.slurmPartitions?.(), undefined);
    }
    assert.deepEqual(probes, []);
    assert.deepEqual(
      notices.map((n) => n.rules),
      [['EXP-017'], ['EXP-017', 'EXP-025', 'EXP-026']],
    );
    assert.match(notices[0]!.reason, /not trusted.*Trust the workspace/);
  });

  it('lets the probes through once trusted, and says so', async () => {
    const notices: ProbesSkippedParams[] = [];
    const gate = new TrustGate((p) => notices.push(p));
    const { host, probes } = countingHost();
    const guarded = gate.guard(host);
    gate.set(true);
    assert.deepEqual(await guarded.gpus(), []);
    assert.deepEqual(await guarded.slurmPartitions?.(), []);
    assert.deepEqual(probes, ['gpus', 'sinfo']);
    assert.deepEqual(
      notices.map((n) => n.rules),
      [[]],
    );
  });
});
