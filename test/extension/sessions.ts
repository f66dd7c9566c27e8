/**
 * The configurations the extension tests run in, one code-server each (run-in-code-server.ts):
 * - `suite`: the examples workspace, trusted (Workspace Trust off), as a user who trains would have it;
 * - `lazy`: a workspace of Kubernetes, Compose and GitHub Actions YAML only (issue 25: no server until a Liftoff
 *   document is seen);
 * - `restricted`: Workspace Trust on and the folder untrusted, with GPU and Slurm experiments, hostile workspace
 *   settings, logging shims for every command Liftoff could start, and a committed run.json in state `running`
 *   whose pid is a live sentinel process (issue 12: Restricted Mode, end to end).
 * Each suite folder is test/extension/<suite>; the suite reads what it needs from the environment given here.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NODE24_DIR } from '../support/code-server';
import { REPO_ROOT } from '../support/fixtures';
import { makeShims } from '../support/shims';
import { snapshotTree } from '../support/tree-snapshot';
import { makeTestWorkspace } from '../support/workspace';

export interface Session {
  readonly suite: string;
  readonly workspace: string;
  readonly workspaceTrust?: boolean;
  readonly settings?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  /** How long the suite may take (the tier's limit in scripts/test-all.mjs covers all sessions). */
  readonly timeoutMs: number;
  /** Undoes what the session started (the sentinel process). */
  readonly cleanup?: () => void;
}

/** The text a document holds to make the test server exit (server.ts, crashForTests). */
export const CRASH_MARKER = 'liftoff-test-crash-3f1c';

export function mainSession(): Session {
  return {
    suite: 'suite',
    workspace: makeTestWorkspace(),
    env: { LIFTOFF_TEST_CRASH_MARKER: CRASH_MARKER },
    timeoutMs: 300_000,
  };
}

export function lazySession(): Session {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-lazy-'));
  mkdirSync(path.join(ws, '.github', 'workflows'), { recursive: true });
  mkdirSync(path.join(ws, 'k8s'));
  writeFileSync(
    path.join(ws, 'k8s', 'deployment.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n',
  );
  writeFileSync(
    path.join(ws, '.github', 'workflows', 'ci.yml'),
    'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n',
  );
  writeFileSync(
    path.join(ws, 'docker-compose.yml'),
    'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n',
  );
  return { suite: 'lazy', workspace: ws, timeoutMs: 150_000 };
}

export function restrictedSession(): Session {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-restricted-'));
  cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
  const example = readFileSync(path.join(ws, 'credit-risk', 'credit-risk.experiment.yaml'), 'utf8');
  writeFileSync(
    path.join(ws, 'credit-risk', 'gpu.experiment.yaml'),
    example
      .replace('name: credit-risk-mlp', 'name: gpu-exp')
      .replace('  accelerator: cpu\n', '  accelerator: gpu\n  gpus: 8\n'),
  );
  writeFileSync(
    path.join(ws, 'credit-risk', 'slurm.experiment.yaml'),
    example
      .replace('name: credit-risk-mlp', 'name: slurm-exp')
      .replace('  launcher: local', '  launcher: slurm\n  slurm:\n    partition: gpu'),
  );
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'onnx', 'pytorch-mlp.onnx'), path.join(ws, 'model.onnx'));
  const shims = makeShims({
    gpuLine: '0, Fake GPU, 16384, 0, 0',
    names: ['sbatch', 'squeue', 'scancel', 'sinfo', 'scontrol', 'srun', 'sacct', 'python', 'python3'],
  });
  // A repository's own settings try to switch validation off and to name a command: Restricted Mode ignores both.
  mkdirSync(path.join(ws, '.vscode'));
  writeFileSync(
    path.join(ws, '.vscode', 'settings.json'),
    JSON.stringify(
      {
        'liftoff.validation.enable': false,
        'liftoff.slurm.commandPrefix': [shims.prefix],
        'liftoff.inference.executionProviders': ['cuda'],
      },
      null,
      2,
    ),
  );
  const sentinel = spawn('sleep', ['3600'], { detached: true, stdio: 'ignore' });
  sentinel.unref();
  const pid = sentinel.pid!;
  const run = (experiment: string, id: string, fields: Record<string, unknown>) => {
    const dir = path.join(ws, '.liftoff', 'runs', experiment, id);
    mkdirSync(path.join(dir, 'artifacts'), { recursive: true });
    writeFileSync(path.join(dir, 'config.yaml'), example);
    writeFileSync(path.join(dir, 'stdout.log'), 'epoch 1\n');
    writeFileSync(path.join(dir, 'metrics.jsonl'), '{"step":1,"train_loss":0.5}\n');
    writeFileSync(
      path.join(dir, 'run.json'),
      JSON.stringify(
        {
          id,
          experiment,
          state: 'running',
          createdAt: '2026-01-01T00:00:00.000Z',
          startedAt: '2026-01-01T00:00:01.000Z',
          command: ['python', 'train.py'],
          cwd: path.join(ws, 'credit-risk'),
          experimentPath: path.join(ws, 'credit-risk', `${experiment === 'gpu-exp' ? 'gpu' : 'slurm'}.experiment.yaml`),
          resources: { gpus: 0 },
          files: {
            config: 'config.yaml',
            stdout: 'stdout.log',
            stderr: 'stderr.log',
            metrics: 'metrics.jsonl',
            artifacts: 'artifacts',
          },
          ...fields,
        },
        null,
        2,
      ),
    );
  };
  run('gpu-exp', '20260101-000000-aaaa', { launcher: 'local', pid });
  run('slurm-exp', '20260101-000000-bbbb', { launcher: 'slurm', jobId: '4242' });
  const snapshot = path.join(mkdtempSync(path.join(os.tmpdir(), 'liftoff-snapshot-')), 'workspace.json');
  writeFileSync(snapshot, JSON.stringify(snapshotTree(ws)));
  return {
    suite: 'restricted',
    workspace: ws,
    workspaceTrust: true,
    timeoutMs: 270_000,
    // User settings are trusted: the Slurm prefix the user set, a shim here, is what would run if anything did.
    // VS Code's own port finder (it runs `ps` and reads /proc from the extension host) is off, so that every process
    // that appears below the extension host is one the test must explain.
    settings: {
      'liftoff.slurm.commandPrefix': [shims.prefix],
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'remote.autoForwardPorts': false,
    },
    env: {
      PATH: `${shims.binDir}${path.delimiter}${path.join(NODE24_DIR, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      LIFTOFF_TEST_SHIM_LOG: shims.log,
      LIFTOFF_TEST_SENTINEL_PID: String(pid),
      LIFTOFF_TEST_WORKSPACE_SNAPSHOT: snapshot,
    },
    cleanup: () => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone: the suite reports it */
      }
    },
  };
}
