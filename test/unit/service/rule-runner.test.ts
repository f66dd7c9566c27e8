import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { createLanguageService, type LiftoffDiagnostic, type ServiceHost } from '../../../server/src/service';
import { NULL_HOST } from '../../../server/src/service/host';
import { parseFile } from '../../../server/src/service/parse';
import { runAsyncRules, runRules } from '../../../server/src/service/rule-runner';
import { DEFAULT_SETTINGS } from '../../../server/src/service/types';
import { aliasBombs, mutate, prng } from '../../support/hostile-yaml';
import { fixture, REPO_ROOT } from '../../support/fixtures';

const codes = (ds: readonly LiftoffDiagnostic[]) => ds.map((d) => String(d.code));
const show = (ds: readonly LiftoffDiagnostic[]) => ds.map((d) => `${String(d.code)} ${d.message}`).join('\n');

describe('rule runner: one rule cannot cost the others', function () {
  this.timeout(120_000); // hundreds of whole-document validations on a shared 2-core machine
  it('a rule that throws becomes one LIFTOFF-INTERNAL diagnostic naming it, and the rules around it still report', () => {
    const file = parseFile({
      uri: 'file:///tmp/x.experiment.yaml',
      text: 'apiVersion: liftoff/v1\nkind: Experiment\n',
    });
    const ctx = { file, yaml: file.documents[0]!, settings: DEFAULT_SETTINGS };
    const found = (code: string) => (): LiftoffDiagnostic[] => [
      { code, message: code, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    ];
    const out = runRules(
      [
        { id: 'EXP-100', check: found('EXP-100') },
        {
          id: 'EXP-101',
          check: () => {
            throw new TypeError('boom');
          },
        },
        { id: 'EXP-102', check: found('EXP-102') },
      ],
      ctx,
    );
    assert.deepEqual(codes(out), ['EXP-100', 'LIFTOFF-INTERNAL', 'EXP-102']);
    assert.match(String(out[1]!.message), /rule EXP-101 failed .*TypeError: boom.*other checks ran.*please report it/);
  });

  it('an alias bomb in any section or field of a plan leaves every other plan rule reporting (PLAN-002 here)', async () => {
    const service = createLanguageService();
    const f = fixture('rules/plan-002/fail.plan.yaml');
    const variants = aliasBombs(f.text, 3);
    assert.ok(variants.length >= 10, `bombs placed: ${variants.length}`);
    for (const v of variants) {
      const ds = await service.validate({ uri: f.uri, text: v.text });
      assert.ok(!codes(ds).includes('LIFTOFF-INTERNAL'), `bomb at ${v.path}:\n${show(ds)}`);
      assert.ok(
        codes(ds).includes('PLAN-002'),
        `bomb at ${v.path}: PLAN-002 still reports the other money values:\n${show(ds)}`,
      );
    }
  });

  it('an alias bomb in any section of the example experiment and plan yields diagnostics and no internal error', async () => {
    const service = createLanguageService();
    for (const rel of [
      'examples/credit-risk/credit-risk.experiment.yaml',
      'examples/medical-diagnosis/lung-nodule.plan.yaml',
    ]) {
      const p = path.join(REPO_ROOT, rel);
      for (const v of aliasBombs(readFileSync(p, 'utf8'), 2)) {
        const ds = await service.validate({ uri: pathToFileURL(p).toString(), text: v.text });
        assert.ok(!codes(ds).includes('LIFTOFF-INTERNAL'), `${rel}, bomb at ${v.path}:\n${show(ds)}`);
      }
    }
  });
});

describe('rule runner: the per-document deadline', () => {
  /** A host that never answers for paths containing `hang`, like a FIFO that nobody writes to. */
  const hanging: ServiceHost = {
    ...NULL_HOST,
    stat: (p) =>
      p.includes('hang')
        ? new Promise(() => undefined)
        : Promise.resolve({ mtimeMs: 1, size: 10, isDirectory: false, type: 'file' as const }),
    readHead: (p) => (p.includes('hang') ? new Promise(() => undefined) : Promise.resolve('a,b\n1,2\n')),
  };

  it('a rule still waiting for a path at the deadline yields one LIFTOFF-TIMEOUT on that path; the other diagnostics come', async () => {
    const service = createLanguageService({ validationDeadlineMs: 300 }, { host: hanging });
    const text =
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: t\ndata:\n  train: data/hang.csv\n  format: csv\n  target: b\n' +
      'training:\n  epochs: 5\n  max_steps: 10\n';
    const ds = await service.validate({ uri: pathToFileURL('/work/project/t.experiment.yaml').toString(), text });
    const timeouts = ds.filter((d) => d.code === 'LIFTOFF-TIMEOUT');
    assert.equal(timeouts.length, 1, show(ds));
    assert.match(
      String(timeouts[0]!.message),
      /rule EXP-008 did not finish .* while checking \/work\/project\/data\/hang\.csv.*regular file/,
    );
    assert.deepEqual(
      timeouts[0]!.range,
      { start: { line: 5, character: 9 }, end: { line: 5, character: 22 } },
      'on the path value',
    );
    assert.ok(codes(ds).includes('EXP-009'), `the document's own rules still report:\n${show(ds)}`);
  });

  it('the LIFTOFF-TIMEOUT message, with what the rule waited for, in Chinese under zh-cn', async () => {
    const service = createLanguageService({ validationDeadlineMs: 300, locale: 'zh-cn' }, { host: hanging });
    const text = 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: t\ndata:\n  train: data/hang.csv\n';
    const ds = await service.validate({ uri: pathToFileURL('/work/project/t.experiment.yaml').toString(), text });
    const [timeout] = ds.filter((d) => d.code === 'LIFTOFF-TIMEOUT');
    assert.equal(
      String(timeout?.message),
      'Liftoff 的规则 EXP-008 未能在校验时限内完成（当时正在检查 /work/project/data/hang.csv），因此跳过了这项检查；其他检查照常运行。' +
        '路径指向管道、设备或很慢的网络挂载点时会出现这种情况：请指向普通文件。',
    );
  });

  it('rules that answer in time are not reported as late', async () => {
    const service = createLanguageService({ validationDeadlineMs: 5000 }, { host: hanging });
    const text =
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: t\ndata:\n  train: data/ok.csv\n  format: csv\n  target: zz\n';
    const ds = await service.validate({ uri: pathToFileURL('/work/project/t.experiment.yaml').toString(), text });
    assert.deepEqual(
      codes(ds).filter((c) => c.startsWith('LIFTOFF-')),
      [],
    );
    assert.ok(
      ds.some((d) => d.code === 'EXP-008' && /Target column `zz`/.test(String(d.message))),
      show(ds),
    );
  });
});

describe("rule runner: the host's own slow work gets the longer deadline", () => {
  it('a rule waiting on a slow probe past the file deadline still reports; one waiting on a path is cut off', async () => {
    const file = parseFile({
      uri: 'file:///tmp/x.experiment.yaml',
      text: 'apiVersion: liftoff/v1\nkind: Experiment\n',
    });
    const host: ServiceHost = {
      ...NULL_HOST,
      gpus: () => new Promise((resolve) => setTimeout(() => resolve([]), 300)),
      stat: () => new Promise(() => undefined),
    };
    const ctx = { file, yaml: file.documents[0]!, settings: DEFAULT_SETTINGS, host, docPath: '/tmp/x.experiment.yaml' };
    const none = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const now = Date.now();
    const out = await runAsyncRules(
      [
        {
          id: 'EXP-901',
          check: async (c) => ((await c.host.gpus()) ? [{ code: 'EXP-901', message: 'probed', range: none }] : []),
        },
        { id: 'EXP-902', check: async (c) => ((await c.host.stat('/tmp/fifo')) ? [] : []) },
      ],
      ctx,
      { files: now + 50, probes: now + 10_000 },
    );
    assert.deepEqual(codes(out), ['EXP-901', 'LIFTOFF-TIMEOUT']);
    assert.match(String(out[1]!.message), /rule EXP-902 did not finish .* while checking \/tmp\/fifo/);
  });
});

describe('rule runner: hostile text never escapes as an exception or an internal error', function () {
  this.timeout(120_000);
  const sources = ['rules/plan-002/fail.plan.yaml', 'rules/exp-008/fail.experiment.yaml', 'header/multi.plan.yaml'].map(
    fixture,
  );
  const service = createLanguageService();

  it('mutations of fixtures (seeded) always validate, with no LIFTOFF-INTERNAL', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.integer(),
        fc.integer({ min: 1, max: 8 }),
        async (which, seed, edits) => {
          const src = sources[which]!;
          const rand = prng(seed);
          let text = src.text;
          for (let i = 0; i < edits; i++) text = mutate(text, rand);
          const ds = await service.validate({ uri: src.uri, text });
          assert.ok(!codes(ds).includes('LIFTOFF-INTERNAL'), show(ds));
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });
});
