import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The repository root, from the compiled test location (out/test/support) or the source one. */
export const REPO_ROOT = path.resolve(
  __dirname,
  '..',
  '..',
  __dirname.includes(`${path.sep}out${path.sep}`) ? '..' : '',
);
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');

export function fixture(rel: string): { uri: string; text: string; path: string } {
  const p = path.join(FIXTURES, rel);
  return { uri: pathToFileURL(p).toString(), text: readFileSync(p, 'utf8'), path: p };
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(
  text: string,
  edits: ReadonlyArray<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

/** The linux-x64 VSIX that `npm run package` wrote at the repository root (the newest, if several). */
export function findVsix(): string {
  const f = readdirSync(REPO_ROOT)
    .filter((n) => /^liftoff-linux-x64-.*\.vsix$/.test(n))
    .sort()
    .pop();
  assert.ok(f, 'a linux-x64 VSIX exists: run `npm run package` first');
  return path.join(REPO_ROOT, f);
}
