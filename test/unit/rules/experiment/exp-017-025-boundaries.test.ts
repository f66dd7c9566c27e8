/**
 * EXP-017, 020, 024 and 025 at their edges, through fake hosts: GPUs asked against GPUs seen (0, 1, several; local
 * and Slurm runs); augmentation scopes and random preprocessing operations (every name of the pattern, anchored);
 * time limits against the median of past runs (odd and even counts, the same GPU count preferred, exactly the median);
 * partitions that do not exist (the five nearest offered, the default first among equals) or are not up.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import {
  NULL_HOST,
  type GpuInfo,
  type PastRun,
  type ServiceHost,
  type SlurmPartitionInfo,
} from '../../../../server/src/service/host';
import { formatTimeLimit, parseTimeLimit } from '../../../../server/src/service/rules/experiment/exp-024-time-limit';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only } from './support';

let n = 0;
const SEVERITY: Record<string, number> = { 'EXP-017': 2, 'EXP-020': 1, 'EXP-024': 2 };

async function rule(
  code: string,
  body: string,
  host: Partial<ServiceHost> = {},
): Promise<{ diagnostics: LiftoffDiagnostic[]; text: string; uri: string; fixed: (d?: LiftoffDiagnostic) => string }> {
  const service = createLanguageService({}, { host: { ...NULL_HOST, ...host } });
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: edges\n${body}`;
  const uri = `file:///tmp/exp-edges2-${n++}.experiment.yaml`;
  const diagnostics = only(await service.validate({ uri, text }), code);
  if (SEVERITY[code]) for (const d of diagnostics) assert.equal(d.severity, SEVERITY[code], String(d.message));
  const fixed = (d = diagnostics[0]) => {
    const action = service.codeActions({ uri, text }, [d!])[0];
    assert.ok(action, 'a quick fix');
    return applyEdits(text, action.edit!.changes![uri]!);
  };
  return { diagnostics, text, uri, fixed };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));
const gpu = (index: number, memoryTotalMiB = 81920): GpuInfo => ({ index, name: 'A100', memoryTotalMiB });

describe('EXP-017 boundaries', () => {
  const gpus = (list: GpuInfo[] | undefined) => ({ gpus: async () => list });

  it('asks for no more GPUs than seen (property over asked and seen counts)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1, max: 5 }), fc.integer({ min: 0, max: 4 }), async (asked, seen) => {
        const list = Array.from({ length: seen }, (_, i) => gpu(i));
        const r = await rule('EXP-017', `resources:\n  gpus: ${asked}\n`, gpus(list));
        if (asked <= seen || asked <= 0) return assert.deepEqual(messages(r.diagnostics), [], `${asked} of ${seen}`);
        assert.equal(r.diagnostics.length, 1);
        assert.deepEqual(r.diagnostics[0]!.range.start, { line: 5, character: 8 });
        const msg = String(r.diagnostics[0]!.message);
        if (seen === 0) {
          assert.equal(
            msg,
            `\`resources.gpus: ${asked}\` asks for ${asked} ${asked === 1 ? 'GPU' : 'GPUs'}, but no GPU is detected on this machine (nvidia-smi found none, or CUDA_VISIBLE_DEVICES hides them). A local run would fail or fall back to fewer devices: lower \`resources.gpus\`, or submit to a cluster with \`run.launcher: slurm\`.`,
          );
        } else {
          const names = list.map((g) => `${g.index}: A100 (80 GiB)`).join(', ');
          assert.equal(
            msg,
            `\`resources.gpus: ${asked}\` asks for ${asked} GPUs, but only ${seen} ${seen === 1 ? 'GPU is' : 'GPUs are'} detected on this machine: ${names}. A local run would fail or fall back to fewer devices: lower \`resources.gpus\` to ${seen}, or submit to a cluster with \`run.launcher: slurm\`.`,
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a GPU without a memory size is named alone; Slurm runs and unknown probes are silent; local counts', async () => {
    const r = await rule('EXP-017', 'resources:\n  gpus: 2\n', gpus([{ index: 3, name: 'T4', memoryTotalMiB: 0 }]));
    assert.match(messages(r.diagnostics)[0] ?? '', /detected on this machine: 3: T4\. A local run/);
    const many = await rule('EXP-017', 'resources:\n  gpus: 3\n', gpus([gpu(0, 16384 + 600), gpu(1, 16384 + 400)]));
    assert.match(messages(many.diagnostics)[0] ?? '', /: 0: A100 \(17 GiB\), 1: A100 \(16 GiB\)\. A local/);
    assert.deepEqual(messages((await rule('EXP-017', 'resources:\n  gpus: 2\n', gpus(undefined))).diagnostics), []);
    for (const launcher of ['slurm', 'kubernetes']) {
      assert.deepEqual(
        messages(
          (await rule('EXP-017', `resources:\n  gpus: 2\nrun:\n  launcher: ${launcher}\n`, gpus([]))).diagnostics,
        ),
        [],
      );
    }
    assert.equal(
      (await rule('EXP-017', 'resources:\n  gpus: 2\nrun:\n  launcher: local\n', gpus([]))).diagnostics.length,
      1,
    );
    assert.deepEqual(messages((await rule('EXP-017', 'resources:\n  gpus: many\n', gpus([]))).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-017', 'resources:\n  cpus: 2\n', gpus([]))).diagnostics), []);
  });
});

describe('EXP-020 boundaries', () => {
  const RANDOM = [
    'random_crop',
    'randaugment',
    'rand_augment',
    'autoaugment',
    'auto_augment',
    'trivialaugment',
    'trivial_augment',
    'horizontal_flip',
    'vertical_flip',
    'flip',
    'rotate',
    'rotation',
    'color_jitter',
    'cutout',
    'mixup',
    'cutmix',
    'gaussian_noise',
    'add_noise',
    'time_shift',
    'time_mask',
    'freq_mask',
    'spec_augment',
    'synonym_replace',
    'back_translation',
    'oversample',
    'Random_Erasing',
  ];
  const FIXED = [
    'resize',
    'normalize',
    'no_random_crop',
    'flip_channels',
    'xflip',
    'rotate90',
    'my_randaugment',
    'center_crop',
  ];

  it('preprocessing: every random operation is flagged, as a name or an `op`; fixed ones and near names pass', async () => {
    for (const op of RANDOM) {
      const r = await rule(
        'EXP-020',
        `data:\n  preprocessing:\n    - ${op}\n    - {op: ${op}, p: 0.5}\n    - resize\n`,
      );
      assert.deepEqual(
        messages(r.diagnostics),
        [1, 2].map(
          () =>
            `\`data.preprocessing\` contains \`${op}\`, a random operation: preprocessing is also applied to validation, test and inference inputs, so move it to \`data.augmentation\` (training only).`,
        ),
        op,
      );
      assert.deepEqual(
        r.diagnostics.map((d) => [d.range.start.line, d.range.start.character]),
        [
          [6, 6],
          [7, 11],
        ],
      );
    }
    for (const op of FIXED) {
      assert.deepEqual(
        messages(
          (await rule('EXP-020', `data:\n  preprocessing: [${op}, {op: ${op}}, {size: 3}, [flip]]\n`)).diagnostics,
        ),
        [],
        op,
      );
    }
  });

  it('applies_to: every split but `train` is flagged; a list item is removed, a single value replaced', async () => {
    const list = await rule('EXP-020', 'data:\n  augmentation:\n    applies_to: [train, validation, test]\n');
    assert.deepEqual(messages(list.diagnostics), [
      '`data.augmentation.applies_to` includes `validation`: augmentation is for training data only; evaluating on augmented data gives scores that do not match real inputs.',
      '`data.augmentation.applies_to` includes `test`: augmentation is for training data only; evaluating on augmented data gives scores that do not match real inputs.',
    ]);
    assert.deepEqual(fixTitles(list.diagnostics[1]), ['Remove `test`']);
    assert.match(list.fixed(list.diagnostics[1]), /applies_to: \[train, validation\]\n/);
    assert.match(list.fixed(list.diagnostics[0]), /applies_to: \[train, test\]\n/);
    const one = await rule('EXP-020', 'data:\n  augmentation:\n    applies_to: validation\n');
    assert.equal(one.diagnostics.length, 1);
    assert.deepEqual(one.diagnostics[0]!.range.start, { line: 6, character: 16 });
    assert.deepEqual(fixTitles(one.diagnostics[0]), ['Apply augmentation to `train` only']);
    assert.match(one.fixed(), /applies_to: train\n/);
    assert.deepEqual(
      messages((await rule('EXP-020', 'data:\n  augmentation:\n    applies_to: [train]\n')).diagnostics),
      [],
    );
    assert.deepEqual(
      messages((await rule('EXP-020', 'data:\n  augmentation:\n    applies_to: train\n')).diagnostics),
      [],
    );
    assert.deepEqual(messages((await rule('EXP-020', 'data:\n  augmentation:\n    applies_to:\n')).diagnostics), []);
    assert.deepEqual(
      messages((await rule('EXP-020', 'data:\n  augmentation:\n    applies_to: [[test], {a: b}]\n')).diagnostics),
      [],
    );
  });
});

describe('EXP-024 boundaries', () => {
  const runs = (list: PastRun[]) => ({ pastRuns: async () => list });
  const ok = (durationSec: number, gpus?: number): PastRun => ({ state: 'succeeded', durationSec, gpus });

  it('parses and formats time limits both ways (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 * 86400 }), (s) => {
        const text = formatTimeLimit(s);
        assert.match(text, s >= 86400 ? /^\d+-\d\d:\d\d:\d\d$/ : /^\d\d:\d\d:\d\d$/);
        assert.equal(parseTimeLimit(text), s);
        assert.equal(parseTimeLimit(` ${text}\t`), s);
      }),
    );
    assert.equal(formatTimeLimit(-5), '00:00:00');
    assert.equal(formatTimeLimit(59.6), '00:01:00');
    assert.equal(parseTimeLimit('100:00:00'), 360000);
    assert.equal(parseTimeLimit('12-01:00:00'), 12 * 86400 + 3600);
    for (const bad of ['1:60:00', '1:00:60', '1:0:00', 'x1:00:00', '1:00:00x', '1:00:00 x', '-1:00:00', '1:00', '']) {
      assert.equal(parseTimeLimit(bad), undefined, bad);
    }
  });

  it('warns below the median of past successful runs, not at it (odd and even counts)', async () => {
    const body = (limit: string) => `resources:\n  time_limit: "${limit}"\n`;
    // Odd count: the middle one of 1 h, 2 h and 10 h after sorting.
    const odd = runs([ok(36000), ok(3600), ok(7200), { state: 'failed', durationSec: 99999 }, ok(Number.NaN)]);
    assert.deepEqual(messages((await rule('EXP-024', body('02:00:00'), odd)).diagnostics), []);
    const under = await rule('EXP-024', body('01:59:59'), odd);
    assert.deepEqual(messages(under.diagnostics), [
      '`resources.time_limit` is 01:59:59, shorter than the median of 3 past successful runs of `edges` (02:00:00): the run would likely be stopped before it finishes. Allow some margin, e.g. "02:30:00".',
    ]);
    assert.deepEqual(fixTitles(under.diagnostics[0]), ['Change to "02:30:00"']);
    assert.match(under.fixed(), /time_limit: "02:30:00"\n/);
    // Even count: the mean of the middle two (2 h and 4 h: 3 h); the suggestion rounds 1.25 × up to 5 minutes.
    const even = runs([ok(14400), ok(3600), ok(36000), ok(7200)]);
    assert.deepEqual(messages((await rule('EXP-024', body('03:00:00'), even)).diagnostics), []);
    assert.match(
      messages((await rule('EXP-024', body('02:59:59'), even)).diagnostics)[0] ?? '',
      /median of 4 past successful runs of `edges` \(03:00:00\).*e\.g\. "03:45:00"/,
    );
    const one = await rule('EXP-024', body('00:10:00'), runs([ok(1000)]));
    assert.deepEqual(messages(one.diagnostics), [
      '`resources.time_limit` is 00:10:00, shorter than the last successful run of `edges` (00:16:40): the run would likely be stopped before it finishes. Allow some margin, e.g. "00:25:00".',
    ]);
  });

  it('prefers runs with the same GPU count, and says so (one GPU, several)', async () => {
    const past = runs([ok(100, 1), ok(10000, 2), ok(20000, 2), ok(90000)]);
    const one = await rule('EXP-024', 'resources:\n  gpus: 1\n  time_limit: "00:01:00"\n', past);
    assert.match(messages(one.diagnostics)[0] ?? '', /the last successful run of `edges` with 1 GPU \(00:01:40\)/);
    const two = await rule('EXP-024', 'resources:\n  gpus: 2\n  time_limit: "01:00:00"\n', past);
    assert.match(
      messages(two.diagnostics)[0] ?? '',
      /the median of 2 past successful runs of `edges` with 2 GPUs \(04:10:00\)/,
    );
    const none = await rule('EXP-024', 'resources:\n  gpus: 4\n  time_limit: "01:00:00"\n', past);
    assert.match(
      messages(none.diagnostics)[0] ?? '',
      /the median of 4 past successful runs of `edges` \(04:10:00\): the run/,
    );
    const unknown = await rule('EXP-024', 'resources:\n  time_limit: "01:00:00"\n', past);
    assert.match(messages(unknown.diagnostics)[0] ?? '', /the median of 4 past successful runs of `edges` \(/);
  });

  it('is silent without a readable limit, a name or past successful runs', async () => {
    const past = runs([ok(99999)]);
    assert.deepEqual(messages((await rule('EXP-024', 'resources:\n  time_limit: soon\n', past)).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-024', 'resources:\n  time_limit:\n', past)).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-024', 'resources:\n  gpus: 1\n', past)).diagnostics), []);
    assert.deepEqual(
      messages((await rule('EXP-024', 'resources:\n  time_limit: "00:01:00"\n', runs([]))).diagnostics),
      [],
    );
    const noName = createLanguageService({}, { host: { ...NULL_HOST, ...past } });
    const text = 'apiVersion: liftoff/v1\nkind: Experiment\nresources:\n  time_limit: "00:01:00"\n';
    assert.deepEqual(
      only(await noName.validate({ uri: `file:///tmp/exp-edges2-${n++}.experiment.yaml`, text }), 'EXP-024'),
      [],
    );
  });
});

describe('EXP-025 boundaries', () => {
  const part = (name: string, state = 'up', isDefault = false): SlurmPartitionInfo => ({
    name,
    isDefault,
    state,
    nodes: 1,
    cpusPerNode: 8,
    memoryMBPerNode: 1024,
    gpusPerNode: 0,
    gpuTypes: [],
  });
  const cluster = (list: SlurmPartitionInfo[]) => ({ slurmPartitions: async () => list });
  const body = (partition: string) =>
    `run:\n  trainer: command\n  command: [python, t.py]\n  launcher: slurm\n  slurm:\n    partition: ${partition}\n`;

  it('an unknown partition: an error naming all, fixes for the five nearest with the default first among equals', async () => {
    const list = [
      part('aaaa'),
      part('gpu1'),
      part('gpu2', 'up', true),
      part('gpu3'),
      part('zzzzzzzz'),
      part('gpu4'),
      part('cpu'),
    ];
    const r = await rule('EXP-025', body('gpu'), cluster(list));
    assert.deepEqual(messages(r.diagnostics), [
      'Partition `gpu` does not exist on this Slurm cluster; sbatch would refuse the job ("invalid partition specified"). The cluster has `aaaa`, `gpu1`, `gpu2` (default), `gpu3`, `zzzzzzzz`, `gpu4`, `cpu`.',
    ]);
    assert.equal(r.diagnostics[0]!.severity, 1);
    assert.deepEqual(r.diagnostics[0]!.range.start, { line: 9, character: 15 });
    assert.deepEqual(fixTitles(r.diagnostics[0]), [
      'Change to `gpu2`',
      'Change to `gpu1`',
      'Change to `gpu3`',
      'Change to `gpu4`',
      'Change to `cpu`',
    ]);
    assert.match(r.fixed(), /partition: gpu2\n/);
  });

  it('a partition that is not up warns and lists the ones that are; `UP` in any case is up', async () => {
    const list = [
      part('a', 'drain'),
      part('b', 'UP', true),
      part('c', 'down'),
      part('d', 'upgrading'),
      part('e', 'up'),
      part('f', 'notup'),
    ];
    for (const state of ['drain', 'down', 'upgrading', 'notup']) {
      const name = { drain: 'a', down: 'c', upgrading: 'd', notup: 'f' }[state]!;
      const r = await rule('EXP-025', body(name), cluster(list));
      assert.deepEqual(messages(r.diagnostics), [
        `Partition \`${name}\` is ${state}: a job submitted to it would wait until an administrator brings it up. Choose another of \`b\` (default), \`e\`.`,
      ]);
      assert.equal(r.diagnostics[0]!.severity, 2);
    }
    assert.match(
      messages((await rule('EXP-025', body('a'), cluster([part('a', 'DRAIN')]))).diagnostics)[0] ?? '',
      /is drain:/,
    );
    assert.deepEqual(messages((await rule('EXP-025', body('b'), cluster(list))).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-025', body('e'), cluster(list))).diagnostics), []);
  });

  it('is silent without a named partition, without Slurm, or when the cluster cannot be asked', async () => {
    const list = [part('a')];
    assert.deepEqual(messages((await rule('EXP-025', body(''), cluster(list))).diagnostics), []);
    assert.deepEqual(
      messages(
        (await rule('EXP-025', 'run:\n  launcher: slurm\n  slurm:\n    account: x\n', cluster(list))).diagnostics,
      ),
      [],
    );
    assert.deepEqual(
      messages(
        (await rule('EXP-025', body('zz').replace('slurm\n  slurm', 'local\n  slurm'), cluster(list))).diagnostics,
      ),
      [],
    );
    assert.deepEqual(messages((await rule('EXP-025', body('zz'), cluster([]))).diagnostics), []);
    assert.deepEqual(messages((await rule('EXP-025', body('zz'), {})).diagnostics), []);
    assert.equal((await rule('EXP-025', body('zz'), cluster(list))).diagnostics.length, 1);
  });
});
