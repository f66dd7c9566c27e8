/**
 * How the metrics panel's host modules without vscode (host-notices.ts, comparison.ts, view-model.ts) say a
 * sentence: the panel passes `vscode.l10n.t` (bundle l10n/bundle.l10n.zh-cn.json), unit tests the English default.
 * Every `tr('…')` literal is checked against the bundle by test/unit/l10n.test.ts, like `vscode.l10n.t`.
 */
import { format } from '../../../../core/src/l10n';

export type Tr = (english: string, ...args: Array<string | number>) => string;

/** The English text with `{0}`, `{1}`… filled: what `vscode.l10n.t` gives without a bundle. */
export const english: Tr = (text, ...args) => format(text, args);
