/**
 * The metric readers on files written by the tools users bring, not by our own test writers: TensorBoard's
 * `SummaryWriter` and Lightning's `CSVLogger`/`TensorBoardLogger`, recorded on a GPU machine by test/gpu/run.sh.
 * `expected.json` beside each set is what TensorBoard's own EventAccumulator (and Python's csv module) read from the
 * same files: the readers must return exactly those points.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ingestFile, createReader } from '../../../../core/src/metrics/ingest';
import { SeriesStore } from '../../../../core/src/metrics/series-store';
import { FIXTURES } from '../../../support/fixtures';
import { points, tempDir } from '../../../support/metrics';

const GPU = path.join(FIXTURES, 'gpu');
type Point = [step: number, value: number, wallTime: number];
type FileTruth = Record<string, Record<string, Point[]>>;

function expectedTb(): Record<string, FileTruth> {
  return JSON.parse(readFileSync(path.join(GPU, 'tensorboard', 'expected.json'), 'utf8')) as Record<string, FileTruth>;
}

async function readTb(file: string): Promise<SeriesStore> {
  const store = new SeriesStore();
  await ingestFile(store, 'run', file, 'tfevents', { final: true });
  return store;
}

function assertSame(store: SeriesStore, tags: Record<string, Point[]>, where: string): void {
  assert.deepEqual(
    store.names('run'),
    Object.keys(tags).sort(),
    `${where}: the scalar tags TensorBoard reads, no others`,
  );
  for (const [tag, truth] of Object.entries(tags)) {
    const got = points(store, 'run', tag)!;
    assert.deepEqual(
      got.steps,
      truth.map((p) => p[0]),
      `${where} ${tag}: steps`,
    );
    assert.deepEqual(
      got.values,
      truth.map((p) => p[1]),
      `${where} ${tag}: values`,
    );
    assert.deepEqual(
      got.times,
      truth.map((p) => p[2]),
      `${where} ${tag}: wall times`,
    );
  }
}

describe('metric readers on real TensorBoard SummaryWriter files (recorded on a GPU machine)', () => {
  const truth = expectedTb();
  const cases = [
    'scalars',
    'new-style',
    'mixed',
    'restarted',
    'grouped/loss_train',
    'grouped/loss_val',
    'live',
    'partial',
  ];

  for (const name of cases) {
    it(`${name}: every file gives exactly the points TensorBoard reads`, async () => {
      const files = truth[name]!;
      assert.ok(Object.keys(files).length > 0, 'the fixture has event files');
      for (const [file, tags] of Object.entries(files)) {
        assertSame(await readTb(path.join(GPU, 'tensorboard', name, file)), tags, `${name}/${file}`);
      }
    });
  }

  it('add_scalars parent file holds no scalars of its own (the series live in the sub-folders)', async () => {
    const [file] = Object.keys(truth.grouped!);
    const store = await readTb(path.join(GPU, 'tensorboard', 'grouped', file!));
    assert.deepEqual(store.names('run'), []);
  });

  it('a file cut mid-record while its writer is still writing: the complete records now, the rest once written', async () => {
    const tmp = tempDir();
    try {
      const [file] = Object.keys(truth.live!);
      const cut = path.join(GPU, 'tensorboard', 'partial', 'cut', file!);
      const target = tmp.file(file!);
      copyFileSync(cut, target);
      const store = new SeriesStore();
      const reader = createReader(store, 'run', target, 'tfevents');
      const first = await reader.read();
      assert.equal(first.corrupt, 0, 'an unfinished record is not corruption');
      const flushed = truth.partial![file!]!.loss!;
      assert.deepEqual(
        points(store, 'run', 'loss')!.steps,
        flushed.slice(0, -1).map((p) => p[0]),
        'all but the cut record',
      );
      // The writer goes on: the file now holds everything it wrote.
      writeFileSync(target, readFileSync(path.join(GPU, 'tensorboard', 'live', file!)));
      await reader.read();
      reader.finish();
      assertSame(store, truth.live![file!]!, 'after the writer finished');
    } finally {
      tmp.remove();
    }
  });
});

describe('metric readers on real Lightning CSVLogger and TensorBoardLogger files (bf16-mixed on a GPU)', () => {
  const truth = JSON.parse(readFileSync(path.join(GPU, 'lightning', 'expected.json'), 'utf8')) as {
    accelerator: string;
    precision: string;
    csv: { path: string; rows: Array<Record<string, string>> };
    tensorboard: FileTruth;
  };

  it('was recorded on CUDA with bf16-mixed', () => {
    assert.equal(truth.accelerator, 'CUDAAccelerator');
    assert.equal(truth.precision, 'bf16-mixed');
  });

  it('metrics.csv: every non-empty cell at its step, one series per column, nothing else', async () => {
    const store = new SeriesStore();
    await ingestFile(store, 'run', path.join(GPU, 'lightning', truth.csv.path), 'csv', { final: true });
    const columns = Object.keys(truth.csv.rows[0]!).filter((c) => c !== 'step' && c !== 'epoch');
    assert.ok(columns.length >= 3);
    for (const column of columns) {
      const rows = truth.csv.rows.filter((r) => r[column] !== '');
      const got = points(store, 'run', column);
      assert.ok(got, `series ${column}`);
      assert.deepEqual(
        got.steps,
        rows.map((r) => Number(r.step)),
        `${column}: steps`,
      );
      assert.deepEqual(
        got.values,
        rows.map((r) => Number(r[column])),
        `${column}: values`,
      );
    }
  });

  it('TensorBoardLogger events: exactly the points TensorBoard reads', async () => {
    for (const [file, tags] of Object.entries(truth.tensorboard)) {
      assertSame(await readTb(path.join(GPU, 'lightning', file)), tags, file);
    }
  });
});

describe('metric readers on a real GPU training run (the PyTorch example launched by liftoff train on an H200)', () => {
  for (const run of readdirSync(path.join(GPU, 'runs'))) {
    it(`${run}: metrics.jsonl gives every key of every line at its step`, async () => {
      const file = path.join(GPU, 'runs', run, 'metrics.jsonl');
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, number>);
      const store = new SeriesStore();
      await ingestFile(store, 'run', file, 'jsonl', { final: true });
      for (const name of ['train_loss', 'val_loss', 'val_accuracy', 'samples_per_sec']) {
        const withIt = lines.filter((l) => typeof l[name] === 'number');
        assert.ok(withIt.length > 0, `${name} logged`);
        const got = points(store, 'run', name)!;
        assert.deepEqual(
          got.values,
          withIt.map((l) => l[name]),
          `${name}: values`,
        );
        assert.deepEqual(
          got.steps,
          withIt.map((l) => l.step),
          `${name}: steps`,
        );
      }
    });

    it(`${run}: the saved stdout (progress lines, torch.onnx's warnings) becomes no metric series (key=value reading is opt-in)`, async () => {
      const file = path.join(GPU, 'runs', run, 'stdout.log');
      const size = readFileSync(file).length;
      {
        const keyValue = false;
        const store = new SeriesStore();
        const stats = await ingestFile(store, 'run', file, 'stdout', { final: true, keyValue });
        assert.deepEqual(store.names('run'), [], `keyValue ${keyValue}: series from log noise`);
        assert.equal(stats.offset, size, `keyValue ${keyValue}: the whole file read`);
        assert.equal(stats.corrupt, 0, `keyValue ${keyValue}: nothing called corrupt`);
      }
    });
  }
});
