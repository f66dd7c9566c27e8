/**
 * Files named in YAML may be anything: a FIFO, /dev/stdin, /dev/zero, a socket, a folder, or a symlink to one of
 * these. The Node host never blocks on them and never reads more than asked; the rules that name such a path say
 * what it is, once. Real FIFOs, sockets and devices (Linux/macOS); skipped on Windows, which has none of them.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createNodeHost } from '../../../server/src/host/node-host';
import { NotReadable, readRegular, readRegularSync } from '../../../server/src/host/safe-read';
import { createLanguageService } from '../../../server/src/service';
import { REPO_ROOT } from '../../support/fixtures';

/** A hang becomes a failure that says what hung, instead of a test that never ends. */
function settlesWithin<T>(p: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms: it blocked`)), ms);
  });
  return Promise.race([p, hang]).finally(() => clearTimeout(timer));
}

async function refusal(p: Promise<unknown>, what: string): Promise<NotReadable> {
  try {
    await settlesWithin(p, what);
  } catch (err) {
    if (err instanceof NotReadable) return err;
    throw err;
  }
  throw new Error(`${what} was read`);
}

describe('files named in YAML: regular files only, bounded reads, no blocking open', function () {
  if (process.platform === 'win32') {
    before(function () {
      console.log('    skipped: FIFOs, sockets and /dev devices are POSIX; runs on Linux and macOS');
      this.skip();
    });
    return;
  }
  let ws: string;
  let server: net.Server;
  beforeEach(async () => {
    ws = mkdtempSync(path.join(tmpdir(), 'liftoff-special-'));
    execFileSync('mkfifo', [path.join(ws, 'pipe.csv')]);
    execFileSync('mkfifo', [path.join(ws, 'train.py')]);
    execFileSync('mkfifo', [path.join(ws, 'fifo.plan.yaml')]);
    symlinkSync('/dev/zero', path.join(ws, 'zero.experiment.yaml'));
    symlinkSync('/dev/zero', path.join(ws, 'zero.onnx'));
    mkdirSync(path.join(ws, 'folder.plan.yaml'));
    server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(ws, 'sock.csv'), resolve));
    writeFileSync(
      path.join(ws, 'ok.experiment.yaml'),
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: ok}\n',
    );
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(ws, { recursive: true, force: true });
  });

  // The asynchronous reader (the server) and the blocking one (`liftoff validate`) share one contract.
  const readers: Array<[string, (p: string, max: number, whole?: boolean) => Promise<Buffer>]> = [
    ['readRegular', readRegular],
    ['readRegularSync', async (p, max, whole) => readRegularSync(p, max, whole)],
  ];
  for (const [name, read] of readers) {
    it(`${name} refuses a FIFO without a writer, a socket, /dev/zero and a folder, saying what each is`, async () => {
      assert.equal((await refusal(read(path.join(ws, 'pipe.csv'), 100), 'reading a FIFO')).type, 'fifo');
      assert.equal((await refusal(read(path.join(ws, 'sock.csv'), 100), 'reading a socket')).type, 'socket');
      assert.equal((await refusal(read('/dev/zero', 100, true), 'reading /dev/zero')).type, 'device');
      assert.equal(
        (await refusal(read(path.join(ws, 'zero.onnx'), 100, true), 'reading a symlink to /dev/zero')).type,
        'device',
      );
      assert.equal((await refusal(read(path.join(ws, 'folder.plan.yaml'), 100), 'reading a folder')).type, 'directory');
      assert.equal(
        (await refusal(read(path.join(ws, 'missing.csv'), 100), 'reading a missing file')).reason,
        'missing',
      );
    });

    it(`${name} reads at most what is asked: a head is cut, a whole file over the limit is refused`, async () => {
      writeFileSync(path.join(ws, 'big.csv'), `a,b\n${'1,2\n'.repeat(100_000)}`);
      assert.equal((await read(path.join(ws, 'big.csv'), 6)).toString(), 'a,b\n1,');
      assert.equal(
        (await refusal(read(path.join(ws, 'big.csv'), 1000, true), 'a whole file over the limit')).reason,
        'too-large',
      );
      assert.equal((await read(path.join(ws, 'big.csv'), 400_004, true)).length, 400_004);
    });
  }

  it('the host answers undefined for every special file, and the index skips them without blocking', async () => {
    const host = createNodeHost({ workspaceFolders: [ws] });
    assert.equal(
      await settlesWithin(host.readHead(path.join(ws, 'pipe.csv'), 65_536), 'readHead of a FIFO'),
      undefined,
    );
    assert.equal(await settlesWithin(host.readBytes(path.join(ws, 'zero.onnx')), 'readBytes of /dev/zero'), undefined);
    assert.equal((await host.stat(path.join(ws, 'pipe.csv')))?.type, 'fifo');
    assert.equal((await host.stat(path.join(ws, 'sock.csv')))?.type, 'socket');
    assert.equal((await host.stat('/dev/zero'))?.type, 'device');
    const docs = await settlesWithin(host.workspaceDocuments(), 'the workspace scan');
    assert.deepEqual(
      docs.map((d) => d.name),
      ['ok'],
    );
  });

  it("/dev/stdin of a process whose stdin is a pipe (the language server's) is refused, not read", async () => {
    const script = `const { createNodeHost } = require(${JSON.stringify(path.join(REPO_ROOT, 'out', 'server', 'src', 'host', 'node-host.js'))});
      const host = createNodeHost({ workspaceFolders: [] });
      Promise.all([host.readHead('/dev/stdin', 100), host.readBytes('/dev/stdin'), host.stat('/dev/stdin')])
        .then(([head, bytes, info]) => { console.log(JSON.stringify({ head: head ?? null, bytes: bytes ?? null, type: info && info.type })); process.exit(0); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const code = await settlesWithin(
      new Promise<number | null>((resolve) => child.on('exit', resolve)),
      'reading /dev/stdin',
    ).finally(() => child.kill());
    assert.equal(code, 0);
    // Node gives a child's stdin as a socket pair; an editor may give a pipe: either is refused, never read.
    const seen = JSON.parse(out) as { head: null; bytes: null; type: string };
    assert.deepEqual(
      { ...seen, type: ['fifo', 'socket'].includes(seen.type) },
      { head: null, bytes: null, type: true },
      out,
    );
  });

  it('one clear diagnostic per special path, and the document still validates', async () => {
    const service = createLanguageService(
      {},
      { host: createNodeHost({ workspaceFolders: [ws], gpuProbe: async () => ({ status: 'no-driver' }) }) },
    );
    const text = [
      'apiVersion: liftoff/v1',
      'kind: Experiment',
      'metadata:',
      '  name: special',
      '  linked_plan: fifo.plan.yaml',
      'task: {type: classification, labels: [good, bad]}',
      'data: {format: csv, train: pipe.csv, validation: sock.csv, test: /dev/zero, target: status, features: [age]}',
      'run: {trainer: command, command: [python, train.py]}',
      'inference: {model: zero.onnx}',
      '',
    ].join('\n');
    const uri = pathToFileURL(path.join(ws, 'special.experiment.yaml')).toString();
    const diagnostics = await settlesWithin(
      service.validate({ uri, text }),
      'validating a document that names special files',
    );
    const message = (d: { message: string | { value: string } }) =>
      typeof d.message === 'string' ? d.message : d.message.value;
    const about = (needle: string) => diagnostics.map(message).filter((m) => m.includes(needle));
    assert.match(about('`pipe.csv`')[0] ?? 'none', /is a named pipe \(FIFO\), not a data file/);
    assert.match(about('`sock.csv`')[0] ?? 'none', /is a socket, not a data file/);
    assert.match(about('`/dev/zero`')[0] ?? 'none', /is a device, not a data file/);
    assert.match(about('`zero.onnx`')[0] ?? 'none', /is a device, not a model file/);
    assert.match(about('`train.py`')[0] ?? 'none', /is a named pipe \(FIFO\).*not a script file/);
    assert.match(about('`fifo.plan.yaml`')[0] ?? 'none', /is a named pipe \(FIFO\), not a BusinessPlan document/);
    for (const needle of ['`pipe.csv`', '`sock.csv`', '`/dev/zero`', '`zero.onnx`', '`train.py`', '`fifo.plan.yaml`']) {
      assert.equal(about(needle).length, 1, `one diagnostic about ${needle}: ${about(needle).join(' | ')}`);
    }
  });
});
