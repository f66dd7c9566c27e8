/**
 * Colours from VS Code's theme variables (`--vscode-charts-*`, `--vscode-editor-*`), read again when the theme
 * changes (VS Code sets a `vscode-light` / `vscode-dark` / `vscode-high-contrast` class on the body). Runs take the
 * six chart colours first, then hues spread by the golden angle with a lightness that suits the theme.
 */

export interface Theme {
  readonly dark: boolean;
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  readonly bg: string;
  readonly border: string;
  readonly font: string;
  readonly warning: string;
  readonly error: string;
  readonly success: string;
  readonly palette: readonly string[];
}

const CHART_VARS = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'];
const FALLBACK_LIGHT = ['#1a85ff', '#d18616', '#388a34', '#e51400', '#652d90', '#bf8803'];
const FALLBACK_DARK = ['#3794ff', '#d18616', '#89d185', '#f14c4c', '#b180d7', '#cca700'];

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const dark = !document.body.classList.contains('vscode-light') && !matchesLightFallback();
  const fallback = dark ? FALLBACK_DARK : FALLBACK_LIGHT;
  const fg = cssVar(
    style,
    '--vscode-editor-foreground',
    cssVar(style, '--vscode-foreground', dark ? '#cccccc' : '#3b3b3b'),
  );
  return {
    dark,
    fg,
    muted: cssVar(style, '--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    grid: cssVar(style, '--vscode-editorWidget-border', dark ? '#454545' : '#e5e5e5'),
    bg: cssVar(style, '--vscode-editor-background', dark ? '#1f1f1f' : '#ffffff'),
    border: cssVar(style, '--vscode-panel-border', dark ? '#2b2b2b' : '#e5e5e5'),
    font: `${cssVar(style, '--vscode-font-size', '12px')} ${cssVar(style, '--vscode-font-family', 'system-ui, sans-serif')}`,
    warning: cssVar(style, '--vscode-editorWarning-foreground', dark ? '#cca700' : '#bf8803'),
    error: cssVar(style, '--vscode-errorForeground', dark ? '#f85149' : '#e51400'),
    success: cssVar(style, '--vscode-testing-iconPassed', dark ? '#73c991' : '#388a34'),
    palette: CHART_VARS.map((c, i) => cssVar(style, `--vscode-charts-${c}`, fallback[i] as string)),
  };
}

/** Outside VS Code (the bench page) there is no theme class: follow the browser's scheme. */
function matchesLightFallback(): boolean {
  const b = document.body.classList;
  return (
    !b.contains('vscode-dark') &&
    !b.contains('vscode-high-contrast') &&
    window.matchMedia?.('(prefers-color-scheme: light)').matches === true
  );
}

export function runColor(theme: Theme, slot: number): string {
  if (slot < theme.palette.length) return theme.palette[slot] as string;
  const hue = Math.round((slot * 137.508 + 200) % 360);
  return `hsl(${hue} 65% ${theme.dark ? 64 : 42}%)`;
}

/** Calls `onChange` when VS Code switches the theme. */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-id'],
  });
}
