/**
 * EXP-015 at its edges: the GPU count a GPU run needs (missing, empty, 0, 0.5, not a number, 1), the distributed
 * strategy from two GPUs on one node (not one, not several nodes; `none` and `false` count as unset), the Slurm
 * launcher from two nodes on, and each fix's edit or its absence (flow mappings, no `run`).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, service, only } from './support';

let n = 0;

async function exp015(body: string): Promise<{ diagnostics: LiftoffDiagnostic[]; text: string; uri: string }> {
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: topo\n${body}`;
  const uri = `file:///tmp/exp015-${n++}.experiment.yaml`;
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-015');
  for (const d of diagnostics) assert.equal(d.severity, 1, `an error: ${d.message}`);
  return { diagnostics, text, uri };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));

function fixed(r: Awaited<ReturnType<typeof exp015>>, d: LiftoffDiagnostic | undefined): string {
  const action = service.codeActions({ uri: r.uri, text: r.text }, [d!])[0];
  assert.ok(action, 'a quick fix');
  return applyEdits(r.text, action.edit!.changes![r.uri]!);
}

const NOT_SET =
  '`resources.accelerator` is `gpu` but `resources.gpus` is not set: say how many GPUs per node to use (e.g. `gpus: 1`).';

describe('EXP-015 boundaries', () => {
  it('a GPU run: gpus missing or empty asks for it (the fix sets 1); 0, 0.5, -1 or text are refused; 1 passes', async () => {
    const missing = await exp015('resources:\n  accelerator: gpu\n  cpus: 4\n');
    assert.deepEqual(messages(missing.diagnostics), [NOT_SET]);
    assert.deepEqual(missing.diagnostics[0]!.range.start, { line: 5, character: 15 });
    assert.match(fixed(missing, missing.diagnostics[0]), /accelerator: gpu\n {2}gpus: 1\n {2}cpus: 4\n/);
    const empty = await exp015('resources:\n  accelerator: gpu\n  gpus:\n  cpus: 4\n');
    assert.deepEqual(messages(empty.diagnostics), [NOT_SET]);
    assert.match(fixed(empty, empty.diagnostics[0]), /accelerator: gpu\n {2}gpus: 1\n {2}cpus: 4\n/);
    for (const [v, shown] of [
      ['0', '0'],
      ['0.5', '0.5'],
      ['-1', '-1'],
      ['1.5', '1.5'],
      ['many', 'many'],
    ]) {
      const r = await exp015(`resources:\n  accelerator: gpu\n  gpus: ${v}\nrun:\n  distributed: ddp\n`);
      assert.deepEqual(
        messages(r.diagnostics),
        [
          `\`resources.gpus\` is \`${shown}\` but \`resources.accelerator\` is \`gpu\`: use a whole number of at least 1, or \`accelerator: cpu\`.`,
        ],
        v,
      );
      assert.deepEqual(fixTitles(r.diagnostics[0]), ['Change `resources.gpus` to 1'], v);
      assert.match(fixed(r, r.diagnostics[0]), /\n {2}gpus: 1\n/, v);
    }
    assert.deepEqual(messages((await exp015('resources:\n  accelerator: gpu\n  gpus: 1\n')).diagnostics), []);
    assert.deepEqual(messages((await exp015('resources:\n  accelerator: cpu\n  gpus: 0\n')).diagnostics), []);
    assert.deepEqual(messages((await exp015('resources:\n  accelerator: cpu\n')).diagnostics), []);
    const flow = await exp015('resources: {accelerator: gpu}\n');
    assert.deepEqual(messages(flow.diagnostics), [NOT_SET]);
    assert.deepEqual(fixTitles(flow.diagnostics[0]), []);
  });

  it('gpus on one node: 2 or more need a distributed strategy (property over counts and strategies)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(undefined, 'none', 'false', 'torchrun', 'ddp', ''),
        async (gpus, nodes, strategy) => {
          const run = [
            'run:',
            '  trainer: builtin',
            ...(strategy === undefined ? [] : [`  distributed:${strategy ? ` ${strategy}` : ''}`]),
          ];
          const launcher = nodes > 1 ? ['  launcher: slurm'] : [];
          const r = await exp015(
            [
              'resources:',
              `  gpus: ${gpus}`,
              ...(nodes > 1 || gpus === 3 ? [`  nodes: ${nodes}`] : []),
              ...run,
              ...launcher,
              '',
            ].join('\n'),
          );
          const unset = strategy === undefined || strategy === 'none' || strategy === 'false' || strategy === '';
          const flagged = gpus > 1 && nodes <= 1 && unset;
          assert.deepEqual(
            messages(r.diagnostics),
            flagged
              ? [
                  `\`resources.gpus\` is ${gpus} on one node but \`run.distributed\` is not set: without one the command runs as a single process, which in most training scripts uses one GPU. Set \`run.distributed\` to \`torchrun\`, \`ddp\` or \`deepspeed\`.`,
                ]
              : [],
          );
          if (flagged) {
            // The fix appends a pair only when there is none to replace.
            assert.deepEqual(
              fixTitles(r.diagnostics[0]),
              strategy === undefined ? ['Add `distributed: torchrun` to `run`'] : [],
            );
          }
        },
      ),
      { numRuns: 60 },
    );
    const noRun = await exp015('resources:\n  gpus: 2\n');
    assert.equal(noRun.diagnostics.length, 1);
    assert.deepEqual(fixTitles(noRun.diagnostics[0]), []);
    const appended = await exp015('resources:\n  gpus: 2\nrun:\n  trainer: builtin\n');
    assert.match(fixed(appended, appended.diagnostics[0]), /run:\n {2}trainer: builtin\n {2}distributed: torchrun\n$/);
    assert.deepEqual(messages((await exp015('resources:\n  gpus: "2"\n')).diagnostics), []);
  });

  it('nodes: 2 or more need the Slurm launcher; the fix replaces or appends it', async () => {
    const base = 'resources:\n  gpus: 1\n  nodes: ';
    assert.deepEqual(messages((await exp015(`${base}1\nrun:\n  launcher: local\n`)).diagnostics), []);
    assert.deepEqual(messages((await exp015(`${base}2\nrun:\n  launcher: slurm\n`)).diagnostics), []);
    const local = await exp015(`${base}2\nrun:\n  launcher: local\n`);
    assert.deepEqual(messages(local.diagnostics), [
      '`resources.nodes` is 2 but `run.launcher` is `local`: a multi-node run is launched through a cluster scheduler. Set `run.launcher: slurm` (with `run.slurm.partition`).',
    ]);
    assert.deepEqual(local.diagnostics[0]!.range.start, { line: 6, character: 9 });
    assert.match(fixed(local, local.diagnostics[0]), /launcher: slurm\n$/);
    const unset = await exp015(`${base}3\nrun:\n  trainer: builtin\n`);
    assert.deepEqual(messages(unset.diagnostics), [
      '`resources.nodes` is 3 but `run.launcher` is not set (local): a multi-node run is launched through a cluster scheduler. Set `run.launcher: slurm` (with `run.slurm.partition`).',
    ]);
    assert.match(fixed(unset, unset.diagnostics[0]), /trainer: builtin\n {2}launcher: slurm\n$/);
    const empty = await exp015(`${base}2\nrun:\n  launcher:\n`);
    assert.match(messages(empty.diagnostics)[0] ?? '', /is not set \(local\)/);
    assert.deepEqual(fixTitles(empty.diagnostics[0]), []);
    const noRun = await exp015(`${base}2\n`);
    assert.match(messages(noRun.diagnostics)[0] ?? '', /is not set \(local\)/);
    assert.deepEqual(fixTitles(noRun.diagnostics[0]), []);
  });
});
