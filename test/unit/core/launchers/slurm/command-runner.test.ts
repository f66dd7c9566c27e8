import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createSlurmRunner,
  describeFailure,
  prefixedCommand,
} from '../../../../../core/src/launchers/slurm/command-runner';

describe('Slurm command runner and liftoff.slurm.commandPrefix', () => {
  it('runs commands locally by default', () => {
    assert.deepEqual(prefixedCommand([], ['squeue', '--json']), ['squeue', '--json']);
  });

  it('behind ssh, quotes each word for the remote shell', () => {
    assert.deepEqual(prefixedCommand(['ssh', 'login.cluster'], ['scontrol', 'show', 'job', '-o', '42']), [
      'ssh',
      'login.cluster',
      'scontrol',
      'show',
      'job',
      '-o',
      '42',
    ]);
    assert.deepEqual(
      prefixedCommand(
        ['/usr/bin/ssh', '-p', '2222', 'me@login'],
        ['grep', '-F', 'JobId=42 ', '/var/log/slurm/job comp.log'],
      ),
      ['/usr/bin/ssh', '-p', '2222', 'me@login', 'grep', '-F', "'JobId=42 '", "'/var/log/slurm/job comp.log'"],
    );
  });

  it('passes words as they are behind other prefixes (no shell there)', () => {
    assert.deepEqual(prefixedCommand(['sudo', '-u', 'svc'], ['grep', '-F', 'JobId=42 ', 'f']), [
      'sudo',
      '-u',
      'svc',
      'grep',
      '-F',
      'JobId=42 ',
      'f',
    ]);
  });

  it('spawns the prefixed command with the script on stdin, and reports every call', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-prefix-'));
    const fakeSsh = path.join(dir, 'ssh');
    // A stand-in for ssh: prints its arguments and what it got on stdin.
    writeFileSync(fakeSsh, '#!/bin/sh\necho "args: $*"\necho "stdin: $(cat)"\n');
    chmodSync(fakeSsh, 0o755);
    const seen: string[] = [];
    const run = createSlurmRunner({
      commandPrefix: [fakeSsh, 'login.cluster'],
      onCall: (argv) => seen.push(argv.join(' ')),
    });
    const r = await run(['sbatch', '--parsable'], { input: '#!/bin/bash\necho hi' });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^args: login.cluster sbatch --parsable$/m);
    assert.match(r.stdout, /^stdin: #!\/bin\/bash$/m);
    assert.deepEqual(seen, ['sbatch --parsable']);
  });

  it('says what to do when the tools are missing', async () => {
    const r = await createSlurmRunner({ env: { PATH: '/nonexistent' } })(['sbatch', '--parsable']);
    assert.equal(r.error, 'ENOENT');
    assert.match(
      describeFailure(['sbatch'], r),
      /`sbatch` was not found: install the Slurm client tools here, or set liftoff\.slurm\.commandPrefix/,
    );
    assert.match(
      describeFailure(['sbatch'], r, ['ssh', 'x']),
      /`ssh` was not found on this machine \(liftoff\.slurm\.commandPrefix\)/,
    );
    assert.equal(
      describeFailure(['sbatch'], { code: 1, stdout: '', stderr: 'sbatch: error: invalid partition specified: gpu\n' }),
      'sbatch: error: invalid partition specified: gpu',
    );
  });
});
