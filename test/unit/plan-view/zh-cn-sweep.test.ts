/**
 * The plan preview and its exports in Chinese: every plan the project ships or tests (templates/, examples/,
 * test/fixtures/ and the plan snippets) is rendered in zh-cn — the preview's HTML with its chart captions,
 * screen-reader labels and tooltips, and the Markdown export — and no run of English words may be left that the plan
 * itself did not write. A run is the plan's own text when it appears in the plan's source; anything else is a word
 * Liftoff wrote that did not go through core/src/l10n.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService } from '../../../server/src/service';
import { loadSchemas } from '../../../server/src/host/schemas';
import { renderPlanHtml, renderPlanMarkdown } from '../../../core/src/plan/render';
import { ZH_CN } from '../../../core/src/l10n';
import { englishProse } from '../../support/english-prose';
import { REPO_ROOT } from '../../support/fixtures';

const zh = createLanguageService({ locale: 'zh-cn' }, { schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')) });

function plansUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return plansUnder(p);
    return name.endsWith('.plan.yaml') ? [p] : [];
  });
}

/** A snippet body as the text it inserts with every placeholder left at its default (`${1:x}` → x, `${1|a,b|}` → a). */
function expandSnippet(body: string | string[]): string {
  let text = (Array.isArray(body) ? body.join('\n') : body).replace(/\\\$/g, '\u0000');
  for (let before = ''; before !== text;) {
    before = text;
    text = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\d+/g, '');
  }
  return text.replace(/\u0000/g, '$');
}

/** The plan snippets: each alone, and every section snippet together as one plan. */
function snippetPlans(): Array<{ name: string; text: string }> {
  const file = path.join(REPO_ROOT, 'snippets', 'liftoff.code-snippets.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string; body: string | string[] }>;
  const plans = Object.values(all)
    .filter((s) => s.prefix.startsWith('plan-'))
    .map((s) => ({ name: `snippet ${s.prefix}`, text: expandSnippet(s.body) }));
  const sections = plans.filter((p) => p.name !== 'snippet plan-min').map((p) => p.text);
  return [
    ...plans,
    {
      name: 'snippet sections together',
      text: ['apiVersion: liftoff/v1', 'kind: BusinessPlan', ...sections].join('\n'),
    },
  ];
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** What a reader (or a screen reader) meets in the zh-cn preview and Markdown export of a plan, line by line. */
async function zhLines(file: string, text: string): Promise<string[]> {
  const doc = { uri: pathToFileURL(file).toString(), text, version: 1 };
  const model = zh.planViewModel(doc, await zh.validate(doc));
  const html = renderPlanHtml(model, { interactive: false });
  const attrs = [...html.matchAll(/\s(?:aria-label|title|alt)="([^"]*)"/g)].map((m) => m[1]!);
  const body = html.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, '').replace(/<[^>]+>/g, '\n');
  const md = renderPlanMarkdown(model).replace(/\\(.)/g, '$1');
  return [...body.split('\n'), ...attrs, ...md.split('\n')].map((l) => decode(l).trim()).filter(Boolean);
}

/** Runs of English words in the zh-cn views of a plan that the plan's own text does not hold. */
async function liftoffEnglish(file: string, text: string): Promise<string[]> {
  const source = squash(text);
  const left = new Set<string>();
  for (const line of await zhLines(file, text))
    for (const run of englishProse(line)) if (!source.includes(squash(run))) left.add(`${run}  ← in: ${line}`);
  return [...left];
}

describe('plan preview and exports in zh-cn: no English that Liftoff wrote', function () {
  this.timeout(60_000);
  const files = ['templates', 'examples', path.join('test', 'fixtures')]
    .flatMap((d) => plansUnder(path.join(REPO_ROOT, d)))
    .sort();
  const plans = [
    ...files.map((f) => ({ name: path.relative(REPO_ROOT, f), file: f, text: readFileSync(f, 'utf8') })),
    ...snippetPlans().map((p) => ({ ...p, file: path.join(REPO_ROOT, 'snippets', 'snippet.plan.yaml') })),
  ];

  it('finds the plans: templates, examples, fixtures and snippets', () => {
    assert.ok(files.some((f) => f.includes(`${path.sep}templates${path.sep}`)));
    assert.ok(files.some((f) => f.endsWith('lung-nodule.plan.yaml')));
    assert.ok(files.length >= 50, `found ${files.length} plans`);
    assert.ok(plans.length - files.length >= 15, `found ${plans.length - files.length} snippet plans`);
  });

  for (const p of plans)
    it(p.name, async () => {
      assert.deepEqual(await liftoffEnglish(p.file, p.text), []);
    });

  it('fails when one of the preview’s sentences is left in English (the check can fail)', async () => {
    const example = path.join(REPO_ROOT, 'examples', 'medical-diagnosis', 'lung-nodule.plan.yaml');
    const text = readFileSync(example, 'utf8');
    const table = ZH_CN as Record<string, string>;
    const key = 'Widths are stepped, not to scale.';
    const chinese = table[key]!;
    delete table[key];
    try {
      const left = await liftoffEnglish(example, text);
      assert.ok(
        left.some((l) => l.startsWith('Widths are stepped')),
        left.join('\n'),
      );
    } finally {
      table[key] = chinese;
    }
    assert.deepEqual(await liftoffEnglish(example, text), []);
  });
});
