// typescript-eslint with type information, so `no-floating-promises` can see every promise.
// The import boundaries of docs/architecture.md are lint rules here: one pattern per boundary, each message says where
// the code belongs instead. test/unit/architecture/lint-boundaries.test.ts proves each one fails on a violation.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Repository-relative paths (no extension) of the core modules a webview may import: see core/browser-safe.json. */
const browserSafe = JSON.parse(readFileSync(new URL('./core/browser-safe.json', import.meta.url), 'utf8')).modules;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const browserSafeAlternatives = browserSafe.map((m) => escapeRe(m.replace(/^core\/src\//, ''))).join('|');

/** Each core area's front door (its index.ts); shells import these, never a file behind them. */
const frontDoors = [
  'git',
  'gpu',
  'inference',
  'l10n',
  'launchers',
  'metrics',
  'onnx',
  'plan',
  'plan/render',
  'plan-compute',
  'runs',
  'workspace',
  'templates',
  'vocabulary',
];

const boundary = {
  vscode: {
    regex: '^vscode$',
    message: 'Only client/ imports vscode: put editor glue in client/src and pass plain values or callbacks in.',
  },
  coreToClient: {
    regex: '(^|/)client/src(/|$)',
    message:
      'core/ runs without the editor and never imports client/: move the shared code into core/ and let client/ import it.',
  },
  coreToServer: {
    regex: '(^|/)server/src(/|$)',
    message:
      'core/ never imports server/: code the CLI and the server share belongs in core/ (or server/src/host for the Node host).',
  },
  coreToCli: {
    regex: '(^|/)cli/src(/|$)',
    message: 'core/ never imports cli/: move the shared logic into core/ and let cli/ call it.',
  },
  coreToWebviews: {
    regex: '(^|/)webviews/',
    message:
      'core/ never imports webviews/: browser code imports core (see core/browser-safe.json), never the reverse.',
  },
  serviceToLsp: {
    regex: '^(vscode-languageserver(/.*)?|vscode-jsonrpc(/.*)?|(\\.\\./)+(server|protocol|scheduler))$',
    message:
      'The language service (server/src/service) is pure functions of a document and settings: LSP wiring stays in server/src/server.ts; use vscode-languageserver-types for data shapes.',
  },
  serviceToHost: {
    regex:
      '^((\\.\\./)+(node-host|schemas)|(\\.\\./)+host/.*|(node:)?(fs|fs/promises|child_process|worker_threads|net|http|https))$',
    message:
      'The language service reads files and asks the system only through ServiceHost (server/src/service/host.ts); Node-only host code lives in the server host and is passed in.',
  },
  cliToClient: {
    regex: '(^|/)client/src(/|$)|^vscode-languageclient(/.*)?$',
    message: 'cli/ never imports client/: what both shells need belongs in core/ (or the language service).',
  },
  webviewToCore: {
    regex: `(^|/)core/src/(?!(${browserSafeAlternatives})(/index)?$)`,
    message:
      'A webview imports only browser-safe core modules, listed in core/browser-safe.json (add one there once it bundles for the browser: no Node built-ins).',
  },
  webviewToClient: {
    regex: '(^|/)client/src/(?!panels/[^/]+/contract$)',
    message:
      "A webview imports from client/ only its panel's message contract (client/src/panels/<panel>/contract.ts: the messages and their validators).",
  },
  webviewToNode: {
    regex: `^(vscode|vscode-language(server|client)(/.*)?|node:.*|(${builtinModules.map(escapeRe).join('|')})(/.*)?|(.*/)?(server|cli)/src(/.*)?)$`,
    message:
      'Webviews run in the browser: no vscode, no Node built-ins, nothing from server/ or cli/. Ask the panel host through the message contract.',
  },
  deepCore: {
    regex: `(^|/)core/src/(?!(${frontDoors.map(escapeRe).join('|')})(/index)?$)`,
    message:
      'Import core through its front door (core/src/<area>, the area index.ts), not a file behind it; export what you need there.',
  },
};
const restrict = (...rules) => ['error', { patterns: rules }];
const frontDoorSeverity = process.env.LIFTOFF_FRONT_DOORS ?? 'error';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'test-results/**',
      'core/assembly/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  // Boundaries (errors). A file matches at most one of these blocks, so each lists every rule for its folder.
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        boundary.vscode,
        boundary.coreToClient,
        boundary.coreToServer,
        boundary.coreToCli,
        boundary.coreToWebviews,
      ),
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(boundary.vscode, boundary.serviceToLsp, boundary.serviceToHost) },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(boundary.vscode, boundary.cliToClient) },
  },
  {
    files: ['webviews/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(boundary.webviewToCore, boundary.webviewToClient, boundary.webviewToNode),
    },
  },
  // A panel's message contract is bundled into its webview too, so it obeys the webview's rules.
  {
    files: ['client/src/panels/*/contract.ts'],
    rules: { 'no-restricted-imports': restrict(boundary.webviewToCore, boundary.webviewToNode) },
  },
  // Front doors: shells import core/src/<area>, not the files behind it. A panel's contract is the exception: it is
  // bundled into its webview, so it imports the browser-safe modules themselves (an area's door also holds Node code).
  {
    files: ['client/**/*.ts', 'server/**/*.ts', 'cli/**/*.ts'],
    ignores: ['client/src/panels/*/contract.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': [frontDoorSeverity, { patterns: [boundary.deepCore] }] },
  },
);
