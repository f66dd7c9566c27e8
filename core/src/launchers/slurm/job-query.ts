import { englishAndPhrase, type Phrase } from '../../l10n';
import { failurePhrase, type SlurmRunner } from './command-runner';
import { parseJobLine, parseSacct, parseSqueueJson, type SlurmJobInfo } from './job-info';

/** Slurm could not be asked (controller down, ssh failed): the job's state is unknown for now, not ended. */
export class SlurmUnavailableError extends Error {
  /** The message in the reader's language (core/src/l10n's errorText); absent when it is Slurm's own words. */
  readonly phrase?: Phrase;
  constructor(message: string | Phrase) {
    const m = englishAndPhrase(message);
    super(m.english);
    if (m.phrase) this.phrase = m.phrase;
  }
}

/**
 * Finds a job's state: `scontrol show job -o` while the controller holds it (pending, running, and finished jobs for
 * `MinJobAge`), then the job-completion log (`JobCompType=jobcomp/filetxt`, read through the same runner so it works
 * over ssh), then `sacct` where accounting exists. One Slurm call per query while the job is known to the controller.
 */
export class JobQuery {
  private jobcompLoc: Promise<string | undefined> | undefined;

  constructor(private readonly run: SlurmRunner) {}

  /** The job's state; undefined when no source knows the job any more. Throws SlurmUnavailableError when Slurm cannot be asked. */
  async job(jobId: string): Promise<SlurmJobInfo | undefined> {
    const argv = ['scontrol', 'show', 'job', '-o', jobId];
    const r = await this.run(argv);
    if (r.code === 0) {
      const info = r.stdout
        .split('\n')
        .map((l) => parseJobLine(l, 'scontrol'))
        .find((j) => j?.jobId === jobId);
      if (info) return info;
    }
    if (r.code === 0 || /Invalid job id/i.test(r.stderr))
      return (await this.fromJobcomp(jobId)) ?? this.fromSacct(jobId);
    throw new SlurmUnavailableError(failurePhrase(argv, r));
  }

  /** Several jobs in one call (`squeue --json`), for re-attaching to many runs at once; jobs it does not list are absent. */
  async jobs(jobIds: readonly string[]): Promise<Map<string, SlurmJobInfo>> {
    const argv = ['squeue', '--json'];
    const r = await this.run(argv);
    if (r.code !== 0) throw new SlurmUnavailableError(failurePhrase(argv, r));
    const all = parseSqueueJson(r.stdout);
    return new Map(
      jobIds.flatMap((id) => {
        const j = all.get(id);
        return j ? [[id, j] as const] : [];
      }),
    );
  }

  private async fromJobcomp(jobId: string): Promise<SlurmJobInfo | undefined> {
    this.jobcompLoc ??= this.run(['scontrol', 'show', 'config']).then((r) => {
      if (r.code !== 0) return undefined;
      const get = (key: string) => new RegExp(`^${key}\\s*=\\s*(.*)$`, 'm').exec(r.stdout)?.[1]?.trim();
      return get('JobCompType') === 'jobcomp/filetxt' ? get('JobCompLoc') : undefined;
    });
    const loc = await this.jobcompLoc;
    if (!loc) return undefined;
    const r = await this.run(['grep', '-F', `JobId=${jobId} `, loc]);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith(`JobId=${jobId} `));
    // Job ids restart after a controller's state is cleared: the newest record is the last one.
    return lines.length ? parseJobLine(lines[lines.length - 1]!, 'jobcomp') : undefined;
  }

  private async fromSacct(jobId: string): Promise<SlurmJobInfo | undefined> {
    const r = await this.run(['sacct', '-X', '-n', '-P', '-o', 'JobID,State,ExitCode,Reason,NodeList', '-j', jobId]);
    return r.code === 0 ? parseSacct(r.stdout, jobId) : undefined;
  }
}
