/**
 * `.liftoffignore`: paths, relative to the workspace folder, that Liftoff leaves out of the workspace (the index the
 * cross-file rules read, and the folders and globs `liftoff validate` expands). One pattern a line, `#` comments,
 * as in .gitignore: a slash at the start or in the middle anchors a pattern at the workspace folder (`/test/`,
 * `bench/data`), otherwise it matches at any depth (`fixtures/`, `*.draft.yaml`); a match ignores everything under
 * it; `*` and `?` stay within one path segment, `**` crosses them. No negation.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const IGNORE_FILE = '.liftoffignore';

/** A matcher for paths relative to the folder (either separator); `undefined` patterns: nothing is ignored. */
export type IgnoreMatcher = (relativePath: string) => boolean;

export function parseIgnore(text: string): IgnoreMatcher {
  const res: RegExp[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    line = line.replace(/\/+$/, '');
    const anchored = line.startsWith('/') || line.includes('/');
    line = line.replace(/^\/+/, '');
    if (!line) continue;
    // The pattern names a path or a folder: the path itself and everything under it are ignored.
    res.push(new RegExp(`^${anchored ? '' : '(?:.*/)?'}${globToRe(line)}(?:/.*)?$`));
  }
  return (p) => {
    const rel = p.split(path.sep).join('/');
    return res.some((re) => re.test(rel));
  };
}

/** The folder's `.liftoffignore` (nothing ignored when there is none or it cannot be read). */
export function readIgnore(folder: string): IgnoreMatcher {
  try {
    return parseIgnore(readFileSync(path.join(folder, IGNORE_FILE), 'utf8'));
  } catch {
    return () => false;
  }
}

function globToRe(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}
