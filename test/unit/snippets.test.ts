import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLanguageService } from '../../server/src/service';
import { loadSchemas } from '../../server/src/host/schemas';
import { REPO_ROOT } from '../support/fixtures';
import { expandSnippet } from '../support/snippets';

const snippets = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'snippets', 'liftoff.code-snippets.json'), 'utf8'),
) as Record<string, { prefix: string; body: string[] }>;
const service = createLanguageService({}, { schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')) });
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: { snippets: Array<{ path: string }> };
};

describe('snippets', () => {
  it('are contributed by the manifest', () => {
    assert.deepEqual(
      manifest.contributes.snippets.map((s) => path.normalize(s.path)),
      [path.normalize('./snippets/liftoff.code-snippets.json')],
    );
  });

  for (const prefix of ['exp-min', 'exp-tabular', 'exp-finetune', 'exp-vision-transfer']) {
    it(`${prefix} starts with the schema modeline and produces a document with no diagnostics`, async () => {
      const snippet = Object.values(snippets).find((s) => s.prefix === prefix);
      assert.ok(snippet, `snippet ${prefix} exists`);
      const text = expandSnippet(snippet.body);
      assert.match(
        text,
        /^# yaml-language-server: \$schema=liftoff:\/schemas\/(experiment|business-plan)\.schema\.json\n/,
      );
      // A name without the *.experiment.yaml convention: the modeline alone must make it a Liftoff document.
      const diagnostics = await service.validate({ uri: `file:///tmp/${prefix}.yaml`, text });
      assert.deepEqual(
        diagnostics.map((d) => `${String(d.code)} ${d.range.start.line + 1}: ${String(d.message)}`),
        [],
      );
      const kindless = await service.validate({
        uri: `file:///tmp/${prefix}.yaml`,
        text: text.replace(/^kind: .*\n/m, ''),
      });
      assert.ok(
        kindless.some((d) => d.code === 'EXP-001'),
        'the modeline makes the file a Liftoff document',
      );
    });
  }

  describe('plan sections', () => {
    const planSchema = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'schemas', 'business-plan.schema.json'), 'utf8'),
    ) as { properties: Record<string, unknown> };
    const sections = Object.keys(planSchema.properties).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k));
    const byPrefix = (prefix: string) => Object.values(snippets).find((s) => s.prefix === prefix);
    const header = () => expandSnippet(byPrefix('plan-min')!.body);
    const serious = (ds: Awaited<ReturnType<typeof service.validate>>) =>
      ds.filter((d) => d.severity === 1 || d.severity === 2).map((d) => `${String(d.code)}: ${String(d.message)}`);

    it('every top-level section of the plan schema has a plan-<section> snippet', () => {
      const missing = sections.filter((k) => !byPrefix(`plan-${k.replace(/_/g, '-')}`));
      assert.deepEqual(missing, []);
    });

    for (const key of sections)
      it(`plan-${key.replace(/_/g, '-')} after plan-min is schema-clean`, async () => {
        const snippet = byPrefix(`plan-${key.replace(/_/g, '-')}`);
        assert.ok(snippet);
        const text = `${header()}${expandSnippet(snippet.body)}`;
        assert.match(text, new RegExp(`^${key}:`, 'm'));
        const ds = await service.validate({ uri: 'file:///tmp/s.plan.yaml', text });
        assert.deepEqual(
          ds.filter((d) => d.code === 'SCHEMA').map((d) => String(d.message)),
          [],
        );
      });

    it('plan-min with every section snippet is a plan with no error or warning', async () => {
      const text =
        header() + sections.map((k) => expandSnippet(byPrefix(`plan-${k.replace(/_/g, '-')}`)!.body)).join('');
      const ds = await service.validate({ uri: 'file:///tmp/all.plan.yaml', text });
      assert.deepEqual(serious(ds), []);
    });
  });
});
