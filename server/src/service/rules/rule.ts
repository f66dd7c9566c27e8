import type { ParsedFile, ParsedYamlDocument } from '../parse';
import type { LiftoffDiagnostic, ServiceSettings } from '../types';

/** What every rule sees: the whole file (for positions), the one YAML document it checks, and the settings. */
export interface RuleContext {
  readonly file: ParsedFile;
  readonly yaml: ParsedYamlDocument;
  readonly settings: ServiceSettings;
}

/** A rule is a pure function of its context. */
export type Rule = (ctx: RuleContext) => LiftoffDiagnostic[];
