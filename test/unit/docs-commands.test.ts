/**
 * The README's CLI block, run verbatim from the repository root with the built `bin/liftoff.js` (what `npx liftoff`
 * runs in a clone): every line exits as its comment says. And docs/cli.md's synopsis: every option it lists is one
 * the command accepts. (docs/cli.md's CI snippet runs against the packed package: test/integration/cli-package.)
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { REPO_ROOT } from '../support/fixtures';

const BIN = path.join(REPO_ROOT, 'bin', 'liftoff.js');

/** The `npx liftoff …` lines of the README's CLI block: argv (shell words) and the documented exit code. */
export function readmeCommands(readme: string): Array<{ line: string; argv: string[]; exit: number }> {
  const start = readme.indexOf('## CLI\n');
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
  return block
    .split('\n')
    .filter((l) => l.startsWith('npx liftoff '))
    .map((line) => {
      const [command, comment = ''] = splitComment(line);
      const exit = /\(exit (\d)\)/.exec(comment)?.[1];
      assert.ok(exit !== undefined, `the README line says its exit code: ${line}`);
      return { line, argv: shellWords(command).slice(2), exit: Number(exit) };
    });
}

function splitComment(line: string): [string, string?] {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "'") quoted = !quoted;
    if (!quoted && line[i] === '#' && /\s/.test(line[i - 1] ?? ' ')) return [line.slice(0, i), line.slice(i)];
  }
  return [line];
}

function shellWords(s: string): string[] {
  return [...s.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

describe("README's CLI block, run verbatim from the repository root", function () {
  this.timeout(300_000);
  const runsDir = path.join(REPO_ROOT, '.liftoff', 'runs', 'credit-risk-mlp');
  const hadLiftoff = existsSync(path.join(REPO_ROOT, '.liftoff'));
  const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
  const outputs = ['liftoff.sarif', 'results.csv', 'examples/medical-diagnosis/lung-nodule.plan.md'].filter(
    (f) => !existsSync(path.join(REPO_ROOT, f)),
  );
  after(() => {
    // Leave the clone as it was: the run this test started, and the files the README's lines wrote.
    for (const f of outputs) rmSync(path.join(REPO_ROOT, f), { force: true });
    if (!hadLiftoff) rmSync(path.join(REPO_ROOT, '.liftoff'), { recursive: true, force: true });
    else if (existsSync(runsDir))
      for (const id of readdirSync(runsDir))
        if (!before.has(id)) rmSync(path.join(runsDir, id), { recursive: true, force: true });
  });

  it('every `npx liftoff` line exits as documented', () => {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'liftoff.js')), 'built (npm run build)');
    const commands = readmeCommands(readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));
    assert.ok(commands.length >= 8, 'the block has its commands');
    const failures: string[] = [];
    for (const { line, argv, exit } of commands) {
      let args = argv;
      if (args.some((a) => a.includes('<run>'))) {
        const created = readdirSync(runsDir).filter((id) => !before.has(id));
        assert.equal(created.length, 1, 'the README trained one run before it names <run>');
        args = args.map((a) => a.replace('<run>', created[0]!));
      }
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
      if (r.status !== exit)
        failures.push(`${line}\n  exited ${r.status}, documented ${exit}\n  ${(r.stderr || r.stdout).slice(-600)}`);
    }
    assert.deepEqual(failures, []);
  });
});

describe('docs/cli.md synopsis', () => {
  const cli = cliIn(REPO_ROOT);
  const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
  const synopsis = /## Commands\n\n```text\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

  it('lists every command, and every option it lists is accepted by that command', async () => {
    const lines = synopsis.split('\n').filter((l) => l.trim());
    const commands = new Map<string, Set<string>>();
    let current = '';
    for (const l of lines) {
      if (l.startsWith('liftoff --')) {
        current = '';
        continue;
      }
      const m = /^liftoff ((?:plan |runs )?[a-z]+)/.exec(l);
      if (m) commands.set((current = m[1]!), new Set());
      for (const o of l.matchAll(/--([a-z][a-z-]*)/g)) if (current) commands.get(current)!.add(o[1]!);
    }
    assert.deepEqual([...commands.keys()].sort(), [
      'infer',
      'inspect',
      'metrics',
      'plan compute',
      'plan export',
      'runs',
      'runs log',
      'runs note',
      'runs rename',
      'train',
      'validate',
    ]);
    const unknown: string[] = [];
    for (const [command, options] of commands)
      for (const o of options) {
        const r = await cli(...command.split(' '), `--${o}`);
        if (/unknown option/.test(r.err)) unknown.push(`${command} --${o}`);
      }
    assert.deepEqual(unknown, []);
    const help = (await cli('--help')).out;
    for (const command of commands.keys()) assert.match(help, new RegExp(`liftoff ${command} `));
  });
});
