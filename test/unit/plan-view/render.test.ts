import * as assert from 'node:assert/strict';
import {
  renderPlanHtml,
  renderPlanMarkdown,
  renderPlanParts,
  renderStandaloneHtml,
} from '../../../core/src/plan/render';
import { EXAMPLE, modelOf, planFixture } from './support';

describe('plan renderers (preview and export)', () => {
  it('escape every piece of plan text: no <script> or attribute injection gets through', async () => {
    const model = await modelOf(planFixture('script-injection.plan.yaml'));
    for (const interactive of [true, false]) {
      const html = renderPlanHtml(model, { interactive });
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<img|<svg onload|<b onmouseover/i);
      assert.match(html, /&lt;script&gt;alert\(&#39;title&#39;\)&lt;\/script&gt;/);
      assert.match(html, /&lt;script&gt;alert\(&#39;risk&#39;\)/);
      assert.match(html, /&lt;script&gt;alert\(&#39;gantt&#39;\)/, 'SVG labels are escaped too');
      assert.doesNotMatch(html, /"><script/);
    }
    const standalone = renderStandaloneHtml(model);
    assert.doesNotMatch(standalone, /<script/i, 'the export has no script at all');
    const md = renderPlanMarkdown(model);
    assert.doesNotMatch(md, /(^|[^\\])<(script|img|b )/im, 'every < in plan text is backslash-escaped');
    assert.match(md, /\\<script\\>alert\('title'\)\\<\/script\\>/);
  });

  it('keeps the webview CSP strict: no inline style attributes, no event handlers, data-path only when interactive', async () => {
    const model = await modelOf(EXAMPLE);
    const interactive = renderPlanHtml(model, { interactive: true });
    const exported = renderPlanHtml(model, { interactive: false });
    for (const html of [interactive, exported]) {
      assert.doesNotMatch(html, /\sstyle=/);
      assert.doesNotMatch(html, /\son[a-z]+=/);
    }
    assert.match(interactive, /data-path="\[&quot;risks&quot;,0\]"/);
    assert.match(interactive, /<vscode-badge|No problems/);
    assert.doesNotMatch(exported, /data-path|vscode-badge/);
    for (const chart of ['funnel', 'revenue-streams', 'use-of-funds', 'periods', 'gantt', 'heatmap'])
      assert.match(interactive, new RegExp(`data-chart="${chart}"`));
    assert.equal((interactive.match(/class="heat-cell"/g) ?? []).length, 25);
  });

  it('splits the page into a header and one part per section, for patching', async () => {
    const model = await modelOf(EXAMPLE);
    const parts = renderPlanParts(model, { interactive: true });
    assert.equal(parts.length, model.sections.length + 1);
    assert.equal(parts[0]?.key, 'header');
    assert.equal(parts[6]?.key, 'sec-market');
    const edited = await modelOf(
      EXAMPLE,
      (await import('node:fs')).readFileSync(EXAMPLE, 'utf8').replace('tiered', 'freemium'),
    );
    const after = renderPlanParts(edited, { interactive: true });
    const changed = after.filter((p, i) => p.html !== parts[i]?.html).map((p) => p.key);
    assert.deepEqual(changed, ['sec-business_model'], 'an edit in one section changes only that part');
  });

  it('the standalone export inlines its CSS for light and dark and needs nothing else', async () => {
    const html = renderStandaloneHtml(await modelOf(EXAMPLE), { generator: 'Liftoff test' });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(
      html,
      /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/,
    );
    assert.match(html, /@media \(prefers-color-scheme: dark\)/);
    assert.match(html, /<svg class="periods-svg"/);
    assert.doesNotMatch(html, /<link|src="http|href="http/);
  });

  it('writes Markdown with numbered sections, key figures and tables', async () => {
    const md = renderPlanMarkdown(await modelOf(EXAMPLE));
    assert.match(md, /^# LungScan AI seed plan\n/);
    assert.match(md, /\*\*Company:\*\* Example Medtech Ltd · \*\*Stage:\*\* Seed/);
    assert.match(md, /> Liftoff found no problems in this plan\./);
    assert.match(md, /^## Key figures$/m);
    assert.match(md, /^\| Runway \| 10 months \| ¥3M cash ÷ ¥300k\/month burn · cash runs out around 2026-11-15 \|$/m);
    assert.match(md, /^\| Break-even \| 2027 \|/m);
    const headings = md.split('\n').filter((l) => l.startsWith('## ') && l !== '## Key figures');
    assert.deepEqual(headings.slice(0, 3), ['## 1. Overview', '## 2. Problem', '## 3. Solution']);
    assert.equal(headings.length, 16);
    assert.match(md, /^\| TAM \| ¥12bn \|  \| 2026 · Top-down/m);
    assert.match(md, /^\| 3 \| · \| · \| 1 \| 1 \| 1 \|$/m, 'heat-map row for likelihood 3');
    assert.match(md, /^\| 2027 · break-even \| ¥8M \| ¥7.7M \| ¥300k \|$/m);
    assert.match(md, /^- \*\*CEO:\*\* Wang Fang \(founder\) — fundraising, hospital partnerships$/m);
    assert.match(md, /^\| Nodule detection sensitivity \| 80 % \| 92 % \| increase \|/m);
  });

  it('shows diagnostics in the Markdown beside their section', async () => {
    const text = (await import('node:fs'))
      .readFileSync(EXAMPLE, 'utf8')
      .replace('{category: R&D, pct: 40}', '{category: R&D, pct: 45}');
    const md = renderPlanMarkdown(await modelOf(EXAMPLE, text));
    const financing = md.slice(md.indexOf('## 11. Financing'), md.indexOf('## 12. Financials'));
    assert.match(financing, /^> \*\*error\*\* PLAN-004 \(line \d+\): \\`use\\_of\\_funds\\` adds up to 105 %/m);
  });
});
