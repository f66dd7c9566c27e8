import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { formatTimeLimit, parseTimeLimit } from '../../../../server/src/service/rules/experiment/exp-024-time-limit';
import { applyEdits, fixture, FIXTURES } from '../../../support/fixtures';
import { expectDiagnostic } from './support';

describe('EXP-024 time limit vs past runs', () => {
  let workspace: string;
  let service: LanguageService;
  // `.liftoff/` is git-ignored, so the committed run records live in `exp-024/runs/` and are copied into place.
  before(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'liftoff-exp024-'));
    cpSync(path.join(FIXTURES, 'rules', 'exp-024', 'runs'), path.join(workspace, '.liftoff', 'runs'), {
      recursive: true,
    });
    service = createLanguageService({}, { host: createNodeHost({ workspaceFolders: [workspace] }) });
  });
  after(() => rmSync(workspace, { recursive: true, force: true }));

  async function check(
    name: string,
    text?: string,
  ): Promise<{ doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }> {
    const f = fixture(`rules/exp-024/${name}`);
    const doc = { uri: f.uri, text: text ?? f.text };
    return { doc, diagnostics: (await service.validate(doc)).filter((d) => d.code === 'EXP-024') };
  }

  it('warns that 30 minutes is shorter than the median of past successful 2-GPU runs (1 h), with a fix', async () => {
    const checked = await check('fail.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    const d = checked.diagnostics[0];
    expectDiagnostic(
      d,
      'EXP-024',
      /`resources.time_limit` is 00:30:00, shorter than the median of 3 past successful runs of `resnet-finetune` with 2 GPUs \(01:00:00\).*e\.g\. "01:15:00"/,
      [9, 14, 9, 24],
      DiagnosticSeverity.Warning,
    );
    const fix = service.codeActions(checked.doc, [d!]).find((a) => a.title === 'Change to "01:15:00"');
    assert.ok(fix);
    const text = applyEdits(checked.doc.text, fix.edit!.changes![checked.doc.uri]!);
    assert.match(text, /time_limit: "01:15:00"\n/);
    assert.deepEqual((await check('fail.experiment.yaml', text)).diagnostics, []);
  });

  it('uses all successful runs when none had the same GPU count', async () => {
    const f = fixture('rules/exp-024/fail.experiment.yaml');
    const { diagnostics } = await check('fail.experiment.yaml', f.text.replace('gpus: 2', 'gpus: 4'));
    assert.equal(diagnostics.length, 1);
    assert.match(
      String(diagnostics[0]?.message),
      /the median of 4 past successful runs of `resnet-finetune` \(01:05:00\)/,
    );
  });

  it('passes a limit above the typical duration, and experiments without history', async () => {
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []);
    assert.deepEqual((await check('no-history.experiment.yaml')).diagnostics, []);
  });

  it('reads and writes HH:MM:SS and D-HH:MM:SS', () => {
    assert.equal(parseTimeLimit('02:30:00'), 9000);
    assert.equal(parseTimeLimit('1-12:00:00'), 129600);
    assert.equal(parseTimeLimit('90 minutes'), undefined);
    assert.equal(formatTimeLimit(129600), '1-12:00:00');
    assert.equal(formatTimeLimit(3725), '01:02:05');
  });
});
