/**
 * Chinese (zh-cn) beside English, everywhere a user reads Liftoff: the manifest (package.nls*.json), the client
 * (vscode.l10n.t → l10n/bundle.l10n.zh-cn.json), the webviews (words passed from the host), the language server
 * and the CLI (core/src/l10n), the rule catalogue. Each parity check is also run on a copy with a string added in
 * one language only, to show it fails then.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLanguageService, type LiftoffDiagnostic } from '../../server/src/service';
import { loadSchemas } from '../../server/src/host/schemas';
import { RULE_CATALOGUE } from '../../server/src/service/rules/catalogue';
import { RULE_SUMMARIES_ZH_CN } from '../../server/src/service/rules/catalogue-zh-cn';
import { localizedDescription } from '../../server/src/service/hover';
import { format, hasChinese, localeFromEnv, normalizeLocale, t, ZH_CN } from '../../core/src/l10n';
import type { RunFeed } from '../../core/src/metrics';
import { feedNotices } from '../../client/src/panels/metrics/host-notices';
import { compareRuns } from '../../client/src/panels/metrics/comparison';
import { TEMPLATES } from '../../core/src/templates';
import { VOCABULARY } from '../../core/src/vocabulary/enum-vocabulary';
import { attachReview, renderPlanHtml, renderPlanMarkdown } from '../../core/src/plan/render';
import { parseReviewFile } from '../../core/src/plan';
import { main } from '../../cli/src/main';
import { ZOOM_KEYS_HELP } from '../../core/src/metrics/keyboard-zoom';
import { fixture, REPO_ROOT } from '../support/fixtures';
import {
  arrayLiteral,
  bundleProblems,
  callLiterals,
  inPlaceWebviewProse,
  manifestProblems,
  sourceFiles,
  translationProblems,
  untranslatedUiText,
} from '../support/l10n-parity';

const read = (rel: string) => readFileSync(path.join(REPO_ROOT, rel), 'utf8');
const json = (rel: string) => JSON.parse(read(rel)) as Record<string, string>;
const src = (...dirs: string[]) => dirs.flatMap((d) => sourceFiles(path.join(REPO_ROOT, d)));

describe('l10n: English and Chinese (zh-cn) in step', () => {
  describe('manifest (package.json → package.nls.json, package.nls.zh-cn.json)', () => {
    const manifest = read('package.json');
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');

    it('every %key% exists in both languages, every key in one exists in the other, placeholders and links match', () => {
      assert.deepEqual(manifestProblems(manifest, en, zh), []);
    });

    it('no user-facing manifest string is left in English only: commands, settings, walkthrough, views, welcome', () => {
      const p = JSON.parse(manifest) as {
        displayName: string;
        contributes: {
          commands: Array<{ title: string }>;
          configuration: { properties: Record<string, Record<string, unknown>> };
          walkthroughs: Array<{
            title: string;
            description: string;
            steps: Array<{ title: string; description: string }>;
          }>;
          views: Record<string, Array<{ name: string }>>;
          viewsWelcome: Array<{ contents: string }>;
        };
      };
      const c = p.contributes;
      const strings = [
        p.displayName,
        ...c.commands.map((x) => x.title),
        ...Object.values(c.configuration.properties).flatMap((x) => [
          x.description,
          x.markdownDescription,
          ...((x.enumDescriptions as string[] | undefined) ?? []),
        ]),
        ...c.walkthroughs.flatMap((w) => [w.title, w.description, ...w.steps.flatMap((s) => [s.title, s.description])]),
        ...Object.values(c.views).flatMap((v) => v.map((x) => x.name)),
        ...c.viewsWelcome.map((x) => x.contents),
      ].filter((s): s is string => typeof s === 'string');
      assert.ok(strings.length > 60);
      assert.deepEqual(
        strings.filter((s) => !/^%[^%]+%$/.test(s)),
        [],
        'manifest strings written in place instead of as %key%',
      );
    });

    it('fails when a string is added in one language only (the check can fail)', () => {
      assert.match(
        manifestProblems(manifest, { ...en, 'command.brandNew.title': 'Brand New' }, zh).join('\n'),
        /package.nls.json has command.brandNew.title, package.nls.zh-cn.json does not/,
      );
      assert.match(
        manifestProblems(manifest, en, { ...zh, 'command.brandNew.title': '全新' }).join('\n'),
        /package.nls.zh-cn.json has command.brandNew.title, package.nls.json does not/,
      );
      assert.match(
        manifestProblems(manifest.replace('"%command.train.title%"', '"%command.trainNow.title%"'), en, zh).join('\n'),
        /package.json uses %command.trainNow.title%, which package.nls.json lacks/,
      );
      const dropped = { ...zh, 'walkthrough.firstSteps.fix.description': '打开示例。' };
      assert.match(manifestProblems(manifest, en, dropped).join('\n'), /backquoted code differs|command links differ/);
    });
  });

  describe('client (vscode.l10n.t) and webviews (words passed from the host)', () => {
    const bundle = json('l10n/bundle.l10n.zh-cn.json');
    const client = callLiterals(src('client/src'), 'vscode.l10n.t', 0);
    /** Host modules without vscode (metrics, inference view models) say their sentences with `tr` (vscode.l10n.t). */
    const hostTr = callLiterals(
      src('client/src/panels/metrics', 'client/src/panels/inference', 'client/src/runs'),
      'tr',
      0,
      /from '(\.\/|\.\.\/metrics\/|\.\.\/panels\/metrics\/)words'/,
    );
    const strings = path.join(REPO_ROOT, 'client/src/panels/webview-strings.ts');
    const metrics = arrayLiteral(strings, 'METRICS_STRINGS');
    /** Each panel's list of words on the host, and where its page (and what renders for it) calls `w('…')`. */
    const panels: Array<{ list: string; dirs: string[]; renderers?: string[] }> = [
      { list: 'INFERENCE_STRINGS', dirs: ['webviews/inference'] },
      { list: 'ONNX_INSPECTOR_STRINGS', dirs: ['webviews/onnx-inspector'] },
      { list: 'MODEL_COMPARE_STRINGS', dirs: ['webviews/model-compare'] },
      { list: 'RUN_COMPARE_STRINGS', dirs: ['webviews/run-compare'] },
      { list: 'PLAN_DIFF_STRINGS', dirs: ['webviews/plan-diff'], renderers: ['core/src/plan/render/diff.ts'] },
    ];
    const panelWords = panels.flatMap((p) => arrayLiteral(strings, p.list));
    const used = new Set([...client.literals, ...hostTr.literals, ...metrics, ...panelWords]);

    it('every vscode.l10n.t literal and every webview word is in l10n/bundle.l10n.zh-cn.json, and nothing else', () => {
      assert.ok(client.literals.size >= 30, `found ${client.literals.size} vscode.l10n.t literals`);
      assert.deepEqual(bundleProblems('l10n/bundle.l10n.zh-cn.json', used, bundle), []);
      for (const [k, v] of Object.entries(bundle)) assert.ok(hasChinese(v) || k === v, `${k} is translated`);
    });

    it("the metrics panel host's tr() takes literals and covers its notices and comparison notes", () => {
      assert.deepEqual(hostTr.dynamic, []);
      assert.ok(hostTr.literals.size >= 15, `found ${hostTr.literals.size} tr() literals`);
    });

    it('vscode.l10n.t takes a literal everywhere but the host-side webview table', () => {
      assert.deepEqual(
        client.dynamic.map((d) => path.relative(REPO_ROOT, d).replace(/:\d+$/, '')),
        ['client/src/panels/webview-strings.ts'],
      );
    });

    it("every w('…') in the metrics webview is in the host's list", () => {
      const words = callLiterals(src('webviews/metrics', 'webviews/shared'), 'w', 0, /from '\.\.\/shared\/l10n'/);
      assert.deepEqual(words.dynamic, []);
      assert.deepEqual(
        [...words.literals].filter((k) => !metrics.includes(k)),
        [],
        'webview words missing from METRICS_STRINGS',
      );
      assert.ok(words.literals.size >= 15);
    });

    it('no webview writes English in place: every word on a page goes through w(…) (or core’s t with its locale)', () => {
      assert.deepEqual(
        inPlaceWebviewProse(src('webviews')).map((p) => path.relative(REPO_ROOT, p)),
        [],
        "write these as w('…'), add them to METRICS_STRINGS and their Chinese to l10n/bundle.l10n.zh-cn.json",
      );
      // The chart's keyboard help is core's, written out for the page: the two must say the same.
      assert.ok(metrics.includes(`Keyboard: ${ZOOM_KEYS_HELP}`));
    });

    it('the in-place webview check finds text, a template, a title, an aria-label and canvas text (it can fail)', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-webview-prose-'));
      try {
        const file = path.join(dir, 'page.ts');
        writeFileSync(
          file,
          [
            "import { w } from '../shared/l10n';",
            "root.append(el('p', 'muted', 'Select runs to compare them.'));",
            'badge.textContent = `${a} of ${b} runs`;',
            "pin.title = isBase ? 'Unpin: stop comparing' : w('Pin');",
            "plot.setAttribute('aria-label', `Chart of ${key}`);",
            "ctx.fillText('early stop', 0, 0);",
            // Not prose: translated words, class names, attribute names, comparisons, console output.
            "root.append(el('div', 'legend-item legend-group', w('Data table')));",
            "x.className = 'tip-row tip-group';",
            "showStatus(t(model.locale, 'Showing the last valid version.'));",
            "plot.setAttribute('role', 'img');",
            "if (state === 'still running') console.warn('Liftoff metrics: ignored a message');",
          ].join('\n'),
        );
        const found = inPlaceWebviewProse([file]).map((l) => l.replace(`${file}:`, ''));
        assert.deepEqual(found, [
          '2 Select runs to compare them.',
          '3 of   runs',
          '4 Unpin: stop comparing',
          '5 Chart of',
          '6 early stop',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('no message, button, quick pick / input box / progress title, placeholder or prompt is written in English in place', () => {
      assert.deepEqual(
        untranslatedUiText(src('client/src')).map((p) => path.relative(REPO_ROOT, p)),
        [],
        'wrap these in vscode.l10n.t(…) and add the Chinese to l10n/bundle.l10n.zh-cn.json',
      );
    });

    it('the in-place English check finds a bare string, a template, a `?:` branch, a button, a quick pick title, a progress message and a text posted to a page', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'liftoff-l10n-'));
      try {
        const file = path.join(dir, 'bad.ts');
        writeFileSync(
          file,
          [
            "import * as vscode from 'vscode';",
            "void vscode.window.showWarningMessage('Choose a run first.');",
            'void vscode.window.showErrorMessage(`Cannot open ${file}`, vscode.l10n.t("Open Output"));',
            "void vscode.window.showInformationMessage(ok ? vscode.l10n.t('Done.') : 'Not done.', 'Retry');",
            "void vscode.window.showQuickPick([], { title: 'Pick one', placeHolder: vscode.l10n.t('Which?') });",
            'void vscode.window.withProgress({ location: 15, title: `Liftoff: running ${x}` }, async () => 1);',
            "qp.placeholder = 'Type a name';",
            "void vscode.window.showWarningMessage(vscode.l10n.t('Fine {0}', x), vscode.l10n.t('Open'));",
            'void vscode.window.showWarningMessage(message);',
            'progress.report({ increment: 1, message: `${done} / ${total} rows` });',
            "this.post({ type: 'error', message: vscode.l10n.t('Fine.'), text: 'Cannot read it.' });",
          ].join('\n'),
        );
        const found = untranslatedUiText([file]).map((p) => p.slice(file.length + 1));
        assert.deepEqual(
          found.map((p) => p.replace(/ .*$/, '')),
          ['2:', '3:', '4:', '4:', '5:', '6:', '7:', '10:', '11:'],
          found.join('\n'),
        );
        assert.match(found.join('\n'), /button 'Retry'/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    for (const p of panels)
      it(`every w('…') in ${p.dirs.join(', ')} is in ${p.list}, which lists nothing else, and its host passes it`, () => {
        const words = callLiterals(src(...p.dirs), 'w', 0, /from '\.\.\/shared\/l10n'/);
        const rendered = callLiterals(
          (p.renderers ?? []).map((f) => path.join(REPO_ROOT, f)),
          'w',
          0,
        );
        assert.deepEqual([...words.dynamic, ...rendered.dynamic], [], 'w() takes a literal');
        const list = arrayLiteral(strings, p.list);
        const called = new Set([...words.literals, ...rendered.literals]);
        assert.ok(called.size >= 10, `${called.size} words`);
        assert.deepEqual(
          [...called].filter((k) => !list.includes(k)),
          [],
          `webview words missing from ${p.list}`,
        );
        assert.deepEqual(
          list.filter((k) => !called.has(k)),
          [],
          `${p.list} has words no page uses`,
        );
        const hosts = src('client/src/panels').filter((f) =>
          readFileSync(f, 'utf8').includes(`webviewL10n(${p.list})`),
        );
        assert.equal(hosts.length, 1, `one host passes webviewL10n(${p.list})`);
      });

    it("the metrics panel host's notices and comparison note in Chinese through the bundle, English without it", () => {
      const zh = (text: string, ...args: Array<string | number>) => format(bundle[text] ?? text, args);
      const feed = {
        problems: () => [{ file: '/w/run/metrics.jsonl', corrupt: 2, overlong: 0 }],
      } as unknown as RunFeed;
      const rel = (f: string) => f.replace('/w/', '');
      assert.deepEqual(
        feedNotices([feed], rel, zh).map((n) => n.text),
        ['跳过了 run/metrics.jsonl 中 2 行无法读取的内容。'],
      );
      assert.deepEqual(
        feedNotices([feed], rel).map((n) => n.text),
        ['Skipped 2 unreadable lines in run/metrics.jsonl.'],
      );
      const one = compareRuns([{ key: 'r1', experiment: 'e', state: 'succeeded', config: {}, metrics: new Map() }], {
        tr: zh,
      });
      assert.equal(one.note, '只选择了一个运行：再选择几个运行即可查看它们的配置差异。');
    });

    it('fails when a client string is added in English only (the check can fail)', () => {
      const added = new Set([...used, 'A brand-new message.']);
      assert.match(bundleProblems('bundle', added, bundle).join('\n'), /bundle lacks "A brand-new message."/);
      const stale = { ...bundle, 'A removed message.': '已删除的消息。' };
      assert.match(bundleProblems('bundle', used, stale).join('\n'), /"A removed message.", which no code uses/);
      const k = 'The snapshot of this run ({0})';
      assert.match(
        bundleProblems('bundle', used, { ...bundle, [k]: '此次运行的快照' }).join('\n'),
        /placeholders \{0\}/,
      );
    });
  });

  describe('language server and CLI (core/src/l10n)', () => {
    const core = callLiterals(
      src('server/src', 'cli/src', 'core/src', 'webviews/plan-preview'),
      't',
      1,
      /src\/l10n'|from '(\.\.\/)+l10n'/,
    );
    /** The preview's own labels written as plain literals in the plan view builders. */
    const planWords = new Set(
      src('server/src/service/plan-view').flatMap((f) =>
        [...read(path.relative(REPO_ROOT, f)).matchAll(/\b(?:label|title|text): '([^']{2,})'/g)].map((m) => m[1]!),
      ),
    );
    const facts = ['Company', 'Stage', 'Sector', 'Date', 'Currency'];
    const severities = ['error', 'warning', 'info', 'hint'];
    const badges = severities.flatMap((s) => [`{0} ${s}`, `{0} ${s}s`]);
    const templates = TEMPLATES.flatMap((x) => [x.title, x.detail]);
    /** Sentences core code returns as phrases (`phrase('…')`: the money parser, scenario paths), said by the server. */
    const phrases = callLiterals(src('core/src', 'cli/src'), 'phrase', 0, /from '(\.\.\/)+l10n'|src\/l10n'/);
    /** The reasons the enum vocabulary gives for reading a synonym (shown in SYNONYM messages). */
    const reasons = Object.values(VOCABULARY).flatMap((table) =>
      Object.values(table).flatMap((v) => Object.values(v.why ?? {})),
    );
    const used = new Set([
      ...core.literals,
      ...phrases.literals,
      ...reasons,
      ...planWords,
      ...facts,
      ...severities,
      ...badges,
      ...templates,
    ]);

    it('every t() literal, plan preview label, template title and badge has a zh-cn text, and no entry is unused', () => {
      assert.ok(core.literals.size >= 300, `found ${core.literals.size} t() literals`);
      assert.ok(phrases.literals.size >= 15, `found ${phrases.literals.size} phrase() literals`);
      assert.ok(reasons.length >= 5, `found ${reasons.length} vocabulary reasons`);
      assert.deepEqual(bundleProblems('core/src/l10n/zh-cn.ts', used, ZH_CN), []);
    });

    it('t() and phrase() take a literal except where t() translates a table of known words', () => {
      const files = new Set(core.dynamic.map((d) => path.relative(REPO_ROOT, d).replace(/:\d+$/, '')));
      // html.ts and localize.ts: the preview's words; validate.ts: the vocabulary's reasons (all in `used` above).
      assert.deepEqual([...files].sort(), [
        'core/src/plan/render/html.ts',
        'server/src/service/plan-view/localize.ts',
        'server/src/service/validate.ts',
      ]);
      assert.deepEqual(phrases.dynamic, []);
    });

    it('fails when a server string is added in English only (the check can fail)', () => {
      const added = new Set([...used, 'A new rule message about `x`.']);
      assert.match(bundleProblems('zh', added, ZH_CN).join('\n'), /zh lacks "A new rule message about `x`."/);
      const wrong = { ...ZH_CN, 'Change to `{0}`': '改为 `{1}`' };
      assert.match(bundleProblems('zh', used, wrong).join('\n'), /placeholders \{0\} ≠ \{1\}/);
    });

    it('every rule in the catalogue has a Chinese summary with the same code names, and no summary lacks a rule', () => {
      const ids = RULE_CATALOGUE.map((r) => r.id);
      assert.deepEqual(
        ids.filter((id) => !(id in RULE_SUMMARIES_ZH_CN)),
        [],
        'rules without a Chinese summary',
      );
      assert.deepEqual(
        Object.keys(RULE_SUMMARIES_ZH_CN).filter((id) => !ids.includes(id)),
        [],
        'summaries without a rule',
      );
      const problems = RULE_CATALOGUE.flatMap((r) => translationProblems(r.id, r.summary, RULE_SUMMARIES_ZH_CN[r.id]!));
      assert.deepEqual(problems, []);
    });
  });

  describe('locale selection', () => {
    it('reads VS Code, BCP 47 and POSIX tags; Traditional Chinese and others fall back to English', () => {
      const table: Array<[string | undefined, string]> = [
        ['zh-cn', 'zh-cn'],
        ['zh-CN', 'zh-cn'],
        ['zh_CN.UTF-8', 'zh-cn'],
        ['zh_CN.utf8@pinyin', 'zh-cn'],
        ['zh', 'zh-cn'],
        ['zh-Hans', 'zh-cn'],
        ['zh-Hans-CN', 'zh-cn'],
        ['zh-sg', 'zh-cn'],
        ['zh-tw', 'en'],
        ['zh-Hant-HK', 'en'],
        ['en', 'en'],
        ['en-US', 'en'],
        ['C.UTF-8', 'en'],
        ['de', 'en'],
        ['', 'en'],
        [undefined, 'en'],
      ];
      for (const [tag, want] of table) assert.equal(normalizeLocale(tag), want, String(tag));
    });

    it('LC_ALL wins over LC_MESSAGES over LANG; empty ones are skipped', () => {
      assert.equal(localeFromEnv({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
      assert.equal(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }), 'en');
      assert.equal(localeFromEnv({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }), 'zh-cn');
      assert.equal(localeFromEnv({ LANG: 'zh_CN.UTF-8', LC_ALL: '' }), 'zh-cn');
      assert.equal(localeFromEnv({}), 'en');
    });

    it('t() fills placeholders in either language and falls back to English for an unknown text', () => {
      assert.equal(t('zh-cn', 'Change to `{0}`', 'adam'), '改为 `adam`');
      assert.equal(t('en', 'Change to `{0}`', 'adam'), 'Change to `adam`');
      assert.equal(t('zh-cn', 'Not in the table {0}', 1), 'Not in the table 1');
    });
  });

  describe('what a zh-cn user reads', () => {
    const schemas = loadSchemas(path.join(REPO_ROOT, 'schemas'));
    const zh = createLanguageService({ locale: 'zh-cn' }, { schemas });
    const en = createLanguageService({}, { schemas });
    const credit = fixture('features/credit.experiment.yaml');
    const codes = (ds: LiftoffDiagnostic[], code: string) => ds.filter((d) => d.code === code);

    it('a rule message (EXP-003) and its quick fix in Chinese; in English unchanged', async () => {
      const doc = { uri: credit.uri, text: credit.text.replace(/loss: \w+/, 'loss: mse') };
      assert.notEqual(doc.text, credit.text);
      const [z] = codes(await zh.validate(doc), 'EXP-003');
      const [e] = codes(await en.validate(doc), 'EXP-003');
      assert.ok(z && e);
      assert.match(String(z.message), /^`training.loss` 为 `mse`，这是回归损失函数/);
      assert.ok(!hasChinese(String(e.message)), String(e.message));
      assert.match(zh.codeActions(doc, [z])[0]!.title, /^将 `training.loss` 改为 `/);
    });

    it('a schema message in Chinese; a Chinese enum value is still accepted as an alias, in both languages', async () => {
      const typo = { uri: credit.uri, text: credit.text.replace(/type: adam\b/, 'type: adamm') };
      const [z] = codes(await zh.validate(typo), 'SCHEMA');
      assert.match(
        String(z?.message),
        /^`training.optimizer.type` 必须是以下之一：.*实际为 `adamm`；是否想写 `adam`？$/,
      );
      const alias = fixture('schema/chinese-enum.experiment.yaml');
      const [za] = codes(await zh.validate(alias), 'SCHEMA');
      const [ea] = codes(await en.validate(alias), 'SCHEMA');
      assert.match(String(za?.message), /`迁移学习` 是 `transfer` 的中文说法/);
      assert.match(String(ea?.message), /`迁移学习` is the Chinese term for `transfer`/);
      assert.equal(zh.codeActions(alias, [za!])[0]?.title, '改为 `transfer`');
    });

    it('a plan rule (PLAN-001) with its interpolated section names and its quick fix in Chinese', async () => {
      const plan = {
        uri: 'file:///tmp/x.plan.yaml',
        text: 'apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: x, currency: CNY}\n',
      };
      const [z] = codes(await zh.validate(plan), 'PLAN-001');
      const [e] = codes(await en.validate(plan), 'PLAN-001');
      assert.ok(z && e);
      assert.match(
        String(z.message),
        /^计划书缺少 `overview`、`market`、`business_model`（产品）、.* 和 `risks` 部分：/,
      );
      assert.match(
        String(e.message),
        /^The plan has no `overview`, `market`, `business_model` \(product\), .* and `risks` sections:/,
      );
      assert.equal(
        zh.codeActions(plan, [z])[0]?.title,
        '添加缺少的部分：overview、market、business_model、team、financials、risks',
      );
    });

    it('a money value the parser rejects: its reason in Chinese too (a phrase from core)', async () => {
      const plan = {
        uri: 'file:///tmp/x.plan.yaml',
        text: 'apiVersion: liftoff/v1\nkind: BusinessPlan\nmetadata: {name: x, currency: CNY}\nfinancing: {cash_on_hand: "12 apples"}\n',
      };
      const [z] = codes(await zh.validate(plan), 'PLAN-002');
      const [e] = codes(await en.validate(plan), 'PLAN-002');
      assert.equal(
        String(z?.message),
        '`financing.cash_on_hand` 不是金额："12 apples"："apples" 不是已知的后缀或币种（后缀：k、M、bn、million、万、亿；币种：CNY 这样的 ISO 代码，或 ¥ $ € £ 元）。',
      );
      assert.match(
        String(e?.message),
        /^`financing.cash_on_hand` is not a money amount: "12 apples": "apples" is not a known suffix/,
      );
    });

    it('code lenses and hover in Chinese: the schema’s Chinese term leads', async () => {
      assert.deepEqual(
        zh.codeLenses(credit).map((l) => l.command?.title),
        ['▶ 训练', '显示指标'],
      );
      const line = credit.text.split('\n').findIndex((l) => /^ {2}target:/.test(l));
      assert.ok(line >= 0);
      const hover = zh.hover(credit, { line, character: 3 });
      assert.match(JSON.stringify(hover?.contents), /\*\*目标变量\*\* — Column holding the label/);
      assert.equal(localizedDescription('Random seed. (中文: 随机种子)', 'zh-cn'), '**随机种子** — Random seed.');
      assert.equal(localizedDescription('Random seed. (中文: 随机种子)', 'en'), 'Random seed. (中文: 随机种子)');
    });

    it('the plan preview: section titles, figures and the renderer’s own words in Chinese, the plan’s text as written', async () => {
      const doc = fixture(path.relative(path.join(REPO_ROOT, 'test', 'fixtures'), planFixture()));
      const model = zh.planViewModel(doc, await zh.validate(doc));
      assert.equal(model.locale, 'zh-cn');
      const titles = model.sections.map((s) => s.title);
      assert.ok(titles.includes('市场') && titles.includes('风险'), titles.join(', '));
      const html = renderPlanHtml(model, { interactive: false });
      assert.match(html, /aria-label="章节"/);
      const enModel = en.planViewModel(doc, await en.validate(doc));
      assert.equal(model.title, enModel.title, "the plan's name is not translated");
      assert.ok(enModel.sections.some((s) => s.title === 'Market'));
    });

    it('the Markdown export and the review threads: the renderer’s words in Chinese, the plan’s and reviewers’ as written', async () => {
      const doc = fixture(path.relative(path.join(REPO_ROOT, 'test', 'fixtures'), planFixture()));
      const review = parseReviewFile(
        [
          'threads:',
          '  - {id: t1, path: metadata.name, status: open, comments: [{author: Ada, date: 2026-12-06T01:30:00Z, body: Looks fine}]}',
          '  - {id: t2, path: gone.key, quote: old text, comments: [{author: Bo, date: 2026-12-06T01:30:00Z, body: Why?}]}',
        ].join('\n'),
        'x.review.yaml',
        'zh-cn',
      );
      const text = doc.text;
      const zhModel = attachReview(zh.planViewModel(doc, await zh.validate(doc)), review, text, 'x.review.yaml');
      const enModel = attachReview(en.planViewModel(doc, await en.validate(doc)), review, text, 'x.review.yaml');
      const zhMd = renderPlanMarkdown(zhModel);
      const enMd = renderPlanMarkdown(enModel);
      for (const [english, chinese] of [
        ['## Key figures', '## 关键数据'],
        ['| Figure | Value | Detail |', '| 指标 | 数值 | 说明 |'],
        ['Review comments elsewhere (outdated or on the header)', '其他位置的评审意见（已过时或在计划书开头）'],
        ['(no longer in the plan; it read “old text”)', '（计划书中已没有这个位置；它原来是“old text”）'],
      ]) {
        assert.ok(enMd.includes(english!), english);
        assert.ok(zhMd.includes(chinese!), chinese);
        assert.ok(!zhMd.includes(english!), `English left in the Chinese export: ${english}`);
      }
      assert.match(zhMd, /Liftoff 在此计划书中/);
      assert.ok(zhMd.includes('Why?') && zhMd.includes('Bo'), 'the reviewers’ words as written');
      const zhHtml = renderPlanHtml(zhModel, { interactive: false });
      assert.match(zhHtml, /其他位置的评审意见/);
      assert.match(zhHtml, /计划书中已没有这个位置；它原来是 <q>old text<\/q>。/);
      for (const english of [
        'Review comments elsewhere',
        'This place is no longer in the plan',
        'Outdated review threads',
      ])
        assert.ok(!zhHtml.includes(english), english);
    });
  });

  describe('CLI --lang and LANG', () => {
    const run = async (args: string[], env: Record<string, string> = {}) => {
      let out = '';
      let err = '';
      const code = await main(args, {
        out: (s) => (out += s),
        err: (s) => (err += s),
        cwd: path.join(REPO_ROOT, 'examples'),
        env,
      });
      return { code, out, err };
    };
    const file = 'credit-risk/credit-risk.experiment.yaml';

    it('--lang zh-cn and LANG=zh_CN.UTF-8 print the summary in Chinese; English by default', async () => {
      assert.match((await run(['validate', file, '--lang', 'zh-cn'])).out, /已检查 1 个文件：0 个错误，0 个警告。/);
      assert.match((await run(['validate', '--lang=zh-cn', file])).out, /已检查 1 个文件/);
      assert.match((await run(['validate', file], { LANG: 'zh_CN.UTF-8' })).out, /已检查 1 个文件/);
      assert.match((await run(['validate', file])).out, /^1 file checked: 0 errors, 0 warnings\.$/m);
      assert.match((await run(['validate', file, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).out, /1 file checked/);
    });

    it('an unknown --lang is a usage error (exit 2) that names the choices', async () => {
      const r = await run(['validate', file, '--lang', 'fr']);
      assert.equal(r.code, 2);
      assert.match(r.err, /--lang' must be en or zh-cn, not 'fr'/);
      assert.equal((await run(['validate', file, '--lang'])).code, 2);
    });
  });
});

/** A complete business plan among the fixtures or examples. */
function planFixture(): string {
  const candidates = sourceFilesOfKind(path.join(REPO_ROOT, 'test', 'fixtures'), '.plan.yaml');
  const full = candidates.find(
    (f) => /\bmarket:/.test(readFileSync(f, 'utf8')) && /\brisks:/.test(readFileSync(f, 'utf8')),
  );
  assert.ok(full, 'a plan fixture with market and risks');
  return full;
}

function sourceFilesOfKind(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFilesOfKind(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}
