/**
 * PLAN-013 at its edges: each lead role and each ML role is enough on its own; responsibilities as a list (blank and
 * non-text items do not count) or as one text; a team without a `members` key is reported on `team`.
 */
import * as assert from 'node:assert/strict';
import type { LiftoffDiagnostic } from '../../../../server/src/service';
import { diagnosticsOf } from './support';

let serial = 0;
async function plan013(team: string): Promise<LiftoffDiagnostic[]> {
  serial += 1;
  const text = `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: team}\n${team}\n`;
  return diagnosticsOf({ uri: `file:///tmp/plan013b-${serial}.plan.yaml`, text }, 'PLAN-013');
}
const member = (id: string, role: string, resp = '[x]') =>
  `    - {id: ${id}, role: ${role}, responsibilities: ${resp}}`;
const team = (...members: string[]) => `team:\n  members:\n${members.join('\n')}`;
const NO_LEAD =
  'The team has no product or project lead (`role: product_manager` or `project_manager`): someone must own the roadmap and delivery.';
const NO_ML =
  'The team has no ML role (`role: data_scientist`, `ml_engineer` or `algorithm_engineer`): an AI product needs someone who builds and evaluates the models — add one, or a planned hire.';
const messages = async (text: string) => (await plan013(text)).map((d) => d.message);

describe('PLAN-013 boundaries', () => {
  it('accepts each lead role and each ML role on its own', async () => {
    for (const lead of ['product_manager', 'project_manager'])
      for (const ml of ['data_scientist', 'ml_engineer', 'algorithm_engineer'])
        assert.deepEqual(await messages(team(member('a', lead), member('b', ml))), [], `${lead} + ${ml}`);
    assert.deepEqual(await messages(team(member('a', 'ceo'), member('b', 'ml_engineer'))), [NO_LEAD]);
    assert.deepEqual(await messages(team(member('a', 'product_manager'), member('b', 'cto'))), [NO_ML]);
  });

  it('needs one responsibility with text, in a list or as one value', async () => {
    const ds = await plan013(
      team(
        member('a', 'product_manager', '["  ", 3, ~]'),
        member('b', 'ml_engineer', '"  "'),
        '    - {id: c, role: cto}',
        member('d', 'cto', 'roadmap'),
        member('e', 'cto', '[" ", hiring]'),
        member('f', 'cto', '[]'),
      ),
    );
    assert.deepEqual(
      ds.map((d) => [d.message, d.severity, d.range.start.line]),
      ['a', 'b', 'c', 'f'].map((id, i) => [
        `Team member \`${id}\` has no responsibilities: list at least one thing they own (e.g. "training pipeline", "hospital partnerships").`,
        2,
        [5, 6, 7, 10][i],
      ]),
    );
  });

  it('reports a team without members on `team`, and one with an empty list on `members`', async () => {
    const [none] = await plan013('team: {size: 3}');
    assert.match(String(none?.message), /^The team lists no members/);
    assert.deepEqual(none?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } });
    const [empty] = await plan013('team:\n  members: []');
    assert.deepEqual(empty?.range, { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } });
    assert.equal(empty?.severity, 2);
    assert.deepEqual(await plan013('overview: {background: x}'), []);
  });
});
