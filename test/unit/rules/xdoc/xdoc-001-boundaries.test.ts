/**
 * XDOC-001 and the link reader (`xdoc/linked.ts`) at the edges the fixture tests leave open: the exact wording for
 * each place a link sits, links that are not text, the size and nesting limits of a linked file, a named pipe, an
 * unreadable file, a kind declared inside a file whose name says nothing, and how the similar document is picked
 * (distance limit, `.yml`, ties).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../../../server/src/service';
import { createNodeHost } from '../../../../server/src/host/node-host';
import type { ServiceHost } from '../../../../server/src/service/host';
import { MAX_NESTING, nestingDepth } from '../../../../server/src/service/nesting';
import { MAX_LINKED_BYTES } from '../../../../server/src/service/rules/xdoc/linked';
import { checkText, checkUnsaved, fixTitles, tempWorkspace, xdocService } from './support';

const EXP = 'apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: x}\n';

/** An experiment whose flow brackets nest so that the whole file is exactly `depth` deep. */
function nested(depth: number): string {
  for (let n = 1; n < depth + 5; n++) {
    const text = `${EXP}x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
    if (nestingDepth(text, depth + 10) === depth) return text;
  }
  throw new Error(`no text of depth ${depth}`);
}

describe('XDOC-001 boundaries: links and the linked file', () => {
  let dir: string;
  let service: LanguageService;
  before(() => {
    dir = tempWorkspace('xdoc001b', {
      'real.experiment.yaml': EXP,
      'declared.yaml': EXP,
      'edge.yaml': `#${'x'.repeat(MAX_LINKED_BYTES - 2)}\n`,
      'huge.yaml': `#${'x'.repeat(MAX_LINKED_BYTES - 1)}\n`,
      'deep.experiment.yaml': nested(MAX_NESTING),
      'toodeep.experiment.yaml': nested(MAX_NESTING + 1),
      'models/segment.experiment.yaml': EXP,
      'models/lesion.experiment.yml': EXP,
      'a/twin.experiment.yaml': EXP,
      'b/twin.experiment.yaml': EXP,
      'c/d/sole.experiment.yaml': EXP,
      'c/solo.experiment.yaml': EXP,
      'e/near.experiment.yaml': EXP,
      'e/f/near.experiment.yaml': EXP,
      'g/pair.experiment.yaml': EXP,
      'h/paix.experiment.yaml': EXP,
      'longfolder/zed.experiment.yaml': EXP,
      'q/r/zed.experiment.yaml': EXP,
    });
    execFileSync('mkfifo', [path.join(dir, 'pipe.experiment.yaml')]);
    service = xdocService(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const plan = (body: string) =>
    `apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: links, date: 2026-01-15}\n${body}\n`;
  const solution = (...links: string[]) =>
    plan(`solution: {description: x, linked_experiments: [${links.join(', ')}]}`);
  const check = async (text: string, svc = service, suffix?: string) =>
    (await checkText(svc, dir, text, 'XDOC-001', suffix)).diagnostics;
  const messages = async (text: string, svc = service, suffix?: string) =>
    (await check(text, svc, suffix)).map((d) => String(d.message));
  const looked = (name: string) => `looked for ${path.join(dir, name)}`;

  it('names where each link sits: the solution list, a milestone, a KPI', async () => {
    const text = plan(
      [
        'solution: {description: x, linked_experiments: [gone1.experiment.yaml]}',
        'milestones:',
        '  - {id: m-a, title: A}',
        '  - {id: m-b, title: B, linked_experiment: gone2.experiment.yaml}',
        'kpis:',
        '  - {id: k-a, name: A}',
        '  - {id: k-b, name: B, measured_by: {metric: x}}',
        '  - {id: k-c, name: C, measured_by: {experiment: gone3.experiment.yaml, metric: x}}',
      ].join('\n'),
    );
    assert.deepEqual(await messages(text), [
      `\`solution.linked_experiments\` links \`gone1.experiment.yaml\`, which does not exist (${looked('gone1.experiment.yaml')}). Links are relative to this file's folder.`,
      `\`linked_experiment\` of milestone \`m-b\` links \`gone2.experiment.yaml\`, which does not exist (${looked('gone2.experiment.yaml')}). Links are relative to this file's folder.`,
      `\`measured_by.experiment\` of KPI \`k-c\` links \`gone3.experiment.yaml\`, which does not exist (${looked('gone3.experiment.yaml')}). Links are relative to this file's folder.`,
    ]);
  });

  it('ignores links that are not text or only blanks, and leaves unsaved plans and plans without links alone', async () => {
    const ds = await check(solution('42', '"  "', '{a: 1}', '[x]', 'gone4.experiment.yaml'));
    assert.equal(ds.length, 1);
    assert.match(String(ds[0]?.message), /links `gone4\.experiment\.yaml`/);
    assert.deepEqual(await check(plan('overview: {background: none}')), []);
    assert.deepEqual(await checkUnsaved(service, solution('gone4.experiment.yaml'), 'XDOC-001'), []);
  });

  it("checks an experiment's `metadata.linked_plan` only when it is non-blank text", async () => {
    const experiment = (linkedPlan: string) =>
      `apiVersion: liftoff/v1\nkind: Experiment\nmetadata: {name: e, linked_plan: ${linkedPlan}}\n`;
    assert.deepEqual(await messages(experiment('gone.plan.yaml'), service, '.experiment.yaml'), [
      `\`metadata.linked_plan\` links \`gone.plan.yaml\`, which does not exist (${looked('gone.plan.yaml')}). Links are relative to this file's folder.`,
    ]);
    for (const blank of ['"  "', '42', '~'])
      assert.deepEqual(await check(experiment(blank), service, '.experiment.yaml'), [], blank);
    assert.deepEqual(await check(`${EXP}run: {trainer: command}\n`, service, '.experiment.yaml'), []);
    assert.deepEqual(await checkUnsaved(service, experiment('gone.plan.yaml'), 'XDOC-001'), []);
  });

  it('reads a file of exactly the size limit and skips a larger one', async () => {
    assert.deepEqual(await messages(solution('edge.yaml')), [
      '`solution.linked_experiments` links `edge.yaml`, which is not a Liftoff document (it has no `kind: Experiment`): link an Experiment document.',
    ]);
    assert.deepEqual(await check(solution('huge.yaml')), []);
  });

  it('parses a linked file nested exactly to the limit and not one level deeper', async () => {
    assert.deepEqual(await check(solution('deep.experiment.yaml')), []);
    assert.deepEqual(await messages(solution('toodeep.experiment.yaml')), [
      '`solution.linked_experiments` links `toodeep.experiment.yaml`, which is not a Liftoff document (it has no `kind: Experiment`): link an Experiment document.',
    ]);
  });

  it('takes the kind a file declares when its name says nothing', async () => {
    assert.deepEqual(await check(solution('declared.yaml', 'real.experiment.yaml')), []);
  });

  it('never opens a named pipe', async () => {
    assert.deepEqual(await messages(solution('pipe.experiment.yaml')), [
      '`solution.linked_experiments` links `pipe.experiment.yaml`, which is a named pipe (FIFO), not an Experiment document: Liftoff reads only regular files.',
    ]);
  });

  it('says when a file cannot be read', async () => {
    const node = createNodeHost({ workspaceFolders: [dir], gpuProbe: async () => ({ status: 'no-driver' }) });
    const host: ServiceHost = Object.assign(Object.create(node) as ServiceHost, { readHead: async () => undefined });
    const unreadable = createLanguageService({}, { host });
    assert.deepEqual(await messages(solution('real.experiment.yaml'), unreadable), [
      `\`solution.linked_experiments\` links \`real.experiment.yaml\`, which cannot be read (${path.join(dir, 'real.experiment.yaml')}).`,
    ]);
  });

  it('offers a document two edits away in a name of six or more letters, and one with a `.yml` name', async () => {
    const [typo] = await check(solution('segmxxt.experiment.yaml'));
    assert.match(String(typo?.message), /which does not exist .* Did you mean `models\/segment\.experiment\.yaml`\?$/);
    assert.deepEqual(fixTitles(typo), ['Change to `models/segment.experiment.yaml`']);
    const [far] = await check(solution('sexxxxt.experiment.yaml'));
    assert.deepEqual(fixTitles(far), []);
    const [yml] = await check(solution('lesion.experiment.yaml'));
    assert.deepEqual(fixTitles(yml), ['Change to `models/lesion.experiment.yml`']);
  });

  it('offers nothing for two equally close documents as deep, else the closer name, then the shallower one', async () => {
    const [twin] = await messages(solution('twin.experiment.yaml'));
    assert.ok(String(twin).endsWith(" Links are relative to this file's folder."), twin);
    const [sole] = await check(solution('sole.experiment.yaml'));
    assert.deepEqual(fixTitles(sole), ['Change to `c/d/sole.experiment.yaml`']);
    const [near] = await check(solution('near.experiment.yaml'));
    assert.deepEqual(fixTitles(near), ['Change to `e/near.experiment.yaml`']);
    // As deep, but one is closer: that one.
    const [pair] = await check(solution('pair.experiment.yaml'));
    assert.deepEqual(fixTitles(pair), ['Change to `g/pair.experiment.yaml`']);
    // Depth counts folders, not characters.
    const [zed] = await check(solution('zed.experiment.yaml'));
    assert.deepEqual(fixTitles(zed), ['Change to `longfolder/zed.experiment.yaml`']);
  });
});
