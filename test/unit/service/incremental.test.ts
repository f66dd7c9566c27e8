/**
 * Incremental validation (server/src/service/incremental.ts) against a whole re-validation: at the end of each random
 * edit sequence (every edit of it validated incrementally, so the state carries through), the diagnostics of the
 * incremental path (spliced sections, reused rule results, per-section schema check) must equal, position for
 * position, those of a fresh parse and validation of the same text; every 16th sequence, so must the plan view
 * model, the document symbols and the folding ranges built on the spliced tree.
 *
 * The default run is 5,000+ sequences of 1–2 edits, each starting from the state the one before left: at least 3
 * over each of the ~200 YAML files in test/fixtures and examples/, more on the small ones (cheap), plus 4 on the
 * ~5,000-line bench experiment. `LIFTOFF_INCREMENTAL_RUNS=<x>` scales the counts (0.1 for a quick look, 4 for a hunt). */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { validateDocument } from '../../../server/src/service/validate';
import { IncrementalDocument, splitSections } from '../../../server/src/service/incremental';
import { SchemaValidator } from '../../../server/src/service/schema/validate-schema';
import { DEFAULT_SETTINGS, type SourceDocument } from '../../../server/src/service/types';
import { buildPlanViewModel } from '../../../server/src/service/plan-view';
import { documentSymbols, foldingRanges } from '../../../server/src/service/symbols';
import { BUNDLED_SCHEMA_DIR, loadSchemas } from '../../../server/src/host/schemas';
import { REPO_ROOT } from '../../support/fixtures';
import { largeDoc } from '../../support/bench-docs';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'paste'; from: number; length: number; at: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'comment'; line: number }
  | { kind: 'digit'; at: number; digit: string };

const SNIPPETS = [
  'a',
  'z',
  ' ',
  '  ',
  '\n',
  '\n  ',
  ':',
  ': ',
  '- ',
  '#',
  '# note\n',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!!str ',
  '---\n',
  '\t',
  'x: 1\n',
  'extra: value\n',
  '  - item\n',
  '  key: 2\n',
  '0',
  '7',
  '-1',
  'true',
  'null',
  '|\n  text\n',
];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 24 }) }),
  fc.record({
    kind: fc.constant('paste' as const),
    from: fc.nat(),
    length: fc.integer({ min: 1, max: 120 }),
    at: fc.nat(),
  }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('comment' as const), line: fc.nat() }),
  // The most common real edit: a value changes in place (a digit typed over another).
  fc.record({ kind: fc.constant('digit' as const), at: fc.nat(), digit: fc.constantFrom(...'0123456789') }),
);

function lineStart(text: string, line: number): number {
  const lines = text.split('\n');
  const l = line % lines.length;
  return lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0);
}

function apply(text: string, e: Edit): string {
  const n = text.length + 1;
  switch (e.kind) {
    case 'insert': {
      const at = e.at % n;
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = e.at % n;
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'paste': {
      const from = e.from % n;
      const at = e.at % n;
      return text.slice(0, at) + text.slice(from, from + e.length) + text.slice(at);
    }
    case 'indent': {
      const at = lineStart(text, e.line);
      if (e.by >= 0) return text.slice(0, at) + ' '.repeat(e.by) + text.slice(at);
      let k = 0;
      while (k < -e.by && text[at + k] === ' ') k++;
      return text.slice(0, at) + text.slice(at + k);
    }
    case 'comment': {
      const at = lineStart(text, e.line);
      return text.startsWith('# ', at)
        ? text.slice(0, at) + text.slice(at + 2)
        : `${text.slice(0, at)}# ${text.slice(at)}`;
    }
    case 'digit': {
      const digits = [...text.matchAll(/\d/g)];
      const m = digits.length ? digits[e.at % digits.length] : undefined;
      return m?.index === undefined ? text : text.slice(0, m.index) + e.digit + text.slice(m.index + 1);
    }
  }
}

describe('incremental validation', function () {
  this.timeout(300_000);
  const schemas = new SchemaValidator(loadSchemas(BUNDLED_SCHEMA_DIR));
  const settings = DEFAULT_SETTINGS;
  const files = [...yamlFiles(path.join(REPO_ROOT, 'test', 'fixtures')), ...yamlFiles(path.join(REPO_ROOT, 'examples'))]
    .filter((p) => statSync(p).size < 64 * 1024)
    .sort();
  // Sequences per file: more on small files (cheap), fewer on large ones, at least 3 each; 5,000+ in all by default.
  const scale = Number(process.env.LIFTOFF_INCREMENTAL_RUNS ?? 1);
  const runsFor = (size: number) => Math.max(3, Math.round((scale * 12_500) / Math.max(size, 300)));
  const totals = { sequences: 0, edits: 0, spliced: 0, whole: 0, rulesReused: 0, rulesRun: 0 };

  /**
   * One sequence: from the start text, apply the edits, validating incrementally after each, then compare with a
   * whole validation of the final text. The state the previous sequence left behind is reused (its first edit is, to
   * the incremental state, a change of every section the previous sequence touched). Every `deep`-th sequence also compares the features built
   * on the parse (plan view model, symbols, folding ranges).
   */
  async function check(inc: IncrementalDocument, uri: string, start: string, edits: readonly Edit[], deep: boolean) {
    let text = start;
    let got: readonly unknown[] = [];
    for (const e of edits) {
      text = apply(text, e);
      got = (await validateDocument({ uri, text }, settings, undefined, schemas, inc)).diagnostics;
    }
    const want = (await validateDocument({ uri, text }, settings, undefined, schemas)).diagnostics;
    assert.deepEqual(got, want, `after ${JSON.stringify(edits)} the text is:\n${text}`);
    totals.sequences++;
    totals.edits += edits.length;
    if (!deep) return;
    const source: SourceDocument = { uri, text };
    const parse = (s: SourceDocument) => inc.parse(s);
    if (/\.plan\.ya?ml$/.test(uri))
      assert.deepEqual(buildPlanViewModel(source, [], { parse }), buildPlanViewModel(source, []));
    assert.deepEqual(documentSymbols(source, parse), documentSymbols(source));
    assert.deepEqual(foldingRanges(source, parse), foldingRanges(source));
  }

  function count(inc: IncrementalDocument): void {
    totals.spliced += inc.stats.incremental;
    totals.whole += inc.stats.full;
    totals.rulesReused += inc.stats.rulesReused;
    totals.rulesRun += inc.stats.rulesRun;
  }

  // Errors are made by the thousand here (broken YAML): their stacks are never looked at, and cost most of a parse.
  const stackTraceLimit = Error.stackTraceLimit;
  before(() => {
    Error.stackTraceLimit = 0;
  });
  after(() => {
    Error.stackTraceLimit = stackTraceLimit;
  });

  it('equals a whole re-validation after random edit sequences, over every fixture and example', async () => {
    for (const [i, file] of files.entries()) {
      const text = readFileSync(file, 'utf8');
      const uri = pathToFileURL(file).toString();
      const inc = new IncrementalDocument();
      let n = 0;
      const numRuns = runsFor(text.length);
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 2 }), (edits) =>
          check(inc, uri, text, edits, n++ % 16 === 0),
        ),
        { numRuns, seed: 18 + i },
      );
      count(inc);
    }
    // The 5,000-line bench experiment: fewer sequences (a whole validation of it takes ~100× a fixture's).
    const large = largeDoc();
    const inc = new IncrementalDocument();
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) =>
        check(inc, 'file:///bench/large.experiment.yaml', large.text, edits, false),
      ),
      { numRuns: Math.max(2, Math.round(scale * 4)), seed: 1800 },
    );
    count(inc);
    console.log(
      `      ${totals.sequences} sequences, ${totals.edits} edits over ${files.length + 1} documents: ${totals.spliced} spliced parses, ${totals.whole} whole parses; rules reused ${totals.rulesReused} times, run ${totals.rulesRun}`,
    );
    if (scale >= 1) assert.ok(totals.sequences >= 5000, `${totals.sequences} sequences`);
    // The incremental path must really be taken (not every edit falls back to a whole parse) and reuse rules.
    assert.ok(totals.spliced > totals.edits / 4, `only ${totals.spliced} of ${totals.edits} edits were spliced`);
    assert.ok(totals.rulesReused > 0);
  });

  it('splits only documents of the simple shape into sections', () => {
    assert.deepEqual(
      splitSections(
        '# head\napiVersion: liftoff/v1\n# about kind\n\nkind: Experiment\nlist:\n- a\n  # in list\n- b\n',
      )?.map((s) => [s.key, s.start, s.line]),
      [
        ['apiVersion', 0, 0],
        ['kind', 44, 4],
        ['list', 61, 5],
      ],
    );
    for (const bad of [
      'a: 1\n---\nb: 2\n',
      'a: &x 1\nb: *x\n',
      'a: 1\na: 2\n',
      '"a": 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: [1,\n2]\n',
      'a: 1\r\nb: 2\r\n',
      '- a\n',
      '',
    ])
      assert.equal(splitSections(bad), undefined, JSON.stringify(bad));
  });

  it('reuses what did not change: one section parsed and the rules that read it run, on a one-value edit', async () => {
    const large = largeDoc();
    const uri = 'file:///bench/large.experiment.yaml';
    const inc = new IncrementalDocument();
    await validateDocument({ uri, text: large.text }, settings, undefined, schemas, inc);
    const before = { ...inc.stats };
    const lines = large.text.split('\n');
    const { line, character } = large.batchSize;
    const digits = lines[line]!.slice(character, character + 2) === '64' ? '32' : '64';
    lines[line] = `${lines[line]!.slice(0, character)}${digits}${lines[line]!.slice(character + 2)}`;
    const text = lines.join('\n');
    const got = (await validateDocument({ uri, text }, settings, undefined, schemas, inc)).diagnostics;
    assert.deepEqual(got, (await validateDocument({ uri, text }, settings, undefined, schemas)).diagnostics);
    assert.equal(inc.stats.incremental - before.incremental, 1);
    assert.equal(inc.stats.sectionsParsed - before.sectionsParsed, 1);
    assert.ok(inc.stats.rulesReused - before.rulesReused > 0, 'no rule result was reused');
  });

  it('leaves the tree of a running validation alone when another text is parsed meanwhile', () => {
    const uri = 'file:///w/a.experiment.yaml';
    const text = 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: a\ntraining:\n  epochs: 3\n';
    const inc = new IncrementalDocument();
    const first = inc.parse({ uri, text });
    const epochs = () =>
      (first.documents[0]!.root!.items[3]!.value as { items: Array<{ value: { range: number[] } }> }).items[0]!.value
        .range[0];
    const before = epochs();
    const unpin = inc.pin();
    // An edit before `training` would shift its (reused) nodes in place: not while a validation holds the parse.
    inc.parse({ uri, text: text.replace('name: a', 'name: abc') });
    assert.equal(epochs(), before);
    unpin();
    inc.parse({ uri, text: text.replace('name: a', 'name: abcd') });
    assert.equal(inc.stats.incremental, 2);
  });
});
