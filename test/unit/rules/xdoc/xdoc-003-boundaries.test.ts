/**
 * XDOC-003 boundaries the fixture tests leave open: each sensitivity level and three experiments in one sentence, the
 * levels in Chinese, an empty `risks` list, several unmitigated data risks, the next free `r-data-N` id, and where the
 * appended risk lands (the end of the file with or without a final newline, before a later section, wide dashes).
 */
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LanguageService } from '../../../../server/src/service';
import { fixedText } from '../support';
import { checkText, checkUnsaved, fixTitles, tempWorkspace, xdocService } from './support';

const exp = (level: string) =>
  `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: x}\ndata: {train: ./d, sensitivity: ${level}}\n`;

describe('XDOC-003 boundaries', () => {
  let dir: string;
  let service: LanguageService;
  before(() => {
    dir = tempWorkspace('xdoc003b', {
      'p.experiment.yaml': exp('personal'),
      'h.experiment.yaml': exp('health'),
      'f.experiment.yaml': exp('financial'),
      'o.experiment.yaml': exp('public'),
      'n.experiment.yaml': 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: x}\n',
    });
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const head = (links: string) =>
    `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: data, date: 2026-01-15}\nsolution: {description: x, linked_experiments: [${links}]}\n`;
  const check = async (text: string, svc = service) => await checkText(svc, dir, text, 'XDOC-003');
  const LEAD = '`p.experiment.yaml` trains on personal data (`data.sensitivity`)';

  it('names personal, health and financial data, three experiments with commas and "and"', async () => {
    const { diagnostics } = await check(
      `${head('o.experiment.yaml, p.experiment.yaml, n.experiment.yaml, h.experiment.yaml, f.experiment.yaml')}risks: []\n`,
    );
    assert.equal(
      diagnostics[0]?.message,
      '`p.experiment.yaml` trains on personal data, `h.experiment.yaml` on health data and `f.experiment.yaml` on financial data (`data.sensitivity`), but the plan has no risks: add a `risks` section with a `category: data` risk (privacy, security, access) and its mitigation.',
    );
    // An empty `risks` list is reported on its key, without a fix (there is no list item to add after).
    assert.deepEqual(diagnostics[0]?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } });
    assert.deepEqual(fixTitles(diagnostics[0]), []);
    assert.equal(diagnostics[0]?.severity, DiagnosticSeverity.Warning);
  });

  it('names the levels in Chinese for a Chinese reader', async () => {
    const zh = xdocService(dir, { locale: 'zh-cn' });
    const [d] = (await check(`${head('p.experiment.yaml, h.experiment.yaml, f.experiment.yaml')}`, zh)).diagnostics;
    const message = String(d?.message);
    assert.doesNotMatch(message, /personal|health|financial/, message);
  });

  it('is silent without sensitive data, and for an unsaved plan', async () => {
    assert.deepEqual((await check(head('o.experiment.yaml, n.experiment.yaml, gone.experiment.yaml'))).diagnostics, []);
    assert.deepEqual(await checkUnsaved(service, head('p.experiment.yaml'), 'XDOC-003'), []);
  });

  it('adds the whole risks section, with the suggested mitigations, when there is none', async () => {
    const checked = await check(head('p.experiment.yaml'));
    const d = checked.diagnostics[0];
    assert.equal(d?.severity, DiagnosticSeverity.Warning);
    assert.equal(
      fixedText(service, checked.doc, d, /Add a data risk/),
      `${head('p.experiment.yaml')}risks:
  - id: r-data
    title: Sensitive training data exposed or misused
    category: data
    likelihood: 2
    impact: 4
    response: mitigate
    mitigation: [Anonymization, Access control, Data-processing agreements]  # suggested for a data risk: adapt to your plan
`,
    );
  });

  it('lists every unmitigated data risk, with the suggestions in lower case, and stubs the first', async () => {
    const text = `${head('p.experiment.yaml')}risks:
  - {id: r-a, title: A, category: data, mitigation: ""}
  - {id: r-m, title: M, category: market, mitigation: Pilots}
  - {id: r-b, title: B, category: data}
`;
    const checked = await check(text);
    const d = checked.diagnostics[0];
    assert.equal(
      d?.message,
      `${LEAD}, but none of its data risks (\`r-a\`, \`r-b\`) has a mitigation: say how the data is protected (e.g. anonymization, access control, data-processing agreements).`,
    );
    assert.equal(d?.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(fixTitles(d), [
      'Add a mitigation stub (Anonymization, Access control, Data-processing agreements)',
    ]);
    assert.match(
      fixedText(service, checked.doc, d, /Add a mitigation stub/),
      /- \{id: r-a, title: A, category: data, mitigation: \[Anonymization, Access control, Data-processing agreements\]\}/,
    );
  });

  it('names the one unmitigated data risk, with the suggestions in lower case', async () => {
    const text = `${head('p.experiment.yaml')}risks:\n  - {id: r-a, title: A, category: data}\n`;
    assert.deepEqual(
      (await check(text)).diagnostics.map((d) => d.message),
      [
        `${LEAD}, but data risk \`r-a\` has no mitigation: say how the data is protected (e.g. anonymization, access control, data-processing agreements).`,
      ],
    );
  });

  it('takes the next free `r-data-N` id', async () => {
    const text = `${head('p.experiment.yaml')}risks:
  - {id: r-data, title: A, category: market, mitigation: x}
  - {id: r-data-2, title: B, category: market, mitigation: x}
`;
    const checked = await check(text);
    assert.match(
      fixedText(service, checked.doc, checked.diagnostics[0], /Add a data risk/),
      /- \{id: r-data-3, title:/,
    );
  });

  const ITEM =
    '{id: r-data, title: Sensitive training data exposed or misused, category: data, likelihood: 2, impact: 4, response: mitigate, mitigation: [Anonymization, Access control, Data-processing agreements]}';

  it('appends the risk after the last item: at the end with or without a final newline, or before the next section', async () => {
    const risks = `${head('p.experiment.yaml')}risks:\n  - {id: r-m, title: M, category: market, mitigation: x}`;
    for (const [text, want] of [
      [risks, `${risks}\n  - ${ITEM}\n`],
      [`${risks}\n`, `${risks}\n  - ${ITEM}\n`],
      [`${risks}\noverview: {background: x}\n`, `${risks}\n  - ${ITEM}\noverview: {background: x}\n`],
      [`${risks}\noverview: {background: x}`, `${risks}\n  - ${ITEM}\noverview: {background: x}`],
    ] as const) {
      const checked = await check(text);
      assert.equal(fixedText(service, checked.doc, checked.diagnostics[0], /Add a data risk/), want);
    }
  });

  it('appends after an item written with several spaces after its dash, and offers no fix where it cannot', async () => {
    const wide = `${head('p.experiment.yaml')}risks:\n  -   {id: r-m, title: M, category: market, mitigation: x}\n`;
    const checked = await check(wide);
    assert.equal(fixedText(service, checked.doc, checked.diagnostics[0], /Add a data risk/), `${wide}  - ${ITEM}\n`);
    // A flow list, or an item that starts on the line after its dash: the message without a fix.
    for (const text of [
      `${head('p.experiment.yaml')}risks: [{id: r-m, title: M, category: market, mitigation: x}]\n`,
      `${head('p.experiment.yaml')}risks:\n  - # market\n    id: r-m\n    category: market\n    mitigation: x\n`,
    ]) {
      const [d] = (await check(text)).diagnostics;
      assert.match(String(d?.message), /but no risk has `category: data`/);
      assert.deepEqual(fixTitles(d), []);
    }
  });
});
