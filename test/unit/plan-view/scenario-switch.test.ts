/**
 * The plan preview's scenario switcher: the scenario's text (core scenarioText), its view model from the server
 * (server/src/plan-scenario.ts: figures, charts and rules of the scenario, the side-by-side table of the plan), the
 * messages it adds to the contract, and the switcher and banner the renderer draws.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { applyScenario, scenariosOf, scenarioText } from '../../../core/src/plan';
import { renderPlanHtml, renderPlanParts } from '../../../core/src/plan/render';
import { parseHostMessage, parseState, parseWebviewMessage } from '../../../client/src/panels/plan-preview/contract';
import { planViewModelFor } from '../../../server/src/plan-scenario';
import { figure, planFixture, section, service } from './support';

const FILE = planFixture('what-if.plan.yaml');
const TEXT = readFileSync(FILE, 'utf8');
const URI = pathToFileURL(FILE).toString();

async function viewOf(text: string, scenario?: string) {
  const doc = { uri: URI, text, version: 3 };
  return planViewModelFor(service, doc, await service.validate(doc), scenario);
}

const withoutScenarios = (data: unknown) => {
  const rest = { ...(data as Record<string, unknown>) };
  delete rest.scenarios;
  return rest;
};

describe('plan preview: scenario switcher', () => {
  describe('scenarioText', () => {
    it('writes each scenario’s changes in place, every line where it was', () => {
      const data = parse(TEXT) as unknown;
      for (const s of scenariosOf(data)) {
        const text = scenarioText(TEXT, s)!;
        assert.equal(text.split('\n').length, TEXT.split('\n').length, s.name);
        assert.deepEqual(withoutScenarios(parse(text)), applyScenario(data, s).data, s.name);
        // Lines without a change are untouched.
        const changed = text.split('\n').filter((l, i) => l !== TEXT.split('\n')[i]);
        assert.ok(changed.length <= s.changes.length, `${s.name}: ${changed.join(' | ')}`);
      }
    });

    it('replaces a block value spanning lines with one line, padded so later lines keep their numbers', () => {
      const text = 'financials:\n  monthly_burn:\n    low: 1\n    high: 2\n  note: x\nscenarios: []\n';
      const out = scenarioText(text, { name: 's', index: 0, changes: [{ key: 'financials.monthly_burn', value: 5 }] });
      assert.equal(out, 'financials:\n  monthly_burn:\n    5\n\n  note: x\nscenarios: []\n');
      assert.deepEqual(parse(out!), { financials: { monthly_burn: 5, note: 'x' }, scenarios: [] });
    });

    it('leaves out changes that do not apply (as applyScenario does)', () => {
      const s = {
        name: 's',
        index: 0,
        changes: [
          { key: 'financials.nope', value: 1 },
          { key: '..', value: 2 },
        ],
      };
      assert.equal(scenarioText(TEXT, s), TEXT);
    });

    it('property: for any scalar values, the text parses to applyScenario’s plan and keeps its line count', () => {
      const data = parse(TEXT) as unknown;
      const scalar = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      );
      fc.assert(
        fc.property(scalar, scalar, (burn, cash) => {
          const s = {
            name: 'p',
            index: 0,
            changes: [
              { key: 'financials.monthly_burn', value: burn },
              { key: 'financing.cash_on_hand', value: cash },
            ],
          };
          const text = scenarioText(TEXT, s)!;
          assert.equal(text.split('\n').length, TEXT.split('\n').length);
          assert.deepEqual(withoutScenarios(parse(text)), applyScenario(data, s).data);
        }),
        // -0 once lost its sign in the text (JSON writes it as 0): pinned so every run checks it.
        {
          numRuns: 60,
          examples: [
            [-0, -0],
            [0, -0],
          ],
        },
      );
    });
  });

  describe('the server’s model of a scenario', () => {
    it('shows the chosen scenario’s figures, keeps the plan’s side-by-side table and offers every name', async () => {
      const plan = await viewOf(TEXT);
      assert.deepEqual(plan.scenarios, { names: ['pessimistic', 'optimistic'] });
      assert.equal(figure(plan.summary, 'runway').value, '10 months');
      const pessimistic = await viewOf(TEXT, 'pessimistic');
      assert.deepEqual(pessimistic.scenarios, { names: ['pessimistic', 'optimistic'], shown: 'pessimistic' });
      assert.equal(figure(pessimistic.summary, 'runway').value, '7.5 months');
      assert.equal(pessimistic.uri, URI);
      assert.equal(pessimistic.version, 3);
      assert.deepEqual(section(pessimistic, 'scenarios'), section(plan, 'scenarios'));
      const optimistic = await viewOf(TEXT, 'optimistic');
      assert.equal(figure(optimistic.summary, 'runway').value, '13.3 months');
      // A click still reveals the plan's own line (the scenario's text keeps every line number).
      const burnLine = TEXT.split('\n').findIndex((l) => l.includes('monthly_burn: "¥250k'));
      const refs: Array<{ path: unknown[]; range?: { start: { line: number } } }> = [];
      JSON.stringify(section(pessimistic, 'financials'), (k, v: unknown) => {
        if (k === 'ref') refs.push(v as (typeof refs)[number]);
        return v;
      });
      const burn = refs.find((r) => r.path.join('.') === 'financials.monthly_burn' && r.range);
      assert.equal(burn?.range?.start.line, burnLine);
    });

    it('shows the scenario’s rules: a change that breaks one is reported in the scenario only', async () => {
      const text = TEXT.replace('"financials.periods[1].profit": -1700000', '"financials.periods[1].profit": 5');
      const codes = (m: Awaited<ReturnType<typeof viewOf>>) =>
        [...m.diagnostics, ...m.sections.filter((s) => s.id !== 'scenarios').flatMap((s) => s.diagnostics)].map(
          (d) => d.code,
        );
      assert.ok(!codes(await viewOf(text)).includes('PLAN-005'));
      const shown = await viewOf(text, 'pessimistic');
      assert.ok(codes(shown).includes('PLAN-005'), codes(shown).join(', '));
      assert.ok(shown.counts.warnings + shown.counts.errors >= 1);
    });

    it('falls back to the plan as written, saying so, when the scenario is gone; none without scenarios', async () => {
      const gone = await viewOf(TEXT, 'renamed');
      assert.deepEqual(gone.scenarios, { names: ['pessimistic', 'optimistic'], missing: 'renamed' });
      assert.equal(figure(gone.summary, 'runway').value, '10 months');
      const bare = TEXT.slice(0, TEXT.indexOf('scenarios:'));
      assert.equal((await viewOf(bare)).scenarios, undefined);
      assert.deepEqual((await viewOf(bare, 'pessimistic')).scenarios, { names: [], missing: 'pessimistic' });
    });
  });

  describe('contract and rendering', () => {
    it('validates the switcher’s message, the model’s switcher and the saved choice', async () => {
      assert.deepEqual(parseWebviewMessage({ type: 'scenario', name: 'pessimistic' }), {
        type: 'scenario',
        name: 'pessimistic',
      });
      assert.deepEqual(parseWebviewMessage({ type: 'scenario', name: null }), { type: 'scenario', name: null });
      for (const bad of [{ type: 'scenario' }, { type: 'scenario', name: 3 }, { type: 'scenario', name: '' }])
        assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
      assert.equal(parseWebviewMessage({ type: 'scenario', name: 'x'.repeat(5000) }), undefined);
      const model = await viewOf(TEXT, 'pessimistic');
      assert.equal(parseHostMessage(JSON.parse(JSON.stringify({ type: 'model', model })))?.type, 'model');
      for (const scenarios of [{ names: 'a' }, { names: [1] }, { names: [], shown: 2 }, 'x'])
        assert.equal(parseHostMessage({ type: 'model', model: { ...model, scenarios } }), undefined);
      assert.deepEqual(parseState({ uri: 'u', scenario: 'pessimistic' }), { uri: 'u', scenario: 'pessimistic' });
      assert.deepEqual(parseState({ uri: 'u', scenario: 7 }), { uri: 'u' });
    });

    it('draws a labelled select with the chosen scenario selected, and a banner saying what the page shows', async () => {
      const model = await viewOf(TEXT, 'pessimistic');
      const parts = renderPlanParts(model, { interactive: true });
      assert.deepEqual(
        parts.slice(0, 2).map((p) => p.key),
        ['header', 'scenario-switch'],
      );
      const sw = parts[1]!.html;
      assert.match(sw, /<label id="scenario-switch-label" for="scenario-select">Show scenario<\/label>/);
      assert.match(sw, /<select id="scenario-select"[^>]*>/);
      assert.match(sw, /<option value="pessimistic" selected>pessimistic<\/option>/);
      assert.match(sw, /<option value="">Plan as written<\/option>/);
      assert.match(parts[0]!.html, /class="banner scenario" data-scenario="pessimistic"/);
      // The export has no switcher (no script) but says which scenario it shows.
      const html = renderPlanHtml(model, { interactive: false });
      assert.doesNotMatch(html, /<select/);
      assert.match(html, /data-scenario="pessimistic"/);
      // The plan as written: the switcher's first option is selected, no banner.
      const plain = renderPlanParts(await viewOf(TEXT), { interactive: true });
      assert.match(plain[1]!.html, /<option value="" selected>Plan as written<\/option>/);
      assert.doesNotMatch(plain[0]!.html, /banner scenario/);
      // Names are text: escaped.
      const hostile = renderPlanParts(
        { ...model, scenarios: { names: ['<img src=x onerror=alert(1)>'] } },
        { interactive: true },
      );
      assert.doesNotMatch(hostile[1]!.html, /<img/);
    });
  });
});
