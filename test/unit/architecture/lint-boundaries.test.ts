/**
 * The import boundaries in eslint.config.mjs, proved against the real config: each boundary rejects a violation
 * (with a message that says where the code belongs) and accepts the imports the architecture allows.
 * Type-aware parsing is switched off here: the boundaries need no types, and the probe files do not exist on disk.
 */
import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../support/fixtures';

const TYPED_RULES_OFF = {
  languageOptions: { parserOptions: { projectService: false } },
  rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
} as const;

/** Lints one `import` line as if it were in `file`; returns the boundary messages it raised. */
async function boundaryMessages(eslint: ESLint, file: string, specifier: string, typeOnly = false): Promise<string[]> {
  const code = `import ${typeOnly ? 'type ' : ''}{ probe } from '${specifier}';\nexport type Probe = typeof probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}/${file}` });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

interface Case {
  readonly file: string;
  readonly from: string;
  /** A fragment of the message: it must say where the code belongs. */
  readonly says: RegExp;
}

const VIOLATIONS: readonly Case[] = [
  { file: 'core/src/runs/probe.ts', from: '../../../client/src/runs/controller', says: /never imports client\// },
  { file: 'core/src/runs/probe.ts', from: '../../../server/src/server', says: /never imports server\// },
  { file: 'core/src/launchers/slurm/probe.ts', from: '../../../../cli/src/train', says: /never imports cli\// },
  { file: 'core/src/metrics/probe.ts', from: '../../../webviews/metrics/model', says: /never imports webviews\// },
  { file: 'core/src/metrics/probe.ts', from: 'vscode', says: /Only client\/ imports vscode/ },
  {
    file: 'server/src/service/probe.ts',
    from: 'vscode-languageserver/node',
    says: /LSP wiring stays in server\/src\/server\.ts/,
  },
  { file: 'server/src/service/probe.ts', from: '../protocol', says: /LSP wiring/ },
  { file: 'server/src/service/rules/plan/probe.ts', from: '../../../server', says: /LSP wiring/ },
  { file: 'server/src/service/probe.ts', from: '../node-host', says: /only through ServiceHost/ },
  { file: 'server/src/service/rules/probe.ts', from: '../../schemas', says: /only through ServiceHost/ },
  { file: 'server/src/service/probe.ts', from: '../host/node-host', says: /only through ServiceHost/ },
  { file: 'server/src/service/schema/probe.ts', from: 'node:fs/promises', says: /only through ServiceHost/ },
  { file: 'server/src/service/probe.ts', from: 'vscode', says: /Only client\/ imports vscode/ },
  { file: 'cli/src/probe.ts', from: '../../client/src/runs/controller', says: /cli\/ never imports client\// },
  { file: 'cli/src/probe.ts', from: 'vscode-languageclient/node', says: /cli\/ never imports client\// },
  { file: 'webviews/metrics/probe.ts', from: '../../core/src/runs/run-store', says: /core\/browser-safe\.json/ },
  { file: 'webviews/metrics/probe.ts', from: '../../core/src/metrics', says: /core\/browser-safe\.json/ },
  {
    file: 'webviews/plan-preview/probe.ts',
    from: '../../client/src/panels/plan-preview/panel',
    says: /message contract/,
  },
  { file: 'webviews/metrics/probe.ts', from: 'node:fs', says: /no Node built-ins/ },
  { file: 'webviews/metrics/probe.ts', from: 'path', says: /no Node built-ins/ },
  { file: 'webviews/inference/probe.ts', from: '../../server/src/service/validate', says: /nothing from server\// },
  { file: 'client/src/panels/metrics/contract.ts', from: 'vscode', says: /no vscode/ },
  {
    file: 'client/src/panels/metrics/contract.ts',
    from: '../../../../core/src/metrics/series-store',
    says: /core\/browser-safe\.json/,
  },
];

const ALLOWED: readonly Omit<Case, 'says'>[] = [
  { file: 'core/src/runs/probe.ts', from: 'node:fs/promises' },
  { file: 'core/src/runs/probe.ts', from: '../metrics/series-store' },
  { file: 'server/src/service/probe.ts', from: './host' },
  { file: 'server/src/service/rules/probe.ts', from: '../host' },
  { file: 'server/src/service/probe.ts', from: 'vscode-languageserver-types' },
  { file: 'server/src/service/probe.ts', from: '../../../core/src/plan' },
  { file: 'server/src/server.ts', from: 'vscode-languageserver/node' },
  { file: 'cli/src/probe.ts', from: '../../server/src/service' },
  { file: 'client/src/probe.ts', from: 'vscode' },
  { file: 'webviews/metrics/probe.ts', from: '../../core/src/metrics/decimate' },
  { file: 'webviews/plan-preview/probe.ts', from: '../../core/src/plan/render' },
  { file: 'webviews/metrics/probe.ts', from: '../../client/src/panels/metrics/contract' },
  { file: 'webviews/metrics/probe.ts', from: 'uplot' },
  { file: 'client/src/panels/plan-preview/contract.ts', from: '../../../../core/src/plan/render/model' },
];

describe('import boundaries (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfig: TYPED_RULES_OFF });

  for (const c of VIOLATIONS) {
    it(`${c.file}: rejects '${c.from}'`, async () => {
      const messages = await boundaryMessages(eslint, c.file, c.from);
      assert.equal(messages.length, 1, `expected one boundary error, got: ${JSON.stringify(messages)}`);
      assert.match(messages[0] ?? '', c.says);
    });
  }

  for (const c of ALLOWED) {
    it(`${c.file}: allows '${c.from}'`, async () => {
      assert.deepEqual(await boundaryMessages(eslint, c.file, c.from), []);
    });
  }

  it('a type-only import does not get a webview past the boundary', async () => {
    const messages = await boundaryMessages(eslint, 'webviews/metrics/probe.ts', '../../core/src/runs/run-store', true);
    assert.equal(messages.length, 1);
  });

  // The front-door rule with every other rule's noise removed: each deep import is refused, each door allowed.
  describe('front doors, when switched on', () => {
    const strict = new ESLint({
      cwd: REPO_ROOT,
      overrideConfig: [
        TYPED_RULES_OFF,
        { files: ['**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'error' } },
      ],
    });
    for (const [file, from] of [
      ['client/src/runs/probe.ts', '../../../core/src/runs/run-store'],
      ['cli/src/probe.ts', '../../core/src/launchers/slurm/submit'],
      ['server/src/service/rules/plan/probe.ts', '../../../../../core/src/plan/render/model'],
    ] as const) {
      it(`${file}: rejects the deep import '${from}'`, async () => {
        const messages = await boundaryMessages(strict, file, from);
        assert.equal(messages.length, 1, JSON.stringify(messages));
        assert.match(messages[0] ?? '', /front door/);
      });
    }
    for (const [file, from] of [
      ['client/src/runs/probe.ts', '../../../core/src/runs'],
      ['cli/src/probe.ts', '../../core/src/launchers'],
      ['server/src/service/rules/plan/probe.ts', '../../../../../core/src/plan/render'],
      ['cli/src/probe.ts', '../../core/src/metrics/index'],
    ] as const) {
      it(`${file}: allows the front door '${from}'`, async () => {
        assert.deepEqual(await boundaryMessages(strict, file, from), []);
      });
    }
  });
});
