/**
 * Custom LSP messages between the Liftoff client and server. One file, typed, with the sender of each.
 * (Method names and payload types only: the client and server bundle different vscode-jsonrpc copies,
 * so a shared `RequestType` object would not type-check across them; the wire format is just the name.)
 */
import type { PlanViewModel } from '../../core/src/plan/render';
import type { PlanDiff } from '../../core/src/plan';

export interface ValidateFilesParams {
  readonly uris: readonly string[];
  /**
   * Texts to validate instead of a file's content (Re-run: the run's config snapshot, validated at the experiment's
   * URI so relative paths mean what they mean at launch). Their diagnostics are counted, not published.
   */
  readonly texts?: Readonly<Record<string, string>>;
}
export interface ValidateFilesResult {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

/** Sent by the client (command "Validate All Liftoff Documents"): the server reads each file, publishes its diagnostics, and returns totals. */
export const VALIDATE_FILES = 'liftoff/validateFiles';

export interface PlanViewModelParams {
  /** The plan document; the server uses its open text (else reads the file) and its latest diagnostics. */
  readonly uri: string;
  /** Show this scenario of the plan (its name): its figures, charts and rules; absent: the plan as written. */
  readonly scenario?: string;
}
/** The view model, or null when the server can neither find the document open nor read it. */
export type PlanViewModelResult = PlanViewModel | null;

/**
 * Sent by the client's plan preview panel and the "Export Plan" command: the plan view model of one document
 * (sections, figures, chart data, diagnostics per section). The result's `version` is the document version it was
 * built from, so the preview can tell a stale answer from a current one.
 */
export const PLAN_VIEW_MODEL = 'liftoff/planViewModel';

export interface PlanDiffParams {
  /** The plan document (the new side): its open text, else the file. */
  readonly uri: string;
  /** The old side's text (a git revision or another file), validated as if it were at `uri`. */
  readonly baseText: string;
}
/** The diff, and why a side cannot be compared ([old, new]); null when the server cannot read the document. */
export type PlanDiffResult = {
  readonly diff: PlanDiff;
  readonly problems: readonly [string | undefined, string | undefined];
} | null;

/**
 * Sent by the client's "Compare Plan with…" panel: changed inputs, moved figures and rules newly failing or passing
 * between `baseText` and the document.
 */
export const PLAN_DIFF = 'liftoff/planDiff';

/**
 * The settings the client sends to the server: at start as `initializationOptions.settings`, and on every change as
 * `workspace/didChangeConfiguration` `{ settings: { liftoff: … } }` (a `liftoff.*` setting, an extension installed or
 * removed, or the workspace becoming trusted). Both sides type against this one shape; the server still checks each
 * field at run time, since other editors may send anything.
 */
export interface LiftoffSettings {
  readonly validation?: {
    readonly enable?: boolean;
    readonly maxFileSizeKB?: number;
    readonly schema?: 'auto' | 'on' | 'off';
  };
  readonly gpuHourPrice?: number;
  /** `liftoff.review.showOpenThreadsInProblems`: PLAN-019 reports open review threads (default true). */
  readonly review?: { readonly showOpenThreadsInProblems?: boolean };
  readonly slurm?: { readonly commandPrefix?: readonly string[]; readonly validatePartitions?: boolean };
  /** Whether Red Hat's YAML extension is active (it then reports schema problems in "auto" mode). */
  readonly redHatYamlActive?: boolean;
  /**
   * Whether the user trusts the workspace (VS Code's Workspace Trust). Absent means untrusted: the server then runs
   * no process (no nvidia-smi for EXP-017, no sinfo/scontrol for EXP-025/026) and says so (PROBES_SKIPPED).
   * Other editors that want those checks send `true`.
   */
  readonly workspaceTrusted?: boolean;
  /**
   * VS Code's display language (`vscode.env.language`, e.g. `en`, `zh-cn`): diagnostics, hover, code lenses and the
   * plan preview are written in it where Liftoff has a translation (core/src/l10n), else in English.
   */
  readonly locale?: string;
}

/** Rules whose checks start a process on this machine or contact a cluster, and so never run in untrusted workspaces. */
export const PROBING_RULES = ['EXP-017', 'EXP-025', 'EXP-026'] as const;

export interface ProbesSkippedParams {
  /** Rules whose probe was skipped since the last notice (empty: probes run again, the workspace is trusted). */
  readonly rules: readonly string[];
  /** Why, in words for the user. */
  readonly reason: string;
}

/**
 * Sent by the server the first time, after start or a settings change, that validation skips a probe because the
 * workspace is untrusted, and with `rules: []` once it is trusted. The client shows it in the language status item.
 */
export const PROBES_SKIPPED = 'liftoff/probesSkipped';
