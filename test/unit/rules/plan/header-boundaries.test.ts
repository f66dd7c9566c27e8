/**
 * The header rule (EXP-001 / PLAN-000, `rules/header.ts`) at its edges: a document that is a single value or a list,
 * an empty document after others, one or both header lines missing (the fix's text, an indented mapping, a flow
 * mapping without a fix), a wrong or empty `apiVersion`, a kind that is another known kind, and the exact messages.
 */
import * as assert from 'node:assert/strict';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, service } from './support';

let serial = 0;
async function header(text: string, suffix = '.experiment.yaml') {
  serial += 1;
  const doc = { uri: `file:///tmp/headerb-${serial}${suffix}`, text };
  const diagnostics = (await service.validate(doc)).filter((d) => d.code === 'EXP-001' || d.code === 'PLAN-000');
  return { doc, diagnostics };
}
const shape = (ds: LiftoffDiagnostic[]) =>
  ds.map((d) => [
    d.code,
    d.severity,
    d.message,
    [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  ]);
function fixed(doc: { uri: string; text: string }, ds: LiftoffDiagnostic[]): string {
  const [action] = service.codeActions(doc, ds);
  assert.ok(action?.edit?.changes?.[doc.uri], 'a fix');
  return applyEdits(doc.text, action.edit.changes[doc.uri]!);
}

describe('header rule boundaries (EXP-001 / PLAN-000)', () => {
  it('explains a document that is a single value or a list, on the whole value', async () => {
    assert.deepEqual(shape((await header('# c\njust text\n')).diagnostics), [
      [
        'EXP-001',
        1,
        'A Experiment document must be a mapping that starts with `apiVersion: liftoff/v1` and `kind: Experiment`; this one is a single value.',
        [1, 0, 2, 0],
      ],
    ]);
    assert.deepEqual(shape((await header('- a\n- b\n', '.plan.yaml')).diagnostics), [
      [
        'PLAN-000',
        1,
        'A BusinessPlan document must be a mapping that starts with `apiVersion: liftoff/v1` and `kind: BusinessPlan`; this one is a list.',
        [0, 0, 2, 0],
      ],
    ]);
  });

  it('names both missing lines and inserts both, one per line, at the first key', async () => {
    const { doc, diagnostics } = await header('# c\nmetadata: {name: x}\n');
    assert.deepEqual(shape(diagnostics), [
      [
        'EXP-001',
        1,
        'Missing `apiVersion: liftoff/v1` and `kind: Experiment`: every Experiment document starts with this header so Liftoff (and other tools) know what it is.',
        [1, 0, 1, 19],
      ],
    ]);
    assert.deepEqual(fixTitles(diagnostics[0]), ['Insert `apiVersion: liftoff/v1` and `kind: Experiment`']);
    assert.equal(fixed(doc, diagnostics), '# c\napiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: x}\n');
  });

  it('names the one missing line, and indents the inserted lines like an indented mapping', async () => {
    const { doc, diagnostics } = await header('  kind: Experiment\n  metadata: {name: x}\n');
    assert.deepEqual(shape(diagnostics), [
      [
        'EXP-001',
        1,
        'Missing `apiVersion: liftoff/v1`: every Experiment document starts with this header so Liftoff (and other tools) know what it is.',
        [0, 0, 0, 18],
      ],
    ]);
    assert.deepEqual(fixTitles(diagnostics[0]), ['Insert `apiVersion: liftoff/v1`']);
    assert.equal(fixed(doc, diagnostics), '  apiVersion: liftoff/v1\n  kind: Experiment\n  metadata: {name: x}\n');
    const both = await header('  metadata: {name: x}\n');
    assert.equal(
      fixed(both.doc, both.diagnostics),
      '  apiVersion: liftoff/v1\n  kind: Experiment\n  metadata: {name: x}\n',
    );
  });

  it('offers no insert into a flow mapping', async () => {
    const { diagnostics } = await header('{metadata: {name: x}}\n');
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(fixTitles(diagnostics[0]), []);
  });

  it('flags a wrong or empty apiVersion with a fix, even one that is a kind name', async () => {
    for (const [value, found, range] of [
      ['v2', '`v2`', [0, 12, 0, 14]],
      ['Experiment', '`Experiment`', [0, 12, 0, 22]],
      ['', 'nothing', [0, 11, 0, 11]],
    ] as const) {
      const { doc, diagnostics } = await header(`apiVersion: ${value}\nkind: Experiment\n`.replace(': \n', ':\n'));
      assert.deepEqual(
        shape(diagnostics),
        [['EXP-001', 1, `apiVersion must be \`liftoff/v1\`, found ${found}.`, range]],
        value,
      );
      assert.deepEqual(fixTitles(diagnostics[0]), ['Change to `liftoff/v1`']);
      assert.match(fixed(doc, diagnostics), /^apiVersion: ?liftoff\/v1\nkind: Experiment\n$/);
    }
  });

  it('accepts another known kind (other rules report the mismatch) and flags an unknown one', async () => {
    assert.deepEqual((await header('apiVersion: liftoff/v1\nkind: BusinessPlan\n')).diagnostics, []);
    assert.deepEqual(shape((await header('apiVersion: liftoff/v1\nkind: 3\n')).diagnostics), [
      ['EXP-001', 1, 'Unknown kind: expected one of Experiment, BusinessPlan, found `3`.', [1, 6, 1, 7]],
    ]);
  });

  it('reports an empty document after `---` as empty, after its `---` line, and inserts the header there', async () => {
    const { doc, diagnostics } = await header('apiVersion: liftoff/v1\nkind: Experiment\n---\n# nothing\n');
    assert.deepEqual(shape(diagnostics), [
      [
        'EXP-001',
        1,
        'Empty Experiment document: it needs at least `apiVersion: liftoff/v1` and `kind: Experiment`.',
        [3, 0, 3, 0],
      ],
    ]);
    assert.deepEqual(fixTitles(diagnostics[0]), ['Insert the Experiment header']);
    assert.equal(
      fixed(doc, diagnostics),
      'apiVersion: liftoff/v1\nkind: Experiment\n---\napiVersion: liftoff/v1\nkind: Experiment\n# nothing\n',
    );
    const bare = await header('apiVersion: liftoff/v1\nkind: Experiment\n---\n');
    assert.deepEqual(shape(bare.diagnostics), [
      [
        'EXP-001',
        1,
        'Empty Experiment document: it needs at least `apiVersion: liftoff/v1` and `kind: Experiment`.',
        [3, 0, 3, 0],
      ],
    ]);
    assert.equal(
      fixed(bare.doc, bare.diagnostics),
      'apiVersion: liftoff/v1\nkind: Experiment\n---\napiVersion: liftoff/v1\nkind: Experiment\n',
    );
    // Where the empty document starts at the start of a line, the header goes there.
    for (const [text, line, character] of [
      ['', 0, 0],
      ['# only a comment\n', 0, 0],
      ['---\n---\napiVersion: liftoff/v1\nkind: Experiment\n', 1, 0],
      // A last `---` without a line break after it: there is no next line.
      ['apiVersion: liftoff/v1\nkind: Experiment\n---', 2, 3],
    ] as const) {
      const { diagnostics } = await header(text);
      const at = { line, character };
      assert.deepEqual(
        diagnostics.map((d) => [d.message, d.range, d.data?.fixes?.[0]?.edits?.[0]?.range]),
        [
          [
            'Empty Experiment document: it needs at least `apiVersion: liftoff/v1` and `kind: Experiment`.',
            { start: at, end: at },
            { start: at, end: at },
          ],
        ],
        JSON.stringify(text),
      );
    }
    // An explicit null is a value, not an empty document.
    assert.match(
      String((await header('apiVersion: liftoff/v1\nkind: Experiment\n---\n~\n')).diagnostics[0]?.message),
      /this one is a single value\.$/,
    );
  });
});
