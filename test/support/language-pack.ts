/**
 * A stand-in language pack for the UI tests, built offline. VS Code (and code-server's `--locale`) only switches its
 * display language — `vscode.env.language`, and the `package.nls.<locale>.json` it reads for every extension's
 * manifest — when a language pack for that locale is installed; without one it resolves the language to English
 * (code-server's server-main: no entry in languagepacks.json ⇒ `resolvedLanguage: "en"`). Microsoft's Chinese pack
 * would have to be downloaded; this one contributes the locale with an empty translation of VS Code itself, so the
 * workbench's own words stay English and only what Liftoff ships (package.nls.zh-cn.json, l10n/, core/src/l10n)
 * turns Chinese — which is what the zh-cn UI test checks.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export async function buildLanguagePackVsix(locale: string): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liftoff-langpack-'));
  const manifest = {
    name: `test-language-pack-${locale}`,
    displayName: `Test language pack (${locale})`,
    description: 'Empty translations: makes the locale available for tests.',
    publisher: 'liftoff-test',
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.91.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: locale,
          languageName: locale,
          localizedLanguageName: locale,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(path.join(dir, 'README.md'), '# Test language pack\n');
  writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  mkdirSync(path.join(dir, 'translations'));
  writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  const out = path.join(dir, `language-pack-${locale}.vsix`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vsce = require('@vscode/vsce') as {
    createVSIX(o: Record<string, unknown>): Promise<unknown>;
  };
  await vsce.createVSIX({
    cwd: dir,
    packagePath: out,
    allowMissingRepository: true,
    skipLicense: true,
    dependencies: false,
    allowStarActivation: true,
  });
  return out;
}

/**
 * Registers the installed stand-in pack in `<user-data>/languagepacks.json`, the cache VS Code's server reads to
 * resolve `--locale` (code-server writes it only when its language pack service runs, which the command-line install
 * does not start). Same shape as VS Code's LanguagePacksCache writes.
 */
export function registerLanguagePack(
  dirs: { readonly userDataDir: string; readonly extensionsDir: string },
  locale: string,
): void {
  const id = `liftoff-test.test-language-pack-${locale}`;
  const folder = readdirSync(dirs.extensionsDir).find((d) => d.startsWith(`${id}-`));
  if (!folder) throw new Error(`the test language pack is not installed in ${dirs.extensionsDir}`);
  const translations = path.join(dirs.extensionsDir, folder, 'translations', 'main.i18n.json');
  if (!existsSync(translations)) throw new Error(`${translations} is missing`);
  const packs = {
    [locale]: {
      hash: `liftoff-test-${locale}-0-0-1`,
      extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  writeFileSync(path.join(dirs.userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}
