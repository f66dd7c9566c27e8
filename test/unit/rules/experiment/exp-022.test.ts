import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import { applyEdits, fixture, FIXTURES } from '../../../support/fixtures';
import { expectDiagnostic } from './support';

const service = createLanguageService(
  {},
  // Not incremental: no state kept from one mutation-testing mutant to the next (see ./support.ts).
  { host: createNodeHost({ workspaceFolders: [path.join(FIXTURES, 'rules', 'exp-022')] }), incremental: false },
);

async function check(name: string): Promise<{ doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }> {
  const f = fixture(`rules/exp-022/${name}`);
  const doc = { uri: f.uri, text: f.text };
  return { doc, diagnostics: (await service.validate(doc)).filter((d) => d.code === 'EXP-022') };
}

/** A minimal ONNX ModelProto (protobuf) whose only output has the shape `dims` (no nodes: enough for the reader). */
function tinyModel(dims: ReadonlyArray<number | string>): Uint8Array {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n = Math.floor(n / 128);
    }
    out.push(n);
    return out;
  };
  const field = (no: number, body: number[] | string): number[] => {
    const bytes = typeof body === 'string' ? [...Buffer.from(body)] : body;
    return [...varint(no * 8 + 2), ...varint(bytes.length), ...bytes];
  };
  const int = (no: number, n: number) => [...varint(no * 8), ...varint(n)];
  const dimFields = dims.flatMap((d) => field(1, typeof d === 'number' ? int(1, d) : field(2, d)));
  const valueInfo = (name: string) => [
    ...field(1, name),
    ...field(2, field(1, [...int(1, 1), ...field(2, dimFields)])),
  ];
  const graph = [...field(2, 'g'), ...field(11, valueInfo('x')), ...field(12, valueInfo('y'))];
  return Uint8Array.from([...int(1, 8), ...field(2, 'test'), ...field(7, graph), ...field(8, int(2, 17))]);
}

describe('EXP-022 ONNX export and inference labels', () => {
  it('passes opset 17 and four task labels for the 4-class PyTorch export', async () =>
    assert.deepEqual((await check('pass.experiment.yaml')).diagnostics, []));
  it('stays silent while the model file does not exist yet', async () =>
    assert.deepEqual((await check('not-yet.experiment.yaml')).diagnostics, []));

  it('flags an opset beyond onnxruntime 1.30 (fix: 21) and three labels for a 4-wide output', async () => {
    const checked = await check('fail.experiment.yaml');
    const [opset, labels] = checked.diagnostics;
    assert.equal(checked.diagnostics.length, 2);
    expectDiagnostic(
      opset,
      'EXP-022',
      /`export.onnx.opset: 22` is not an opset the bundled onnxruntime 1\.30 supports: use an integer from 7 to 21/,
      [8, 47, 8, 49],
    );
    expectDiagnostic(
      labels,
      'EXP-022',
      /`inference.labels` has 3 names, but output `logits` of `\.\.\/\.\.\/onnx\/pytorch-mlp.onnx` has width 4 \(shape \[batch, 4\]\)/,
      [11, 10, 11, 29],
    );
    const fix = service.codeActions(checked.doc, [opset!]).find((a) => a.title === 'Change to 21');
    assert.ok(fix);
    assert.match(applyEdits(checked.doc.text, fix.edit!.changes![checked.doc.uri]!), /opset: 21\}/);
  });

  it('says so when `inference.model` is not an ONNX file', async () => {
    const { diagnostics } = await check('not-onnx.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    expectDiagnostic(
      diagnostics[0],
      'EXP-022',
      /`inference.model` \(`\.\.\/data\/credit.csv`\) cannot be read: not an ONNX model: /,
      [7, 9, 7, 27],
    );
  });

  it('stays silent when the output width is symbolic, and accepts two labels for a width-1 (sigmoid) output', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-exp022-'));
    try {
      writeFileSync(path.join(dir, 'symbolic.onnx'), tinyModel(['batch', 'classes']));
      writeFileSync(path.join(dir, 'binary.onnx'), tinyModel(['batch', 1]));
      writeFileSync(path.join(dir, 'three.onnx'), tinyModel(['batch', 3]));
      const local = createLanguageService({}, { host: createNodeHost({ workspaceFolders: [dir] }) });
      const uri = pathToFileURL(path.join(dir, 'x.experiment.yaml')).toString();
      const run = async (model: string, labels: string) =>
        (
          await local.validate({
            uri,
            text: `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: x\ninference:\n  model: ${model}\n  labels: ${labels}\n`,
          })
        )
          .filter((d) => d.code === 'EXP-022')
          .map((d) => String(d.message));
      assert.deepEqual(await run('symbolic.onnx', '[a, b, c, d, e]'), []);
      assert.deepEqual(await run('binary.onnx', '[no, yes]'), []);
      assert.deepEqual(await run('three.onnx', '[a, b, c]'), []);
      assert.match(
        (await run('three.onnx', '[a, b]'))[0] ?? '',
        /has 2 names, but output `y` of `three.onnx` has width 3/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
