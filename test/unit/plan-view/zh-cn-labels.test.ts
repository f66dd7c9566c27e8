/**
 * The plan preview in Chinese, one word at a time: the labels it makes from the plan's keys and enum values
 * ("Pain points", "Direct sales") are said with the schema's Chinese term of that field or value (schema-terms.ts),
 * for every plan under templates/, examples/ and test/fixtures/. zh-cn-sweep.test.ts checks sentences (three or more
 * English words); this checks every label, title, hint, caption and item text of the view model, so a one-word field
 * shown in English fails too. Left in English: the plan's own text, keys the schema does not know (the user's own),
 * and the acronyms TAM, SAM, SOM, KPI and ID (as Chinese business plans write them).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { loadSchemas } from '../../../server/src/host/schemas';
import { createLanguageService } from '../../../server/src/service';
import { schemaTerms } from '../../../server/src/service/plan-view/schema-terms';
import { hasChinese } from '../../../core/src/l10n';
import { REPO_ROOT } from '../../support/fixtures';

const ACRONYMS = new Set(['TAM', 'SAM', 'SOM', 'KPI', 'ID', 'Id']);
const WORD_FIELDS = new Set(['title', 'label', 'caption', 'hint', 'text']);
const CONTENT_FIELDS = new Set(['rows', 'cells', 'value', 'display', 'name', 'values', 'evidence', 'message', 'ref']);

function plans(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const f = path.join(dir, e);
    if (statSync(f).isDirectory()) out.push(...plans(f));
    else if (/\.plan\.ya?ml$/.test(e)) out.push(f);
  }
  return out;
}

/** Every property name and enum value of a schema, as written. */
function schemaWords(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => schemaWords(x, out));
  else if (v && typeof v === 'object') {
    const s = v as Record<string, unknown>;
    if (s.properties && typeof s.properties === 'object') for (const k of Object.keys(s.properties)) out.add(k);
    if (Array.isArray(s.enum)) for (const e of s.enum) if (typeof e === 'string') out.add(e);
    for (const x of Object.values(s)) schemaWords(x, out);
  }
  return out;
}

/** The view model's words Liftoff shows that have no Chinese in them. */
function englishWords(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => englishWords(x, out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (CONTENT_FIELDS.has(k)) continue;
      if (WORD_FIELDS.has(k) && typeof x === 'string') {
        if (!hasChinese(x) && /[A-Za-z]{2}/.test(x)) out.push(x);
      } else englishWords(x, out);
    }
  return out;
}

describe('plan preview in Chinese: labels made from the plan’s keys and values', () => {
  const schemas = loadSchemas(path.join(REPO_ROOT, 'schemas'));
  const zh = createLanguageService({ locale: 'zh-cn' }, { schemas });
  const known = schemaWords(schemas.BusinessPlan);
  const files = ['templates', 'examples', 'test/fixtures'].flatMap((d) => plans(path.join(REPO_ROOT, d)));

  it('finds the plans and the schema’s terms', () => {
    assert.ok(files.length >= 20, `${files.length} plans`);
    const terms = schemaTerms(schemas.BusinessPlan as Record<string, unknown>);
    assert.equal(terms.get('Pain points'), '痛点');
    assert.equal(terms.get('Direct sales'), '直销');
  });

  it('no field or value the schema knows is shown in English in any plan', async () => {
    const left = new Map<string, string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const doc = { uri: `file://${file}`, text, path: file };
      const model = zh.planViewModel(doc, await zh.validate(doc));
      for (const w of englishWords([model.facts, model.summary, model.sections])) {
        if (ACRONYMS.has(w) || text.includes(w)) continue; // an acronym, or the plan's own text
        const key = w.toLowerCase().replace(/ /g, '_');
        if (known.has(key) && !left.has(w)) left.set(w, path.relative(REPO_ROOT, file));
      }
    }
    assert.deepEqual(
      [...left].map(([w, f]) => `${w} (${f})`),
      [],
      'add the field’s Chinese term to its schema description: "… (中文: 术语)"',
    );
  });
});
