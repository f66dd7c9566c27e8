/**
 * Posting only what changed (core/src/plan/render/delta.ts): after a typical edit only the edited section travels,
 * the webview puts the model back together equal to the one built, and a stub it cannot fill asks for the whole.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { applyDelta, isUnchanged, modelDelta } from '../../../core/src/plan/render';
import type { PlanViewModel, SectionView } from '../../../core/src/plan/render/model';
import { parseHostMessage } from '../../../client/src/panels/plan-preview/contract';
import { EXAMPLE, modelOf } from './support';

const byId = (m: PlanViewModel) => new Map<string, SectionView>(m.sections.map((s) => [s.id, s]));

describe('plan preview: posting only the sections that changed', () => {
  const text = readFileSync(EXAMPLE, 'utf8');

  it('posts every section first, then only the edited one; the webview rebuilds the same model', async () => {
    const before = await modelOf(EXAMPLE, text);
    const first = modelDelta(before, undefined);
    assert.equal(first.sent, before.sections.length);
    assert.ok(first.delta.sections.every((s) => !isUnchanged(s)));
    const edited = text.replace(
      /\{category: R&D, pct: (\d+)\}/,
      (_, n: string) => `{category: R&D, pct: ${Number(n) + 1}}`,
    );
    assert.notEqual(edited, text);
    const after = await modelOf(EXAMPLE, edited);
    const next = modelDelta(after, first.posted);
    const changed = next.delta.sections.filter((s) => !isUnchanged(s)).map((s) => (s as SectionView).id);
    assert.ok(changed.length >= 1 && changed.length < after.sections.length / 2, changed.join(', '));
    // What goes over the wire is what the webview validates and then rebuilds, equal to the model built.
    const msg = parseHostMessage(JSON.parse(JSON.stringify({ type: 'model', model: next.delta })));
    assert.equal(msg?.type, 'model');
    const rebuilt = applyDelta(msg!.type === 'model' ? msg!.model : next.delta, byId(before));
    assert.deepEqual(rebuilt, after);
    // Unchanged sections are the very objects the webview had (so it does not render them again).
    const kept = rebuilt!.sections.filter((s) => !changed.includes(s.id));
    assert.ok(kept.every((s) => byId(before).get(s.id) === s));
  });

  it('a stub naming a section the page does not have gives undefined (the page then asks for the whole model)', async () => {
    const model = await modelOf(EXAMPLE, text);
    const { delta } = modelDelta(model, modelDelta(model, undefined).posted);
    assert.equal(applyDelta(delta, new Map()), undefined);
  });

  it('property: for any sequence of section changes, applying each delta gives the model posted', () => {
    const section = (id: string, v: number): SectionView => ({
      id,
      number: 1,
      title: id,
      ref: { path: [id] },
      blocks: [{ kind: 'text', text: String(v), ref: { path: [id] } }],
      diagnostics: [],
    });
    const model = (ids: ReadonlyArray<[string, number]>): PlanViewModel => ({
      schema: 1,
      uri: 'file:///p.plan.yaml',
      status: 'ok',
      title: 'p',
      facts: [],
      summary: [],
      sections: ids.map(([id, v]) => section(id, v)),
      diagnostics: [],
      counts: { errors: 0, warnings: 0, infos: 0 },
      missing: [],
      notes: [],
    });
    const step = fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e'), fc.integer({ min: 0, max: 3 })), {
      selector: ([id]) => id,
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        let posted;
        let shown = new Map<string, SectionView>();
        for (const ids of steps) {
          const m = model(ids);
          const out = modelDelta(m, posted);
          posted = out.posted;
          const rebuilt = applyDelta(JSON.parse(JSON.stringify(out.delta)) as typeof out.delta, shown);
          assert.deepEqual(rebuilt, m);
          shown = byId(rebuilt!);
        }
      }),
    );
  });

  it('the contract rejects malformed stubs and sections', async () => {
    const model = await modelOf(EXAMPLE, text);
    for (const sections of [[{ unchanged: 3 }], [{ unchanged: 'x', id: 'y' }], [{ id: 1, blocks: [] }], [{ id: 'x' }]])
      assert.equal(
        parseHostMessage({ type: 'model', model: { ...model, sections } }),
        undefined,
        JSON.stringify(sections),
      );
    assert.equal(
      parseHostMessage({ type: 'model', model: { ...model, sections: [{ unchanged: 'market' }] } })?.type,
      'model',
    );
  });
});
