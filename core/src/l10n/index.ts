/**
 * User-facing strings shared by the language server and the CLI, in English and Simplified Chinese (zh-cn).
 * No vscode here: the client uses `vscode.l10n.t` with the bundles in l10n/, the manifest uses package.nls*.json.
 *
 * `t(locale, english, ...args)`: the English text is the key (so the code reads as English and an untranslated
 * string falls back to it); `{0}`, `{1}`… are replaced by `args`. Every key in ZH_CN is checked against the English
 * sources by test/unit/l10n.test.ts (same placeholders; every `t(…)` literal in server/ and cli/ has a translation).
 */
import { ZH_CN } from './zh-cn';

export type Locale = 'en' | 'zh-cn';
export const LOCALES: readonly Locale[] = ['en', 'zh-cn'];

/**
 * A locale tag as VS Code (`vscode.env.language`: `zh-cn`), BCP 47 (`zh-Hans-CN`) or POSIX (`zh_CN.UTF-8`) writes
 * it, to the locale Liftoff speaks: Simplified Chinese for `zh`, `zh-cn`, `zh-sg`, `zh-hans…`; English otherwise
 * (Traditional Chinese `zh-tw`/`zh-hk`/`zh-hant` too, since there is no translation for it yet).
 */
export function normalizeLocale(tag: string | undefined | null): Locale {
  if (!tag) return 'en';
  const t = tag
    .trim()
    .toLowerCase()
    .replace(/_/g, '-')
    .replace(/[.@].*$/, '');
  if (/^zh(-hans)?(-(cn|sg))?$/.test(t) || /^zh-hans-/.test(t)) return 'zh-cn';
  return 'en';
}

/** The locale of a command line's environment: LC_ALL, then LC_MESSAGES, then LANG (POSIX precedence). */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return normalizeLocale(tag);
}

/** Replaces `{0}`, `{1}`… with `args`; a placeholder without an argument stays as written. */
export function format(template: string, args: readonly unknown[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** The text of `english` in `locale`, with its placeholders filled. */
export function t(locale: Locale | undefined, english: string, ...args: readonly unknown[]): string {
  const template = locale === 'zh-cn' ? (ZH_CN[english] ?? english) : english;
  return format(template, args);
}

/**
 * A sentence to say later in the reader's language: an English template and its arguments, which may be phrases
 * themselves. Core code that does not know the locale (the money parser, scenario paths) returns one beside its
 * English text; the language service says it with `say(locale, …)`. Every `phrase('…')` literal is checked like
 * `t('…')` by test/unit/l10n.test.ts.
 */
export interface Phrase {
  readonly text: string;
  readonly args: ReadonlyArray<string | number | Phrase>;
}

export function phrase(text: string, ...args: ReadonlyArray<string | number | Phrase>): Phrase {
  return { text, args };
}

/** A phrase in `locale` (English when there is no translation), its argument phrases said the same way. */
export function say(locale: Locale | undefined, p: Phrase | string): string {
  if (typeof p === 'string') return p;
  const template = locale === 'zh-cn' ? (ZH_CN[p.text] ?? p.text) : p.text;
  return format(
    template,
    p.args.map((a) => (typeof a === 'object' ? say(locale, a) : a)),
  );
}

/** Whether `english` has a translation in `locale` (English always has). */
export function hasTranslation(locale: Locale, english: string): boolean {
  return locale === 'en' || Object.prototype.hasOwnProperty.call(ZH_CN, english);
}

/** Whether a text contains Chinese characters (a message already in Chinese needs no fallback). */
export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

export { ZH_CN };

/** Whether `v` is a phrase (an error's `phrase`, which may come from anywhere). */
export function isPhrase(v: unknown): v is Phrase {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Phrase).text === 'string' &&
    Array.isArray((v as Phrase).args) &&
    (v as Phrase).args.every((a) => typeof a === 'string' || typeof a === 'number' || isPhrase(a))
  );
}

/**
 * An error core throws that a user reads (run.json, launchers, Slurm, inference): its `message` is the English text
 * (logs, tests, callers that do not know the locale); `phrase` says it again in the reader's language through
 * `errorText`. InferenceError and LaunchError carry a phrase the same way.
 */
export class PhrasedError extends Error {
  constructor(readonly phrase: Phrase) {
    super(say('en', phrase));
  }
}

/**
 * What a user reads for `err` in `locale`: its phrase when it has one (PhrasedError, InferenceError, LaunchError,
 * SlurmUnavailableError), else its message (English). The client calls it with `vscode.env.language`, the CLI with
 * `--lang` / LANG.
 */
export function errorText(locale: Locale | undefined, err: unknown): string {
  const p = typeof err === 'object' && err !== null ? (err as { phrase?: unknown }).phrase : undefined;
  if (isPhrase(p)) return say(locale, p);
  return err instanceof Error ? err.message : String(err);
}

/** An English text or a phrase as English, and the phrase (if any): for error classes that take either. */
export function englishAndPhrase(message: string | Phrase): { english: string; phrase?: Phrase } {
  return typeof message === 'string' ? { english: message } : { english: say('en', message), phrase: message };
}
