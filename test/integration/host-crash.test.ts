/**
 * Crashes of the side that launched a run (issue 12, "Crashes"): the extension host is killed with SIGKILL mid-run,
 * 20 times. Its stand-in is a real Node process (test/support/launch-host.ts) that launches through core's
 * `launchRun` as the client does, with the runner hosted outside it as a VS Code task terminal hosts it, and polls
 * `reattachRuns` as the Runs view does. The kills land at four points, five times each:
 *   - while launching: as soon as the runner was handed to its host, before run.json may say `running`;
 *   - mid-run, the command then ends while no window is open, and the next window finds it ended;
 *   - mid-run together with the runner (the whole editor with its terminals gone): only the exit recorder is left;
 *   - mid-run, and the next window opens while the command still runs and follows it to its end.
 * After the "reload" (a fresh `reattachRuns` over the run store and its listing, the Runs view's code), every final
 * state is the command's real exit status, and no process of any run — host, runner, recorder, command — is left
 * (checked by pid and start time).
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { isAlive, processStartTime } from '../../core/src/launchers/process-tree';
import { reattachRun } from '../../core/src/launchers/launch-run';
import { reattachRuns } from '../../core/src/runs/reattach';
import { RunStore } from '../../core/src/runs/run-store';
import type { RunRecord } from '../../core/src/runs/run-record';
import type { HostEvent } from '../support/launch-host';
import { go, JOB } from '../support/crash-job';
import { REPO_ROOT } from '../support/fixtures';
import { waitFor } from '../support/wait';

const RUNNER = path.join(REPO_ROOT, 'dist', 'runner', 'liftoff-run.js');
const HOST = path.join(REPO_ROOT, 'out', 'test', 'support', 'launch-host.js');
const CRASHES = 20;
const KILL_POINTS = ['launching', 'mid-run', 'mid-run with its runner', 'mid-run, reload while running'] as const;
type KillPoint = (typeof KILL_POINTS)[number];

/** A process seen during the test, by pid and start time (a pid alone may be reused). */
interface Seen {
  readonly what: string;
  readonly pid: number;
  readonly start: number | undefined;
}

describe(`extension host killed with SIGKILL mid-run (${CRASHES}×, real processes)`, function () {
  this.timeout(600_000);
  let ws: string;
  let experiment: string;
  const seen: Seen[] = [];

  before(function () {
    for (const file of [RUNNER, HOST])
      if (!existsSync(file)) throw new Error(`${file} is missing: run \`npx tsc -b && npm run build\` first`);
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-host-crash-'));
    writeFileSync(path.join(ws, 'job.js'), JOB);
    experiment = path.join(ws, 'host-crash.experiment.yaml');
    writeFileSync(
      experiment,
      [
        'apiVersion: liftoff/v1',
        'kind: Experiment',
        'metadata:',
        '  name: host-crash',
        'run:',
        `  command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(path.join(ws, 'job.js'))}]`,
        '',
      ].join('\n'),
    );
  });
  after(() => {
    // Never leave a process behind, even when an assertion failed midway.
    for (const p of seen) if (isAlive(p.pid, p.start)) process.kill(p.pid, 'SIGKILL');
    rmSync(ws, { recursive: true, force: true });
  });

  const remember = (what: string, pid: number | undefined) => {
    if (pid !== undefined && pid > 1) seen.push({ what, pid, start: processStartTime(pid) });
  };

  /** Starts the host, returns it with a way to wait for its events. */
  function startHost(): {
    host: ChildProcess;
    next: (match: (e: HostEvent) => boolean, what: string) => Promise<HostEvent>;
  } {
    const host = spawn(process.execPath, [HOST, ws, experiment, RUNNER], { stdio: ['ignore', 'pipe', 'pipe'] });
    remember('host', host.pid);
    const events: HostEvent[] = [];
    let stderr = '';
    host.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    createInterface({ input: host.stdout! }).on('line', (line) => events.push(JSON.parse(line) as HostEvent));
    const next = async (match: (e: HostEvent) => boolean, what: string) => {
      let found: HostEvent | undefined;
      await waitFor(() => (found = events.find(match)) !== undefined || host.exitCode !== null, {
        timeoutMs: 30_000,
        intervalMs: 10,
        what,
      });
      if (!found) throw new Error(`the host ended (${host.exitCode}) before ${what}: ${stderr}`);
      return found;
    };
    return { host, next };
  }

  const jobPidOf = (dir: string): number | undefined => {
    const m = /job pid (\d+)/.exec(
      existsSync(path.join(dir, 'stdout.log')) ? readFileSync(path.join(dir, 'stdout.log'), 'utf8') : '',
    );
    return m ? Number(m[1]) : undefined;
  };

  async function sigkill(child: ChildProcess): Promise<void> {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** One crash: launch, kill at `point`, let the command end with `code`, reload; returns the final record. */
  async function crashOnce(point: KillPoint, code: number): Promise<RunRecord> {
    const { host, next } = startHost();
    const spawned = (await next((e) => 'runnerSpawned' in e, 'the runner to be handed to its host')) as {
      runnerSpawned: string;
      runnerPid: number;
    };
    const dir = spawned.runnerSpawned;
    remember('runner', spawned.runnerPid);
    if (point === 'launching') await sigkill(host);
    await waitFor(() => jobPidOf(dir) !== undefined, { timeoutMs: 30_000, what: 'the command to start' });
    remember('command', jobPidOf(dir));
    const running = (await RunStore.read(dir))!;
    remember('exit recorder', running.pid);
    if (point !== 'launching') {
      await next((e) => 'state' in e && e.state === 'running', 'the host to see the run running');
      await sigkill(host);
    }
    if (point === 'mid-run with its runner') process.kill(spawned.runnerPid, 'SIGKILL');
    assert.ok(isAlive(jobPidOf(dir)!), 'the command outlives the host');

    const store = new RunStore(ws);
    if (point === 'mid-run, reload while running') {
      const reload = await reattachRuns(store);
      assert.ok(
        reload.alive.some((r) => r.dir === dir),
        'after the reload the run is still running',
      );
      const followed = await reattachRun(dir, { pollMs: 50 });
      go(dir, code);
      const final = await followed.done;
      assert.equal(final.state, code === 0 ? 'succeeded' : 'failed', 'the reattached handle ends with the real status');
    } else go(dir, code);
    // The runner writes the final state and then exits: the state can be final while it is still on its way out
    // (CI, 2026-12-05: "runner 11508" alive right after the last reload's `done`). Each process must end by itself.
    await waitFor(
      () => !isAlive(jobPidOf(dir)!) && !isAlive(running.pid!, running.pidStartTime) && !isRunnerAlive(running),
      { timeoutMs: 30_000, what: 'the command, its recorder and its runner to end' },
    );
    if (point !== 'mid-run, reload while running') await reattachRuns(store);
    const listed = (await store.list()).find((r) => r.dir === dir);
    assert.ok(listed, 'the Runs view lists the run');
    return listed.record;
  }

  const isRunnerAlive = (r: RunRecord) => r.runnerPid !== undefined && isAlive(r.runnerPid, r.runnerStartTime);

  it(`${CRASHES}/${CRASHES} final states equal the command's real exit status after reload; no process left`, async () => {
    const codes = [0, 1, 3, 42, 137];
    const results: string[] = [];
    let matching = 0;
    for (let i = 0; i < CRASHES; i++) {
      const point = KILL_POINTS[i % KILL_POINTS.length]!;
      const code = codes[i % codes.length]!;
      const final = await crashOnce(point, code);
      const ok = final.state === (code === 0 ? 'succeeded' : 'failed') && final.exitCode === code;
      if (ok) matching++;
      results.push(
        `${i + 1} ${point}: exit ${code} → ${final.state}/${final.exitCode}${ok ? '' : ` (${final.reason})`}`,
      );
    }
    console.log(`      ${results.join('\n      ')}`);
    const left = seen.filter((p) => isAlive(p.pid, p.start)).map((p) => `${p.what} ${p.pid}`);
    assert.deepEqual(left, [], 'no process of any run is left');
    assert.equal(matching, CRASHES, results.join('\n'));
  });
});
