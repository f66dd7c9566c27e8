import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLanguageService, type LiftoffDiagnostic } from '../../server/src/service';
import { loadSchemas } from '../../server/src/host/schemas';
import { applyEdits, fixture, REPO_ROOT } from '../support/fixtures';

const service = createLanguageService({}, { schemas: loadSchemas(path.join(REPO_ROOT, 'schemas')) });

async function schemaProblems(
  rel: string,
): Promise<{ doc: { uri: string; text: string }; diagnostics: LiftoffDiagnostic[] }> {
  const doc = fixture(`schema/${rel}`);
  return { doc, diagnostics: (await service.validate(doc)).filter((d) => d.code === 'SCHEMA') };
}

function range(d: LiftoffDiagnostic | undefined): [number, number, number, number] {
  assert.ok(d);
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

async function fixClears(
  doc: { uri: string; text: string },
  d: LiftoffDiagnostic | undefined,
  title: RegExp,
): Promise<string> {
  assert.ok(d);
  const action = service.codeActions(doc, [d]).find((a) => title.test(a.title));
  assert.ok(action, `quick fix ${title}`);
  const text = applyEdits(doc.text, action.edit!.changes![doc.uri]!);
  assert.deepEqual(
    (await service.validate({ uri: doc.uri, text })).filter((x) => x.code === 'SCHEMA'),
    [],
  );
  return text;
}

describe('schema validation (JSON Schema 2020-12 through Ajv, ranges from the YAML tree)', () => {
  it('the base fixture and the examples are schema-clean', async () => {
    assert.deepEqual((await schemaProblems('base.experiment.yaml')).diagnostics, []);
  });

  it('an enum typo names the allowed values, suggests the closest, and fixes it', async () => {
    const { doc, diagnostics } = await schemaProblems('enum-typo.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    assert.match(
      String(diagnostics[0]!.message),
      /^`training.optimizer.type` must be one of sgd, adam, adamw, rmsprop, adagrad, found `adamm`; did you mean `adam`\?/,
    );
    assert.deepEqual(range(diagnostics[0]), [18, 10, 18, 15]);
    await fixClears(doc, diagnostics[0], /Change to `adam`/);
  });

  it('a Chinese enum value is explained and replaced by the canonical value', async () => {
    const { doc, diagnostics } = await schemaProblems('chinese-enum.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    assert.match(String(diagnostics[0]!.message), /`迁移学习` is the Chinese term for `transfer`/);
    const text = await fixClears(doc, diagnostics[0], /Change to `transfer`/);
    assert.match(text, /mode: transfer/);
  });

  it('an unknown key is flagged on the key with a rename to the closest allowed key', async () => {
    const { doc, diagnostics } = await schemaProblems('unknown-key.experiment.yaml');
    const unknown = diagnostics.find((d) => /Unknown key/.test(String(d.message)));
    assert.match(
      String(unknown?.message),
      /Unknown key `learnig_rate` in `training.optimizer`; did you mean `learning_rate`\?/,
    );
    assert.deepEqual(range(unknown), [19, 4, 19, 16]);
    await fixClears(doc, unknown, /Rename to `learning_rate`/);
  });

  it('a wrong type says what was expected and what was found', async () => {
    const { diagnostics } = await schemaProblems('wrong-type.experiment.yaml');
    assert.equal(diagnostics.length, 1);
    assert.match(
      String(diagnostics[0]!.message),
      /^`training.batch_size` must be a whole number ≥ 1.*, found `thirty-two`\./,
    );
    assert.deepEqual(range(diagnostics[0]), [16, 14, 16, 24]);
  });

  it('a missing required section is named', async () => {
    const { diagnostics } = await schemaProblems('missing-run.experiment.yaml');
    assert.deepEqual(
      diagnostics.map((d) => String(d.message)),
      ['Missing the required `run` section.'],
    );
  });

  it('an alias bomb gets a clear diagnostic instead of freezing', async () => {
    // A freeze would fail by the suite's timeout; how fast the server answers is bench/lsp's business, not asserted here.
    const doc = fixture('schema/alias-bomb.experiment.yaml');
    const diagnostics = await service.validate(doc);
    assert.ok(
      diagnostics.some((d) => /alias/i.test(String(d.message))),
      diagnostics.map((d) => d.message).join('\n'),
    );
  });

  it('money in a plan: a number or a money string; anything else explains both forms', async () => {
    const text =
      'apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata:\n  name: m\n  currency: CNY\nfinancing:\n  cash_on_hand: [3, M]\n';
    // Whoever explains it (the schema, or PLAN-002 which owns money and wins on the same range), it names both forms.
    const diagnostics = await service.validate({ uri: 'file:///tmp/m.plan.yaml', text });
    const money = diagnostics.find((d) => d.range.start.line === 6);
    assert.ok(money, diagnostics.map((d) => d.message).join('\n'));
    assert.match(String(money.message), /number.*or|money/i);
    assert.doesNotMatch(String(money.message), /oneOf|anyOf/);
    assert.deepEqual(range(money), [6, 16, 6, 22]);
  });
});
