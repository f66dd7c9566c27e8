import * as assert from 'node:assert/strict';
import { parseReviewFile } from '../../../core/src/plan';
import { attachReview, renderPlanHtml, renderPlanMarkdown, renderStandaloneHtml } from '../../../core/src/plan/render';
import { createLanguageService } from '../../../server/src/service';
import { parseState, parseHostMessage } from '../../../client/src/panels/plan-preview/contract';

const PLAN = `apiVersion: liftoff/v1
kind: BusinessPlan
metadata:
  name: Review view
  currency: USD
financials:
  monthly_burn: "$30k"
  cash_on_hand: "$300k"
risks:
  - {id: r-data, title: Data access, category: technical, likelihood: 2, impact: 2, mitigation: Partners, owner: ceo}
`;

const REVIEW = `version: 1
threads:
  - id: t-burn01
    path: financials.monthly_burn
    comments:
      - {author: "<b>Ada</b>", date: 2026-12-06T01:30:00Z, body: "Why so high? <script>alert(1)</script>"}
  - id: t-risk01
    path: risks[r-data]
    status: resolved
    comments:
      - {author: Bo, date: 2026-12-06T01:30:00Z, body: "Fine now."}
  - id: t-gone01
    path: financials.gross_margin
    quote: "60 %"
    comments:
      - {author: Cy, date: 2026-12-06T01:30:00Z, body: "Source?"}
`;

describe('review threads in the plan views (preview, HTML and Markdown export)', () => {
  const service = createLanguageService();
  const base = service.planViewModel({ uri: 'file:///w/v.plan.yaml', text: PLAN });
  const model = attachReview(base, parseReviewFile(REVIEW), PLAN, 'v.plan.review.yaml');

  it('puts each thread in the section its path starts in, with where it is now; outdated ones apart', () => {
    const fin = model.sections.find((s) => s.id === 'financials')!;
    assert.deepEqual(
      fin.threads?.map((t) => [t.id, t.status, t.outdated, t.ref?.range?.start.line]),
      [['t-burn01', 'open', false, 6]],
    );
    assert.deepEqual(
      model.sections.find((s) => s.id === 'risks')!.threads?.map((t) => [t.id, t.status]),
      [['t-risk01', 'resolved']],
    );
    assert.deepEqual(
      model.review?.outdated.map((t) => [t.id, t.outdated, t.quote]),
      [['t-gone01', true, '60 %']],
    );
    assert.equal(model.review?.open, 2);
    assert.equal(model.review?.resolved, 1);
  });

  it('renders threads beside their sections, escaped, clickable in the preview only', () => {
    const html = renderPlanHtml(model, { interactive: true });
    const fin = html.slice(html.indexOf('id="sec-financials"'), html.indexOf('id="sec-risks"'));
    assert.match(fin, /<aside class="review-threads" aria-label="Review comments \(1 open of 1\)">/);
    assert.match(fin, /data-thread="t-burn01" data-thread-state="open"/);
    assert.match(fin, /<p class="review-anchor" data-path="\[&quot;financials&quot;,&quot;monthly_burn&quot;\]">/);
    assert.match(fin, /&lt;b&gt;Ada&lt;\/b&gt;/);
    assert.doesNotMatch(html, /<script>|<b>Ada/);
    assert.match(
      html,
      /data-thread-state="outdated".*This place is no longer in the plan; it read <q>60 %<\/q>\. The thread is kept in the review file\./s,
    );
    const standalone = renderStandaloneHtml(model, { generator: 'test' });
    assert.match(standalone, /data-thread="t-risk01" data-thread-state="resolved"/);
    assert.doesNotMatch(standalone, /data-path=/);
  });

  it('lists threads in the Markdown export', () => {
    const md = renderPlanMarkdown(model);
    assert.match(
      md,
      /> \*\*Open\*\* on `financials\.monthly_burn`\n> — \\<b\\>Ada\\<\/b\\>, 2026-12-06 01:30 UTC: Why so high\? \\<script\\>/,
    );
    assert.match(md, /> \*\*Outdated\*\* on `financials\.gross_margin`\n> \(no longer in the plan; it read “60 %”\)/);
  });

  it('the preview contract accepts a model with threads and refuses a malformed one', () => {
    assert.ok(parseHostMessage({ type: 'model', model }));
    assert.equal(parseHostMessage({ type: 'model', model: { ...model, review: { outdated: 3 } } }), undefined);
    assert.equal(
      parseHostMessage({ type: 'model', model: { ...model, sections: [{ id: 'x', threads: 'no' }] } }),
      undefined,
    );
    assert.ok(parseState({ uri: 'file:///w/v.plan.yaml' }));
  });
});
