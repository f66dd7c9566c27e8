/**
 * Workspace Trust on the server side. The service's probes (EXP-017 asks nvidia-smi, EXP-025/026 ask sinfo and
 * scontrol through `liftoff.slurm.commandPrefix`) start processes; in an untrusted workspace the gate answers for
 * them ("unknown", so those rules stay silent) and reports each skipped rule once, so the user sees why.
 * Untrusted until told otherwise: the client sends the trust state at start and when the user grants it.
 */
import type { ServiceHost } from './service/host';
import type { ProbesSkippedParams } from './protocol';

export const UNTRUSTED_REASON =
  'this workspace is not trusted (Restricted Mode), and Liftoff starts no process there. ' +
  'Trust the workspace to check GPUs (nvidia-smi) and Slurm partitions (sinfo, scontrol).';

export class TrustGate {
  private state = false;
  /** Rules skipped since the trust state last changed (each is reported once). */
  private readonly skipped = new Set<string>();

  constructor(private readonly notify: (params: ProbesSkippedParams) => void) {}

  get trusted(): boolean {
    return this.state;
  }

  set(trusted: boolean): void {
    if (trusted === this.state) return;
    this.state = trusted;
    this.skipped.clear();
    this.notify(
      trusted
        ? { rules: [], reason: 'The workspace is trusted: GPU and Slurm checks run again.' }
        : { rules: [], reason: UNTRUSTED_REASON },
    );
  }

  /**
   * `host` with its probing calls (`gpus`, `slurmPartitions`) behind the gate; every other call passes through
   * (a proxy, so calls the host interface gains later pass through too — only these two start processes).
   */
  guard(host: ServiceHost): ServiceHost {
    const probes: Partial<ServiceHost> = {
      gpus: () => (this.state ? host.gpus() : this.skip('EXP-017')),
      slurmPartitions: () =>
        this.state ? (host.slurmPartitions?.() ?? Promise.resolve(undefined)) : this.skip('EXP-025', 'EXP-026'),
    };
    return new Proxy(host, {
      get: (target, prop, receiver) => {
        if (prop === 'gpus' || prop === 'slurmPartitions') return probes[prop];
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  private skip(...rules: string[]): Promise<undefined> {
    const fresh = rules.filter((r) => !this.skipped.has(r));
    if (fresh.length > 0) {
      fresh.forEach((r) => this.skipped.add(r));
      this.notify({ rules: [...this.skipped].sort(), reason: UNTRUSTED_REASON });
    }
    return Promise.resolve(undefined);
  }
}
