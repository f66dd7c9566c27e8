import type { ParsedFile, ParsedYamlDocument } from '../parse';
import type { LiftoffDiagnostic, ServiceSettings } from '../types';
import type { ServiceHost } from '../host';

/** What every rule sees: the whole file (for positions), the one YAML document it checks, and the settings. */
export interface RuleContext {
  readonly file: ParsedFile;
  readonly yaml: ParsedYamlDocument;
  readonly settings: ServiceSettings;
}

/** A rule is a pure function of its context. */
export type Rule = (ctx: RuleContext) => LiftoffDiagnostic[];

/** What rules that look outside the document see: the (caching) host and the document's own path on disk. */
export interface AsyncRuleContext extends RuleContext {
  readonly host: ServiceHost;
  /** The document's file-system path, or undefined for unsaved / non-file documents (relative paths then stay unchecked). */
  readonly docPath: string | undefined;
}

/**
 * A rule that reads files, the workspace index, the GPU probe or the run history. Reads go through the host, which
 * caches by modification time and records them as dependencies, so the document is re-validated when they change.
 */
export type AsyncRule = (ctx: AsyncRuleContext) => Promise<LiftoffDiagnostic[]>;

/** A rule with the ID it reports under: the runner names it when it throws or does not answer in time. */
export interface NamedRule<R extends Rule | AsyncRule = Rule> {
  readonly id: string;
  readonly check: R;
}
