/**
 * The HTML shell of a Liftoff webview bundle (`dist/webviews/<panel>/main.js` and `main.css`): a strict CSP with a
 * per-load nonce, resources only through `asWebviewUri` from the bundle folder, no inline style or script.
 * Components may still use constructable stylesheets and element styles set through the CSSOM (uPlot,
 * @vscode-elements), which `style-src` does not govern; images the page draws itself are `data:` URLs.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { WebviewL10n } from './webview-strings';

export function bundleRoot(extensionUri: vscode.Uri, panel: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', panel);
}

/** Webview options limited to the panel's bundle folder. */
export function webviewOptions(extensionUri: vscode.Uri, panel: string): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [bundleRoot(extensionUri, panel)] };
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The element the bundle mounts into: `<main id="root">` unless a panel's webview expects another. */
export interface ShellRoot {
  readonly tag: 'main' | 'div';
  readonly id: string;
  readonly state?: string;
}

export function webviewShell(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  panel: string,
  title: string,
  loading: string,
  root: ShellRoot = { tag: 'main', id: 'root' },
  l10n?: WebviewL10n,
): string {
  const nonce = randomBytes(18).toString('base64');
  const dir = bundleRoot(extensionUri, panel);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dir, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dir, 'main.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escape(l10n?.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escape(title)}</title>
</head>
<body${l10n ? ` data-l10n="${escape(JSON.stringify(l10n.strings))}"` : ''}>
<${root.tag} id="${root.id}"${root.state ? ` data-state="${root.state}"` : ''} aria-live="polite"><p class="loading">${escape(loading)}</p></${root.tag}>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
