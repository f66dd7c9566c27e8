/** The preview's HTML shell: a strict CSP with a per-load nonce, and the bundle loaded through `asWebviewUri`. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function bundleRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', 'plan-preview');
}

export function previewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const root = bundleRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css'));
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
<title>Plan preview</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="loading">Loading the plan preview…</p></main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
