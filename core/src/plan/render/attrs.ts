import type { Locale } from '../../l10n';
/** Shared pieces of the HTML renderers: render options, the click-to-reveal attribute, number formatting for SVG. */
import { esc } from './escape';
import { pathKey, type SourceRef } from './model';

export interface RenderOptions {
  /**
   * true in the webview: elements carry `data-path` (click to reveal the YAML) and diagnostics use `vscode-badge`.
   * false for the standalone export: no attributes that need a script, plain badges.
   */
  readonly interactive: boolean;
  /** The language of the renderer's own words (headings, badges); absent: the model's, else English. */
  readonly locale?: Locale;
}

/** ` data-path="[…]"` for an element that reveals its YAML when clicked (interactive only). */
export function revealAttr(ref: SourceRef | undefined, o: RenderOptions): string {
  return o.interactive && ref ? ` data-path="${esc(pathKey(ref.path))}"` : '';
}

/** The element id of a data table with a stable id (charts link to it as their data). */
export function tableAnchor(id: string): string {
  return `data-${esc(id)}`;
}

/** A coordinate for SVG output: at most two decimals. */
export function n(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** Clips text for SVG labels (which do not wrap); the full text goes in a `<title>`. */
export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}
