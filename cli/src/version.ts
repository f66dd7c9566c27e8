/**
 * Facts from package.json: replaced by the bundler (scripts/build.mjs) with the package's version and published rule
 * reference; the unbundled test build reads package.json itself.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

declare const LIFTOFF_VERSION: string | undefined;
declare const LIFTOFF_RULES_DOC_URL: string | undefined;

interface PackageFacts {
  readonly version?: string;
  readonly homepage?: string;
  readonly repository?: string | { readonly url?: string };
}

/**
 * The published rule reference for a package.json: `docs/rules.md` in the repository's web view (`git+` and `.git`
 * dropped), else beside the homepage; never a local path, so SARIF links work in code review on any machine.
 */
export function rulesDocUrl(pkg: PackageFacts): string {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (repo && /^(git\+)?https?:\/\//.test(repo))
    return `${repo
      .replace(/^git\+/, '')
      .replace(/\.git$/, '')
      .replace(/\/+$/, '')}/blob/HEAD/docs/rules.md`;
  if (pkg.homepage && /^https?:\/\//.test(pkg.homepage))
    return `${pkg.homepage.replace(/#.*$/, '').replace(/\/+$/, '')}/docs/rules.md`;
  return 'https://liftoff.invalid/docs/rules.md';
}

function readPackage(): PackageFacts {
  try {
    return JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as PackageFacts;
  } catch {
    return {};
  }
}

const unbundled = typeof LIFTOFF_VERSION === 'string' ? undefined : readPackage();
export const VERSION: string = typeof LIFTOFF_VERSION === 'string' ? LIFTOFF_VERSION : '0.0.0-dev';
export const RULES_DOC_URL: string =
  typeof LIFTOFF_RULES_DOC_URL === 'string' ? LIFTOFF_RULES_DOC_URL : rulesDocUrl(unbundled ?? {});
