import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { createLanguageService } from '../../../server/src/service';
import { MAX_NESTING, nestingDepth } from '../../../server/src/service/nesting';
import { deepBlock, deepFlow } from '../../support/hostile-yaml';
import { REPO_ROOT } from '../../support/fixtures';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

describe('nesting guard', () => {
  it('measures flow and block nesting (property: every depth up to 3,000)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (d) => {
        assert.equal(nestingDepth(deepFlow('Experiment', d), Infinity), d + 1);
        assert.ok(nestingDepth(deepBlock('Experiment', d), Infinity) >= d);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('ignores brackets and dashes in quotes and comments, and apostrophes inside words', () => {
    assert.equal(nestingDepth("a: \"[[[[\"\nb: '{{{{' # [[[[\nc: it's [1, [2]]\n", Infinity), 3);
  });

  it('never flags a real document: every fixture and example is far below the limit', () => {
    for (const f of [
      ...yamlFiles(path.join(REPO_ROOT, 'test', 'fixtures')),
      ...yamlFiles(path.join(REPO_ROOT, 'examples')),
    ]) {
      assert.ok(nestingDepth(readFileSync(f, 'utf8'), Infinity) < 20, f);
    }
  });

  it('a document nested 100,000 deep gets one clear YAML diagnostic (flow and block, both kinds)', async () => {
    const service = createLanguageService();
    for (const kind of ['Experiment', 'BusinessPlan'] as const) {
      for (const text of [deepFlow(kind, 100_000), deepBlock(kind, 100_000)]) {
        const ds = await service.validate({ uri: 'file:///tmp/deep.yaml', text });
        assert.deepEqual(
          ds.map((d) => d.code),
          ['YAML'],
        );
        assert.match(String(ds[0]!.message), new RegExp(`nests more than ${MAX_NESTING} levels deep.*flatten`));
      }
    }
  });

  it('editor features and the plan preview skip such a document instead of parsing it', () => {
    const service = createLanguageService();
    const doc = { uri: 'file:///tmp/deep.plan.yaml', text: deepFlow('BusinessPlan', 100_000) };
    assert.deepEqual(service.documentSymbols(doc), []);
    assert.deepEqual(service.foldingRanges(doc), []);
    assert.equal(service.hover(doc, { line: 2, character: 5 }), null);
    const model = service.planViewModel(doc);
    assert.equal(model.status, 'too-big');
    assert.match(model.message ?? '', /nests more than 500 levels deep/);
  });
});
