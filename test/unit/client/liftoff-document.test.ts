/**
 * Which documents wake the language server (issue 25): ours by name, header, kind or modeline; never Kubernetes,
 * Compose or GitHub Actions YAML. The client's cheap test agrees with the server's detection on file names and
 * modelines (a property test over generated names and heads).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isLiftoffDocument } from '../../../client/src/liftoff-document';
import { kindFromUriOrModeline } from '../../../server/src/service/kind';

const yaml = (uri: string, text: string) => isLiftoffDocument(uri, 'yaml', () => text);

describe('Liftoff document detection at activation', () => {
  it('recognises Liftoff documents by name, header, kind and modeline', () => {
    assert.ok(yaml('file:///w/a.experiment.yaml', ''));
    assert.ok(yaml('file:///w/b.plan.yml', ''));
    assert.ok(
      isLiftoffDocument('file:///w/a.experiment.yaml', 'plaintext', () => ''),
      'the name alone, whatever the language',
    );
    assert.ok(yaml('untitled:Untitled-1', 'apiVersion: liftoff/v1\nkind: Experiment\n'));
    assert.ok(yaml('file:///w/config.yaml', '# comment\nkind: BusinessPlan\n'));
    assert.ok(
      yaml(
        'file:///w/config.yaml',
        '# yaml-language-server: $schema=liftoff:/schemas/experiment.schema.json\nmodel: {}\n',
      ),
    );
  });

  it('ignores Kubernetes, Compose and GitHub Actions YAML, and documents of other schemes', () => {
    assert.ok(!yaml('file:///w/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n'));
    assert.ok(!yaml('file:///w/docker-compose.yml', 'services:\n  web:\n    image: nginx\n'));
    assert.ok(!yaml('file:///w/.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n'));
    assert.ok(
      !yaml('file:///w/k.yaml', '# yaml-language-server: $schema=https://json.schemastore.org/kustomization.json\n'),
    );
    assert.ok(!yaml('git:/w/a.experiment.yaml?ref', 'apiVersion: liftoff/v1\n'));
    assert.ok(!isLiftoffDocument('file:///w/notes.md', 'markdown', () => 'apiVersion: liftoff/v1'));
  });

  it('agrees with the server on every name and modeline the server recognises', () => {
    const name = fc.tuple(
      fc.stringMatching(/^[a-z0-9_-]{1,12}$/),
      fc.constantFrom('.experiment.yaml', '.experiment.yml', '.plan.yaml', '.plan.YML', '.yaml', '.yml', '.json'),
    );
    const modeline = fc.constantFrom(
      '',
      '# yaml-language-server: $schema=liftoff:/schemas/experiment.schema.json\n',
      '# yaml-language-server: $schema=../schemas/business-plan.schema.json\n',
      '# yaml-language-server: $schema=https://example.com/other.json\n',
    );
    fc.assert(
      fc.property(name, modeline, ([base, ext], head) => {
        const uri = `file:///w/${base}${ext}`;
        const server = kindFromUriOrModeline(uri, head) !== undefined;
        if (server) assert.ok(yaml(uri, head), `${uri} with ${JSON.stringify(head)}`);
      }),
      { numRuns: 500 },
    );
  });
});
