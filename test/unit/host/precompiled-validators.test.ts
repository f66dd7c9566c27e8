/**
 * The schema validators generated at build time (server/src/host/validators-gen.ts → dist/server/validators-<kind>.js,
 * issue 25: a cold server validates its first document without compiling the schemas). They must check exactly as
 * the validators Ajv compiles at run time: the same diagnostics, message for message and range for range, on every
 * YAML document of the repository (fixtures, examples, templates), incremental or not, and the same Ajv errors on
 * random values in every section; and they must never be used for a schema other than the one they came from.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { createLanguageService, type DocumentKind, type PrecompiledValidators } from '../../../server/src/service';
import { BUNDLED_SCHEMA_DIR, loadSchemas } from '../../../server/src/host/schemas';
import { loadPrecompiledValidators, validatorsFile } from '../../../server/src/host/validators';
import { generateValidatorModules } from '../../../server/src/host/validators-gen';
import { createAjv, propertyExport, SHELL, shellOf, WHOLE } from '../../../server/src/service/schema/ajv-setup';
import { REPO_ROOT } from '../../support/fixtures';

const KINDS: readonly DocumentKind[] = ['Experiment', 'BusinessPlan'];

/** Every YAML document under these folders of the repository. */
function yamlFiles(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(REPO_ROOT, d));
  return out.sort();
}

/** What a user sees of an Ajv error (the schema objects themselves are copies in generated code). */
const seen = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => ({
    keyword: e.keyword,
    instancePath: e.instancePath,
    schemaPath: e.schemaPath,
    params: e.params,
    message: e.message,
    data: e.data,
    schema: e.schema,
    parentSchema: e.parentSchema,
  }));

describe('schema validators generated at build time', function () {
  this.timeout(120_000);
  const schemas = loadSchemas(BUNDLED_SCHEMA_DIR);
  // Inside the repository, so the generated code's `require("ajv/dist/runtime/…")` resolves as in the bundle.
  const dir = path.join(REPO_ROOT, 'out', '.test-validators');
  const loaded: DocumentKind[] = [];
  let precompiled: PrecompiledValidators;

  before(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const modules = generateValidatorModules(schemas);
    for (const kind of KINDS) writeFileSync(path.join(dir, validatorsFile(kind)), modules[kind]);
    const load = loadPrecompiledValidators(schemas, [dir], (kind, why) => assert.fail(`${kind} not used: ${why}`));
    precompiled = (kind) => {
      const set = load(kind);
      if (set) loaded.push(kind);
      return set;
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('give the same diagnostics as run-time compilation on every YAML document of the repository', async () => {
    const files = yamlFiles('test/fixtures', 'examples', 'templates');
    assert.ok(files.length > 150, `${files.length} documents`);
    let withSchemaDiagnostics = 0;
    for (const incremental of [true, false]) {
      const runtime = createLanguageService({}, { schemas, incremental });
      const generated = createLanguageService({}, { schemas, validators: precompiled, incremental });
      for (const file of files) {
        const doc = { uri: pathToFileURL(file).toString(), text: readFileSync(file, 'utf8') };
        const want = await runtime.validate(doc);
        const got = await generated.validate(doc);
        assert.deepEqual(got, want, path.relative(REPO_ROOT, file));
        if (incremental && want.some((d) => d.code === 'SCHEMA')) withSchemaDiagnostics++;
      }
    }
    assert.deepEqual([...new Set(loaded)].sort(), [...KINDS].sort(), 'both kinds were checked by generated code');
    assert.ok(withSchemaDiagnostics >= 10, `only ${withSchemaDiagnostics} documents had schema problems to compare`);
  });

  it('report the same errors as Ajv at run time for any value in any section, and for the whole document', () => {
    for (const kind of KINDS) {
      const root = schemas[kind] as Record<string, unknown>;
      const set = precompiled(kind)!;
      const ajv = createAjv();
      ajv.addSchema(root);
      const runtimeShell = ajv.compile(shellOf(root));
      const keys = Object.keys(root.properties as object);
      fc.assert(
        fc.property(
          fc.constantFrom(...keys),
          fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...keys, 'name', 'kind', 'x'), fc.jsonValue())),
          (key, value) => {
            const pairs: Array<[ValidateFunction, ValidateFunction, unknown]> = [
              [set[propertyExport(key)]!, ajv.getSchema(`${String(root.$id)}#/properties/${key}`)!, value],
              [set[WHOLE]!, ajv.getSchema(String(root.$id))!, { apiVersion: 'liftoff/v1', kind, [key]: value }],
              [set[SHELL]!, runtimeShell, { kind, [key]: value }],
            ];
            for (const [gen, run, data] of pairs) {
              assert.equal(gen(data), run(data));
              assert.deepEqual(seen(gen.errors), seen(run.errors));
            }
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('are not used for a schema other than the one they were generated from', () => {
    const changed = structuredClone(schemas) as unknown as Record<DocumentKind, Record<string, unknown>>;
    changed.Experiment.description = `${String(changed.Experiment.description)} (edited)`;
    const why: string[] = [];
    const load = loadPrecompiledValidators(changed, [dir], (kind, reason) => why.push(`${kind}: ${reason}`));
    assert.equal(load('Experiment'), undefined);
    assert.match(why.join('\n'), /Experiment: .*validators-Experiment\.js was generated from another version/);
    assert.ok(load('BusinessPlan'), 'the unchanged kind still uses its generated validators');
    // And a service given them compiles the edited schema itself: an unknown key is still reported.
    const service = createLanguageService({}, { schemas: changed, validators: load });
    return service
      .validate({ uri: 'file:///x.experiment.yaml', text: 'apiVersion: liftoff/v1\nkind: Experiment\nbogus: 1\n' })
      .then((d) =>
        assert.ok(
          d.some((x) => /bogus/.test(String(x.message))),
          JSON.stringify(d),
        ),
      );
  });

  it('are absent where nothing was generated (tests run from out/): the schemas compile at run time', () => {
    const empty = path.join(dir, 'none');
    mkdirSync(empty, { recursive: true });
    const reasons: string[] = [];
    assert.equal(loadPrecompiledValidators(schemas, [empty], (_k, w) => reasons.push(w))('Experiment'), undefined);
    assert.deepEqual(reasons, []);
  });
});
