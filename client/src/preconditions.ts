/**
 * The preconditions of the commands table (see command-requirements.ts): each says, for a command the user ran,
 * why it cannot run now and what to do about it, or nothing when it can. Background work that would start a
 * process (re-attaching runs, GPU polling) goes through the same table entries, so there is one trust check.
 */
import * as vscode from 'vscode';
import type { Requirement } from './command-requirements';

export interface Refusal {
  readonly message: string;
  /** Buttons of the refusal: each runs a command. */
  readonly actions: ReadonlyArray<{ readonly title: string; readonly command: string }>;
}

/** The language server as the client sees it; `stopped` only after it was started (a crash past the budget, a stop). */
export type ServerState = 'not started' | 'starting' | 'running' | 'stopped';

export type Preconditions = Readonly<Record<Requirement, (title: string) => Refusal | undefined>>;

export function createPreconditions(serverState: () => ServerState): Preconditions {
  return {
    trust: (title) =>
      vscode.workspace.isTrusted
        ? undefined
        : {
            message: vscode.l10n.t(
              '"{0}" needs a trusted workspace: in Restricted Mode Liftoff never starts a process, sends a signal or contacts a cluster. Trust this workspace to use it; validation and previews work without.',
              title,
            ),
            actions: [{ title: vscode.l10n.t('Manage Workspace Trust'), command: 'workbench.trust.manage' }],
          },
    server: (title) =>
      serverState() !== 'stopped'
        ? undefined
        : {
            message: vscode.l10n.t(
              '"{0}" needs the Liftoff language server, which has stopped. Restart it, or open its output to see why it stopped.',
              title,
            ),
            actions: [
              { title: vscode.l10n.t('Restart Language Server'), command: 'liftoff.restartServer' },
              { title: vscode.l10n.t('Show Output'), command: 'liftoff.showOutput' },
            ],
          },
  };
}

/** The first refusal among `requires`, if any. */
export function refusal(
  preconditions: Preconditions,
  requires: readonly Requirement[],
  title: string,
): Refusal | undefined {
  for (const r of requires) {
    const why = preconditions[r](title);
    if (why) return why;
  }
  return undefined;
}
