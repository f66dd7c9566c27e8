/**
 * EXP-018 at its edges: where a command's script is (interpreter options, `-m`/`-c`, case, other programs), the shapes
 * of `run.command` it refuses and how the split fix quotes words, the unknown-variable guess at its distance limit, and
 * the script looked for in `run.working_dir` and this file's folder through a fake file system (a FIFO, a folder, a
 * `${…}` working folder, an unsaved document).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { NULL_HOST, type FileInfo, type FileType } from '../../../../server/src/service/host';
import { scriptIndex } from '../../../../server/src/service/rules/experiment/exp-018-command';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only } from './support';

const DIR = '/tmp/exp018';
let n = 0;

function info(type: FileType): FileInfo {
  return { mtimeMs: 1, size: 10, isDirectory: type === 'directory', type };
}

/** A service whose file system holds exactly `files` (absolute path → type). */
function serviceWith(files: Record<string, FileType> = {}) {
  return createLanguageService(
    {},
    { host: { ...NULL_HOST, stat: async (p: string) => (files[p] ? info(files[p]) : undefined) } },
  );
}

/** An Experiment with these `run` lines (after `trainer: command`). */
function doc(run: string): string {
  return [
    'apiVersion: liftoff/v1',
    'kind: Experiment',
    'metadata:',
    '  name: cmd',
    'run:',
    '  trainer: command',
    ...run
      .split('\n')
      .filter(Boolean)
      .map((l) => `  ${l}`),
    '',
  ].join('\n');
}

async function exp018(
  run: string,
  files: Record<string, FileType> = {},
  uri = `file://${DIR}/c${n++}.experiment.yaml`,
): Promise<{ diagnostics: LiftoffDiagnostic[]; text: string; uri: string; service: ReturnType<typeof serviceWith> }> {
  const service = serviceWith(files);
  const text = doc(run);
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-018');
  for (const d of diagnostics) assert.equal(d.severity, 1, `an error: ${d.message}`);
  return { diagnostics, text, uri, service };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));

function fixed(r: Awaited<ReturnType<typeof exp018>>, d: LiftoffDiagnostic | undefined): string {
  const action = r.service.codeActions({ uri: r.uri, text: r.text }, [d!])[0];
  assert.ok(action, 'a quick fix');
  return applyEdits(r.text, action.edit!.changes![r.uri]!);
}

const ALL_VARS = '`${config}`, `${run_dir}`, `${metrics_file}`, `${workspace}`, `${gpus}`';

describe('EXP-018 boundaries', () => {
  it('scriptIndex: interpreter names, options, -m/-c forms and the value options', () => {
    for (const py of ['python', 'python3', 'python3.11', 'PYTHON.EXE', 'python3.exe', '/usr/bin/python2']) {
      assert.equal(scriptIndex([py, 'train.py']), 1, py);
    }
    assert.equal(scriptIndex(['python3x', 'train.py']), 1, 'not an interpreter: the first .py');
    assert.equal(scriptIndex(['python3x', 'run']), undefined);
    assert.equal(scriptIndex(['mypython', '-u', 'train']), undefined);
    assert.equal(scriptIndex(['python3.11.2', '-u', 'go']), undefined);
    assert.equal(scriptIndex(['python', '-mpkg', 'x.py']), undefined);
    assert.equal(scriptIndex(['python', '-cprint(1)', 'x.py']), undefined);
    assert.equal(scriptIndex(['python', '-m', 'x.py']), undefined);
    assert.equal(scriptIndex(['python', '-c', 'x.py']), undefined);
    for (const py of ['python3', 'python10', 'python3.11', 'python3.12.exe']) {
      assert.equal(scriptIndex([py, '-u', 'go']), 2, py);
    }
    assert.equal(scriptIndex(['python', '-', 'x.py']), undefined);
    assert.equal(scriptIndex(['python', '-u', '-O', 'go']), 3);
    assert.equal(scriptIndex(['python', '-X', 'dev', '-Q', 'new', '--check-hash-based-pycs', 'always', 'go']), 7);
    assert.equal(scriptIndex(['python', '-W']), undefined);
    assert.equal(scriptIndex(['python', '-u']), undefined);
    assert.equal(scriptIndex(['python']), undefined);
    assert.equal(scriptIndex(['python', undefined, 'train.py']), undefined);
    assert.equal(scriptIndex([undefined, 'train.py']), 1);
    assert.equal(scriptIndex([]), undefined);
    assert.equal(scriptIndex(['torchrun', undefined, 'TRAIN.PY']), 2);
    assert.equal(scriptIndex(['env', 'X=1', 'Run.Sh']), 2);
    assert.equal(scriptIndex(['tool', 'train.pyc', 'a.shx']), undefined);
  });

  it('scriptIndex: the first non-option argument after python, for any options (property)', () => {
    const opt = fc.constantFrom('-u', '-O', '-B', '-E', '-s', '-I', '-v', '-bb');
    fc.assert(
      fc.property(fc.array(opt, { maxLength: 5 }), fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), (opts, script) => {
        assert.equal(scriptIndex(['python', ...opts, script, '--flag', 'x.py']), opts.length + 1);
      }),
    );
  });

  it('is silent without `trainer: command`, and asks for a command that is missing, null or empty', async () => {
    const service = serviceWith();
    const other = doc('command: [python, nope.py]').replace('trainer: command', 'trainer: builtin');
    assert.deepEqual(
      only(await service.validate({ uri: `file://${DIR}/o${n++}.experiment.yaml`, text: other }), 'EXP-018'),
      [],
    );
    const needs = /^`run.trainer: command` needs `run.command`/;
    const missing = (await exp018('')).diagnostics;
    assert.equal(missing.length, 1);
    assert.match(messages(missing)[0]!, needs);
    assert.deepEqual(missing[0]!.range.start, { line: 5, character: 11 });
    for (const empty of ['command: []', 'command:', 'command: null']) {
      const ds = (await exp018(empty)).diagnostics;
      assert.equal(ds.length, 1, empty);
      assert.match(messages(ds)[0]!, needs, empty);
      assert.equal(ds[0]!.range.start.line, 6, empty);
    }
  });

  it('one string: split into quoted flow items where a word needs it; no fix with shell characters', async () => {
    const r = await exp018('command: "python train.py --lr 1e-3 --flag true --n 3 --name a:b ${config} -3 3x"');
    assert.equal(r.diagnostics.length, 1);
    assert.match(messages(r.diagnostics)[0]!, /must be an argument array/);
    assert.deepEqual(fixTitles(r.diagnostics[0]), ['Split into an argument list']);
    assert.match(
      fixed(r, r.diagnostics[0]),
      /command: \[python, train.py, --lr, "1e-3", --flag, "true", --n, "3", --name, "a:b", "\$\{config\}", "-3", 3x\]/,
    );
    const plain = await exp018('command: "  ./run.sh  -v=1  "');
    assert.match(fixed(plain, plain.diagnostics[0]), /command: \[.\/run.sh, -v=1\]\n/);
    for (const shell of ['"python a.py | tee log"', '"python a.py > out"', '"python \'a b.py\'"', '"a \\\\ b"']) {
      const ds = (await exp018(`command: ${shell}`)).diagnostics;
      assert.equal(ds.length, 1, shell);
      assert.deepEqual(fixTitles(ds[0]), [], shell);
    }
    const map = (await exp018('command: {python: a.py}')).diagnostics;
    assert.match(messages(map)[0] ?? '', /must be an argument array/);
    assert.deepEqual(fixTitles(map[0]), []);
    const withVar = (await exp018('command: "python a.py ${rundir}"')).diagnostics;
    assert.equal(withVar.length, 2);
    assert.match(messages(withVar)[1]!, /Unknown variable `\$\{rundir\}`/);
  });

  it('non-string arguments: a number quoted, an empty item removed, a nested list without an edit', async () => {
    const num = await exp018('command: [python, a.py, 3]', { [`${DIR}/a.py`]: 'file' });
    assert.deepEqual(messages(num.diagnostics), ['Every `run.command` argument is a string; `3` is not: quote it.']);
    assert.deepEqual(fixTitles(num.diagnostics[0]), ['Quote `3`']);
    assert.match(fixed(num, num.diagnostics[0]), /command: \[python, a.py, "3"\]/);
    const mapItem = await exp018('command: [python, a.py, {k: v}]', { [`${DIR}/a.py`]: 'file' });
    assert.deepEqual(messages(mapItem.diagnostics), [
      'Every `run.command` argument is a string; `{k: v}` is not: quote it.',
    ]);
    assert.deepEqual(fixTitles(mapItem.diagnostics[0]), []);
    const empty = await exp018('command:\n  - python\n  - a.py\n  -\n', { [`${DIR}/a.py`]: 'file' });
    assert.deepEqual(messages(empty.diagnostics), ['Every `run.command` argument is a string: remove the empty item.']);
    const nested = await exp018('command: [python, a.py, [x, "${y}"]]', { [`${DIR}/a.py`]: 'file' });
    assert.deepEqual(messages(nested.diagnostics), [
      'Every `run.command` argument is a string; `[x, "${y}"]` is not: quote it.',
    ]);
    const actions = nested.service.codeActions({ uri: nested.uri, text: nested.text }, nested.diagnostics);
    for (const a of actions) assert.deepEqual(a.edit?.changes?.[nested.uri] ?? [], [], a.title);
  });

  it('unknown variables: a guess within max(2, ⌊length/3⌋) edits, case folded, none beyond; env values too', async () => {
    const files = { [`${DIR}/a.py`]: 'file' as FileType };
    const cases: Array<[string, string | undefined]> = [
      ['CONFIG', 'config'],
      ['metrcsfxle', 'metrics_file'], // 3 edits, length 10: within 3
      ['mxtrxcsfxle', undefined], // 4 edits, length 11: beyond ⌊11/3⌋ = 3
      ['cnf', undefined], // 3 edits, length 3: beyond 2
      ['conf', 'config'], // 2 edits: within the floor of 2
      ['', undefined],
    ];
    for (const [name, guess] of cases) {
      const r = await exp018(`command: [python, a.py, "\${${name}}"]`, files);
      assert.equal(r.diagnostics.length, 1, name);
      const msg = messages(r.diagnostics)[0]!;
      if (guess) {
        assert.equal(
          msg,
          `Unknown variable \`\${${name}}\`: the launcher substitutes ${ALL_VARS}; did you mean \`\${${guess}}\`?`,
        );
        assert.match(fixed(r, r.diagnostics[0]), new RegExp(`a.py, "\\$\\{${guess}\\}"\\]`));
      } else {
        assert.equal(msg, `Unknown variable \`\${${name}}\`: the launcher substitutes ${ALL_VARS}.`, name);
        assert.deepEqual(fixTitles(r.diagnostics[0]), [], name);
      }
    }
    const known = await exp018('command: [python, a.py, "${config}${gpus}", "${run_dir}"]', files);
    assert.deepEqual(messages(known.diagnostics), []);
    const two = await exp018('command: [python, a.py, "${a}-${config}-${b}"]', files);
    assert.deepEqual(
      two.diagnostics.map((d) => [d.range.start.character, d.range.end.character]),
      [
        [27, 31],
        [42, 46],
      ],
    );
    const env = await exp018('command: [python, a.py]\nenv:\n  A: "${gpu}"\n  B: "${workspace}"\n  C: [x]', files);
    assert.deepEqual(messages(env.diagnostics), [
      `Unknown variable \`\${gpu}\`: the launcher substitutes ${ALL_VARS}; did you mean \`\${gpus}\`?`,
    ]);
    const badEnv = await exp018('command: [python, a.py]\nenv: "${nope}"', files);
    assert.deepEqual(messages(badEnv.diagnostics), []);
  });

  it('finds the script in run.working_dir or the file folder; reports a FIFO, passes over a folder', async () => {
    const ok = await exp018('command: [python, -u, a.py]', { [`${DIR}/a.py`]: 'file' });
    assert.deepEqual(messages(ok.diagnostics), []);
    const inWork = await exp018('command: [python, a.py]\nworking_dir: src', { [`${DIR}/src/a.py`]: 'file' });
    assert.deepEqual(messages(inWork.diagnostics), []);
    const inDoc = await exp018('command: [python, a.py]\nworking_dir: src', { [`${DIR}/a.py`]: 'file' });
    assert.deepEqual(messages(inDoc.diagnostics), []);
    const neither = await exp018('command: [python, a.py]\nworking_dir: src');
    assert.deepEqual(messages(neither.diagnostics), [
      `Script \`a.py\` is not found in \`run.working_dir\` (${path.resolve(DIR, 'src')}) or this file's folder (${DIR}). Fix the path, or set \`run.working_dir\` to the folder that holds it.`,
    ]);
    assert.deepEqual(neither.diagnostics[0]!.range.start, { line: 6, character: 20 });
    const same = await exp018('command: [python, a.py]\nworking_dir: .');
    assert.deepEqual(messages(same.diagnostics), [
      `Script \`a.py\` is not found in this file's folder (${DIR}). Fix the path, or set \`run.working_dir\` to the folder that holds it.`,
    ]);
    const folder = await exp018('command: [python, a.py]', { [`${DIR}/a.py`]: 'directory' });
    assert.match(messages(folder.diagnostics)[0] ?? '', /^Script `a.py` is not found in this file's folder/);
    const fifo = await exp018('command: [python, a.py]\nworking_dir: src', { [`${DIR}/src/a.py`]: 'fifo' });
    assert.deepEqual(messages(fifo.diagnostics), [
      `Script \`a.py\` is a named pipe (FIFO) (${path.resolve(DIR, 'src', 'a.py')}), not a script file: the run would wait on it forever. Point it at the script itself.`,
    ]);
    const fifoInDoc = await exp018('command: [python, a.py]\nworking_dir: src', {
      [`${DIR}/src/a.py`]: 'directory',
      [`${DIR}/a.py`]: 'fifo',
    });
    assert.match(messages(fifoInDoc.diagnostics)[0] ?? '', /is a named pipe \(FIFO\) \(\/tmp\/exp018\/a.py\)/);
  });

  it('stays silent where only the launcher knows: a ${…} folder or script, a remote script, no script, unsaved', async () => {
    for (const run of [
      'command: [python, a.py]\nworking_dir: "${workspace}/src"',
      'command: [python, "${workspace}/a.py"]',
      'command: [python, "s3://bucket/a.py"]',
      'command: [python, -m, pkg]',
      'command: [tool, --flag]',
      'command: [python, 3]',
    ]) {
      const ds = (await exp018(run)).diagnostics.filter((d) => /Script/.test(String(d.message)));
      assert.deepEqual(messages(ds), [], run);
    }
    const unsaved = await exp018('command: [python, a.py]', {}, `untitled:Untitled-${n++}`);
    assert.deepEqual(messages(unsaved.diagnostics), []);
  });
});
