/**
 * Validating one document must not cost more in a large workspace: workspace-wide facts (EXP-023 names, XDOC-001
 * similar documents) come from the workspace index, so re-validating one document makes the same file-system calls
 * in a 1,000-document workspace as in a 10-document one. Real files, the real Node host, fs calls counted.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { bundledSchemas } from '../../../server/src/host/schemas';
import { createNodeHost } from '../../../server/src/host/node-host';
import { createLanguageService } from '../../../server/src/service';
import { generateWorkspace, type GeneratedWorkspace } from '../../support/generated-workspace';

// The modules themselves (not esModuleInterop's read-only copies), so that wrapping a function is seen by the host.
const load = createRequire(__filename);
const fs = load('node:fs') as Record<string, unknown>;
const fsp = load('node:fs/promises') as Record<string, unknown>;
const COUNTED = ['stat', 'lstat', 'open', 'readFile', 'readdir', 'access', 'opendir', 'realpath'];

/** Counts calls of Node's file-system functions (promise, callback and sync forms) while `work` runs. */
async function countFsCalls(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const restore: Array<() => void> = [];
  const wrap = (mod: Record<string, unknown>, name: string, label: string) => {
    const original = mod[name];
    if (typeof original !== 'function') return;
    mod[name] = function (this: unknown, ...args: unknown[]) {
      counts[label] = (counts[label] ?? 0) + 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    restore.push(() => {
      mod[name] = original;
    });
  };
  for (const name of COUNTED) {
    wrap(fsp, name, name);
    wrap(fs, name, name);
    wrap(fs, `${name}Sync`, name);
  }
  try {
    await work();
  } finally {
    for (const r of restore) r();
  }
  return counts;
}

const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

describe('workspace scale: re-validating one document', function () {
  this.timeout(120_000);
  const made: GeneratedWorkspace[] = [];
  after(() => {
    for (const w of made) rmSync(w.dir, { recursive: true, force: true });
  });

  /** fs calls of the second validation (an edit) of the 5th experiment, after a first one warmed the caches. */
  async function revalidationCalls(n: number): Promise<{ counts: Record<string, number>; codes: string[] }> {
    const ws = generateWorkspace(n, 'liftoff-scale-');
    made.push(ws);
    const service = createLanguageService(
      {},
      {
        ...bundledSchemas(),
        host: createNodeHost({ workspaceFolders: [ws.dir], gpuProbe: async () => ({ status: 'no-driver' }) }),
      },
    );
    const file = ws.experiments[4]!;
    const uri = pathToFileURL(file).toString();
    const text = readFileSync(file, 'utf8');
    await service.validate({ uri, text });
    let codes: string[] = [];
    const counts = await countFsCalls(async () => {
      // A clash with another experiment's name: EXP-023 must find it, from the index.
      const edited = text
        .replace(/name: credit-risk-\d+/, 'name: credit-risk-00001')
        .replace('epochs: 30', 'epochs: 31');
      codes = (await service.validate({ uri, text: edited })).map((d) => String(d.code));
    });
    return { counts, codes };
  }

  it('makes the same file-system calls in a 1,000-document workspace as in a 10-document one', async () => {
    const small = await revalidationCalls(10);
    const large = await revalidationCalls(1000);
    assert.ok(
      small.codes.includes('EXP-023') && large.codes.includes('EXP-023'),
      'the clash is found through the index in both',
    );
    console.log(`      fs calls re-validating one document: ${JSON.stringify(large.counts)}`);
    assert.deepEqual(
      large.counts,
      small.counts,
      `fs calls: 10 documents ${JSON.stringify(small.counts)}, 1,000 documents ${JSON.stringify(large.counts)}`,
    );
    // Its own files only: the CSV (stat + head), the linked plan (stat + read), the folder of nothing else.
    assert.ok(
      total(large.counts) <= 12,
      `re-validation made ${total(large.counts)} fs calls: ${JSON.stringify(large.counts)}`,
    );
  });

  it('reads the workspace once: a second validation of every document does not scan again', async () => {
    const ws = generateWorkspace(200, 'liftoff-scale-');
    made.push(ws);
    const service = createLanguageService(
      {},
      { host: createNodeHost({ workspaceFolders: [ws.dir], gpuProbe: async () => ({ status: 'no-driver' }) }) },
    );
    const docs = [...ws.experiments, ...ws.plans].map((f) => ({
      uri: pathToFileURL(f).toString(),
      text: readFileSync(f, 'utf8'),
    }));
    const first = await countFsCalls(async () => {
      for (const d of docs) await service.validate(d);
    });
    const second = await countFsCalls(async () => {
      for (const d of docs) await service.validate(d);
    });
    assert.ok(
      (first.open ?? 0) >= docs.length,
      `the first pass reads every document once for the index (${first.open ?? 0} opens)`,
    );
    assert.ok(
      (second.open ?? 0) < docs.length / 4,
      `the second pass reads no document again (${second.open ?? 0} opens): ${JSON.stringify(second)}`,
    );
    // What is left per document is its own: its CSV, its plan link, its run history folder.
    assert.ok(
      total(second) <= docs.length * 12,
      `${total(second)} fs calls for ${docs.length} documents: ${JSON.stringify(second)}`,
    );
    console.log(`      fs calls, first pass ${JSON.stringify(first)}, second ${JSON.stringify(second)}`);
  });
});
