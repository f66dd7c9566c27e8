import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_CATALOGUE } from '../../server/src/service/rules/catalogue';
import { REPO_ROOT } from '../support/fixtures';
import { exampleFiles, renderRulesDoc } from '../support/rules-doc';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('rule reference (docs/rules.md)', () => {
  it('is up to date with the catalogue and the fixtures (run `node scripts/gen-rules-doc.mjs`)', () => {
    assert.equal(readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8'), renderRulesDoc());
  });

  it('documents every code the language service can report', () => {
    const ids = new Set(RULE_CATALOGUE.map((r) => r.id));
    const emitted = new Set(
      sources(path.join(REPO_ROOT, 'server', 'src', 'service')).flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/'((?:EXP|PLAN|XDOC)-\d{3})'/g)].map((m) => m[1]!),
      ),
    );
    const missing = [...emitted].filter((id) => !ids.has(id));
    assert.deepEqual(missing, [], 'codes used in rules but missing from the catalogue');
  });

  it('gives every EXP/PLAN/XDOC rule a failing and a passing example', () => {
    const without = RULE_CATALOGUE.filter((r) => /^(EXP|PLAN|XDOC)-/.test(r.id) && !exampleFiles(r)).map((r) => r.id);
    assert.deepEqual(without, []);
  });
});
