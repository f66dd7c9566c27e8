/**
 * The quick-fix edits of the Experiment rules on real parsed YAML: filling an empty key (block and flow, with and
 * without its colon), inserting and appending pairs (indentation, end of file without a newline, flow mappings),
 * deleting a pair's lines, removing list items (block, flow, a one-value list), and which fixes are kept.
 */
import * as assert from 'node:assert/strict';
import type { Node, YAMLMap } from 'yaml';
import { parseFile } from '../../../../server/src/service/parse';
import {
  appendTo,
  deletePair,
  insertAfter,
  removeItem,
  replace,
  setEmpty,
  withFixes,
} from '../../../../server/src/service/rules/experiment/edits';
import { at } from '../../../../server/src/service/yaml-path';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only, service } from './support';

let n = 0;

function parsed(text: string) {
  const file = parseFile({ uri: `file:///tmp/edits-${n++}.experiment.yaml`, text });
  const root = file.documents[0]!.root;
  const entry = (...keys: string[]) => {
    const e = at(root, keys);
    assert.ok(e, keys.join('.'));
    return e;
  };
  const apply = (edit: ReturnType<typeof replace> | undefined) => {
    assert.ok(edit, 'an edit');
    return applyEdits(text, [edit]);
  };
  return { file, entry, apply };
}

describe('Experiment quick-fix edits', () => {
  it('setEmpty: after the colon in block and flow style; a flow key without a colon keeps the next pair whole', () => {
    const block = parsed('a:\n  b:\n  c: 1\n');
    assert.equal(block.apply(setEmpty(block.file, block.entry('a', 'b'), '1')), 'a:\n  b: 1\n  c: 1\n');
    const spaced = parsed('a:\n  b  :   # note\n  c: 1\n');
    assert.equal(spaced.apply(setEmpty(spaced.file, spaced.entry('a', 'b'), 'x')), 'a:\n  b: x   # note\n  c: 1\n');
    const flow = parsed('a: {b:, c: 1}\n');
    assert.equal(flow.apply(setEmpty(flow.file, flow.entry('a', 'b'), '2')), 'a: {b: 2, c: 1}\n');
    const bare = parsed('a: {b, c: 1}\n');
    assert.equal(bare.apply(setEmpty(bare.file, bare.entry('a', 'b'), '2')), 'a: {b: 2, c: 1}\n');
    const last = parsed('a: {c: 1, b}\n');
    assert.equal(last.apply(setEmpty(last.file, last.entry('a', 'b'), '2')), 'a: {c: 1, b: 2}\n');
  });

  it('a flow key without a colon: EXP-005 and EXP-015 fixes give valid YAML (failed before: the next colon was taken)', async () => {
    const cases: Array<[string, string, RegExp, string]> = [
      [
        'task:\n  type: classification\n  labels: [a, b, c]\nevaluation: {average, metrics: [f1]}\n',
        'EXP-005',
        /Add `average: macro`/,
        'evaluation: {average: macro, metrics: [f1]}\n',
      ],
      ['resources: {gpus, accelerator: gpu}\n', 'EXP-015', /Add `gpus: 1`/, 'resources: {gpus: 1, accelerator: gpu}\n'],
    ];
    for (const [body, code, title, after] of cases) {
      const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: flow\n${body}`;
      const uri = `file:///tmp/edits-${n++}.experiment.yaml`;
      const ds = only(await service.validate({ uri, text }), code);
      assert.equal(ds.length, 1, code);
      const action = service.codeActions({ uri, text }, ds).find((a) => title.test(a.title));
      assert.ok(action, String(title));
      const fixed = applyEdits(text, action.edit!.changes![uri]!);
      assert.ok(fixed.endsWith(after), fixed);
      const again = await service.validate({ uri: `file:///tmp/edits-${n++}.experiment.yaml`, text: fixed });
      assert.deepEqual(
        again.filter((d) => d.code === 'YAML' || d.code === code).map((d) => d.message),
        [],
        'the fixed text is valid YAML and satisfies the rule',
      );
    }
  });

  it('insertAfter: at the pair’s indentation, after its whole value, at the end of a file without a newline', () => {
    const nested = parsed('a:\n  b:\n    - 1\n    - 2\n  c: 3\n');
    assert.equal(
      nested.apply(insertAfter(nested.file, nested.entry('a', 'b'), 'x: 1')),
      'a:\n  b:\n    - 1\n    - 2\n  x: 1\n  c: 3\n',
    );
    const end = parsed('a:\n  b: 1');
    assert.equal(end.apply(insertAfter(end.file, end.entry('a', 'b'), 'x: 1')), 'a:\n  b: 1\n  x: 1\n');
    const endNl = parsed('a:\n  b: 1\n');
    assert.equal(endNl.apply(insertAfter(endNl.file, endNl.entry('a', 'b'), 'x: 1')), 'a:\n  b: 1\n  x: 1\n');
    const empty = parsed('a:\n  b:\nc: 1\n');
    assert.equal(empty.apply(insertAfter(empty.file, empty.entry('a', 'b'), 'x: 1')), 'a:\n  b:\n  x: 1\nc: 1\n');
    const flow = parsed('a: {b: 1}\n');
    assert.equal(insertAfter(flow.file, flow.entry('a', 'b'), 'x: 1'), undefined);
  });

  it('appendTo: after the last pair of a block mapping; nothing for an empty one', () => {
    const p = parsed('a:\n  b: 1\n  c:\n    d: 2\ne: 3\n');
    assert.equal(
      p.apply(appendTo(p.file, p.entry('a').node as YAMLMap, 'x: 1')),
      'a:\n  b: 1\n  c:\n    d: 2\n  x: 1\ne: 3\n',
    );
    const empty = parsed('a: {}\n');
    assert.equal(appendTo(empty.file, empty.entry('a').node as YAMLMap, 'x: 1'), undefined);
  });

  it('deletePair: the pair’s whole lines, its value included; not a pair sharing its line', () => {
    const p = parsed('a:\n  b:\n    - 1\n    - 2\n  c: 3\n');
    assert.equal(p.apply(deletePair(p.file, p.entry('a', 'b'))), 'a:\n  c: 3\n');
    assert.equal(p.apply(deletePair(p.file, p.entry('a', 'c'))), 'a:\n  b:\n    - 1\n    - 2\n');
    const last = parsed('a: 1\nb: 2');
    assert.equal(last.apply(deletePair(last.file, last.entry('b'))), 'a: 1\n');
    const empty = parsed('a:\nb: 2\n');
    assert.equal(empty.apply(deletePair(empty.file, empty.entry('a'))), 'b: 2\n');
    const flow = parsed('a: {b: 1, c: 2}\n');
    assert.equal(deletePair(flow.file, flow.entry('a', 'b')), undefined);
    const inline = parsed('- b: 1\n');
    const seq = inline.file.documents[0]!.doc.contents as unknown as { items: Node[] };
    assert.equal(deletePair(inline.file, at(seq.items[0], ['b'])!), undefined);
  });

  it('removeItem: a block line, a flow item with its comma (first, middle, last, only), a one-value list', () => {
    const block = parsed('l:\n  - a\n  - b\n  - c\n');
    const list = block.entry('l').node;
    assert.equal(block.apply(removeItem(block.file, list, 1)), 'l:\n  - a\n  - c\n');
    assert.equal(block.apply(removeItem(block.file, list, 2)), 'l:\n  - a\n  - b\n');
    const noNl = parsed('l:\n  - a\n  - b');
    assert.equal(noNl.apply(removeItem(noNl.file, noNl.entry('l').node, 1)), 'l:\n  - a\n');
    assert.equal(removeItem(block.file, list, 3), undefined);
    assert.equal(removeItem(block.file, block.entry('l').keyNode, 0), undefined);
    assert.equal(removeItem(block.file, null, 0), undefined);
    const flow = parsed('l: [a, b, c]\n');
    const fl = flow.entry('l').node;
    assert.equal(flow.apply(removeItem(flow.file, fl, 0)), 'l: [b, c]\n');
    assert.equal(flow.apply(removeItem(flow.file, fl, 1)), 'l: [a, c]\n');
    assert.equal(flow.apply(removeItem(flow.file, fl, 2)), 'l: [a, b]\n');
    const one = parsed('l: [a]\n');
    assert.equal(one.apply(removeItem(one.file, one.entry('l').node, 0)), 'l: []\n');
  });

  it('removeItem on a list written as one value: the value becomes `[]` (EXP-004 on `metrics: r2`)', async () => {
    const text =
      'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: one\ntask:\n  type: classification\nevaluation:\n  metrics: r2\n';
    const uri = `file:///tmp/edits-${n++}.experiment.yaml`;
    const ds = only(await service.validate({ uri, text }), 'EXP-004');
    assert.deepEqual(fixTitles(ds[0]), ['Remove `r2` from `evaluation.metrics`']);
    const action = service.codeActions({ uri, text }, ds)[0];
    assert.match(applyEdits(text, action!.edit!.changes![uri]!), /\n {2}metrics: \[\]\n$/);
  });

  it('withFixes keeps fixes whose edits all exist, in order, and leaves a diagnostic without any untouched', () => {
    const p = parsed('a: 1\n');
    const edit = replace(p.file, p.entry('a').node!, '2');
    const d = (): LiftoffDiagnostic => ({ range: edit.range, message: 'm', code: 'X' });
    const kept = withFixes(d(), [
      { title: 'none', edits: [] },
      { title: 'one', edits: [edit] },
      { title: 'missing', edits: [edit, undefined] },
      { title: 'two', edits: [edit, edit] },
    ]);
    assert.deepEqual(kept.data, {
      fixes: [
        { title: 'one', edits: [edit] },
        { title: 'two', edits: [edit, edit] },
      ],
    });
    assert.equal('data' in withFixes(d(), [{ title: 'none', edits: [undefined] }]), false);
    assert.equal(p.apply(edit), 'a: 2\n');
  });
});
