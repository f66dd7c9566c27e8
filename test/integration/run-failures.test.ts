/**
 * Runs that explain themselves, on real failures: small Python scripts that fail each way (a CUDA out-of-memory
 * message on stderr, an allocation past `ulimit -v`, Liftoff's own time limit, a missing module, a missing file, a
 * NaN loss in the metrics, a stop by the user) run through the real local launcher (`liftoff train`, in-process; the
 * scripts are real processes). Each run must end with the right cause, the log line that shows it, and a fix that
 * edits the experiment; `liftoff runs` must show the same. The CUDA case then applies the fix and trains again.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { launchRun } from '../../core/src/launchers';
import { explainRun, parseTimeLimit, proposeFixes, RunStore, type RunHandle } from '../../core/src/runs';
import { cliIn } from '../support/cli';

const PY = 'python3';

const SCRIPTS: Record<string, string> = {
  // The exact words PyTorch prints (test/fixtures/failures/cuda-oom.err was recorded on a GPU); exits 1 like it.
  // Fails while batch_size > 32, so halving 64 makes the next run succeed.
  'cuda_oom.py': `
import os, re, sys, json
config = open(os.environ['LIFTOFF_CONFIG']).read()
batch = int(re.search(r'batch_size:\\s*(\\d+)', config).group(1))
if batch > 32:
    print('Traceback (most recent call last):', file=sys.stderr)
    print('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 79.19 GiB of which 1.06 GiB is free.', file=sys.stderr)
    sys.exit(1)
with open(os.environ['LIFTOFF_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'epoch': 1, 'step': 1, 'train_loss': 0.5, 'val_loss': 0.6}) + '\\n')
`,
  'alloc.py': `
block = bytearray(1024 * 1024 * 1024)
print('allocated', len(block))
`,
  // The address-space limit applies to the script and whatever it starts.
  'limited.sh': `ulimit -v 400000 && exec python3 alloc.py
`,
  'slow.py': `
import os, json, time
with open(os.environ['LIFTOFF_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'epoch': 1, 'step': 1, 'train_loss': 0.9}) + '\\n')
print('epoch 1 done', flush=True)
time.sleep(60)
`,
  // Trains 10 epochs of 0.8 s (more than one 6 s attempt holds), saving a checkpoint after each in ckpt/ (training.checkpoint.dir); resumes from it.
  'resumable.py': `
import os, json, time
os.makedirs('ckpt', exist_ok=True)
state = os.path.join('ckpt', 'state.json')
start = json.load(open(state))['epoch'] if os.path.exists(state) else 0
print('attempt', os.environ.get('LIFTOFF_ATTEMPT', '1'), 'resume_from', os.environ.get('LIFTOFF_RESUME_FROM', '-'), 'epoch', start, flush=True)
for epoch in range(start + 1, 11):
    time.sleep(0.8)
    json.dump({'epoch': epoch}, open(state + '.tmp', 'w'))
    os.replace(state + '.tmp', state)
    with open(os.environ['LIFTOFF_METRICS_FILE'], 'a') as f:
        f.write(json.dumps({'epoch': epoch, 'step': epoch, 'train_loss': 1 / epoch}) + '\\n')
`,
  'needs_module.py': `
import liftoff_surely_missing_module
`,
  'needs_file.py': `
open('data/missing-train.csv').read()
`,
  // run.notify's command: records its arguments and environment.
  'notify.py': `
import os, sys, json
with open('notified.json', 'a') as f:
    f.write(json.dumps({'argv': sys.argv[1:], 'state': os.environ['LIFTOFF_RUN_STATE'], 'cause': os.environ['LIFTOFF_RUN_CAUSE']}) + '\\n')
`,
  'diverges.py': `
import os, json, sys
with open(os.environ['LIFTOFF_METRICS_FILE'], 'a') as f:
    f.write(json.dumps({'epoch': 1, 'step': 1, 'train_loss': 2.5}) + '\\n')
    f.write(json.dumps({'epoch': 2, 'step': 2, 'train_loss': float('nan')}) + '\\n')
sys.exit(3)
`,
};

function experiment(
  name: string,
  command: string[],
  extra: { training?: string; resources?: string; run?: string } = {},
): string {
  return `apiVersion: liftoff/v1
kind: Experiment
metadata:
  name: ${name}
# the data is not read by these scripts
task:
  type: regression
  domain: tabular
data:
  train: train.csv
  format: csv
model:
  architecture: mlp
training:
  mode: from_scratch
  epochs: 10
  batch_size: 64 # per GPU
  optimizer: {type: adam, learning_rate: 0.001}
  loss: mse
${extra.training ?? ''}resources:
  accelerator: cpu
${extra.resources ?? ''}run:
  trainer: command
  command: ${JSON.stringify(command)}
  launcher: local
${extra.run ?? ''}metrics:
  primary: {name: val_loss, goal: min}
evaluation:
  metrics: [mse]
`;
}

describe('failed runs explain themselves (real scripts through the local launcher)', function () {
  this.timeout(120_000);
  let ws: string;
  const cli = cliIn(() => ws);
  const write = (file: string, text: string) => writeFileSync(path.join(ws, file), text);
  const lastRun = async (name: string): Promise<RunHandle> => {
    const [run] = await new RunStore(ws).list(name);
    assert.ok(run, `a run of ${name}`);
    return run;
  };
  const train = async (name: string, command: string[], extra?: Parameters<typeof experiment>[2]) => {
    write(`${name}.experiment.yaml`, experiment(name, command, extra));
    const r = await cli('train', `${name}.experiment.yaml`);
    assert.doesNotMatch(r.err, /fix (it|them) first/, r.err);
    return { ...r, run: await lastRun(name) };
  };

  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-failures-'));
    write('train.csv', 'x,y\n1,2\n');
    for (const [file, text] of Object.entries(SCRIPTS)) write(file, text);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('CUDA out of memory on stderr: the cause, the PyTorch line, and a fix that halves the batch; applied, the next run succeeds', async () => {
    const { code, err, run } = await train('cuda-oom', [PY, 'cuda_oom.py']);
    assert.equal(code, 1);
    assert.match(err, /liftoff: cause: CUDA out of memory/);
    assert.match(err, /liftoff: {3}stderr: torch\.OutOfMemoryError: CUDA out of memory\. Tried to allocate 2\.00 GiB/);
    assert.match(err, /fix: Halve training\.batch_size \(64 → 32\) and double gradient_accumulation \(1 → 2\)/);

    const file = path.join(ws, 'cuda-oom.experiment.yaml');
    const before = readFileSync(file, 'utf8');
    const { diagnosis, fixes } = await proposeFixes(run, before);
    assert.equal(diagnosis?.cause, 'cuda-oom');
    const edited = fixes[0]!.result!.text;
    assert.match(edited, /batch_size: 32 # per GPU/, 'the comment on the line stays');
    assert.match(edited, /# the data is not read by these scripts/);
    const t = (parse(edited) as { training: Record<string, unknown> }).training;
    assert.deepEqual([t.batch_size, t.gradient_accumulation], [32, 2]);
    writeFileSync(file, edited);
    const again = await cli('train', 'cuda-oom.experiment.yaml');
    assert.equal(again.code, 0, again.err);
    assert.equal((await lastRun('cuda-oom')).record.state, 'succeeded');
  });

  it('an allocation past ulimit -v (MemoryError): host out of memory, raise resources.memory_gb', async () => {
    const { code, err, run } = await train('host-oom', ['/bin/sh', 'limited.sh'], {
      resources: '  memory_gb: 8\n',
    });
    assert.equal(code, 1);
    const d = (await explainRun(run))!;
    assert.equal(d.cause, 'host-oom', JSON.stringify(d));
    assert.ok(d.evidence.some((e) => /MemoryError/.test(e.text)));
    assert.deepEqual(d.fix?.changes, [{ path: 'resources.memory_gb', value: 16 }]);
    assert.match(err, /cause: Out of memory \(host\)/);
  });

  it("Liftoff's own time limit (resources.time_limit) stops the run; the fix raises it from the measured speed", async () => {
    const { code, err, run } = await train('too-slow', [PY, 'slow.py'], { resources: '  time_limit: "00:00:02"\n' });
    assert.notEqual(code, 0);
    assert.equal(run.record.state, 'failed');
    assert.match(run.record.reason ?? '', /time limit 00:00:02 reached/);
    assert.match(readFileSync(RunStore.file(run, 'stdout'), 'utf8'), /liftoff: time limit 00:00:02 reached/);
    const d = (await explainRun(run))!;
    assert.equal(d.cause, 'time-limit');
    assert.match(err, /cause: Time limit reached/);
    // 1 of 10 epochs in ~2 s: about 24 s with the margin, and never less than the old limit plus a minute.
    const value = d.fix?.changes[0]?.value as string;
    assert.equal(d.fix?.changes[0]?.path, 'resources.time_limit');
    assert.ok((parseTimeLimit(value) ?? 0) >= 62, value);
    assert.deepEqual(
      d.alternatives?.[0]?.changes.map((c) => c.path),
      ['training.checkpoint.dir', 'training.checkpoint.keep_last'],
    );
  });

  it('a missing module names it', async () => {
    const { err, run } = await train('no-module', [PY, 'needs_module.py']);
    const d = (await explainRun(run))!;
    assert.equal(d.cause, 'missing-module');
    assert.match(err, /cause: Python module 'liftoff_surely_missing_module' is not installed/);
    assert.match(err, /stderr: ModuleNotFoundError: No module named 'liftoff_surely_missing_module'/);
  });

  it('a missing file names it', async () => {
    const { err, run } = await train('no-file', [PY, 'needs_file.py']);
    assert.equal((await explainRun(run))!.cause, 'missing-file');
    assert.match(err, /cause: File not found: data\/missing-train\.csv/);
  });

  it('a NaN loss in the metrics (json.dumps writes bare NaN): diverged, lower the learning rate', async () => {
    const { code, err, run } = await train('diverges', [PY, 'diverges.py'], {
      run: `  notify: {command: [${PY}, notify.py, "\${state}", "\${message}"], on: failure}\n`,
    });
    assert.equal(code, 3);
    // run.notify.command ran once, with the cause in its arguments and environment.
    assert.match(err, /liftoff: run\.notify\.command ran/);
    const notified = JSON.parse(readFileSync(path.join(ws, 'notified.json'), 'utf8')) as {
      argv: string[];
      state: string;
      cause: string;
    };
    assert.deepEqual([notified.state, notified.cause, notified.argv[0]], ['failed', 'diverged', 'failed']);
    assert.match(
      notified.argv[1]!,
      /^Run \S+ of diverges failed: Training diverged \(loss became NaN or Inf\)\. Fix: Lower/,
    );
    const d = (await explainRun(run))!;
    assert.equal(d.cause, 'diverged');
    assert.deepEqual(d.evidence[0], { source: 'metrics', text: 'train_loss = NaN' });
    assert.deepEqual(d.fix?.changes, [{ path: 'training.optimizer.learning_rate', value: 0.0001 }]);
    assert.match(err, /fix: Lower training\.optimizer\.learning_rate \(0\.001 → 0\.0001\)/);
  });

  it('stopped by the user: said so, with nothing to fix', async () => {
    const name = 'stopped';
    write(`${name}.experiment.yaml`, experiment(name, [PY, 'slow.py']));
    const run = await launchRun({
      workspace: ws,
      experimentPath: path.join(ws, `${name}.experiment.yaml`),
      experimentText: readFileSync(path.join(ws, `${name}.experiment.yaml`), 'utf8'),
      builtinTrainer: '/nonexistent',
      nodePath: process.execPath,
    });
    await run.stop();
    const final = await run.done;
    assert.equal(final.state, 'cancelled');
    const d = (await explainRun({ dir: run.dir, record: final }))!;
    assert.equal(d.cause, 'stopped-by-user');
    assert.equal(d.fix, undefined);
  });

  it('run.retry: a time limit with checkpoints is retried, each attempt resuming from the last; the run ends succeeded', async () => {
    const { code, err, out, run } = await train('resumes', [PY, 'resumable.py'], {
      training: '  checkpoint: {dir: ckpt, keep_last: 1}\n',
      resources: '  time_limit: "00:00:06"\n',
      run: '  retry: {max: 8, on: [time_limit]}\n',
    });
    assert.equal(code, 0, err);
    assert.equal(run.record.state, 'succeeded');
    const attempts = (await new RunStore(ws).list('resumes')).reverse();
    assert.ok(attempts.length >= 2, `${attempts.length} attempts`);
    const [firstRun, ...retries] = attempts;
    assert.equal(firstRun!.record.attempt, undefined);
    retries.forEach((a, i) => {
      assert.deepEqual([a.record.retryOf, a.record.attempt], [firstRun!.record.id, i + 2]);
      const log = readFileSync(RunStore.file(a, 'stdout'), 'utf8');
      // The script was told where the attempt before ran (its checkpoint is the experiment's ckpt/).
      assert.match(
        log,
        new RegExp(`attempt ${i + 2} resume_from ${attempts[i]!.dir.replace(/[.*+?^$()|[\]\\]/g, '\\$&')} epoch \\d`),
      );
    });
    // 10 epochs of 0.8 s cannot fit in one 6 s attempt: the last attempt resumed from a saved epoch.
    assert.match(readFileSync(RunStore.file(attempts[attempts.length - 1]!, 'stdout'), 'utf8'), /epoch [1-9]\n/);
    assert.match(out, /Time limit reached: attempt 2 of 9 \(run\.retry\)/);
  });

  it('run.retry never retries a cause that would repeat (a missing module), even with on: [failed]', async () => {
    const { out } = await train('no-module-retry', [PY, 'needs_module.py'], {
      run: '  retry: {max: 3, on: [failed]}\n',
    });
    assert.match(
      out,
      /not retrying: Python module 'liftoff_surely_missing_module' is not installed would happen again/,
    );
    assert.equal((await new RunStore(ws).list('no-module-retry')).length, 1);
  });

  it('liftoff runs shows every cause with its evidence and fix, and each run’s CPU-hours', async () => {
    const r = await cli('runs');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /EXPERIMENT\s+RUN\s+STATE\s+DURATION\s+LAST METRICS\s+COST\s+REASON/);
    assert.match(r.out, /CPU-h/);
    for (const cause of [
      'CUDA out of memory',
      'Out of memory \\(host\\)',
      'Time limit reached',
      "Python module 'liftoff_surely_missing_module' is not installed",
      'File not found: data/missing-train.csv',
      'Training diverged',
      'Stopped by the user',
    ])
      assert.match(r.out, new RegExp(`cause: ${cause}`), cause);
    // The retried run: each attempt names the first, and the attempts' cost is summed.
    assert.match(
      r.out,
      /resumes\s+\S+\s+\w+\s+.*attempt 2 of \d{8}-\d{6}-[0-9a-f]{16}: (exit code 0|time limit 00:00:06 reached)/,
    );
    assert.match(r.out, /\nresumes \S+: \d+ attempts, \S+ CPU-h in all\n/);
    const json = JSON.parse((await cli('runs', '--format', 'json')).out) as Array<{
      experiment: string;
      diagnosis?: { cause: string };
      cost: { cpuHours: number };
    }>;
    assert.equal(json.find((x) => x.experiment === 'no-module')?.diagnosis?.cause, 'missing-module');
    assert.ok(json.every((x) => x.cost.cpuHours >= 0));
    assert.equal(readdirSync(path.join(ws, '.liftoff', 'runs')).length, 9);
  });
});
