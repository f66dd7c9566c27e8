import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { errorText, hasChinese } from '../../../../core/src/l10n';
import {
  addThread,
  anchorPathOf,
  anchorThreads,
  assertWritable,
  formatReviewPath,
  offsetsOfPath,
  parseReviewFile,
  parseReviewPath,
  pathAtOffset,
  planDataOf,
  quoteAt,
  replyToThread,
  resolveReviewPath,
  reviewPathOf,
  REVIEW_LIMITS,
  serializeReviewFile,
  setThreadStatus,
  type ReviewFile,
} from '../../../../core/src/plan';

const PLAN = `apiVersion: liftoff/v1
kind: BusinessPlan
metadata:
  name: Review test
financials:
  monthly_burn: "¥300k"
  cash_on_hand: "¥3M"
risks:
  - {id: r-data, title: Data access, likelihood: 3, impact: 4}
  - id: r-cash
    title: Seed round slips
    likelihood: 2
`;

const comment = (body: string, author = 'Ada') => ({ author, date: '2026-12-06T01:30:00.000Z', body });

describe('plan review comments (core/src/plan/review)', () => {
  it('names the sidecar next to the plan', () => {
    assert.equal(reviewPathOf('/w/acme.plan.yaml'), '/w/acme.plan.review.yaml');
    assert.equal(reviewPathOf('/w/acme.plan.yml'), '/w/acme.plan.review.yml');
    assert.equal(reviewPathOf('/w/plan'), '/w/plan.review.yaml');
  });

  it('parses and writes paths with indices and item ids', () => {
    assert.deepEqual(parseReviewPath('risks[r-data].impact'), ['risks', { id: 'r-data' }, 'impact']);
    assert.deepEqual(parseReviewPath('financials.periods[1].revenue'), ['financials', 'periods', 1, 'revenue']);
    for (const bad of ['', '.a', 'a.', 'a..b', '[0]', 'a[', 'a[]', 'a]b', 'x'.repeat(REVIEW_LIMITS.pathChars + 1)])
      assert.equal(parseReviewPath(bad), undefined, bad);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.stringMatching(/^[a-z_][a-z0-9_ -]{0,8}$/),
            fc.nat(50),
            fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/).map((id) => ({ id })),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (segs) => {
          fc.pre(typeof segs[0] === 'string');
          assert.deepEqual(parseReviewPath(formatReviewPath(segs)), segs);
        },
      ),
    );
  });

  it('anchors to list items by id, so a thread follows its risk when the list is reordered', () => {
    const data = planDataOf(PLAN);
    const anchor = anchorPathOf(data, ['risks', 1, 'likelihood']);
    assert.equal(anchor, 'risks[r-cash].likelihood');
    const reordered = planDataOf(PLAN.replace(/ {2}- \{id: r-data.*\n/, '') + '  - {id: r-data, title: Data}\n');
    assert.deepEqual(resolveReviewPath(reordered, anchor), ['risks', 0, 'likelihood']);
    assert.deepEqual(resolveReviewPath(data, 'financials.monthly_burn'), ['financials', 'monthly_burn']);
    assert.equal(resolveReviewPath(data, 'financials.burn'), undefined);
    assert.equal(resolveReviewPath(data, 'risks[r-gone].title'), undefined);
    assert.equal(resolveReviewPath(data, 'risks[7]'), undefined);
  });

  it('finds the path on a line and the text of a path', () => {
    const line = (n: number) => PLAN.split('\n').slice(0, n).join('\n').length + (n ? 1 : 0);
    assert.deepEqual(pathAtOffset(PLAN, line(5)), ['financials', 'monthly_burn']);
    assert.deepEqual(pathAtOffset(PLAN, line(7)), ['risks']);
    assert.deepEqual(pathAtOffset(PLAN, line(8)), ['risks', 0]);
    assert.deepEqual(pathAtOffset(PLAN, line(9)), ['risks', 1]);
    assert.deepEqual(pathAtOffset(PLAN, line(10)), ['risks', 1, 'title']);
    const [s, e] = offsetsOfPath(PLAN, ['financials', 'monthly_burn'])!;
    assert.equal(PLAN.slice(s, e), 'monthly_burn: "¥300k"');
    assert.equal(offsetsOfPath(PLAN, ['financials', 'nope']), undefined);
    assert.equal(quoteAt(planDataOf(PLAN), ['financials', 'monthly_burn']), '¥300k');
  });

  it('keeps a thread whose path disappeared, as outdated', () => {
    let file: ReviewFile = { version: 1, threads: [] };
    file = addThread(file, { path: 'financials.monthly_burn', quote: '¥300k', comment: comment('Why so high?') }).file;
    file = addThread(file, { path: 'risks[r-data].impact', comment: comment('Really 4?') }).file;
    const edited = planDataOf(PLAN.replace('  monthly_burn: "¥300k"\n', ''));
    const anchored = anchorThreads(file, edited);
    assert.deepEqual(
      anchored.map((a) => [a.thread.path, a.outdated]),
      [
        ['financials.monthly_burn', true],
        ['risks[r-data].impact', false],
      ],
    );
    // Written and read back, the outdated thread is still there with its quote.
    const back = parseReviewFile(serializeReviewFile(file, 'x.plan.yaml'));
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.file, file);
  });

  it('replies, resolves and reopens; refuses empty comments and unknown threads', () => {
    const { file, thread } = addThread({ version: 1, threads: [] }, { path: 'risks', comment: comment('Top risk?') });
    const replied = replyToThread(file, thread.id, comment('Data access.', 'Bo'));
    assert.deepEqual(
      replied.threads[0]!.comments.map((c) => c.author),
      ['Ada', 'Bo'],
    );
    const resolved = setThreadStatus(replied, thread.id, 'resolved');
    assert.equal(resolved.threads[0]!.status, 'resolved');
    assert.equal(setThreadStatus(resolved, thread.id, 'open').threads[0]!.status, 'open');
    assert.throws(() => replyToThread(file, thread.id, comment('   ')), /empty/);
    assert.throws(() => setThreadStatus(file, 't-nope00', 'resolved'), /no longer in the review file/);
  });

  it('round-trips any valid file through its text', () => {
    const text = fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim().length > 0);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            path: fc.constantFrom('financials.monthly_burn', 'risks[r-data].impact', 'market.size.som', 'team[0]'),
            status: fc.constantFrom('open' as const, 'resolved' as const),
            quote: fc.option(text, { nil: undefined }),
            comments: fc.array(fc.record({ author: text, body: text }), { minLength: 1, maxLength: 3 }),
          }),
          { maxLength: 6 },
        ),
        (threads) => {
          const file: ReviewFile = {
            version: 1,
            threads: threads.map((t, i) => ({
              id: `t-${i}`,
              path: t.path,
              status: t.status,
              ...(t.quote !== undefined && { quote: t.quote }),
              comments: t.comments.map((c) => ({ ...c, date: '2026-12-06T01:30:00.000Z' })),
            })),
          };
          const back = parseReviewFile(serializeReviewFile(file));
          assert.deepEqual(back.problems, []);
          assert.deepEqual(back.file, file);
        },
      ),
      { numRuns: 100 },
    );
  });

  describe('hostile review files', () => {
    const one = (s: string) => parseReviewFile(s, 'x.plan.review.yaml');

    it('says what is wrong, where, and what to do; never throws', () => {
      assert.match(one('threads: [').problems[0]!.message, /YAML syntax error on line 1.*Fix the file/);
      assert.match(one('- a\n- b\n').problems[0]!.message, /must be a mapping/);
      assert.match(one('version: 2\n').problems[0]!.message, /version 2; this Liftoff reads version 1/);
      assert.match(one('threads: 3\n').problems[0]!.message, /must be a list/);
      const big = one('x'.repeat(REVIEW_LIMITS.fileBytes + 1));
      assert.match(big.problems[0]!.message, /over the 1024 KB limit/);
      const r = one(
        [
          'threads:',
          '  - {id: "a b", path: x, comments: [{author: A, date: 2026-01-01T00:00:00Z, body: hi}]}',
          '  - {id: t1, path: "a..b", comments: [{author: A, date: 2026-01-01T00:00:00Z, body: hi}]}',
          '  - {id: t2, path: x, status: done, comments: [{author: A, date: 2026-01-01T00:00:00Z, body: hi}]}',
          '  - {id: t3, path: x, comments: []}',
          '  - {id: t4, path: x, comments: [{author: A, date: yesterday, body: hi}]}',
          '  - {id: t5, path: x, comments: [{author: A, date: 2026-01-01T00:00:00Z, body: hi}]}',
          '  - {id: t5, path: y, comments: [{author: A, date: 2026-01-01T00:00:00Z, body: hi}]}',
        ].join('\n'),
      );
      assert.deepEqual(
        r.problems.map((p) => p.where),
        [
          'threads[0].id',
          'threads[1].path',
          'threads[2].status',
          'threads[3].comments',
          'threads[4].comments[0].date',
          'threads[6].id',
        ],
      );
      assert.deepEqual(
        r.file.threads.map((t) => t.id),
        ['t5'],
      );
      assert.throws(
        () => assertWritable(r, 'x.plan.review.yaml'),
        /x\.plan\.review\.yaml was not changed.*threads\[0\]\.id/,
      );
      // In the reader's language (the client says it with errorText and VS Code's language).
      let err: unknown;
      try {
        assertWritable(r, 'x.plan.review.yaml');
      } catch (e) {
        err = e;
      }
      assert.match(
        errorText('zh-cn', err),
        /^x\.plan\.review\.yaml 没有被修改，因为其中有部分内容无法读取：threads\[0\]\.id/,
      );
    });

    it('says every problem in Chinese to a zh-cn reader, field names as written', () => {
      const c = '{author: A, date: 2026-01-01T00:00:00Z, body: hi}';
      const cases: Array<[string, RegExp]> = [
        ['threads: [', /第 1 行有 YAML 语法错误/],
        ['- a\n', /必须是包含 `version: 1` 和 `threads:` 的映射/],
        ['version: 2\n', /版本是 2；此版本的 Liftoff 只能读取版本 1/],
        ['threads: 3\n', /中的 `threads` 必须是讨论的列表/],
        ['x'.repeat(REVIEW_LIMITS.fileBytes + 1), /超过评审意见 1024 KB 的上限/],
        ['threads: [3]\n', /每个讨论必须是包含 id、path、status 和 comments 的映射/],
        [`threads: [{id: "a b", path: x, comments: [${c}]}]`, /`id` 必须是由字母、数字/],
        [
          `threads: [{id: t, path: x, comments: [${c}]}, {id: t, path: x, comments: [${c}]}]`,
          /id `t` 已被前面的讨论使用/,
        ],
        [`threads: [{id: t, path: "a..b", comments: [${c}]}]`, /`path` 必须指向计划书中的某个位置/],
        [
          `threads: [{id: t, path: x, status: done, comments: [${c}]}]`,
          /`status` 必须是 `open` 或 `resolved`，而不是 "done"/,
        ],
        [
          `threads: [{id: t, path: x, quote: ${'q'.repeat(REVIEW_LIMITS.quoteChars + 1)}, comments: [${c}]}]`,
          /`quote` 超过/,
        ],
        ['threads: [{id: t, path: x, comments: []}]', /`comments` 必须是至少包含一条评论的列表/],
        [
          `threads: [{id: t, path: x, comments: [${Array(REVIEW_LIMITS.commentsPerThread + 1)
            .fill(c)
            .join(', ')}]}]`,
          /评论超过/,
        ],
        ['threads: [{id: t, path: x, comments: [3]}]', /每条评论必须是包含 author、date 和 body 的映射/],
        ['threads: [{id: t, path: x, comments: [{author: "", date: 2026-01-01, body: hi}]}]', /`author` 必须是/],
        ['threads: [{id: t, path: x, comments: [{author: A, date: yesterday, body: hi}]}]', /`date` 必须是 ISO 8601/],
        ['threads: [{id: t, path: x, comments: [{author: A, date: 2026-01-01, body: " "}]}]', /`body` 必须是/],
      ];
      for (const [text, zh] of cases) {
        const en = parseReviewFile(text, 'x.review.yaml').problems;
        const cn = parseReviewFile(text, 'x.review.yaml', 'zh-cn').problems;
        assert.equal(cn.length, 1, text.slice(0, 80));
        assert.equal(cn[0]!.where, en[0]!.where, 'the place is the same in both languages');
        assert.ok(hasChinese(cn[0]!.message) && !hasChinese(en[0]!.message), cn[0]!.message);
        assert.match(cn[0]!.message, zh);
      }
      // The default name of the file is said in the reader's language too.
      assert.match(parseReviewFile('threads: 3\n', undefined, 'zh-cn').problems[0]!.message, /^评审文件 中的/);
      // The edits' refusals (thrown as phrases; the client says them with errorText and VS Code's language).
      const file: ReviewFile = { version: 1, threads: [] };
      const refused = (f: () => unknown): unknown => {
        try {
          f();
        } catch (err) {
          return err;
        }
        return assert.fail('expected a refusal');
      };
      const empty = refused(() => addThread(file, { path: 'financials', comment: comment(' ') }));
      assert.equal(errorText('en', empty), 'The comment is empty: write something first.');
      assert.equal(errorText('zh-cn', empty), '评论是空的：请先写点内容。');
      assert.match(
        errorText(
          'zh-cn',
          refused(() => setThreadStatus(file, 't-nope00', 'open')),
        ),
        /已不在评审文件中/,
      );
      assert.match(
        errorText(
          'zh-cn',
          refused(() => addThread(file, { path: 'a..b', comment: comment('x') })),
        ),
        /无法把评论挂到 `a\.\.b` 上/,
      );
    });

    it('survives alias bombs, deep nesting and arbitrary text', function () {
      // A hang guard, not a speed check: 300 fast-check cases and a 5,000-deep flow sequence take 3.7–6.4 s alone on
      // the shared 2 vCPUs and crossed mocha's 10 s default at load 14–16 (three helper runs, 2026-12-06).
      this.timeout(60_000);
      const bomb =
        'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nthreads: []\n';
      assert.ok(one(bomb).problems.length >= 0);
      assert.ok(Array.isArray(one('['.repeat(5000)).problems));
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (s) => {
          const r = one(s);
          assert.ok(Array.isArray(r.file.threads));
          for (const p of r.problems) assert.ok(p.message.length > 0);
        }),
        { numRuns: 300 },
      );
    });
  });
});
