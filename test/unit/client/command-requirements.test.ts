/**
 * The commands table against the manifest, both ways: a command contributed without an entry (VS Code would show
 * it, and it would run unguarded), or an entry for a command the manifest does not contribute, fails here.
 * The extension test (test/extension/suite/activation.test.ts) holds the handlers of the table to the same list.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_IDS, COMMAND_REQUIREMENTS } from '../../../client/src/command-requirements';
import { REPO_ROOT } from '../../support/fixtures';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: Array<{ command: string; enablement?: string }> };
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
};
const contributed = manifest.contributes.commands.map((c) => c.command);

describe('the commands table', () => {
  it('has an entry for every contributed command', () => {
    const missing = contributed.filter((id) => !(id in COMMAND_REQUIREMENTS));
    assert.deepEqual(missing, [], `contributed without a table entry: ${missing.join(', ')}`);
  });

  it('has no entry the manifest does not contribute', () => {
    const extra = COMMAND_IDS.filter((id) => !contributed.includes(id));
    assert.deepEqual(extra, [], `table entries not in package.json: ${extra.join(', ')}`);
  });

  it('requires trust of every command that launches, stops, probes, polls, loads native code or deletes', () => {
    for (const id of [
      'liftoff.train',
      'liftoff.rerun',
      'liftoff.stopRun',
      'liftoff.refreshRuns',
      'liftoff.deleteRun',
      'liftoff.runInference',
    ]) {
      assert.ok(COMMAND_REQUIREMENTS[id]?.includes('trust'), `${id} requires a trusted workspace`);
    }
  });

  it('requires the language server of every command that validates before launching or asks the server', () => {
    for (const id of [
      'liftoff.train',
      'liftoff.rerun',
      'liftoff.validateWorkspace',
      'liftoff.openPlanPreview',
      'liftoff.exportPlan',
    ]) {
      assert.ok(COMMAND_REQUIREMENTS[id]?.includes('server'), `${id} requires the language server`);
    }
  });

  it('keeps the commands that restore a stopped server free of the server requirement', () => {
    for (const id of ['liftoff.restartServer', 'liftoff.showOutput'])
      assert.deepEqual(COMMAND_REQUIREMENTS[id], [], id);
  });
});

describe('Restricted Mode in the manifest', () => {
  const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];

  it('is limited support, not full', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('restricts every setting that names a command or changes what is validated before a launch', () => {
    for (const key of [
      'liftoff.slurm.commandPrefix',
      'liftoff.slurm.validatePartitions',
      'liftoff.validation.enable',
      'liftoff.validation.schema',
      'liftoff.validation.maxFileSizeKB',
      'liftoff.inference.executionProviders',
    ]) {
      assert.ok(restricted.includes(key), `${key} is in restrictedConfigurations`);
    }
  });

  it('restricts only settings that exist', () => {
    const declared = Object.keys(
      (
        JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
          contributes: { configuration: { properties: Record<string, unknown> } };
        }
      ).contributes.configuration.properties,
    );
    assert.deepEqual(
      restricted.filter((k) => !declared.includes(k)),
      [],
    );
  });
});
