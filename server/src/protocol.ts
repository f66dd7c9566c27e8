/**
 * Custom LSP messages between the Liftoff client and server. One file, typed, with the sender of each.
 * (Method names and payload types only: the client and server bundle different vscode-jsonrpc copies,
 * so a shared `RequestType` object would not type-check across them; the wire format is just the name.)
 */
import type { PlanViewModel } from '../../core/src/plan/render/model';

export interface ValidateFilesParams {
  readonly uris: readonly string[];
  /**
   * Texts to validate instead of a file's content (Re-run: the run's config snapshot, validated at the experiment's
   * URI so relative paths mean what they mean at launch). Their diagnostics are counted, not published.
   */
  readonly texts?: Readonly<Record<string, string>>;
}
export interface ValidateFilesResult { readonly files: number; readonly errors: number; readonly warnings: number }

/** Sent by the client (command "Validate All Liftoff Documents"): the server reads each file, publishes its diagnostics, and returns totals. */
export const VALIDATE_FILES = 'liftoff/validateFiles';

export interface PlanViewModelParams {
  /** The plan document; the server uses its open text (else reads the file) and its latest diagnostics. */
  readonly uri: string;
}
/** The view model, or null when the server can neither find the document open nor read it. */
export type PlanViewModelResult = PlanViewModel | null;

/**
 * Sent by the client's plan preview panel and the "Export Plan" command: the plan view model of one document
 * (sections, figures, chart data, diagnostics per section). The result's `version` is the document version it was
 * built from, so the preview can tell a stale answer from a current one.
 */
export const PLAN_VIEW_MODEL = 'liftoff/planViewModel';
