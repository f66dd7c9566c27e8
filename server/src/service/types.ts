import type { Locale } from '../../../core/src/l10n';
/**
 * The language service's public contract: plain data in, LSP types out.
 * Nothing here knows about connections, editors or the file system; the server, the CLI and the tests
 * call it directly.
 */
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';

export type DocumentKind = 'Experiment' | 'BusinessPlan';

/** The text of one document as the service sees it. */
export interface SourceDocument {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
}

export interface ServiceSettings {
  /** Documents larger than this are not parsed: one diagnostic says so. */
  readonly maxFileSizeKB: number;
  /** What the "too large" diagnostic tells the user to do (the editor names its setting, the CLI its option). */
  readonly maxFileSizeAdvice?: string;
  /** URI of the rule reference page; a rule's anchor is appended (`#exp-001`). */
  readonly ruleDocsUri: string;
  /**
   * Report JSON Schema (structural) problems. The client turns this off while Red Hat's YAML extension is active:
   * that extension validates the same files against the same schemas (our `yamlValidation` contribution), and one
   * structural error should not appear twice. Semantic rules are always ours.
   */
  readonly schemaDiagnostics: boolean;
  /**
   * How long, per document, a rule may wait for a file or folder the document names, in ms. A rule still waiting
   * then (a FIFO, a device, a hung mount) yields one LIFTOFF-TIMEOUT diagnostic on that path and the document's other
   * diagnostics are published: one bad path never holds them back for long.
   */
  readonly validationDeadlineMs: number;
  /**
   * How long, per document, a rule may wait for the host's own work (the workspace index, the GPU probe, Slurm,
   * past runs), in ms: bounded work that can take seconds the first time in a large workspace, so it gets longer
   * before the same LIFTOFF-TIMEOUT. The backstop that keeps validation from ever hanging.
   */
  readonly probeDeadlineMs: number;
  /** Price of one GPU-hour in the plan's currency, for compute-cost estimates (XDOC-004; `liftoff.gpuHourPrice`). */
  readonly gpuHourPrice?: number;
  /** PLAN-019 reports open review threads (`liftoff.review.showOpenThreadsInProblems`); default true. */
  readonly reviewThreadsInProblems?: boolean;
  /**
   * The language of messages, hover and the plan preview: `zh-cn` (Simplified Chinese) or English (absent). The client
   * sends VS Code's display language; the CLI takes `--lang` or LANG. See core/src/l10n.
   */
  readonly locale?: Locale;
}

export const DEFAULT_SETTINGS: ServiceSettings = {
  maxFileSizeKB: 2048,
  ruleDocsUri: 'https://liftoff.invalid/docs/rules.md',
  schemaDiagnostics: true,
  validationDeadlineMs: 2000,
  probeDeadlineMs: 30_000,
  gpuHourPrice: 2.5,
};

/**
 * Quick fixes travel on the diagnostic itself (`data`), computed when the rule fires, so that
 * `textDocument/codeAction` needs no state and a stale fix is simply never offered (versions differ).
 */
export interface DiagnosticData {
  readonly fixes: ReadonlyArray<{ readonly title: string; readonly edits: readonly TextEdit[] }>;
}

export type LiftoffDiagnostic = Diagnostic & { data?: DiagnosticData };
