/**
 * What a Chinese (zh-cn) reader should not meet: runs of English words. Code (`…`), quoted input ("…") and paths
 * are taken out first, so names, values and the tools' own words may stay as written.
 */
import * as assert from 'node:assert/strict';
import { hasChinese } from '../../core/src/l10n';

/** Runs of three or more English words left once code (`…`), quoted input ("…") and paths are taken out. */
export function englishProse(text: string): string[] {
  const rest = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/(?:^|[\s(（])(?:\/|\.\.?\/)[^\s，。；：）)]+/g, ' ');
  return rest.match(/[A-Za-z][a-z]+(?:[ ]+[A-Za-z][a-z]+){2,}/g) ?? [];
}

/** Chinese, with no English prose left (names, code and the tools' own words aside; `allowed` is taken out too). */
export function assertChinese(text: string, allowed: RegExp[] = []): void {
  assert.ok(hasChinese(text), text);
  const left = englishProse(allowed.reduce((t, re) => t.replace(re, ' '), text));
  assert.deepEqual(left, [], `English left in: ${text}`);
}
