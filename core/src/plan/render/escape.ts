/** Escaping for every piece of workspace text the renderers emit: plan text is data, never markup. */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and (double- or single-quoted) attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Escapes text for Markdown: characters with inline meaning get a backslash (CommonMark lets any ASCII punctuation
 * be escaped), including `<` and `>`, so `<script>` renders as text and never as HTML; `&` only where it would
 * start an entity. Line breaks become spaces (a table cell or a heading is one line); a leading `#`, `-`, `+`,
 * `=` or `1.` is escaped so the text cannot start a heading or a list.
 */
export function mdEscape(value: unknown): string {
  return String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}
