/**
 * EXP-002 at its edges: labels that are not a list, empty, all empty items, one class, two and three classes; each
 * duplicate flagged on its own item with a fix removing that item (property over lists with repeats); the positive
 * label only asked of a two-class task, and checked whenever it is given.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, service, only } from './support';

let n = 0;

async function exp002(task: string): Promise<{ diagnostics: LiftoffDiagnostic[]; text: string; uri: string }> {
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: labels\ntask:\n${task}`;
  const uri = `file:///tmp/exp002-${n++}.experiment.yaml`;
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-002');
  for (const d of diagnostics) assert.equal(d.severity, 1, `an error: ${d.message}`);
  return { diagnostics, text, uri };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));
const CLS = '  type: classification\n';

describe('EXP-002 boundaries', () => {
  it('labels that are not a list, empty, or without a class name; no labels at all pass', async () => {
    assert.deepEqual(messages((await exp002(`${CLS}  labels: {a: 1}\n`)).diagnostics), [
      '`task.labels` is not a list: list the class names, e.g. `labels: [normal, lesion]`, or remove the key to take them from the data.',
    ]);
    assert.deepEqual(messages((await exp002(`${CLS}  labels:\n`)).diagnostics), [
      '`task.labels` is empty: list the class names, e.g. `labels: [normal, lesion]`, or remove the key to take them from the data.',
    ]);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: []\n`)).diagnostics), [
      'A classification task needs at least two distinct classes in `task.labels`; found none.',
    ]);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [[a, b], {c: d}]\n`)).diagnostics), [
      'A classification task needs at least two distinct classes in `task.labels`; found none.',
    ]);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [a, a]\n  positive_label: a\n`)).diagnostics), [
      'A classification task needs at least two distinct classes in `task.labels`; found only `a`.',
      'Class `a` is listed twice in `task.labels`: each class appears once.',
    ]);
    assert.deepEqual(messages((await exp002(CLS)).diagnostics), []);
    assert.deepEqual(messages((await exp002('  type: regression\n  labels: [a]\n')).diagnostics), []);
  });

  it('every repeat of a class is flagged on its own item, and the fix removes that item (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 7 }),
        async (labels) => {
          const r = await exp002(`${CLS}  labels: [${labels.join(', ')}]\n  positive_label: a\n`);
          const twice = r.diagnostics.filter((d) => /twice/.test(String(d.message)));
          const repeats = labels.flatMap((l, i) => (labels.indexOf(l) < i ? [i] : []));
          assert.deepEqual(
            twice.map((d) => d.range.start.character),
            repeats.map((i) => 11 + labels.slice(0, i).reduce((s, l) => s + l.length + 2, 0)),
          );
          for (const [k, d] of twice.entries()) {
            const i = repeats[k]!;
            assert.deepEqual(fixTitles(d), [`Remove the duplicate \`${labels[i]}\``]);
            const action = service.codeActions({ uri: r.uri, text: r.text }, [d])[0];
            const after = applyEdits(r.text, action!.edit!.changes![r.uri]!);
            const rest = labels.filter((_, j) => j !== i);
            assert.match(after, new RegExp(`labels: \\[${rest.join(', ')}\\]\\n`));
          }
          const distinct = new Set(labels).size;
          const others = r.diagnostics.filter((d) => !/twice/.test(String(d.message))).map((d) => String(d.message));
          if (distinct < 2) assert.match(others[0] ?? '', /found only `\w`/);
          else if (!labels.includes('a'))
            assert.match(others[0] ?? '', /`task.positive_label` is `a`, which is not one of/);
          else assert.deepEqual(others, []);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the positive label: asked of two classes only, checked when given, named when it is not a name', async () => {
    const two = await exp002(`${CLS}  labels: [no, yes]\n`);
    assert.deepEqual(messages(two.diagnostics), [
      '`task.labels` has two classes (`no`, `yes`), so this is a binary task: set `task.positive_label` to the class that counts as positive (used by precision, recall, F1 and AUC).',
    ]);
    assert.deepEqual(two.diagnostics[0]!.range.start, { line: 6, character: 10 });
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [a, b, c]\n`)).diagnostics), []);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [a, b, c]\n  positive_label: c\n`)).diagnostics), []);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [a, b]\n  positive_label: b\n`)).diagnostics), []);
    const unknown = await exp002(`${CLS}  labels: [a, b, c]\n  positive_label: d\n`);
    assert.deepEqual(messages(unknown.diagnostics), [
      '`task.positive_label` is `d`, which is not one of `task.labels` (`a`, `b`, `c`): name the class that counts as positive.',
    ]);
    assert.deepEqual(unknown.diagnostics[0]!.range.start, { line: 7, character: 18 });
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [a, b]\n  positive_label: [a]\n`)).diagnostics), [
      '`task.positive_label` is not a class name, so it is not one of `task.labels` (`a`, `b`): name the class that counts as positive.',
    ]);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [a, b]\n  positive_label:\n`)).diagnostics), [
      '`task.labels` has two classes (`a`, `b`), so this is a binary task: set `task.positive_label` to the class that counts as positive (used by precision, recall, F1 and AUC).',
    ]);
    assert.deepEqual(messages((await exp002(`${CLS}  labels: [0, 1]\n  positive_label: 1\n`)).diagnostics), []);
  });
});
