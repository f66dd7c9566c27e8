/**
 * Where the panel's settings persist: per workspace (VS Code's workspaceState), so a window reload brings back the
 * selection, colours and controls. What is read back is untrusted (another version may have written it) and is
 * validated with the contract's `parseSettings`. No vscode import: the memento is an interface.
 */
import { DEFAULT_SETTINGS, parseSettings, type MetricsSettings } from './contract';

export const STATE_KEY = 'liftoff.metrics.settings';

/** What the panel needs of `ExtensionContext.workspaceState`. */
export interface SettingsMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/** The saved settings; a fresh panel (not a restored one) starts with nothing selected. */
export function loadSettings(state: SettingsMemento, fresh: boolean): MetricsSettings {
  const saved = parseSettings(state.get(STATE_KEY)) ?? DEFAULT_SETTINGS;
  return fresh ? { ...saved, selected: [] } : saved;
}

export async function saveSettings(state: SettingsMemento, settings: MetricsSettings): Promise<void> {
  await state.update(STATE_KEY, settings);
}
