/**
 * The workspace index kept current by file events: after any sequence of writes, renames of `metadata.name`, kind
 * changes, deletions and folder moves, each reported as an editor would, it equals a fresh scan; and every update
 * names the facts (document names and kinds) that changed, so only documents that asked about them re-validate.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { readDocumentFacts } from '../../../server/src/host/document-facts';
import { WorkspaceIndex } from '../../../server/src/host/workspace-index';
import { kindFact, nameFact } from '../../../server/src/service';

const FILES = [
  'a.experiment.yaml',
  'b.experiment.yml',
  'sub/c.plan.yaml',
  'sub/d.experiment.yaml',
  'sub/deep/e.plan.yml',
];
const NAMES = ['alpha', 'beta', 'gamma'];

type Op =
  | { op: 'write'; file: string; kind: 'Experiment' | 'BusinessPlan' | 'none'; name: string }
  | { op: 'delete'; file: string }
  | { op: 'move-sub' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('write' as const),
    file: fc.constantFrom(...FILES),
    kind: fc.constantFrom('Experiment' as const, 'BusinessPlan' as const, 'none' as const),
    name: fc.constantFrom(...NAMES),
  }),
  fc.record({ op: fc.constant('delete' as const), file: fc.constantFrom(...FILES) }),
  fc.constant({ op: 'move-sub' as const }),
);

describe('workspace index', () => {
  let ws: string;
  beforeEach(() => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-index-'));
  });
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), text);
  };

  /** Does a write or a delete on disk and reports it to the index as an editor's file watcher would. */
  const applyFileOp = async (index: WorkspaceIndex, o: Extract<Op, { op: 'write' | 'delete' }>): Promise<void> => {
    if (o.op === 'write') {
      const body = o.kind === 'none' ? `notes: ${o.name}\n` : `kind: ${o.kind}\nmetadata: {name: ${o.name}}\n`;
      write(o.file, body);
      await index.update([{ fsPath: path.join(ws, o.file), type: 'changed' }]);
    } else {
      rmSync(path.join(ws, o.file), { force: true });
      await index.update([{ fsPath: path.join(ws, o.file), type: 'deleted' }]);
    }
  };

  it('names the facts an update changes: old and new name on a rename, the kind when a document appears or goes', async () => {
    write('a.experiment.yaml', 'kind: Experiment\nmetadata: {name: alpha}\n');
    write(
      'p.plan.yaml',
      'kind: BusinessPlan\nmetadata: {name: plan}\nsolution: {linked_experiments: [a.experiment.yaml]}\n',
    );
    const index = new WorkspaceIndex([ws]);
    await index.ready();
    const plan = (await index.documentsOfKind('BusinessPlan'))[0];
    assert.deepEqual(plan?.links, [path.join(ws, 'a.experiment.yaml')], 'links are indexed as absolute paths');

    write('a.experiment.yaml', 'kind: Experiment\nmetadata: {name: beta}\n');
    assert.deepEqual((await index.update([{ fsPath: path.join(ws, 'a.experiment.yaml'), type: 'changed' }])).sort(), [
      nameFact('Experiment', 'alpha'),
      nameFact('Experiment', 'beta'),
    ]);
    assert.deepEqual((await index.documentsNamed('Experiment', 'alpha')).length, 0);
    assert.deepEqual(
      (await index.documentsNamed('Experiment', 'beta')).map((d) => d.relativePath),
      ['a.experiment.yaml'],
    );

    write(
      'a.experiment.yaml',
      'kind: Experiment\nmetadata: {name: beta}\n# a comment changes nothing the index holds\n',
    );
    assert.deepEqual(await index.update([{ fsPath: path.join(ws, 'a.experiment.yaml'), type: 'changed' }]), []);

    write('n.experiment.yaml', 'kind: Experiment\nmetadata: {name: gamma}\n');
    assert.deepEqual(
      (await index.update([{ fsPath: path.join(ws, 'n.experiment.yaml'), type: 'created' }])).sort(),
      [kindFact('Experiment'), nameFact('Experiment', 'gamma')].sort(),
    );

    write('notes.yaml', 'kind: Experiment\nmetadata: {name: ignored}\n');
    assert.deepEqual(
      await index.update([{ fsPath: path.join(ws, 'notes.yaml'), type: 'created' }]),
      [],
      'only *.experiment/plan.y(a)ml are indexed',
    );
  });

  it('after any sequence of changes reported as events, equals a fresh scan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        rmSync(ws, { recursive: true, force: true });
        mkdirSync(ws);
        const index = new WorkspaceIndex([ws]);
        await index.ready();
        for (const o of ops) {
          if (o.op === 'write' || o.op === 'delete') await applyFileOp(index, o);
          else {
            // A folder moved away and back under another name: editors report the folders, not each file.
            mkdirSync(path.join(ws, 'sub'), { recursive: true });
            renameSync(path.join(ws, 'sub'), path.join(ws, 'moved'));
            await index.update([
              { fsPath: path.join(ws, 'sub'), type: 'deleted' },
              { fsPath: path.join(ws, 'moved'), type: 'created' },
            ]);
            renameSync(path.join(ws, 'moved'), path.join(ws, 'sub'));
            await index.update([
              { fsPath: path.join(ws, 'moved'), type: 'deleted' },
              { fsPath: path.join(ws, 'sub'), type: 'created' },
            ]);
          }
        }
        const fresh = new WorkspaceIndex([ws]);
        assert.deepEqual(await index.all(), await fresh.all());
        for (const name of NAMES)
          assert.deepEqual(
            await index.documentsNamed('Experiment', name),
            await fresh.documentsNamed('Experiment', name),
          );
        assert.deepEqual(await index.documentsOfKind('BusinessPlan'), await fresh.documentsOfKind('BusinessPlan'));
      }),
      { numRuns: 60 },
    );
  });

  it('.liftoffignore written, changed or deleted: the index follows without a restart, names the facts, reads only new files', async () => {
    write('a.experiment.yaml', 'kind: Experiment\nmetadata: {name: alpha}\n');
    write('fixtures/copy.experiment.yaml', 'kind: Experiment\nmetadata: {name: alpha}\n');
    write('fixtures/p.plan.yaml', 'kind: BusinessPlan\nmetadata: {name: plan}\n');
    const reads: string[] = [];
    const index = new WorkspaceIndex([ws], {
      read: (file, folder) => {
        reads.push(path.relative(ws, file));
        return readDocumentFacts(file, folder);
      },
    });
    const named = async () => (await index.documentsNamed('Experiment', 'alpha')).map((d) => d.relativePath);
    assert.deepEqual(await named(), ['a.experiment.yaml', 'fixtures/copy.experiment.yaml']);

    write('.liftoffignore', '# test data\nfixtures/\n');
    reads.length = 0;
    const ignoredFacts = await index.update([{ fsPath: path.join(ws, '.liftoffignore'), type: 'created' }]);
    assert.deepEqual(
      ignoredFacts.sort(),
      [
        kindFact('BusinessPlan'),
        kindFact('Experiment'),
        nameFact('BusinessPlan', 'plan'),
        nameFact('Experiment', 'alpha'),
      ].sort(),
      'documents that asked about alpha (it lost a holder) or about plans re-validate',
    );
    assert.deepEqual(await named(), ['a.experiment.yaml'], 'the ignored copy no longer shares the name');
    assert.deepEqual(await index.documentsOfKind('BusinessPlan'), []);
    assert.deepEqual(reads, [], 'leaving files out reads nothing');

    // Narrowed: the plan comes back (read now), the experiment copy stays out.
    write('.liftoffignore', 'fixtures/*.experiment.yaml\n');
    const narrowed = await index.update([{ fsPath: path.join(ws, '.liftoffignore'), type: 'changed' }]);
    assert.deepEqual(narrowed.sort(), [kindFact('BusinessPlan'), nameFact('BusinessPlan', 'plan')].sort());
    assert.deepEqual(reads, ['fixtures/p.plan.yaml'], 'only the file that came back is read');
    assert.deepEqual(await named(), ['a.experiment.yaml']);

    rmSync(path.join(ws, '.liftoffignore'));
    reads.length = 0;
    await index.update([{ fsPath: path.join(ws, '.liftoffignore'), type: 'deleted' }]);
    assert.deepEqual(await named(), ['a.experiment.yaml', 'fixtures/copy.experiment.yaml']);
    assert.deepEqual(reads, ['fixtures/copy.experiment.yaml']);
    assert.deepEqual(await index.all(), await new WorkspaceIndex([ws]).all(), 'the same as a fresh scan');
  });

  it('after any .liftoffignore and file changes reported as events, equals a fresh scan (property)', async () => {
    const patterns = ['sub/', 'sub/deep/', '*.yml', 'a.experiment.yaml', '**/*.plan.yaml', '# nothing'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            opArb,
            fc.subarray(patterns).map((lines) => ({ op: 'ignore' as const, lines })),
          ),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        async (ops) => {
          rmSync(ws, { recursive: true, force: true });
          mkdirSync(ws);
          for (const f of FILES) write(f, `kind: Experiment\nmetadata: {name: ${path.basename(f).slice(0, 1)}}\n`);
          const index = new WorkspaceIndex([ws]);
          await index.ready();
          for (const o of ops) {
            if (o.op === 'ignore') {
              if (o.lines.length) write('.liftoffignore', o.lines.join('\n') + '\n');
              else rmSync(path.join(ws, '.liftoffignore'), { force: true });
              await index.update([
                { fsPath: path.join(ws, '.liftoffignore'), type: o.lines.length ? 'changed' : 'deleted' },
              ]);
            } else if (o.op === 'write' || o.op === 'delete') await applyFileOp(index, o);
          }
          assert.deepEqual(await index.all(), await new WorkspaceIndex([ws]).all());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers at once while its first scan runs when asked not to wait (the server), and reports what the scan found', async () => {
    write('a.experiment.yaml', 'kind: Experiment\nmetadata: {name: alpha}\n');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const scanned: string[][] = [];
    const index = new WorkspaceIndex([ws], {
      waitForScan: false,
      onScanned: (facts) => scanned.push([...facts]),
      read: async (file, folder) => {
        await gate;
        return readDocumentFacts(file, folder);
      },
    });
    assert.deepEqual(await index.documentsNamed('Experiment', 'alpha'), [], 'nothing indexed yet, and no waiting');
    release();
    await index.ready();
    assert.equal((await index.documentsNamed('Experiment', 'alpha')).length, 1);
    assert.deepEqual(scanned, [[nameFact('Experiment', 'alpha'), kindFact('Experiment')]]);
  });
});
