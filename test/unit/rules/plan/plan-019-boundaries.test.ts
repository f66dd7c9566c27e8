/**
 * PLAN-019 boundaries the fixture tests leave open: a sidecar that is a folder or too large (and one of exactly the
 * limit), problems with and without a place and at most five of them, the cap of 100 listed threads, the quoted body
 * (whitespace, 120 characters), replies, an outdated thread without a quote, and the range on CRLF and last lines.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import type { ServiceHost } from '../../../../server/src/service/host';
import { REVIEW_LIMITS } from '../../../../core/src/plan';
import { checkFile, checkUnsaved, tempWorkspace, xdocService } from '../xdoc/support';

const PLAN = `apiVersion: liftoff/v1
kind: BusinessPlan
metadata:
  name: Review rule
financials:
  monthly_burn: "$30k"
`;

const thread = (id: string, body: string, more = '') =>
  `  - id: ${id}\n    path: financials.monthly_burn\n    status: open\n    comments:\n      - {author: Ada, date: 2026-12-06T01:30:00Z, body: ${JSON.stringify(body)}}\n${more}`;
const reply = (who: string) => `      - {author: ${who}, date: 2026-12-06T02:00:00Z, body: "ok"}\n`;

describe('PLAN-019 boundaries', () => {
  let dir: string;
  let service: LanguageService;
  let serial = 0;
  before(() => {
    dir = tempWorkspace('plan019b', {});
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a plan and its sidecar (text, or a folder when `review` is undefined) under a new name; returns the findings. */
  async function check(review: string | undefined, plan = PLAN) {
    serial += 1;
    const file = path.join(dir, `p${serial}.plan.yaml`);
    writeFileSync(file, plan);
    const sidecar = path.join(dir, `p${serial}.plan.review.yaml`);
    if (review === undefined) mkdirSync(sidecar);
    else writeFileSync(sidecar, review);
    const { diagnostics } = await checkFile(service, file, 'PLAN-019', plan);
    return { name: path.basename(sidecar), diagnostics };
  }
  const lines = (ds: Awaited<ReturnType<typeof check>>['diagnostics']) =>
    ds.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

  it('says a sidecar that is a folder is not read, on the first line', async () => {
    const { name, diagnostics } = await check(undefined, `# a comment\n\n${PLAN}`);
    assert.deepEqual(
      diagnostics.map((d) => [d.message, d.severity]),
      [[`${name} is not a regular file, so its review comments are not read.`, DiagnosticSeverity.Information]],
    );
    assert.deepEqual(lines(diagnostics), [[2, 0, 2, 22]]);
  });

  it('reads a sidecar of exactly the size limit and refuses one byte more', async () => {
    const limit = REVIEW_LIMITS.fileBytes;
    // The thread comes last, so that a read cut short by even a byte breaks it.
    const body = `version: 1\nthreads:\n${thread('t1', 'Why?')}`.trimEnd();
    const pad = (n: number) => `#${'x'.repeat(n - body.length - 2)}\n${body}`;
    const at = await check(pad(limit));
    assert.equal(at.diagnostics.length, 1);
    assert.match(String(at.diagnostics[0]?.message), /^Open review thread on `financials.monthly_burn` — Ada: "Why\?"/);
    const over = await check(pad(limit + 1));
    assert.deepEqual(
      over.diagnostics.map((d) => [d.message, d.severity]),
      [
        [
          `${over.name} is 1025 KB, over the 1024 KB limit for review comments: it is not read. Delete resolved threads (they stay in git history).`,
          DiagnosticSeverity.Information,
        ],
      ],
    );
    assert.deepEqual(lines(over.diagnostics), [[0, 0, 0, 22]]);
  });

  it('reports a problem without a place by the file name alone', async () => {
    const { name, diagnostics } = await check('version: 2\nthreads: []\n');
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [
        `${name}: ${name} is version 2; this Liftoff reads version 1. Update Liftoff, or write \`version: 1\`. Until it is fixed, Liftoff does not change the file.`,
      ],
    );
  });

  it('reports at most five problems, and still lists the open threads that are fine', async () => {
    const bad = Array.from({ length: 7 }, (_, i) => `  - {id: b${i}, path: "a..b", comments: []}\n`).join('');
    const { diagnostics } = await check(`threads:\n${bad}${thread('ok1', 'Fine')}`);
    assert.equal(diagnostics.length, 6);
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Information));
    assert.match(String(diagnostics[4]?.message), /\(threads\[4\]\.path\)/);
    assert.match(String(diagnostics[5]?.message), /^Open review thread/);
  });

  it('lists 100 open threads and counts the rest; exactly 100 has no count', async () => {
    const many = (n: number) =>
      `threads:\n${Array.from({ length: n }, (_, i) => thread(`t${i}`, `c${i}`)).join('')}  - id: done\n    path: financials\n    status: resolved\n    comments:\n${reply('Bo')}`;
    const hundred = await check(many(100));
    assert.equal(hundred.diagnostics.length, 100);
    assert.ok(hundred.diagnostics.every((d) => String(d.message).startsWith('Open review thread')));
    const more = await check(many(102));
    assert.equal(more.diagnostics.length, 101);
    const count = more.diagnostics.filter((d) => !String(d.message).startsWith('Open review thread'));
    assert.deepEqual(
      count.map((d) => d.severity),
      [DiagnosticSeverity.Information],
    );
    assert.deepEqual(
      count.map((d) => d.message),
      [`… and 2 more open review threads in ${more.name}.`],
    );
    assert.deepEqual(lines(count), [[0, 0, 0, 22]]);
  });

  it('quotes the first comment on one line, whole up to 120 characters and cut to 119 and "…" beyond', async () => {
    const b120 = 'x'.repeat(118) + ' y';
    const b121 = 'z'.repeat(119) + ' w';
    const { name, diagnostics } = await check(
      `threads:\n${thread('t1', '  Why\n\n so\thigh?  ')}${thread('t2', b120)}${thread('t3', b121)}`,
    );
    const tail = `. Reply or resolve it in the editor's comments, or in ${name}.`;
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [
        `Open review thread on \`financials.monthly_burn\` — Ada: "Why so high?"${tail}`,
        `Open review thread on \`financials.monthly_burn\` — Ada: "${b120}"${tail}`,
        `Open review thread on \`financials.monthly_burn\` — Ada: "${'z'.repeat(119)}…"${tail}`,
      ],
    );
  });

  it('counts one reply and several replies; an outdated thread without a quote says so', async () => {
    const gone = `  - id: t9\n    path: financials.gross_margin\n    comments:\n      - {author: Cy, date: 2026-12-06T01:30:00Z, body: "Source?"}\n`;
    const { name, diagnostics } = await check(
      `threads:\n${thread('t1', 'One', reply('Bo'))}${thread('t2', 'Two', reply('Bo') + reply('Cy'))}${gone}`,
    );
    const tail = `. Reply or resolve it in the editor's comments, or in ${name}.`;
    assert.deepEqual(
      diagnostics.map((d) => d.message),
      [
        `Open review thread on \`financials.gross_margin\`, which is no longer in the plan — Cy: "Source?"${tail}`,
        `Open review thread on \`financials.monthly_burn\` — Ada: "One" (1 reply)${tail}`,
        `Open review thread on \`financials.monthly_burn\` — Ada: "Two" (2 replies)${tail}`,
      ],
    );
  });

  it('ends the range before a CR, and at the end of a last line without a newline', async () => {
    const crlf = PLAN.replace(/\n/g, '\r\n');
    const a = await check(`threads:\n${thread('t1', 'A')}`, crlf);
    assert.deepEqual(lines(a.diagnostics), [[5, 2, 5, 22]]);
    const b = await check(`threads:\n${thread('t1', 'B')}`, PLAN.trimEnd());
    assert.deepEqual(lines(b.diagnostics), [[5, 2, 5, 22]]);
  });

  it('is silent when the sidecar cannot be read', async () => {
    const node = createNodeHost({ workspaceFolders: [dir], gpuProbe: async () => ({ status: 'no-driver' }) });
    const host: ServiceHost = Object.assign(Object.create(node) as ServiceHost, { readHead: async () => undefined });
    const file = path.join(dir, 'unreadable.plan.yaml');
    writeFileSync(file, PLAN);
    writeFileSync(path.join(dir, 'unreadable.plan.review.yaml'), `threads:\n${thread('t1', 'A')}`);
    const svc = createLanguageService({}, { host });
    assert.deepEqual((await checkFile(svc, file, 'PLAN-019', PLAN)).diagnostics, []);
  });

  it('is silent for an unsaved plan, and for an empty sidecar', async () => {
    assert.deepEqual(await checkUnsaved(service, PLAN, 'PLAN-019'), []);
    assert.deepEqual((await check('')).diagnostics, []);
  });
});
