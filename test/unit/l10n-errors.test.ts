/**
 * Errors core throws that a user reads (core/src/l10n's `errorText`): in Chinese for a zh-cn user, in the client
 * (vscode.env.language) and the CLI (--lang / LANG), for the common failures: a missing or unreadable run.json, a
 * model onnxruntime cannot load, a bad `inference.input(s)` mapping, a run that cannot start, Slurm not answering or
 * refusing a job. A static check keeps it so: an error of the phrase-carrying classes written as English text only
 * fails, except the known remainder listed in ENGLISH_ONLY (which may only shrink).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { errorText, hasChinese, phrase, PhrasedError, say } from '../../core/src/l10n';
import { mapNativeError } from '../../core/src/inference/native-errors';
import { mapInputs } from '../../core/src/inference/input-values';
import { InferenceError, inputLabel } from '../../core/src/inference/errors';
import { decodeImage } from '../../core/src/inference/image/decode-image';
import { parseInput, type TextContext } from '../../core/src/inference/parse-input';
import { encodeLines, loadTokenizer } from '../../core/src/inference/text/tokenize';
import { directiveValue, envName, slurmName } from '../../core/src/launchers/slurm/script-values';
import { SessionCache } from '../../core/src/inference/session-cache';
import { LaunchError, planLaunch } from '../../core/src/launchers/launch-plan';
import { JobQuery, SlurmUnavailableError } from '../../core/src/launchers/slurm/job-query';
import { userQueue } from '../../core/src/launchers/slurm/queue';
import { submitHint } from '../../core/src/launchers/slurm/submit-hint';
import { RunStore } from '../../core/src/runs/run-store';
import { writeRunIdentity } from '../../core/src/runs/run-identity';
import { FIXTURES, REPO_ROOT } from '../support/fixtures';
import { sourceFiles } from '../support/l10n-parity';
import { assertChinese } from '../support/english-prose';

/** The error a call throws (asserting it throws). */
async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (err) {
    return err;
  }
  assert.fail('expected an error');
}

/**
 * Files (under core/src) where errors of the phrase-carrying classes are still English text only, and how many: the
 * messages not among the common failures. Converting one lowers its count here; adding one fails.
 */
const ENGLISH_ONLY: Record<string, number> = {};

const PHRASED = new Set(['InferenceError', 'LaunchError', 'SlurmUnavailableError', 'SlurmSubmitError', 'PhrasedError']);

/** `file → count` of `new X(…)` of the classes above whose message argument is English text (not a phrase). */
export function englishOnlyErrors(files: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (![...PHRASED].some((c) => text.includes(c))) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const isText = (n: ts.Node | undefined): boolean =>
      !!n &&
      (ts.isStringLiteralLike(n) ||
        ts.isTemplateExpression(n) ||
        (ts.isConditionalExpression(n) && (isText(n.whenTrue) || isText(n.whenFalse))) ||
        (ts.isBinaryExpression(n) && (isText(n.left) || isText(n.right))) ||
        (ts.isParenthesizedExpression(n) && isText(n.expression)));
    const visit = (n: ts.Node): void => {
      if (ts.isNewExpression(n) && PHRASED.has(n.expression.getText(sf))) {
        const name = n.expression.getText(sf);
        const message = n.arguments?.[name === 'InferenceError' ? 1 : 0];
        if (isText(message)) {
          const rel = path.relative(REPO_ROOT, file).split(path.sep).join('/');
          out[rel] = (out[rel] ?? 0) + 1;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('l10n: errors from core in the reader’s language', () => {
  describe('the static check', () => {
    it('no new error of a phrase-carrying class is written in English only (the remainder may only shrink)', () => {
      const found = englishOnlyErrors(sourceFiles(path.join(REPO_ROOT, 'core/src')));
      assert.deepEqual(
        found,
        ENGLISH_ONLY,
        'write the message as phrase(…) and add its Chinese to core/src/l10n/zh-cn-errors.ts (or lower ENGLISH_ONLY)',
      );
    });

    it('fails on an English-only message, and passes a phrase (the check can fail)', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-l10n-errors-'));
      try {
        const file = path.join(dir, 'bad.ts');
        writeFileSync(
          file,
          [
            'throw new LaunchError(`${x} cannot start`);',
            "throw new InferenceError('runtime', ok ? 'a' : `b ${c}`);",
            "throw new InferenceError('runtime', phrase('fine {0}', x));",
            'throw new SlurmUnavailableError(failurePhrase(argv, r));',
            "throw new PhrasedError(phrase('fine'));",
          ].join('\n'),
        );
        assert.deepEqual(Object.values(englishOnlyErrors([file])), [2]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('errorText', () => {
    it('says a phrase-carrying error in the locale, its message (English) otherwise', () => {
      const err = new PhrasedError(phrase('{0} has no readable run.json', '/w/run'));
      assert.equal(err.message, '/w/run has no readable run.json');
      assert.equal(errorText('en', err), '/w/run has no readable run.json');
      assert.equal(errorText('zh-cn', err), '/w/run 中没有可读取的 run.json');
      assert.equal(errorText('zh-cn', new Error('plain')), 'plain');
      assert.equal(errorText('zh-cn', 'a string'), 'a string');
      // A forged `phrase` (not text and arguments) is not trusted: the message is shown.
      assert.equal(errorText('zh-cn', Object.assign(new Error('m'), { phrase: { text: 1 } })), 'm');
    });
  });

  describe('the common failures, as a zh-cn user reads them', () => {
    let ws: string;
    before(() => {
      ws = mkdtempSync(path.join(tmpdir(), 'liftoff-l10n-errors-'));
    });
    after(() => rmSync(ws, { recursive: true, force: true }));

    it('a run folder with no readable run.json (missing, then corrupt)', async () => {
      const dir = path.join(ws, '.liftoff', 'runs', 'exp', '20260101-000000-abcd');
      mkdirSync(dir, { recursive: true });
      const missing = await thrown(() => writeRunIdentity(dir, { name: 'x' }));
      assert.match(errorText('en', missing), /it has no readable run\.json$/);
      assertChinese(errorText('zh-cn', missing));
      assert.match(errorText('zh-cn', missing), /它没有可读取的 run\.json$/);
      writeFileSync(path.join(dir, 'run.json'), '{"state": "running", "id": ');
      const corrupt = await thrown(() => new RunStore(ws).update(dir, { state: 'failed' }));
      assert.equal(errorText('zh-cn', corrupt), `${dir} 中没有可读取的 run.json`);
    });

    it('a model that cannot be loaded: missing, not ONNX (Liftoff’s reader), then onnxruntime’s refusals', async () => {
      const cache = new SessionCache();
      try {
        const missing = await thrown(() => cache.acquire(path.join(ws, 'nope.onnx')));
        assert.equal(errorText('zh-cn', missing), `无法读取模型 ${path.join(ws, 'nope.onnx')}：文件不存在。`);
        writeFileSync(path.join(ws, 'text.onnx'), 'not a model at all');
        const notOnnx = await thrown(() => cache.acquire(path.join(ws, 'text.onnx')));
        assert.match(errorText('en', notOnnx), /^text\.onnx is not an ONNX model \(/);
        assert.match(errorText('zh-cn', notOnnx), /^text\.onnx 不是 ONNX 模型（.*）。请选择由 PyTorch、TensorFlow、/);
      } finally {
        await cache.dispose();
      }

      const cases = [
        'Load model from /w/m.onnx failed:Protobuf parsing failed.',
        'Load model from /w/m.onnx failed:Fatal error: custom:Foo(-1) is not a registered function/op',
        'No Op registered for FooBar with domain_version of 21',
        '[ONNXRuntimeError] : 10 : INVALID_GRAPH : This is an invalid model. Error in Node:x : No Op',
      ];
      for (const native of cases) {
        const err = mapNativeError(new Error(native), 'm.onnx');
        assert.ok(err instanceof InferenceError);
        assert.ok(!hasChinese(err.message), err.message);
        // onnxruntime's own words (after the colon) stay as it printed them.
        assertChinese(errorText('zh-cn', err), [/：[^：]*$/]);
      }
    });

    it('a bad input mapping for a model with several inputs', () => {
      const inputs = [
        { name: 'features', type: 'float32', dims: ['N', 4] },
        { name: 'mask', type: 'float32', dims: ['N', 4] },
        { name: 'ids', type: 'string', dims: [1] },
      ];
      const err = (() => {
        try {
          mapInputs(inputs, { input: 'feature', values: { mask: [1, 2], extra: 0 }, source: 'x.experiment.yaml' });
        } catch (e) {
          return e;
        }
        assert.fail('expected an error');
      })();
      assert.ok(err instanceof InferenceError);
      assert.match(err.message, /^The model needs 3 inputs, and Liftoff feeds the rows to one of them: /);
      assert.match(
        err.message,
        /inference\.input of x\.experiment\.yaml is "feature", which the model does not have\./,
      );
      const zh = errorText('zh-cn', err);
      assert.match(zh, /^模型需要 3 个输入，Liftoff 把数据行馈入其中一个：/);
      assert.match(zh, /x\.experiment\.yaml 中的 inference\.input 为 "feature"，但模型没有这个输入。/);
      // The YAML to paste stays YAML.
      assert.match(zh, /可在实验中这样写：\ninference:\n {2}input: /);
      assertChinese(zh.split('\ninference:')[0]!);
    });

    it('a run that cannot start: the launcher’s refusal of run.command', async () => {
      const base = {
        experimentPath: '/w/x.experiment.yaml',
        configPath: '/w/config.yaml',
        runDir: '/w/run',
        metricsFile: '/w/run/metrics.jsonl',
        workspace: '/w',
        nodePath: process.execPath,
        builtinTrainer: '/x/builtin.js',
        gpus: [],
      };
      for (const run of [
        { trainer: 'command', command: [] },
        { trainer: 'command', command: ['python', '${nope}'] },
      ]) {
        const err = await thrown(() => planLaunch({ run }, base as never));
        assert.ok(err instanceof LaunchError);
        assertChinese(errorText('zh-cn', err), [/\[python.*\]/, /\$\{\w+\}(, )?/g]);
      }
    });

    it('input a model cannot take (tables, JSON, images, text): where, what is wrong and what to do', async () => {
      const ctx: TextContext = {
        width: 3,
        featureOrder: { value: ['income', 'age', 'debt'], source: phrase('the model metadata (feature_order)') },
        oneHot: undefined,
        inputLabel: inputLabel('features', '[N, 3]'),
        inputName: 'features',
      };
      const inputs: Array<[string, RegExp, RegExp]> = [
        [
          '1,2,3,4\n',
          /^Row 1 \(line 1\) has 4 values, but the model input "features" \[N, 3\] takes 3 features/,
          /^第 1 条数据（第 1 行）有 4 个值，但模型输入 "features" \[N, 3\] 接受 3 个特征（income, age, debt）。$/,
        ],
        [
          'income,age\n1,2\n',
          /^The input has no column "debt", which the model needs\./,
          /^输入中没有模型需要的"debt" 列。/,
        ],
        [
          'income,age,debt\n1,2,x\n',
          /^Row 1 \(line 2\), column "debt": "x" is not a number\./,
          /^第 1 条数据（第 2 行）的 "debt" 列："x" 不是数字。/,
        ],
        [
          'income,age,debt\n1,2,3\n4,5\n',
          /^Row 2 \(line 3\) has 2 values, but the header has 3 columns\.$/,
          /^第 2 条数据（第 3 行）有 2 个值，但表头有 3 列。$/,
        ],
        ['[[[1, 2, 3]]]', /^The input is a rank-3 array/, /^输入是秩为 3 的数组/],
        [
          '[1, 2, {"a": 3}',
          /^The input looks like JSON but is not valid JSON: /,
          /^输入看起来像 JSON，但不是有效的 JSON：/,
        ],
        ['[]', /^The JSON input is an empty array/, /^JSON 输入是空数组/],
      ];
      for (const [text, en, zh] of inputs) {
        const err = await thrown(() => parseInput(text, ctx));
        assert.ok(err instanceof InferenceError, String(err));
        assert.match(errorText('en', err), en);
        assert.match(errorText('zh-cn', err), zh);
        // The JSON parser's own words (after the colon) and the model's names stay as written; where the feature
        // order came from is said in Chinese too.
        assertChinese(errorText('zh-cn', err), [/：[^：]*$/]);
      }

      const notImage = await thrown(() => decodeImage(Buffer.from('id,x\n1,2\n'), 'rows.csv'));
      assert.equal(
        errorText('zh-cn', notImage),
        'rows.csv 不是 PNG 或 JPEG 图像（文件开头的字节不是这两种格式的签名）。',
      );
      const noTokenizer = await thrown(() => loadTokenizer(path.join(ws, 'tokenizer.json')));
      assert.match(errorText('en', noTokenizer), /^The tokenizer .* does not exist: set inference\.text\.tokenizer/);
      assertChinese(errorText('zh-cn', noTokenizer));
      const tok = await loadTokenizer(path.join(FIXTURES, 'onnx', 'tiny-text', 'tokenizer.json'));
      const tooLong = await thrown(() =>
        encodeLines(tok, ['good good good bad bad'], { maxLength: 4, truncation: false }),
      );
      assert.match(errorText('en', tooLong), /^line 1 is \d+ tokens, more than max_length 4/);
      assert.match(errorText('zh-cn', tooLong), /^第 1 行有 \d+ 个 token，超过了 max_length 4，/);
    });

    it('a value that would change the shape of the sbatch script (a bad name, a line break in a path)', () => {
      for (const f of [
        () => envName('run.env', '1X'),
        () => directiveValue(phrase('The run folder'), '/w/a\nb'),
        () => slurmName('run.slurm.partition', 'gpu queue', true),
      ]) {
        const err = (() => {
          try {
            f();
          } catch (e) {
            return e;
          }
          assert.fail('expected an error');
        })();
        assert.ok(!hasChinese(errorText('en', err)));
        assertChinese(errorText('zh-cn', err), [/"[^"]*"/g]);
      }
    });

    it('Slurm not answering (not installed, timed out) and Slurm refusing a job: its hint', async () => {
      const notFound = await thrown(() =>
        new JobQuery(async () => ({ code: null, stdout: '', stderr: '', error: 'ENOENT', missing: 'scontrol' })).job(
          '42',
        ),
      );
      assert.ok(notFound instanceof SlurmUnavailableError);
      assert.match(notFound.message, /^`scontrol` was not found: install the Slurm client tools/);
      assertChinese(errorText('zh-cn', notFound), [/\[[^\]]*\]/]);
      const slow = await thrown(() =>
        userQueue(async () => ({ code: null, stdout: '', stderr: '', error: 'timeout' })),
      );
      assert.equal(errorText('zh-cn', slow), '`squeue` 没有及时响应。');
      // Slurm's own words are shown as it printed them, in either language.
      const refused = await thrown(() =>
        userQueue(async () => ({
          code: 1,
          stdout: '',
          stderr: 'slurm_load_jobs error: Unable to contact slurm controller',
        })),
      );
      assert.equal(errorText('zh-cn', refused), 'slurm_load_jobs error: Unable to contact slurm controller');
      const hint = submitHint('sbatch: error: Batch job submission failed: Invalid partition name specified');
      assertChinese(say('zh-cn', hint));
      assert.match(say('en', hint), /^Set `run.slurm.partition` to one that `sinfo` lists/);
    });
  });
});
