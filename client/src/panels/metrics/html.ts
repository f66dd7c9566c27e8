/** The metrics panel's HTML shell: a strict CSP with a per-load nonce; the bundle and its CSS through `asWebviewUri`. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function bundleRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', 'metrics');
}

export function metricsHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const root = bundleRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css'));
  // Styles only from the bundle's CSS file (uPlot's included); components use constructable stylesheets and element
  // styles set through the CSSOM, which style-src does not govern. Chart images are data: URLs made by the page.
  const csp = [
    "default-src 'none'", `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Metrics</title>
</head>
<body>
<div id="app" data-state="loading"><p class="loading">Loading metrics…</p></div>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
