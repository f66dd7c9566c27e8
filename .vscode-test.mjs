// The same extension suite as the code-server tier, for desktop VS Code through @vscode/test-electron
// (`npx vscode-test` on a machine that can download VS Code). Build first: npm run build && npx tsc -b.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/extension/suite/**/*.test.js',
  workspaceFolder: './test/fixtures/workspace',
  version: '1.139.1',
  mocha: { ui: 'bdd', timeout: 60000 },
});
