import type { Page } from 'playwright-core';
import { waitFor } from './wait';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  // The side bar (whichever view it shows) and the status bar are there once the workspace is resolved.
  await page
    .locator('.monaco-workbench .part.sidebar .pane-body, .monaco-workbench .explorer-folders-view')
    .first()
    .waitFor({ timeout: 60_000 });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 30_000 });
}

/**
 * Opens `folder` in code-server's workbench and waits for it. A first navigation that the page itself interrupts
 * (net::ERR_ABORTED: code-server answering while the workbench restarts the load, seen on a loaded machine) is tried
 * again, at most three times; any other error is the test's failure.
 */
export async function openWorkbench(page: Page, serverUrl: string, folder: string): Promise<void> {
  const url = `${serverUrl}/?folder=${encodeURIComponent(folder)}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { timeout: 120_000 });
      break;
    } catch (err) {
      if (attempt >= 3 || !/ERR_ABORTED/.test(String(err))) throw err;
    }
  }
  await waitForWorkbench(page);
}

/**
 * F1, type the command title, Enter — retried because the palette sometimes opens before its list is ready.
 * `keepSelection`: no Escape first (in an editor, Escape clears the selection the command is about).
 */
export async function runCommand(page: Page, title: string, opts: { keepSelection?: boolean } = {}): Promise<void> {
  await waitFor(
    async () => {
      if (!opts.keepSelection || (await page.locator('.quick-input-widget input').isVisible()))
        await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 5_000 });
      await page.keyboard.type(title);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 5_000 });
      } catch {
        return false;
      }
      await page.keyboard.press('Enter');
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: `command "${title}" in the palette` },
  );
}

/** Quick Open (Ctrl+P) a file by name and wait for its editor tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await waitFor(
    async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 5_000 });
      await page.keyboard.type(name);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
      try {
        await row.waitFor({ timeout: 5_000 });
      } catch {
        return false;
      }
      await page.keyboard.press('Enter');
      // Opened and active (the tab's editor is the one commands such as Train act on).
      await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ timeout: 10_000 });
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 500, what: `Quick Open of ${name}` },
  );
}

/** Picks a colour theme with "Preferences: Color Theme" (Ctrl+K Ctrl+T), as a user would; VS Code saves it in settings. */
/** The class VS Code puts on `.monaco-workbench` for a theme's kind. */
function workbenchThemeClass(name: string): string {
  if (/high contrast/i.test(name)) return /light/i.test(name) ? 'hc-light' : 'hc-black';
  return /light/i.test(name) ? 'vs' : 'vs-dark';
}

export async function switchTheme(page: Page, name: string): Promise<void> {
  const themeRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Modern' }).first();
  const wanted = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  const applied = page.locator(`.monaco-workbench.${workbenchThemeClass(name)}`);
  // The whole gesture is retried until the workbench shows the theme: the picker sometimes closes (its preview moves
  // focus) before the name is typed, and a key press can land while the window is still busy (CI, 2026-12-05: the
  // picker closed and the theme stayed dark).
  await waitFor(
    async () => {
      if (await applied.count()) return true;
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+1'); // the editor has focus, not a webview
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      try {
        await themeRow.waitFor({ timeout: 5_000 });
        await page.keyboard.type(name);
        await wanted.waitFor({ timeout: 5_000 });
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
        await applied.waitFor({ timeout: 10_000 });
        return true;
      } catch {
        return false;
      }
    },
    { timeoutMs: 90_000, intervalMs: 500, what: `the workbench in the ${name} theme` },
  );
}

/**
 * "Developer: Reload Window", as a user would: unlike a browser reload, VS Code shuts the window down properly first,
 * so the editor layout (open webview panels included) is saved before the page goes.
 */
export async function reloadWindow(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load', { timeout: 90_000 });
  await runCommand(page, 'Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
}

/**
 * "Liftoff: Train Experiment" from the palette for the experiment open in the editor, returning once the run has
 * started (`started`). Train picks the editor's experiment; when focus has already moved on (the next command of the
 * test) it may ask which experiment instead, and then this answers as a user would, with `file`.
 */
export async function trainFromPalette(
  page: Page,
  file: string,
  started: () => boolean | Promise<boolean>,
  words: { readonly command: string; readonly picker: string } = {
    command: 'Liftoff: Train Experiment',
    picker: 'Experiment to train',
  },
): Promise<void> {
  await runCommand(page, words.command);
  const picker = page.locator(`.quick-input-widget input[placeholder="${words.picker}"]`);
  await waitFor(
    async () => {
      if (await started()) return true;
      if (!(await picker.isVisible())) return false;
      await page.keyboard.type(file);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      // Chosen: wait on until the run has started (a caller reads its folder next; CI 2026-12-07 read none yet).
      return started();
    },
    { timeoutMs: 120_000, intervalMs: 250, what: `a run of ${file} to start` },
  );
}

/** The texts of the notifications VS Code shows now (toasts and the notification centre): evidence for a failure. */
export async function visibleNotifications(page: Page): Promise<string[]> {
  return page
    .locator(
      '.notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message',
    )
    .allInnerTexts()
    .catch(() => []);
}

/**
 * Chooses `label` in the context menu that is open. A click can be lost while the menu settles (CI, 2026-12-06: the
 * item stayed highlighted under the pointer, the menu open, and nothing ran — twice, in two Explorer menus); then the
 * highlighted item is chosen with Enter, as a keyboard user would. Fails if the menu never closes.
 */
export async function chooseMenuItem(page: Page, label: string): Promise<void> {
  const menu = page.locator('.monaco-menu');
  const item = menu.locator('.action-item', { hasText: label }).first();
  await item.waitFor({ timeout: 10_000 });
  await item.hover();
  await item.click();
  for (let tries = 0; tries < 3; tries++) {
    const closed = await menu
      .waitFor({ state: 'hidden', timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    if (!(await item.isVisible())) continue;
    await item.hover();
    await page.keyboard.press('Enter');
  }
  await menu.waitFor({ state: 'hidden', timeout: 3_000 });
}

/**
 * Selects the first `n` data rows of the active CSV editor as a user would: Ctrl+Home, ↓, then Shift+End (one row),
 * Shift+↓ (`n` rows) or Shift+Ctrl+End (all of them).
 */
export async function selectDataRows(page: Page, n: number, all = false): Promise<void> {
  const status = page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ }).first();
  await waitFor(
    async () => {
      await page.locator('.editor-group-container.active .monaco-editor').first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      if (all) await page.keyboard.press('Shift+Control+End');
      else if (n === 1) await page.keyboard.press('Shift+End');
      else for (let i = 0; i < n; i++) await page.keyboard.press('Shift+ArrowDown');
      return status.isVisible();
    },
    { timeoutMs: 60_000, intervalMs: 500, what: `${n} selected CSV rows` },
  );
}
