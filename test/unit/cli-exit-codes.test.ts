/**
 * CI-grade exit codes and messages (issue 21, item 3): an argument that stands for no Liftoff document, an oversized
 * file, --fail-on, short options, train on the wrong file, plan export into a missing folder, Slurm settings from the
 * command line, --top-k capping and a broken model blamed on the model.
 */
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliIn } from '../support/cli';
import { REPO_ROOT } from '../support/fixtures';
import { classifierBytes, saveModel } from '../support/onnx-graphs';
import { main } from '../../cli/src/main';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml'), 'utf8');

describe('liftoff: CI-grade exit codes and messages', function () {
  this.timeout(60_000);
  let ws: string;
  const cli = cliIn(() => ws);
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'liftoff-cli-exit-'));
    cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
    cpSync(path.join(ws, 'credit-risk', 'data'), path.join(ws, 'extra', 'data'), { recursive: true });
    mkdirSync(path.join(ws, 'no-docs'));
    writeFileSync(path.join(ws, 'no-docs', 'ci.yml'), 'on: push\njobs: {}\n');
    mkdirSync(path.join(ws, 'empty'));
    writeFileSync(path.join(ws, 'notes.md'), '# notes\n');
    writeFileSync(
      path.join(ws, 'extra', 'warn.experiment.yaml'),
      EXAMPLE.replace('name: credit-risk-mlp', 'name: warn-only').replace(
        'learning_rate: 0.001',
        'learning_rate: 0.05',
      ),
    );
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  describe('validate', () => {
    it('exits 2 with the reason when a file is not YAML', async () => {
      const r = await cli('validate', 'notes.md');
      assert.equal(r.code, 2);
      assert.match(r.err, /'notes\.md' is not a YAML file/);
    });

    it('exits 2 when a folder holds no Liftoff documents, or no YAML at all', async () => {
      const other = await cli('validate', 'no-docs');
      assert.equal(other.code, 2);
      assert.match(other.err, /folder 'no-docs' holds 1 YAML file, none of them a Liftoff document/);
      const empty = await cli('validate', 'empty');
      assert.equal(empty.code, 2);
      assert.match(empty.err, /folder 'empty' holds no YAML files/);
      const yaml = await cli('validate', 'no-docs/ci.yml');
      assert.equal(yaml.code, 2);
      assert.match(yaml.err, /'no-docs\/ci\.yml' is not a Liftoff document/);
    });

    it('still reports the documents of the other arguments, then exits 2 for the empty one', async () => {
      const r = await cli('validate', 'credit-risk', 'empty');
      assert.equal(r.code, 2);
      assert.match(r.out, /^1 file checked: 0 errors, 0 warnings\.$/m);
      assert.match(r.err, /folder 'empty' holds no YAML files/);
    });

    it('exits 1 on a file over the size limit, naming --max-file-size; the option raises the limit', async () => {
      const big = path.join(ws, 'extra', 'big.experiment.yaml');
      writeFileSync(big, EXAMPLE.replace('name: credit-risk-mlp', 'name: big') + `# ${'x'.repeat(100)}\n`.repeat(300));
      const over = await cli('validate', 'extra/big.experiment.yaml', '--max-file-size', '16');
      assert.equal(over.code, 1, over.out + over.err);
      assert.match(over.out, /error LIFTOFF-LIMIT .*over the 16 KB validation limit.*--max-file-size KB/);
      assert.doesNotMatch(over.out, /liftoff\.validation\.maxFileSizeKB/);
      const raised = await cli('validate', 'extra/big.experiment.yaml', '--max-file-size', '64');
      assert.equal(raised.code, 0, raised.out);
      assert.equal((await cli('validate', 'extra/big.experiment.yaml', '--max-file-size', 'lots')).code, 2);
      rmSync(big);
    });

    it('the default limit (2048 KB) applies too: a 2.2 MB experiment exits 1', async () => {
      const big = path.join(ws, 'extra', 'huge.experiment.yaml');
      writeFileSync(
        big,
        EXAMPLE.replace('name: credit-risk-mlp', 'name: huge') + `# ${'y'.repeat(1000)}\n`.repeat(2200),
      );
      const r = await cli('validate', 'extra/huge.experiment.yaml');
      assert.equal(r.code, 1);
      assert.match(r.out, /over the 2048 KB validation limit/);
      assert.equal((await cli('validate', 'extra/huge.experiment.yaml', '--max-file-size', '4MB')).code, 0);
      rmSync(big);
    });

    it('--fail-on warning exits 1 on warnings alone; the default (error) exits 0', async () => {
      const dflt = await cli('validate', 'extra/warn.experiment.yaml');
      assert.match(dflt.out, /0 errors, [1-9]\d* warnings?/);
      assert.equal(dflt.code, 0);
      assert.equal((await cli('validate', 'extra/warn.experiment.yaml', '--fail-on', 'warning')).code, 1);
      assert.equal((await cli('validate', 'extra/warn.experiment.yaml', '--fail-on', 'error')).code, 0);
      assert.equal((await cli('validate', 'extra/warn.experiment.yaml', '--fail-on', 'info')).code, 2);
    });

    it('-f json is --format json; an unknown short option is a usage error naming it', async () => {
      const r = await cli('validate', 'credit-risk', '-f', 'json');
      assert.equal(r.code, 0, r.err);
      assert.equal((JSON.parse(r.out) as { files: number }).files, 1);
      const x = await cli('validate', 'credit-risk', '-x');
      assert.equal(x.code, 2);
      assert.match(x.err, /unknown option '-x'/);
    });

    it('--out writes any format to the file and prints the summary', async () => {
      const r = await cli('validate', 'credit-risk', '--format', 'json', '--out', 'report.json');
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /JSON written to report\.json/);
      assert.equal((JSON.parse(readFileSync(path.join(ws, 'report.json'), 'utf8')) as { errors: number }).errors, 0);
    });
  });

  describe('train', () => {
    it('refuses a business plan before creating anything (exit 1)', async () => {
      const r = await cli('train', 'medical-diagnosis/lung-nodule.plan.yaml');
      assert.equal(r.code, 1);
      assert.match(r.err, /is a business plan \(kind: BusinessPlan\): only an Experiment can be trained/);
      assert.ok(!existsSync(path.join(ws, '.liftoff')), 'no run folder');
    });

    it('refuses a folder and a missing file as usage errors (exit 2), naming them', async () => {
      const folder = await cli('train', 'credit-risk');
      assert.equal(folder.code, 2);
      assert.match(folder.err, /'credit-risk' is a folder: give one experiment file/);
      assert.doesNotMatch(folder.err, /EISDIR/);
      const missing = await cli('train', 'nope.experiment.yaml');
      assert.equal(missing.code, 2);
      assert.match(missing.err, /'nope\.experiment\.yaml' does not exist/);
      assert.ok(!existsSync(path.join(ws, '.liftoff')));
    });

    it('reaches Slurm through --slurm-prefix or LIFTOFF_SLURM_PREFIX, and its messages name them', async () => {
      const run = async (env: NodeJS.ProcessEnv, ...extra: string[]) => {
        let err = '';
        const code = await main(['train', 'medical-diagnosis/nodule.experiment.yaml', ...extra], {
          out: () => undefined,
          err: (s) => (err += s),
          cwd: ws,
          env,
        });
        return { code, err };
      };
      const noTools = await run({ PATH: path.join(ws, 'no-bin') });
      rmSync(path.join(ws, '.liftoff'), { recursive: true, force: true }); // the run folder of the failed submit
      assert.equal(noTools.code, 1);
      assert.match(noTools.err, /`sbatch` was not found: install the Slurm client tools here, or set --slurm-prefix/);
      assert.doesNotMatch(noTools.err, /liftoff\.slurm\.commandPrefix/);
      const flag = await run({ PATH: process.env.PATH }, '--slurm-prefix', '/no/such/ssh login.cluster');
      assert.equal(flag.code, 1);
      assert.match(
        flag.err,
        /`\/no\/such\/ssh` was not found on this machine \(--slurm-prefix \(or LIFTOFF_SLURM_PREFIX\)\)/,
      );
      const env = await run({ PATH: process.env.PATH, LIFTOFF_SLURM_PREFIX: '/no/such/env-ssh host' });
      assert.match(env.err, /`\/no\/such\/env-ssh` was not found/);
      const quoted = await run({ PATH: process.env.PATH }, '--slurm-prefix', '"ssh" host');
      assert.equal(quoted.code, 2);
      assert.match(quoted.err, /--slurm-prefix' takes words separated by spaces/);
    });
  });

  describe('plan export --out', () => {
    it('refuses a missing folder (exit 2) and creates nothing; an existing folder works', async () => {
      const r = await cli('plan', 'export', 'medical-diagnosis/lung-nodule.plan.yaml', '--out', 'typo/dir/plan.html');
      assert.equal(r.code, 2);
      assert.match(r.err, /the folder 'typo\/dir' for --out does not exist; create it first \(mkdir -p 'typo\/dir'\)/);
      assert.ok(!existsSync(path.join(ws, 'typo')));
      mkdirSync(path.join(ws, 'out'));
      const ok = await cli('plan', 'export', 'medical-diagnosis/lung-nodule.plan.yaml', '--out', 'out', '-f', 'md');
      assert.equal(ok.code, 0, ok.err);
      assert.deepEqual(readdirSync(path.join(ws, 'out')), ['lung-nodule.plan.md']);
    });
  });

  describe('infer', () => {
    before(() => {
      saveModel(ws, 'clf', classifierBytes());
      writeFileSync(path.join(ws, 'rows.csv'), 'sepal,petal,width\n5,3,1\n');
      mkdirSync(path.join(ws, 'fake'));
      writeFileSync(path.join(ws, 'fake', 'model.onnx'), 'this is a text file, not a model\n');
    });

    it('says when --top-k is capped at the number of classes', async () => {
      const r = await cli('infer', 'clf/model.onnx', 'rows.csv', '--top-k', '10');
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /--top-k 10 is more than the model's 3 classes: showing the top 3/);
      const fits = await cli('infer', 'clf/model.onnx', 'rows.csv', '--top-k', '2');
      assert.doesNotMatch(fits.err, /--top-k/);
    });

    it('blames a text file named .onnx on the model, not on the CSV', async () => {
      const r = await cli('infer', 'fake/model.onnx', 'rows.csv');
      assert.equal(r.code, 1);
      assert.match(r.err, /^liftoff infer: fake\/model\.onnx cannot be run: /m);
      assert.doesNotMatch(r.err, /rows\.csv/);
    });
  });
});
