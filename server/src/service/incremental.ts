/**
 * Incremental parsing and validation of one open document (issue 18), in three parts:
 * - ./incremental-sections: the section splitter (a Liftoff document's top-level sections, each parsed on its own at
 *   its offset in the whole text, and shifted when an edit before it moved it);
 * - ./incremental-splice: the splice (unchanged sections reused, the others parsed, all joined into one root mapping);
 * - ./incremental-rules: rule reuse (a rule's last diagnostics reused, moved by the lines the edit added or removed,
 *   while the sections it read are unchanged).
 *
 * Whenever the splice cannot be shown to give what the whole parse gives, the whole document is parsed instead.
 * test/unit/service/incremental.test.ts holds the two together on random edit sequences over every fixture. The
 * schema check converts only changed sections to JavaScript values.
 */
import type { ErrorObject } from 'ajv';
import { parseFile, type ParsedFile, type ParsedYamlDocument } from './parse';
import type { LiftoffDiagnostic, SourceDocument } from './types';
import type { NamedRule, RuleContext } from './rules/rule';
import type { SectionParse } from './incremental-sections';
import { spliceSections, type Layout } from './incremental-splice';
import { RuleMemos, trackReads, untracked } from './incremental-rules';

export { splitSections } from './incremental-sections';

export interface IncrementalStats {
  full: number;
  incremental: number;
  sectionsParsed: number;
  sectionsReused: number;
  rulesRun: number;
  rulesReused: number;
}

/** The incremental state of one document (one URI). Holds only the latest version's sections and rule results. */
export class IncrementalDocument {
  private sections: SectionParse[] = [];
  private file: ParsedFile | undefined;
  private layout: Layout | undefined;
  private readonly rules = new RuleMemos();
  readonly stats: IncrementalStats = {
    full: 0,
    incremental: 0,
    sectionsParsed: 0,
    sectionsReused: 0,
    rulesRun: 0,
    rulesReused: 0,
  };

  private pins = 0;

  /**
   * Marks a validation of the latest parse as running until the returned function is called. Meanwhile a parse of
   * another text (hover, completion, a second validation of another text at the same URI) is a whole parse that
   * leaves this state alone: reused sections are shifted in place, which would move nodes under the running rules.
   */
  pin(): () => void {
    this.pins++;
    let done = false;
    return () => {
      if (!done) this.pins--;
      done = true;
    };
  }

  /** The parse of `source`: the previous one when the text is the same, else spliced from sections, else whole. */
  parse(source: SourceDocument): ParsedFile {
    if (this.file && this.file.source.text === source.text && this.file.source.uri === source.uri) {
      if (this.file.source !== source) this.file = { ...this.file, source };
      return this.file;
    }
    if (this.pins > 0) {
      this.stats.full++;
      return parseFile(source);
    }
    const spliced = spliceSections(source, this.sections);
    if (spliced) {
      this.stats.incremental++;
      this.stats.sectionsParsed += spliced.parsed;
      this.stats.sectionsReused += spliced.sections.length - spliced.parsed;
      for (const s of spliced.sections) trackReads(s.pair);
      this.sections = spliced.sections;
      this.layout = spliced.layout;
      this.file = spliced.file;
      return spliced.file;
    }
    this.stats.full++;
    this.sections = [];
    this.layout = undefined;
    this.file = parseFile(source);
    return this.file;
  }

  /** Whether `file` is this document's latest spliced parse (rule results and schema values can then be reused). */
  private isSpliced(file: ParsedFile): boolean {
    return file === this.file && this.layout !== undefined && this.sections.length > 0;
  }

  /** Runs `rules` like runRules, reusing a rule's last diagnostics when what it read has not changed. */
  runRules(rules: readonly NamedRule[], ctx: RuleContext): LiftoffDiagnostic[] {
    return this.rules.run(rules, ctx, this.isSpliced(ctx.file) ? this.layout : undefined, this.stats);
  }

  /**
   * The sections for SchemaValidator.checkSections, each with its JavaScript value (made once per section text) and
   * its memo of schema errors; undefined when `file` is not this document's latest spliced parse.
   */
  schemaSections(
    file: ParsedFile,
    yaml: ParsedYamlDocument,
  ): Array<{ key: string; js: () => unknown; memo: { errors?: ErrorObject[] } }> | undefined {
    if (!this.isSpliced(file) || yaml !== file.documents[0]) return undefined;
    return this.sections.map((s) => ({
      key: s.key,
      memo: s.schema,
      js: () => {
        if (!s.js) s.js = untracked(() => ({ value: (s.doc.toJS() as Record<string, unknown>)[s.key] }));
        return s.js.value;
      },
    }));
  }
}
