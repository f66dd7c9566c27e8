/**
 * Property: whatever string reaches any field of the sbatch script, the renderer either refuses it with a clear
 * LaunchError or writes a script of the template's shape — `bash -n` passes, the line count and the #SBATCH lines are
 * the template's, every #SBATCH line precedes the first command — and running it (srun stubbed) creates no sentinel.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { LaunchError } from '../../../../../core/src/launchers/launch-plan';
import { renderSbatch, type SbatchContext } from '../../../../../core/src/launchers/slurm/sbatch-script';

const RUNS = Number(process.env.LIFTOFF_SBATCH_PROPERTY_RUNS ?? 10_000);

type Experiment = Record<string, unknown>;
interface Field {
  readonly name: string;
  readonly benign: string;
  readonly optional?: boolean;
  readonly freeDirective?: boolean;
  apply(e: Experiment, ctx: SbatchContext, v: string): [Experiment, SbatchContext];
}

const base = (): Experiment => ({
  metadata: { name: 'bert' },
  resources: { accelerator: 'gpu', gpus: 1, nodes: 1, cpus: 4, memory_gb: 8, time_limit: '01:00:00', gpu_type: 'a100' },
  run: {
    trainer: 'command',
    command: ['python', 'train.py', '--config', '${config}'],
    distributed: 'torchrun',
    launcher: 'slurm',
    env: { WANDB_MODE: 'offline' },
    slurm: { partition: 'gpu', account: 'ml', qos: 'high', constraint: 'a100', extra_args: ['--exclusive'] },
  },
});
const run = (e: Experiment) => e.run as Record<string, unknown>;
const slurm = (e: Experiment) => run(e).slurm as Record<string, unknown>;
const res = (e: Experiment) => e.resources as Record<string, unknown>;

const FIELDS: Field[] = [
  {
    name: 'metadata.name',
    benign: 'bert',
    apply: (e, c, v) => {
      (e.metadata as Record<string, unknown>).name = v;
      return [e, { ...c, experimentName: v }];
    },
  },
  ...(['partition', 'account', 'qos', 'constraint'] as const).map((k): Field => ({
    name: `run.slurm.${k}`,
    benign: 'x',
    optional: true,
    apply: (e, c, v) => {
      slurm(e)[k] = v;
      return [e, c];
    },
  })),
  {
    name: 'run.slurm.extra_args',
    benign: '--x',
    optional: true,
    freeDirective: true,
    apply: (e, c, v) => {
      slurm(e).extra_args = [v];
      return [e, c];
    },
  },
  {
    name: 'resources.gpu_type',
    benign: 'x',
    apply: (e, c, v) => {
      res(e).gpu_type = v;
      return [e, c];
    },
  },
  {
    name: 'resources.time_limit',
    benign: '1',
    optional: true,
    apply: (e, c, v) => {
      res(e).time_limit = v;
      return [e, c];
    },
  },
  {
    name: 'run.env key',
    benign: 'X',
    apply: (e, c, v) => {
      run(e).env = { [v]: 'v' };
      return [e, c];
    },
  },
  {
    name: 'run.env value',
    benign: 'x',
    apply: (e, c, v) => {
      run(e).env = { X: v };
      return [e, c];
    },
  },
  {
    name: 'run.command word',
    benign: 'x',
    apply: (e, c, v) => {
      run(e).command = ['python', 'train.py', v];
      return [e, c];
    },
  },
  {
    name: 'run.working_dir',
    benign: 'x',
    apply: (e, c, v) => {
      run(e).working_dir = v;
      return [e, c];
    },
  },
  {
    name: 'run.python',
    benign: 'x',
    apply: (e, c, v) => {
      run(e).python = v;
      return [e, c];
    },
  },
  {
    name: 'experiment path',
    benign: 'x',
    apply: (e, c, v) => [e, { ...c, experimentPath: path.join(c.workspace, 'exp', `${v}.experiment.yaml`) }],
  },
];

describe('sbatch renderer: hostile strings in every field (property)', function () {
  this.timeout(600_000);
  let tmp: string;
  let sentinel: string;
  let ctx: SbatchContext;
  before(() => {
    // Thousands of scripts are written and run per field: in memory where the system offers it.
    tmp = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'liftoff-sbatch-prop-'));
    sentinel = path.join(tmp, 'SENTINEL');
    const runDir = path.join(tmp, 'ws', '.liftoff', 'runs', 'bert', 'r1');
    mkdirSync(runDir, { recursive: true });
    ctx = {
      workspace: path.join(tmp, 'ws'),
      experimentPath: path.join(tmp, 'ws', 'exp', 'bert.experiment.yaml'),
      runDir,
      runId: 'r1',
      experimentName: 'bert',
      configPath: path.join(runDir, 'config.yaml'),
      metricsFile: path.join(runDir, 'metrics.jsonl'),
      stdoutFile: path.join(runDir, 'stdout.log'),
      stderrFile: path.join(runDir, 'stderr.log'),
      builtinTrainer: '/ext/builtin.js',
      nodePath: '/usr/bin/node',
    };
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const hostile = () => {
    const pieces = [
      '\n',
      '\r',
      '\0',
      '\t',
      '#',
      '$',
      '`',
      '"',
      "'",
      '\\',
      ';',
      '&',
      '|',
      ' ',
      '\u2028',
      '\u0085',
      '%j',
      '*',
      '~',
      '>',
      '<',
      '(',
      ')',
      '{',
      '}',
      '!',
      '=',
      ':',
      ',',
      '-',
      '--',
      'a',
      'gpu',
      '${config}',
      '${x}',
      `$(touch ${sentinel})`,
      `\`touch ${sentinel}\``,
      `\ntouch ${sentinel}\n`,
      `'; touch ${sentinel}; '`,
      `"; touch ${sentinel}; "`,
      `\r\n#SBATCH --wrap=touch ${sentinel}\n`,
      '\\\n',
    ];
    return fc.oneof(
      fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 6 }).map((a) => a.join('')),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
    );
  };

  function shape(script: string): { lines: number; sbatch: string[]; firstCommand: number; lastSbatch: number } {
    const lines = script.split('\n');
    const firstCommand = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
    const sbatchIdx = lines.map((l, i) => (l.startsWith('#SBATCH') ? i : -1)).filter((i) => i >= 0);
    return {
      lines: lines.length,
      sbatch: lines.filter((l) => l.startsWith('#SBATCH')).map((l) => l.replace(/=[\s\S]*/, '')),
      firstCommand,
      lastSbatch: Math.max(...sbatchIdx),
    };
  }

  for (const field of FIELDS) {
    it(`${field.name}: ${RUNS} hostile strings → a clear error or a script of the template's shape that runs nothing else`, () => {
      const reference = (v: string) => {
        const [e, c] = field.apply(base(), ctx, v);
        return shape(renderSbatch(e, c).script);
      };
      const full = reference(field.benign);
      const omitted = field.optional
        ? (() => {
            try {
              return reference('');
            } catch {
              return full;
            }
          })()
        : full;
      const accepted = new Set<string>();
      let refused = 0;
      fc.assert(
        fc.property(hostile(), (v) => {
          const [e, c] = field.apply(base(), ctx, v);
          let script: string;
          try {
            script = renderSbatch(e, c).script;
          } catch (err) {
            assert.ok(err instanceof LaunchError, `not a LaunchError for ${JSON.stringify(v)}: ${String(err)}`);
            assert.ok((err as Error).message.length > 20);
            refused++;
            return;
          }
          const s = shape(script);
          const expected = field.optional && v.trim() === '' ? omitted : full;
          assert.equal(s.lines, expected.lines, `line count for ${JSON.stringify(v)}`);
          // An extra_args entry is a whole option of its own; every other value only fills in its own directive.
          const norm = (l: string[]) =>
            field.freeDirective ? l.map((x) => (x.startsWith('#SBATCH -') ? '#SBATCH option' : x)) : l;
          assert.deepEqual(norm(s.sbatch), norm(expected.sbatch), `#SBATCH lines for ${JSON.stringify(v)}`);
          assert.ok(s.lastSbatch < s.firstCommand, `an #SBATCH line after the first command for ${JSON.stringify(v)}`);
          accepted.add(script);
        }),
        { numRuns: RUNS, seed: 12 },
      );
      assert.ok(refused > 0, 'the generator reaches refusals');
      checkBash([...accepted], field.name);
    });
  }

  /**
   * `bash -n` on every accepted script (one bash, each script as a function body), then every script run in one bash
   * with srun, scontrol and exit stubbed as functions (no fork per script: thousands run in a second or two).
   */
  function checkBash(scripts: string[], field: string): void {
    if (scripts.length === 0) return;
    const syntax = path.join(tmp, 'syntax.sh');
    writeFileSync(syntax, scripts.map((s, i) => `f${i}() {\n${s}\n}\n`).join(''));
    execFileSync('bash', ['-n', syntax]);
    const runAll = path.join(tmp, 'run-all.sh');
    writeFileSync(
      runAll,
      ['srun() { :; }', 'scontrol() { :; }', 'exit() { :; }', ...scripts, 'builtin exit 0', ''].join('\n'),
    );
    execFileSync('bash', [runAll], {
      cwd: tmp,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
      timeout: 300_000,
      stdio: 'ignore',
    });
    assert.ok(!existsSync(sentinel), `${field}: a generated script created the sentinel file`);
  }
});
