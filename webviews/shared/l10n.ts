/**
 * The webviews' words in the user's language. The host (client/src/panels/webview-strings.ts) translates each
 * panel's strings with `vscode.l10n.t` and puts them on `<body data-l10n="{…}">`; a page only looks them up, so a
 * webview needs no bundle of its own and no message round trip before its first paint. Anything missing or
 * malformed falls back to the English text, which is the key.
 */
let table: Readonly<Record<string, string>> | undefined;

function load(): Readonly<Record<string, string>> {
  if (table) return table;
  const out: Record<string, string> = {};
  try {
    const data = typeof document === 'undefined' ? undefined : document.body?.dataset.l10n;
    const parsed: unknown = JSON.parse(data ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
  } catch {
    // Not JSON: English it is.
  }
  table = out;
  return out;
}

/** `english` in the page's language, with `{0}`, `{1}`… filled from `args`. */
export function w(english: string, ...args: readonly unknown[]): string {
  const template = Object.prototype.hasOwnProperty.call(load(), english) ? load()[english]! : english;
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
