import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { scriptIndex } from '../../../../server/src/service/rules/experiment/exp-018-command';
import { applyEdits, fixture, FIXTURES } from '../../../support/fixtures';
import { expectDiagnostic, fixTitles } from './support';

const DIR = path.join(FIXTURES, 'rules', 'exp-018');
// Not incremental: no state kept from one mutation-testing mutant to the next (see ./support.ts).
const service = createLanguageService({}, { host: createNodeHost({ workspaceFolders: [DIR] }), incremental: false });

async function check(name: string): Promise<{ doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }> {
  const f = fixture(`rules/exp-018/${name}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, diagnostics: (await service.validate(doc)).filter((d) => d.code === 'EXP-018') };
}

describe('EXP-018 command trainer', () => {
  it('passes python3 -u with an existing script and known variables', async () =>
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []));
  it('finds the script in run.working_dir', async () =>
    assert.deepEqual((await check('working-dir.experiment.yaml')).diagnostics, []));
  it('does not look for a file with python -m module', async () =>
    assert.deepEqual((await check('module.experiment.yaml')).diagnostics, []));

  it('flags a missing script, unknown variables (on the ${…} span) and a non-string argument', async () => {
    const checked = await check('fail.experiment.yaml');
    const [script, variable, number, envVariable] = checked.diagnostics;
    assert.equal(checked.diagnostics.length, 4);
    expectDiagnostic(script, 'EXP-018', /Script `trian.py` is not found in this file's folder/, [8, 24, 8, 32]);
    expectDiagnostic(
      variable,
      'EXP-018',
      /Unknown variable `\$\{rundir\}`: the launcher substitutes `\$\{config\}`, `\$\{run_dir\}`, `\$\{metrics_file\}`, `\$\{workspace\}`, `\$\{gpus\}`; did you mean `\$\{run_dir\}`\?/,
      [8, 65, 8, 74],
    );
    expectDiagnostic(number, 'EXP-018', /argument is a string; `3` is not: quote it/, [8, 91, 8, 92]);
    expectDiagnostic(envVariable, 'EXP-018', /Unknown variable `\$\{cache_dir\}`.*`\$\{gpus\}`\.$/, [11, 12, 11, 24]);
    assert.deepEqual(fixTitles(envVariable), []);
    const fix = service.codeActions(checked.doc, [variable!]).find((a) => /Change to `\$\{run_dir\}`/.test(a.title));
    assert.ok(fix);
    assert.match(applyEdits(checked.doc.text, fix.edit!.changes![checked.doc.uri]!), /"\$\{run_dir\}\/out"/);
  });

  it("names both folders when the script is in neither run.working_dir nor the file's folder", async () => {
    const { diagnostics } = await check('working-dir-missing.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-018',
      /Script `scripts\/fit.py` is not found in `run.working_dir` \(.*exp-018[/\\]src\) or this file's folder/,
      [9, 42, 9, 56],
    );
  });

  it('asks for `run.command` when the trainer is `command`', async () => {
    const { diagnostics } = await check('missing.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(diagnostics[0], 'EXP-018', /`run.trainer: command` needs `run.command`/, [7, 11, 7, 18]);
  });

  it('flags one shell string and offers to split it into an argument list', async () => {
    const checked = await check('string.experiment.yaml');
    assert.equal(checked.diagnostics.length, 1);
    expectDiagnostic(checked.diagnostics[0], 'EXP-018', /must be an argument array/, [8, 11, 8, 45]);
    const fix = service
      .codeActions(checked.doc, checked.diagnostics)
      .find((a) => /Split into an argument list/.test(a.title));
    assert.ok(fix);
    const text = applyEdits(checked.doc.text, fix.edit!.changes![checked.doc.uri]!);
    assert.match(text, /command: \[python, train.py, --config, "\$\{config\}"\]/);
    assert.deepEqual(
      (await service.validate({ uri: checked.doc.uri, text })).filter((d) => d.code === 'EXP-018'),
      [],
    );
  });

  it('locates the script of common command shapes', () => {
    assert.equal(scriptIndex(['python', '-u', 'train.py']), 2);
    assert.equal(scriptIndex(['/opt/venv/bin/python3.11', '-W', 'ignore', 'train.py']), 3);
    assert.equal(scriptIndex(['python', '-m', 'pkg.train']), undefined);
    assert.equal(scriptIndex(['python', '-c', 'print(1)']), undefined);
    assert.equal(scriptIndex(['bash', 'run.sh']), 1);
    assert.equal(scriptIndex(['./train.sh', '--fast']), 0);
    assert.equal(scriptIndex(['accelerate', 'launch', 'train.py']), 2);
    assert.equal(scriptIndex(['mytool', '--flag']), undefined);
  });
});
