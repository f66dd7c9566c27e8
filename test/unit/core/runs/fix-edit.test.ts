/**
 * Fixes as edits of the experiment text: only the values a fix names change; comments, order, quoting and the rest
 * of the document stay byte for byte; the result still validates as it did. On the real example experiments and
 * on the fixes the diagnosis itself proposes.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnoseRun, type FixPlan } from '../../../../core/src/runs/diagnose';
import { applySpanEdits, fixEdit, FixEditError, yamlLiteral } from '../../../../core/src/runs/fix-edit';
import { createLanguageService } from '../../../../server/src/service';
import { bundledSchemas } from '../../../../server/src/host/schemas';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { REPO_ROOT } from '../../../support/fixtures';

const EXAMPLES = [
  'examples/pytorch/synthetic-mlp.experiment.yaml',
  'examples/credit-risk/credit-risk.experiment.yaml',
  'examples/medical-diagnosis/nodule.experiment.yaml',
].map((f) => path.join(REPO_ROOT, f));

const service = createLanguageService(
  {},
  { ...bundledSchemas(), host: createNodeHost({ workspaceFolders: [REPO_ROOT] }) },
);
async function errors(file: string, text: string): Promise<string[]> {
  const ds = await service.validate({ uri: pathToFileURL(file).toString(), text });
  return ds
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${String(d.code)} ${String(d.message)}`)
    .sort();
}

/** Every leaf of a parsed document by dotted path (sequences as leaves: fixes never edit inside one). */
function leaves(v: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(v));
  return out;
}

const comments = (text: string) => text.split('\n').filter((l) => /#/.test(l) && !/^\s*[\w-]+:/.test(l));

function checkEdit(text: string, plan: FixPlan): string {
  const { text: next, edit } = fixEdit(text, plan);
  assert.equal(applySpanEdits(text, [edit]), next, 'the one edit turns the original into the result');
  const before = leaves(parse(text));
  const after = leaves(parse(next));
  const changed = new Set(plan.changes.map((c) => c.path));
  for (const c of plan.changes) assert.equal(after.get(c.path), JSON.stringify(c.value), c.path);
  for (const [k, v] of before) if (!changed.has(k)) assert.equal(after.get(k), v, `${k} unchanged`);
  for (const k of after.keys()) assert.ok(before.has(k) || changed.has(k), `no other key added: ${k}`);
  for (const line of comments(text)) assert.ok(next.includes(line), `comment kept: ${line}`);
  return next;
}

describe('fixes as edits of the experiment YAML', function () {
  this.timeout(60_000);

  it('the fixes the diagnosis proposes, on every example: only those values change, and it still validates', async () => {
    const facts = [
      { stderrTail: 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB' },
      { stderrTail: 'MemoryError' },
      { slurmState: 'TIMEOUT', elapsedSec: 1200, progress: { done: 3, total: 10 } },
      { lastMetrics: { train_loss: NaN } },
      { slurmState: 'PREEMPTED' },
    ];
    let edits = 0;
    for (const file of EXAMPLES) {
      const text = readFileSync(file, 'utf8');
      const experiment = parse(text) as unknown;
      const baseline = await errors(file, text);
      for (const f of facts) {
        const d = diagnoseRun({ state: 'failed', experiment, ...f })!;
        for (const plan of [d.fix, ...(d.alternatives ?? [])]) {
          if (!plan) continue;
          let next: string;
          try {
            next = checkEdit(text, plan);
          } catch (err) {
            // Only a refusal that says what to do by hand is acceptable.
            assert.ok(err instanceof FixEditError, String(err));
            assert.match(err.message, /by hand/);
            continue;
          }
          assert.deepEqual(await errors(file, next), baseline, `${path.basename(file)}: ${plan.title}`);
          edits++;
        }
      }
    }
    assert.ok(edits >= 10, `${edits} edits made`);
  });

  it('halving the batch keeps the comment on its line and adds accumulation beside its siblings', () => {
    const text = 'training:\n  batch_size: 64 # per GPU\n  epochs: 3\n# resources next\nresources:\n  cpus: 2\n';
    const { text: next } = fixEdit(text, {
      title: '',
      changes: [
        { path: 'training.batch_size', value: 32 },
        { path: 'training.gradient_accumulation', value: 2 },
      ],
    });
    assert.equal(
      next,
      'training:\n  batch_size: 32 # per GPU\n  epochs: 3\n  gradient_accumulation: 2\n# resources next\nresources:\n  cpus: 2\n',
    );
  });

  it('adds a missing section at the end with the file’s own indentation, and quotes a time limit', () => {
    const text = 'kind: Experiment\ntraining:\n    epochs: 3\n';
    assert.equal(
      fixEdit(text, { title: '', changes: [{ path: 'resources.time_limit', value: '01:20:00' }] }).text,
      'kind: Experiment\ntraining:\n    epochs: 3\nresources:\n    time_limit: "01:20:00"\n',
    );
    assert.equal(
      fixEdit('training:\n  epochs: 3', { title: '', changes: [{ path: 'training.checkpoint.dir', value: 'ck' }] })
        .text,
      'training:\n  epochs: 3\n  checkpoint:\n    dir: ck\n',
    );
  });

  it('refuses, saying what to do by hand: inline maps, a value that is a list, YAML that does not parse', () => {
    const cases: Array<[string, string]> = [
      ['training: {epochs: 3}\n', 'training.batch_size'],
      ['training:\n  batch_size: [1, 2]\n', 'training.batch_size'],
      ['training: 3\n', 'training.batch_size'],
      ['training:\n  batch_size: 64\n bad: [\n', 'training.batch_size'],
    ];
    for (const [text, p] of cases)
      assert.throws(
        () => fixEdit(text, { title: '', changes: [{ path: p, value: 1 }] }),
        (e: unknown) => e instanceof FixEditError && /by hand|fix it first/.test(e.message),
        text,
      );
  });

  it('property: any values in any example — every other key unchanged, comments kept, the edit reads back', () => {
    const texts = EXAMPLES.map((f) => readFileSync(f, 'utf8'));
    const plan = fc.oneof(
      fc
        .record({ b: fc.integer({ min: 1, max: 4096 }), a: fc.integer({ min: 1, max: 64 }) })
        .map(({ b, a }): FixPlan => ({
          title: '',
          changes: [
            { path: 'training.batch_size', value: b },
            { path: 'training.gradient_accumulation', value: a },
          ],
        })),
      fc.integer({ min: 1, max: 30 * 86400 }).map((s): FixPlan => ({
        title: '',
        changes: [
          {
            path: 'resources.time_limit',
            value: `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`,
          },
        ],
      })),
      fc
        .double({ min: 1, max: 4096, noNaN: true })
        .map((g): FixPlan => ({ title: '', changes: [{ path: 'resources.memory_gb', value: g }] })),
      fc
        .double({ min: 1e-9, max: 1, noNaN: true })
        .map((lr): FixPlan => ({ title: '', changes: [{ path: 'training.optimizer.learning_rate', value: lr }] })),
      fc.string({ minLength: 1, maxLength: 20 }).map((dir): FixPlan => ({
        title: '',
        changes: [
          { path: 'training.checkpoint.dir', value: dir },
          { path: 'training.checkpoint.keep_last', value: 2 },
        ],
      })),
    );
    let made = 0;
    fc.assert(
      fc.property(fc.constantFrom(...texts), plan, (text, p) => {
        try {
          checkEdit(text, p);
          made++;
        } catch (err) {
          if (!(err instanceof FixEditError)) throw err;
          assert.match(err.message, /by hand/);
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(made > 200, `${made} of 300 edits made; the rest refused`);
  });

  it('values are written as YAML that reads back as themselves', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), (v) => {
        assert.deepEqual(parse(`k: ${yamlLiteral(v)}`), { k: v });
      }),
      { examples: [[-0], [0], [1e21], [5e-324], ['-0'], ['null'], ['']] },
    );
  });
});
