/**
 * `npm run bench -- completion [rounds=30]`: completion and hover latency on the ~5,000-line experiment (and the
 * ~150-line one), Liftoff's bundled language server against Red Hat's yaml-language-server 2.0.0 given the same JSON
 * Schema, in one run, alternating which server goes first each round.
 *
 * Each round asks each server, on the same open document: completion of a key (the start of `training.batch_size`,
 * where the schema's sibling keys are offered), completion of a value (right after `loss: ` in `training`, past the
 * long preprocessing list: the losses the schema allows), hover on `batch_size`, and hover on a preprocessing `op` near the
 * end. Between rounds one keystroke (`batch_size` 32 ⇄ 64) is sent and its diagnostics awaited, so each round's
 * requests follow an edit, as in typing (the servers cannot answer from a cache of the previous text).
 * Time: request sent → response received. Targets (issue 18): p50 < 15 ms on the 5,000-line document, and faster
 * than the peer.
 */
import { rmSync } from 'node:fs';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol/node';
import { benchFolder, startServers, type LspClient } from './_lsp-client';
import { largeDoc, typicalDoc, type BenchDoc } from './_lsp-docs';

const TARGET_P50_MS = 15;
type Op = 'completion (key)' | 'completion (value)' | 'hover (key)' | 'hover (value)';
const OPS: readonly Op[] = ['completion (key)', 'completion (value)', 'hover (key)', 'hover (value)'];

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Where each request goes in `doc`. */
function positions(doc: BenchDoc): Record<Op, Position> {
  const lines = doc.text.split('\n');
  const ops = lines.flatMap((l, i) => (/^ {4}- op: \w+$/.test(l) ? [i] : []));
  const loss = lines.findIndex((l) => /^ {2}loss: \w+$/.test(l));
  const late = ops[Math.floor((ops.length * 9) / 10)] ?? 0;
  return {
    'completion (key)': { line: doc.batchSize.line, character: 2 },
    'completion (value)': { line: loss, character: '  loss: '.length },
    'hover (key)': { line: doc.batchSize.line, character: 4 },
    'hover (value)': { line: late, character: '    - op: '.length + 2 },
  };
}

interface Subject {
  readonly label: string;
  readonly client: LspClient;
  readonly versioned: boolean;
  version: number;
}

async function ask(s: Subject, uri: string, op: Op, at: Position): Promise<{ ms: number; size: number }> {
  const t0 = performance.now();
  if (op.startsWith('completion')) {
    const r = await s.client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: at,
    });
    const size = Array.isArray(r) ? r.length : (r?.items.length ?? 0);
    return { ms: performance.now() - t0, size };
  }
  const r = await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at });
  const c = r?.contents;
  const size = !c ? 0 : typeof c === 'string' ? c.length : 'value' in c ? c.value.length : c.length;
  return { ms: performance.now() - t0, size };
}

/** One keystroke (`batch_size` 32 ⇄ 64), awaited to its diagnostics. */
async function keystroke(s: Subject, uri: string, doc: BenchDoc): Promise<void> {
  s.version++;
  const v = s.version;
  const published = s.client.diagnostics(uri, (p) => (s.versioned ? p.version === v : true));
  const { line, character } = doc.batchSize;
  await s.client.change(
    uri,
    v,
    { start: { line, character }, end: { line, character: character + 2 } },
    v % 2 ? '32' : '64',
  );
  await published;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 30);
  const t0 = performance.now();
  const docs = { typical: typicalDoc(), large: largeDoc() };
  const { dir, uris } = benchFolder('liftoff-bench-completion-', docs);
  const servers = startServers({ hover: true, completion: true });
  const subjects: Subject[] = [
    { label: 'Liftoff', client: servers.liftoff, versioned: true, version: 1 },
    { label: servers.peerLabel, client: servers.peer, versioned: false, version: 1 },
  ];
  const samples = new Map<string, number[]>();
  const sizes = new Map<string, number>();
  const key = (s: Subject, size: string, op: Op) => `${s.label}\n${size}\n${op}`;
  try {
    const folders = [{ uri: pathToFileURL(dir).toString(), name: 'bench' }];
    await Promise.all(subjects.map((s) => s.client.initialize(folders)));
    console.log(
      `documents: typical ${docs.typical.lines} lines, large ${docs.large.lines} lines (${(docs.large.text.length / 1024).toFixed(0)} KB), in ${dir}`,
    );
    for (const size of ['typical', 'large'] as const) {
      const doc = docs[size];
      const at = positions(doc);
      for (const s of subjects) {
        s.version = 1;
        const opened = s.client.diagnostics(uris[size], () => true, 60_000);
        await s.client.open(uris[size], doc.text, 1);
        await opened;
        // Warm-up: JIT, schema compilation, the peer's settings pull.
        for (let i = 0; i < 3; i++) {
          await keystroke(s, uris[size], doc);
          for (const op of OPS) await ask(s, uris[size], op, at[op]);
        }
      }
      for (let r = 0; r < rounds; r++) {
        for (const s of r % 2 ? [...subjects].reverse() : subjects) {
          await keystroke(s, uris[size], doc);
          for (const op of OPS) {
            const { ms, size: n } = await ask(s, uris[size], op, at[op]);
            const k = key(s, size, op);
            samples.set(k, [...(samples.get(k) ?? []), ms]);
            sizes.set(k, n);
          }
        }
      }
      console.log(`${size}: ${rounds} rounds done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await Promise.all(subjects.map((s) => s.client.stop()));
    rmSync(dir, { recursive: true, force: true });
  }

  const [liftoff, peer] = subjects as [Subject, Subject];
  const stat = (s: Subject, size: string, op: Op) => {
    const xs = samples.get(key(s, size, op)) ?? [];
    return {
      p50: round1(percentile(xs, 50)),
      p95: round1(percentile(xs, 95)),
      n: xs.length,
      answer: sizes.get(key(s, size, op)) ?? 0,
    };
  };
  const ok = (b: boolean) => (b ? 'met' : 'MISS');
  console.log(
    `\n| request | document | ${liftoff.label} p50 / p95 | ${peer.label} p50 / p95 | answer size (items or characters), Liftoff / peer | target (large: p50 < ${TARGET_P50_MS} ms and faster than the peer) |`,
  );
  console.log('|---|---|---|---|---|---|');
  const result: Record<string, unknown> = {};
  const met: Record<string, boolean> = {};
  for (const size of ['typical', 'large'] as const) {
    for (const op of OPS) {
      const L = stat(liftoff, size, op);
      const P = stat(peer, size, op);
      const target = size === 'large' ? L.p50 < TARGET_P50_MS && L.p50 < P.p50 : undefined;
      if (target !== undefined) met[op] = target;
      result[`${size} ${op}`] = { liftoff: L, peer: P };
      console.log(
        `| ${op} | ${size} (${docs[size].lines} lines) | ${L.p50} / ${L.p95} ms | ${P.p50} / ${P.p95} ms | ${L.answer} / ${P.answer} | ${target === undefined ? '—' : ok(target)} |`,
      );
    }
  }
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  console.log(
    JSON.stringify({
      bench: 'completion',
      node: process.version,
      cpus: os.cpus().length,
      rounds,
      docs: { typicalLines: docs.typical.lines, largeLines: docs.large.lines },
      peer: `yaml-language-server@${servers.peerVersion}`,
      results: result,
      targets: { largeP50Ms: TARGET_P50_MS, fasterThanPeer: true },
      met,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
