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
});
