/**
 * The workspace index's reading of a file cut down to the sections it keeps (`indexedSections`) gives the same facts
 * as parsing the file whole: for every fixture and example, for each of them after random edits (hostile-yaml's
 * mutations), and for documents built from YAML punctuation; and the cut is really taken for plain documents.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { documentFacts, documentFactsWhole, indexedSections } from '../../../server/src/host/document-facts';
import { mutate, prng } from '../../support/hostile-yaml';
import { REPO_ROOT } from '../../support/fixtures';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

const corpus = [...yamlFiles(path.join(REPO_ROOT, 'examples')), ...yamlFiles(path.join(REPO_ROOT, 'test', 'fixtures'))];
/** Where the files are indexed from: a name that implies the kind, so headerless documents count too. */
const AS = ['/ws/x.experiment.yaml', '/ws/sub/y.plan.yaml', '/ws/z.yaml'];

const same = (text: string) => {
  for (const file of AS)
    assert.deepEqual(documentFacts(file, text, '/ws'), documentFactsWhole(file, text, '/ws'), `${file}:\n${text}`);
};

describe('workspace index: reading only the indexed sections', function () {
  this.timeout(60_000);

  it('is taken for the plain documents of the examples, and leaves out the sections the index does not keep', () => {
    const example = readFileSync(
      path.join(REPO_ROOT, 'examples', 'credit-risk', 'credit-risk.experiment.yaml'),
      'utf8',
    );
    const cut = indexedSections(example);
    assert.ok(cut !== undefined, 'the example is cut');
    assert.match(cut, /^kind: Experiment$/m);
    assert.match(cut, /^ {2}track: \[train_loss/m);
    assert.doesNotMatch(cut, /^(data|training|model):/m);
    assert.ok(cut.length < example.length / 2);
  });

  it('falls back to the whole parse where a cut could change the meaning', () => {
    for (const text of [
      '---\nkind: Experiment\n---\nkind: BusinessPlan\n',
      'base: &b {name: x}\nmetadata: *b\n',
      'kind: !!str Experiment\n',
      'metadata: {name: x,\n}\n',
      'kind: Experiment\nkind: BusinessPlan\n',
      '"kind": Experiment\n',
      '- kind: Experiment\n',
      'kind: Experiment\r metadata: x\n',
      '\tkind: Experiment\n',
      '# only a comment\n',
    ])
      assert.equal(indexedSections(text), undefined, text);
  });

  it('gives the same facts as the whole parse for every fixture and example', () => {
    assert.ok(corpus.length > 20, `${corpus.length} YAML files`);
    for (const f of corpus) same(readFileSync(f, 'utf8'));
  });

  it('a CRLF line kept before a line left out, text after a flow collection: the same facts (found by the property below)', () => {
    same('kind: Experiment\n  \r\nname: nightly');
    same('kind: Experiment\r\nmetadata:\r\n  name: a\r\n# note\r\ndata: {x: 1}\r\n');
    // Text after a flow collection in a section left out: an error that changes how the later sections parse.
    same('kind: Experiment\ntraining:\n  optimizer: {type: adamw}|\n  loss: huber\nmetrics:\n  track: [loss]\n');
    assert.equal(indexedSections('kind: Experiment\ntraining: [a]b\nmetrics: {track: [x]}\n'), undefined);
  });

  it('a byte-order mark, a control character or a lone surrogate in a section left out: the same facts (CI 2026-12-07)', () => {
    const text = (odd: string) =>
      `kind: Experiment\ndata:\n  augmentation:\n    ops:\n      - {op: flip}\n   ${odd}  - {op: rotate}\nmetrics:\n  track: [loss, acc]\n`;
    for (const odd of ['\uFEFF', '\u0000', '\u0007', '\u001B', '\u0085', '\uD800', '\uDC00', '\uFFFE']) {
      same(text(odd));
      assert.equal(indexedSections(text(odd)), undefined, JSON.stringify(odd));
    }
    // Text that is only unusual-looking is still cut: a surrogate pair (an emoji), a right-to-left mark, a tab inside.
    for (const fine of ['🙂', '\u202E', 'a\tb', 'Zoë'])
      assert.ok(indexedSections(text(fine)) !== undefined, JSON.stringify(fine));
  });

  it('gives the same facts as the whole parse after random edits of every fixture (property)', () => {
    const texts = corpus.map((f) => readFileSync(f, 'utf8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.integer(),
        fc.integer({ min: 1, max: 6 }),
        (i, seed, n) => {
          const rand = prng(seed);
          let t = texts[i]!;
          for (let k = 0; k < n; k++) t = mutate(t, rand);
          same(t);
        },
      ),
      { numRuns: 800 },
    );
  });

  it('gives the same facts as the whole parse for lines of YAML punctuation (property)', () => {
    const piece = fc.constantFrom(
      'kind: Experiment',
      'kind: BusinessPlan',
      'metadata:',
      '  name: a',
      '  name: "b c"',
      "  name: 'd'",
      '  linked_plan: p.plan.yaml',
      'metrics:',
      '  track: [x, y]',
      '  primary: {name: z}',
      'evaluation: {metrics: [m]}',
      'solution:',
      '  linked_experiments:',
      '    - a.experiment.yaml',
      'data: {x: [1, 2}',
      "note: it's",
      '  - item',
      '# comment',
      '',
      '   ',
      'desc: |',
      '  text: [',
      'other:',
      'x: "open',
      '  more"',
      '{a: 1}',
      ' kind: Experiment',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (lines) => same(lines.join('\n'))),
      { numRuns: 1500 },
    );
  });
});
