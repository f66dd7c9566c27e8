/**
 * EXP-008 at its edges: how a data path resolves (URIs, `file://`, `~/`, `${…}`, whitespace), how a value is written
 * back as YAML, how a CSV header is read (BOM, separators, quotes, a header cut by the 64 KiB read, by property
 * against a writer), and the rule through a fake file system: which files are read as CSV, the near-name guess at its
 * distance limit, which split is the reference for columns, long column lists, and empty or special files.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { createLanguageService, type LiftoffDiagnostic } from '../../../../server/src/service';
import { NULL_HOST, type FileType } from '../../../../server/src/service/host';
import { csvHeader, localPath, yamlString } from '../../../../server/src/service/rules/experiment/exp-008-data-paths';
import { applyEdits } from '../../../support/fixtures';
import { fixTitles, only } from './support';

const DIR = '/tmp/exp008';
const HEAD = 64 * 1024;
let n = 0;

interface Fake {
  type?: FileType;
  /** The file's text; its size is the text's length unless `size` says otherwise. */
  text?: string;
  size?: number;
}

function serviceWith(files: Record<string, Fake>, listings: Record<string, string[]> = {}) {
  return createLanguageService(
    {},
    {
      host: {
        ...NULL_HOST,
        stat: async (p: string) => {
          const f = files[p];
          if (!f) return undefined;
          const type = f.type ?? 'file';
          return { mtimeMs: 1, size: f.size ?? f.text?.length ?? 0, isDirectory: type === 'directory', type };
        },
        readHead: async (p: string, max: number) => files[p]?.text?.slice(0, max),
        listDir: async (p: string) => (listings[p] ?? []).map((name) => ({ name, isDirectory: false })),
      },
    },
  );
}

async function exp008(
  data: string,
  files: Record<string, Fake> = {},
  listings: Record<string, string[]> = {},
  uri = `file://${DIR}/d${n++}.experiment.yaml`,
): Promise<{ diagnostics: LiftoffDiagnostic[]; fixed: (d?: LiftoffDiagnostic) => string }> {
  const service = serviceWith(files, listings);
  const text = `apiVersion: liftoff/v1\nkind: Experiment\nmetadata:\n  name: d\ndata:\n${data}`;
  const diagnostics = only(await service.validate({ uri, text }), 'EXP-008');
  for (const d of diagnostics) assert.equal(d.severity, 1, String(d.message));
  const fixed = (d = diagnostics[0]) => {
    const action = service.codeActions({ uri, text }, [d!])[0];
    assert.ok(action, 'a quick fix');
    return applyEdits(text, action.edit!.changes![uri]!);
  };
  return { diagnostics, fixed };
}

const messages = (ds: readonly LiftoffDiagnostic[]): string[] => ds.map((d) => String(d.message));
const csv = (header: string): Fake => ({ text: `${header}\n1,2,3\n` });

describe('EXP-008 boundaries: paths, YAML strings and CSV headers', () => {
  it('localPath: relative, trimmed, ~/, file:// and other URIs, ${…} variables', () => {
    const home = process.env.HOME;
    try {
      process.env.HOME = '/home/me';
      assert.equal(localPath('/b', 'x.csv'), '/b/x.csv');
      assert.equal(localPath('/b', '  x.csv\t'), '/b/x.csv');
      assert.equal(localPath('/b', '~/x.csv'), '/home/me/x.csv');
      assert.equal(localPath('/b', '~x.csv'), '/b/~x.csv');
      assert.equal(localPath('/b', 'a/~/x.csv'), '/b/a/~/x.csv');
      assert.equal(localPath('/b', '~'), '/b/~');
      delete process.env.HOME;
      assert.equal(localPath('/b', '~/x.csv'), '/b/~/x.csv');
    } finally {
      process.env.HOME = home;
    }
    assert.equal(localPath('/b', 'file:///data/x.csv'), '/data/x.csv');
    assert.equal(localPath('/b', 'FILE:///data/x.csv'), '/data/x.csv');
    assert.equal(localPath('/b', 'file://other-host/x.csv'), undefined);
    assert.equal(localPath('/b', 'a/file:///x.csv'), '/b/a/file:/x.csv');
    for (const uri of ['s3://b/x.csv', 'hf://d/x', 'https://h/x.csv', 'gs+v1.2-x://a']) {
      assert.equal(localPath('/b', uri), undefined, uri);
    }
    assert.equal(localPath('/b', 'data/s3://x'), '/b/data/s3:/x');
    assert.equal(localPath('/b', '1s3://x'), '/b/1s3:/x');
    for (const empty of ['', '   ', '${workspace}/x.csv', 'a${x}']) assert.equal(localPath('/b', empty), undefined);
  });

  it('yamlString: plain only when a plain scalar reads back as the same string', () => {
    for (const plain of ['abc', '_a', 'data/x.csv', 'a.b-c_d/e', 'yesno', 'ayes', 'null_x', 'Yes2']) {
      assert.equal(yamlString(plain), plain, plain);
    }
    for (const quoted of [
      'a b',
      '1abc',
      '-x',
      '.x',
      'a:b',
      'a#b',
      '',
      'yes',
      'NO',
      'True',
      'null',
      'y',
      'N',
      'on',
      'Off',
      'x\n',
    ]) {
      assert.equal(yamlString(quoted), JSON.stringify(quoted), quoted);
    }
  });

  it('csvHeader reads back what a writer wrote, for any names and separators (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9_ ,;"\t-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(name, { minLength: 2, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (names, eol) => {
        const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const header = names.map(quote).join(',');
        assert.deepEqual(
          csvHeader(`${header}${eol}1,2`, false),
          names.map((s) => s.trim()),
        );
        assert.deepEqual(
          csvHeader(`\uFEFF${header}${eol}`, false),
          names.map((s) => s.trim()),
        );
      }),
    );
  });

  it('csvHeader: separators, quotes, whitespace, BOM, and a first line not complete in the read', () => {
    assert.deepEqual(csvHeader('a,b\nc', false), ['a', 'b']);
    assert.deepEqual(csvHeader('a\tb;c\n', false), ['a', 'b;c']);
    assert.deepEqual(csvHeader('a;b\n', false), ['a', 'b']);
    assert.deepEqual(csvHeader('a;b,c\n', false), ['a;b', 'c']);
    assert.deepEqual(csvHeader('a\tb,c\n', false), ['a\tb', 'c']);
    assert.deepEqual(csvHeader('abc\n', false), ['abc']);
    assert.deepEqual(csvHeader(' a , b \n', false), ['a', 'b']);
    assert.deepEqual(csvHeader('"a,b", "c""d" ,e\n', false), ['a,b', 'c"d', 'e']);
    assert.deepEqual(csvHeader('x"y",z\n', false), ['x"y"', 'z']);
    assert.deepEqual(csvHeader('"a""",b\n', false), ['a"', 'b']);
    assert.deepEqual(csvHeader('"",b\n', false), ['', 'b']);
    assert.deepEqual(csvHeader('\uFEFFid,y\n', false), ['id', 'y']);
    assert.deepEqual(csvHeader('i\uFEFFd,y\n', false), ['i\uFEFFd', 'y']);
    assert.deepEqual(csvHeader('a,b', false), undefined);
    assert.deepEqual(csvHeader('a,b', true), ['a', 'b']);
    assert.deepEqual(csvHeader('\nrow', false), []);
    assert.deepEqual(csvHeader('', true), []);
    assert.deepEqual(csvHeader(' \n', false), []);
    assert.deepEqual(csvHeader(',\n', false), ['', '']);
    assert.deepEqual(csvHeader('a\r\nb', false), ['a']);
  });
});

describe('EXP-008 boundaries: the rule', () => {
  const TRAIN = `${DIR}/t.csv`;

  it('a missing file: a sibling within max(2, ⌊length/3⌋) edits is offered (case folded), none beyond', async () => {
    const listings = { [DIR]: ['train.csv', 'other.parquet'], [`${DIR}/sub`]: ['VALIDATION.CSV'] };
    const near = await exp008('  train: trian.csv\n', {}, listings);
    assert.deepEqual(messages(near.diagnostics), [
      `\`data.train\` points to \`trian.csv\`, which does not exist (looked for ${DIR}/trian.csv). Did you mean \`train.csv\`?`,
    ]);
    assert.deepEqual(near.diagnostics[0]!.range.start, { line: 5, character: 9 });
    assert.deepEqual(fixTitles(near.diagnostics[0]), ['Change to `train.csv`']);
    assert.match(near.fixed(), /\n {2}train: train.csv\n/);
    const sub = await exp008('  validation: "sub/validaton.csv"\n', {}, listings);
    assert.deepEqual(fixTitles(sub.diagnostics[0]), ['Change to `sub/VALIDATION.CSV`']);
    assert.match(sub.fixed(), /validation: sub\/VALIDATION.CSV\n/);
    // `xrain.cs` → `train.csv`: 2 edits, within the floor of 2; `xxain.cs`: 3 edits, beyond ⌊8/3⌋ = 2.
    assert.deepEqual(fixTitles((await exp008('  train: xrain.cs\n', {}, listings)).diagnostics[0]), [
      'Change to `train.csv`',
    ]);
    const far = await exp008('  train: xxain.cs\n', {}, listings);
    assert.deepEqual(messages(far.diagnostics), [
      `\`data.train\` points to \`xxain.cs\`, which does not exist (looked for ${DIR}/xxain.cs). Paths are relative to this file's folder; use a URI (s3://, gs://, hf://, https://) for remote data.`,
    ]);
    assert.deepEqual(fixTitles(far.diagnostics[0]), []);
    // 12 letters: 4 edits are within ⌊12/3⌋ = 4, 5 are not.
    const long = { [DIR]: ['abcdefgh.csv'] };
    assert.deepEqual(fixTitles((await exp008('  train: abcdxxxx.csv\n', {}, long)).diagnostics[0]), [
      'Change to `abcdefgh.csv`',
    ]);
    assert.deepEqual(fixTitles((await exp008('  train: abcxxxxx.csv\n', {}, long)).diagnostics[0]), []);
    assert.deepEqual(fixTitles((await exp008('  train: a.csv\n', {}, { [DIR]: [''] })).diagnostics[0]), []);
    assert.deepEqual(fixTitles((await exp008('  train: a.csv\n', {}, {})).diagnostics[0]), []);
    const wanted = await exp008('  train: "it is.csv"\n', {}, { [DIR]: ['it is!.csv'] });
    assert.match(wanted.fixed(), /train: "it is!.csv"\n/);
  });

  it('which files are read as CSV: .csv in any case or format csv; not folders, compressed, other formats', async () => {
    const bad = '  features: [nope]\n';
    const header = csv('a,b,c');
    const cases: Array<[string, Record<string, Fake>, number]> = [
      [`  train: t.csv\n${bad}`, { [TRAIN]: header }, 1],
      [`  train: T.CSV\n${bad}`, { [`${DIR}/T.CSV`]: header }, 1],
      [`  train: t.txt\n  format: csv\n${bad}`, { [`${DIR}/t.txt`]: header }, 1],
      [`  train: t.txt\n${bad}`, { [`${DIR}/t.txt`]: header }, 0],
      [`  train: t.csv\n  format: parquet\n${bad}`, { [TRAIN]: header }, 0],
      [`  train: t.csvx\n${bad}`, { [`${DIR}/t.csvx`]: header }, 0],
      [`  train: t.csv.gz\n${bad}`, { [`${DIR}/t.csv.gz`]: header }, 0],
      [`  train: t.csv.ZIP\n  format: csv\n${bad}`, { [`${DIR}/t.csv.ZIP`]: header }, 0],
      [`  train: t.gz.csv\n${bad}`, { [`${DIR}/t.gz.csv`]: header }, 1],
      [`  train: t.csv\n${bad}`, { [TRAIN]: { type: 'directory', text: 'a,b\n' } }, 0],
      [`  train: t.csv\n${bad}`, { [TRAIN]: { size: 10 } }, 0],
    ];
    for (const [data, files, count] of cases) {
      assert.equal((await exp008(data, files)).diagnostics.length, count, data);
    }
  });

  it('a header cut by the 64 KiB read is not checked; one that ends exactly there is', async () => {
    const wide = `c${'x'.repeat(HEAD - 3)},y`;
    assert.equal(wide.length, HEAD);
    const data = '  train: t.csv\n  features: [nope]\n';
    assert.equal((await exp008(data, { [TRAIN]: { text: wide } })).diagnostics.length, 1);
    assert.equal((await exp008(data, { [TRAIN]: { text: wide, size: HEAD + 1 } })).diagnostics.length, 0);
    assert.equal((await exp008(data, { [TRAIN]: { text: `${wide}\n`, size: HEAD + 10 } })).diagnostics.length, 0);
    assert.equal((await exp008(data, { [TRAIN]: { text: `a,b\n${wide}`, size: HEAD * 2 } })).diagnostics.length, 1);
  });

  it('an empty CSV and a special file are named; the other splits are still checked', async () => {
    const empty = await exp008('  train: t.csv\n  test: s.csv\n', {
      [TRAIN]: { text: '' },
      [`${DIR}/s.csv`]: { type: 'fifo' },
    });
    assert.deepEqual(messages(empty.diagnostics), [
      '`data.train` (`t.csv`) is empty: a CSV file starts with a header row naming its columns.',
      '`data.test` (`s.csv`) is a named pipe (FIFO), not a data file: Liftoff reads only regular files and folders (a pipe or device could stall validation and training). Point it at the data file itself.',
    ]);
    assert.deepEqual(empty.diagnostics[1]!.range.start, { line: 6, character: 8 });
    assert.deepEqual(messages((await exp008('  train: t.csv\n', { [TRAIN]: { text: '\n1,2\n' } })).diagnostics), [
      '`data.train` (`t.csv`) is empty: a CSV file starts with a header row naming its columns.',
    ]);
  });

  it('columns: unused columns guessed first; items of any style; non-string features skipped', async () => {
    const files = { [TRAIN]: csv('age,income,ages,status') };
    const r = await exp008('  train: t.csv\n  features:\n    - age\n    - incom\n    - 3\n  target: agez\n', files);
    // `agez` is one edit from `age` and from `ages`: `age` is used already, so `ages` is the guess.
    assert.deepEqual(messages(r.diagnostics), [
      'Feature column `incom` is not in the header of `t.csv`; closest: `income`. Columns: `age`, `income`, `ages`, `status`.',
      'Target column `agez` is not in the header of `t.csv`; closest: `ages`. Columns: `age`, `income`, `ages`, `status`.',
    ]);
    assert.deepEqual(
      r.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        [8, 6, 11],
        [10, 10, 14],
      ],
    );
    assert.deepEqual(fixTitles(r.diagnostics[1]), ['Rename to `ages`']);
    assert.match(r.fixed(r.diagnostics[1]), /\n {2}target: ages\n$/);
    assert.match(r.fixed(r.diagnostics[0]), /\n {4}- income\n/);
    // Every column used: the guess comes from all of them.
    const used = await exp008('  train: t.csv\n  features: [age, income, ages, status, agee]\n', files);
    assert.match(messages(used.diagnostics)[0] ?? '', /`agee` .*closest: `age`\./);
    // A header whose only names are empty: no guess, no fix.
    const blank = await exp008('  train: t.csv\n  features: [x]\n  target: y\n', { [TRAIN]: csv(',') });
    assert.deepEqual(messages(blank.diagnostics), [
      'Feature column `x` is not in the header of `t.csv`. Columns: ``, ``.',
      'Target column `y` is not in the header of `t.csv`. Columns: ``, ``.',
    ]);
    assert.deepEqual(
      blank.diagnostics.map((d) => fixTitles(d)),
      [[], []],
    );
    assert.deepEqual(messages((await exp008('  train: t.csv\n  target:\n', files)).diagnostics), []);
    assert.deepEqual(
      messages((await exp008('  train: t.csv\n  features: age\n  target: status\n', files)).diagnostics),
      [],
    );
  });

  it('lists up to 20 columns, then how many more', async () => {
    const cols = (k: number) => Array.from({ length: k }, (_, i) => `c${i}`);
    const shown = (k: number) =>
      cols(k)
        .map((c) => `\`${c}\``)
        .join(', ');
    const twenty = await exp008('  train: t.csv\n  target: zz\n', { [TRAIN]: csv(cols(20).join(',')) });
    assert.match(messages(twenty.diagnostics)[0] ?? '', new RegExp(`Columns: ${shown(20)}\\.$`));
    const more = await exp008('  train: t.csv\n  target: zz\n', { [TRAIN]: csv(cols(23).join(',')) });
    assert.match(messages(more.diagnostics)[0] ?? '', new RegExp(`Columns: ${shown(20)} … \\(3 more\\)\\.$`));
  });

  it('the reference split is train, else the first CSV; a split lacking a used column is named', async () => {
    const files = {
      [TRAIN]: csv('a,b,y'),
      [`${DIR}/v.csv`]: csv('a,y'),
      [`${DIR}/s.csv`]: csv('b,a,y,extra'),
    };
    const r = await exp008(
      '  test: s.csv\n  validation: v.csv\n  train: t.csv\n  features: [a, b, zz]\n  target: y\n',
      files,
    );
    assert.deepEqual(messages(r.diagnostics), [
      '`data.validation` (`v.csv`) has no column `b`, which `data.train` has and the experiment uses. Its columns: `a`, `y`.',
      'Feature column `zz` is not in the header of `t.csv`; closest: `a`. Columns: `a`, `b`, `y`.',
    ]);
    assert.deepEqual(r.diagnostics[0]!.range.start, { line: 6, character: 14 });
    const noTrain = await exp008('  validation: v.csv\n  test: s.csv\n  features: [a, b]\n  target: y\n', files);
    assert.deepEqual(messages(noTrain.diagnostics), [
      'Feature column `b` is not in the header of `v.csv`; closest: `a`. Columns: `a`, `y`.',
    ]);
    const unreadTrain = await exp008('  train: t.csv\n  test: s.csv\n  features: [q]\n', {
      [TRAIN]: { size: 5 },
      [`${DIR}/s.csv`]: csv('a'),
    });
    assert.deepEqual(messages(unreadTrain.diagnostics), []);
    const unreadOther = await exp008('  train: t.csv\n  test: s.csv\n  features: [a]\n', {
      [TRAIN]: csv('a'),
      [`${DIR}/s.csv`]: { size: 5 },
    });
    assert.deepEqual(messages(unreadOther.diagnostics), []);
  });

  it('is silent for URIs, variables, values that are not text, and unsaved documents', async () => {
    for (const data of [
      '  train: s3://b/t.csv\n',
      '  train: "${workspace}/t.csv"\n',
      '  train: [a.csv]\n',
      '  train:\n',
    ]) {
      assert.deepEqual(messages((await exp008(data)).diagnostics), [], data);
    }
    assert.deepEqual(messages((await exp008('  train: t.csv\n', {}, {}, `untitled:Untitled-${n++}`)).diagnostics), []);
    assert.equal((await exp008('  train: t.csv\n')).diagnostics.length, 1);
    assert.equal((await exp008('  train: t.csv\n  validation: 3\n')).diagnostics.length, 1);
    assert.equal(path.basename(TRAIN), 't.csv');
  });
});
