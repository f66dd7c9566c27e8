/**
 * The documentation's examples, run (issue 21, item 4): every failing example of docs/rules.md fires exactly its
 * rule, with the catalogue's severity, and every passing example is clean; every `liftoff` line of the README's CLI
 * block and of docs/cli.md runs from the repository root and exits as documented.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LiftoffDiagnostic } from '../../server/src/service';
import { bundledSchemas } from '../../server/src/host/schemas';
import { createNodeHost } from '../../server/src/host/node-host';
import { RULE_CATALOGUE } from '../../server/src/service/rules/catalogue';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';
import { exampleFiles } from '../support/rules-doc';
import { PARTITIONS } from './rules/experiment/slurm-host';

const RULES_MD = readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8');
const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

/**
 * Rules whose documented examples cannot be clean, because the failing example also breaks another rule by design.
 * A ratchet: an example that becomes clean must leave this list (the test says so), and no rule may join it. Empty
 * since every such rule documents an `example-fail`/`example-pass` pair that fires it alone (test/support/rules-doc.ts).
 */
const NOT_YET_CLEAN = new Set<string>([]);

/** The YAML blocks under "Fails:" and "Passes:" in a rule's section of docs/rules.md. */
function examplesOf(id: string): { fail?: string; pass?: string } {
  const start = RULES_MD.indexOf(`\n## ${id}\n`);
  if (start === -1) return {};
  const end = RULES_MD.indexOf('\n## ', start + 1);
  const section = RULES_MD.slice(start, end === -1 ? undefined : end);
  const block = (label: string) =>
    new RegExp(`${label}:\\n\\n\`\`\`yaml\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(section)?.[1]?.concat('\n');
  return { fail: block('Fails'), pass: block('Passes') };
}

/**
 * Validates an example where its fixture lives (relative paths resolve as documented), on a machine the examples
 * assume: two A100 GPUs (EXP-017), the rules' fake Slurm cluster (EXP-025/026) and the past runs of
 * test/fixtures/rules/exp-024/runs (EXP-024).
 */
async function diagnose(fixtureRel: string, text: string): Promise<LiftoffDiagnostic[]> {
  const file = path.join(FIXTURES, fixtureRel);
  const node = createNodeHost({
    workspaceFolders: [
      fixtureRel.startsWith('rules/exp-024/')
        ? runsWorkspace()
        : fixtureRel.startsWith('rules/plan-020/')
          ? spendWorkspace()
          : path.dirname(file),
    ],
    snapshot: true,
    gpuProbe: async () => ({ status: 'ok', gpus: [0, 1].map((index) => ({ index, ...A100 })) }),
  });
  const host = { ...node, slurmPartitions: async () => PARTITIONS };
  const service = createLanguageService({}, { ...bundledSchemas(), host });
  return service.validate({ uri: pathToFileURL(file).toString(), text });
}

const A100 = { name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, memoryUsedMiB: 0, utilizationPct: 0 };
let runsDir: string | undefined;
/** A workspace holding EXP-024's committed run records in `.liftoff/runs` (`.liftoff/` itself is git-ignored). */
function runsWorkspace(): string {
  if (!runsDir) {
    runsDir = mkdtempSync(path.join(tmpdir(), 'liftoff-docs-runs-'));
    cpSync(path.join(FIXTURES, 'rules', 'exp-024', 'runs'), path.join(runsDir, '.liftoff', 'runs'), {
      recursive: true,
    });
  }
  return runsDir;
}
let spendDir: string | undefined;
/**
 * PLAN-020's run store: one run of `plan020-train` (1000 GPUs × 100 nodes) that ended a minute after it started, just
 * now, so it falls in the plan's 2026 budget period (or past it, when the whole budget is due) on any day it runs.
 */
function spendWorkspace(): string {
  if (!spendDir) {
    spendDir = mkdtempSync(path.join(tmpdir(), 'liftoff-docs-spend-'));
    const run = path.join(spendDir, '.liftoff', 'runs', 'plan020-train', 'r1');
    mkdirSync(run, { recursive: true });
    const now = Date.now();
    writeFileSync(
      path.join(run, 'run.json'),
      JSON.stringify({
        state: 'succeeded',
        startedAt: new Date(Math.max(Date.parse('2026-01-01T00:00:00Z'), now - 60_000)).toISOString(),
        endedAt: new Date(now).toISOString(),
        resources: { gpus: 1000, nodes: 100 },
      }),
    );
  }
  return spendDir;
}
after(() => {
  if (runsDir) rmSync(runsDir, { recursive: true, force: true });
  if (spendDir) rmSync(spendDir, { recursive: true, force: true });
});

const show = (ds: readonly LiftoffDiagnostic[]) =>
  ds.map((d) => `${String(d.code)} ${SEVERITY[d.severity ?? 1]} ${d.range.start.line + 1}: ${d.message}`).join('\n');

describe('docs/rules.md examples, run', function () {
  this.timeout(120_000);
  it('shows complete documents (nothing cut off)', () => {
    assert.doesNotMatch(RULES_MD, /more lines in test\/fixtures/);
  });

  for (const rule of RULE_CATALOGUE) {
    const files = exampleFiles(rule);
    if (!files) continue;
    const strict = !NOT_YET_CLEAN.has(rule.id);
    it(`${rule.id}: the failing example fires ${strict ? 'exactly ' : ''}${rule.id} (${rule.severity}); the passing one is ${strict ? 'clean' : `free of ${rule.id}`}`, async () => {
      const { fail, pass } = examplesOf(rule.id);
      assert.ok(fail && pass, `docs/rules.md shows both examples of ${rule.id}`);
      const allowed = rule.severity === 'error/warning' ? ['error', 'warning'] : [rule.severity];
      const mine = (d: LiftoffDiagnostic) => d.code === rule.id && allowed.includes(SEVERITY[d.severity ?? 1]!);
      const failed = await diagnose(files.fail, fail);
      const passed = await diagnose(files.pass, pass);
      assert.ok(
        failed.some(mine),
        `the failing example of ${rule.id} fires ${rule.id} as ${rule.severity}:\n${show(failed)}`,
      );
      assert.equal(show(passed.filter((d) => d.code === rule.id)), '', `the passing example of ${rule.id} passes it`);
      const clean = failed.every(mine) && passed.length === 0;
      if (strict) {
        assert.deepEqual(
          failed.filter((d) => !mine(d)),
          [],
          `only ${rule.id} in the failing example:\n${show(failed)}`,
        );
        assert.equal(show(passed), '', `the passing example of ${rule.id} is clean`);
      } else assert.ok(!clean, `${rule.id}'s examples are clean now: take it out of NOT_YET_CLEAN`);
    });
  }
});
