import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { revealLines } from '../../../core/src/plan';
import { diffPlanDocuments, planSnapshot } from '../../../server/src/service';
import { parseHostMessage, parseWebviewMessage } from '../../../client/src/panels/plan-diff/contract';
import { EXAMPLE, service } from './support';

const text = readFileSync(EXAMPLE, 'utf8');
const uri = pathToFileURL(EXAMPLE).toString();

async function diffOf(edited: string) {
  const a = { uri, text };
  const b = { uri, text: edited };
  return diffPlanDocuments(a, await service.validate(a), b, await service.validate(b));
}

describe('plan diff of documents (language service)', () => {
  it('locates each changed input and figure on its YAML line, with money in the plan currency', async () => {
    const { diff, problems } = await diffOf(text.replace('monthly_burn: "¥300k"', 'monthly_burn: "¥450k"'));
    assert.deepEqual(problems, [undefined, undefined]);
    const [input] = diff.inputs;
    const line = text.split('\n').findIndex((l) => l.includes('monthly_burn')) + 1;
    assert.equal(input?.pathText, 'financials.monthly_burn');
    assert.equal(input?.oldLine, line);
    assert.equal(input?.newLine, line);
    const burn = diff.figures.find((f) => f.id === 'burn');
    assert.equal(burn?.delta, '+¥150k');
    assert.equal(burn?.line, line);
    const cashLine = text.split('\n').findIndex((l) => l.includes('cash_on_hand')) + 1;
    assert.equal(diff.figures.find((f) => f.id === 'runway')?.line, cashLine);
    // The panel's click lookup finds the same lines.
    const lines = revealLines(diff);
    assert.equal(lines.get(`b${JSON.stringify(['financials', 'monthly_burn'])}`), line);
  });

  it('a rule newly failing: use-of-funds shares that no longer add up to 100 (PLAN-004)', async () => {
    const { diff } = await diffOf(text.replace('{category: reserve, pct: 15}', '{category: reserve, pct: 25}'));
    const rule = diff.rules.find((r) => r.code === 'PLAN-004');
    assert.equal(rule?.status, 'fails', JSON.stringify(diff.rules));
    assert.ok(rule.line && rule.line > 1);
    const back = await (async () => {
      const a = { uri, text: text.replace('{category: reserve, pct: 15}', '{category: reserve, pct: 25}') };
      const b = { uri, text };
      return diffPlanDocuments(a, await service.validate(a), b, await service.validate(b));
    })();
    assert.equal(back.diff.rules.find((r) => r.code === 'PLAN-004')?.status, 'passes');
  });

  it('says why a side cannot be compared: a syntax error, or not a plan', () => {
    assert.match(
      planSnapshot({ uri, text: 'kind: BusinessPlan\nmetadata: [\n' }).problem ?? '',
      /YAML syntax error at line/,
    );
    assert.match(
      planSnapshot({ uri: 'file:///x.yaml', text: 'apiVersion: liftoff/v1\nkind: Experiment\n' }).problem ?? '',
      /not a business plan/,
    );
  });
});

describe('plan compare message contract', () => {
  it('accepts ready and reveal (with a version) and rejects anything else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', path: ['risks', 1], version: 'a' }), {
      type: 'reveal',
      path: ['risks', 1],
      version: 'a',
    });
    for (const bad of [
      null,
      { type: 'reveal', path: ['risks'] },
      { type: 'reveal', path: ['risks'], version: 'c' },
      { type: 'reveal', path: [-1], version: 'b' },
      { type: 'reveal', path: Array(100).fill('a'), version: 'b' },
      { type: 'exec', command: 'git' },
    ])
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
  });

  it('accepts a real diff and an error from the host; rejects malformed ones', async () => {
    const { diff } = await diffOf(text.replace('cash_on_hand: "¥3M"', 'cash_on_hand: "¥4M"'));
    const msg = JSON.parse(JSON.stringify({ type: 'diff', diff, labels: { a: 'HEAD', b: 'plan' } })) as unknown;
    assert.equal(parseHostMessage(msg)?.type, 'diff');
    assert.equal(parseHostMessage({ type: 'error', message: 'x' })?.type, 'error');
    assert.equal(parseHostMessage({ type: 'diff', diff: { inputs: [] }, labels: { a: 'a', b: 'b' } }), undefined);
    assert.equal(parseHostMessage({ type: 'diff', diff, labels: { a: 1, b: 'b' } }), undefined);
  });
});
