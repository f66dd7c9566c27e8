/**
 * What the user reads for an error core threw: its phrase in VS Code's display language (core/src/l10n's
 * `errorText`: run.json, launchers, Slurm, inference), else its message. Use it wherever an error's text is shown;
 * test/unit/l10n.test.ts finds `.message` shown in place.
 */
import * as vscode from 'vscode';
import { errorText as coreErrorText, normalizeLocale, say, type Phrase } from '../../core/src/l10n';

export const uiLocale = () => normalizeLocale(vscode.env.language);

export function errorText(err: unknown): string {
  return coreErrorText(uiLocale(), err);
}

/** A phrase from core (a hint, a reason) in VS Code's display language. */
export function sayPhrase(p: Phrase | string): string {
  return say(uiLocale(), p);
}
