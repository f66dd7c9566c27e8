/**
 * Documents written the way people write them: the enum vocabulary of both schemas (canonical values and the
 * synonyms people write for them) and the normaliser that rewrites a parsed document into its canonical shape.
 * The language service normalises every document it reads; the launchers and the built-in trainer read experiments
 * through `parseExperiment`, so a document that validates trains with the same meaning.
 */
import { parseDocument } from 'yaml';
import { normalise } from './short-forms';

export * from './enum-vocabulary';
export * from './short-forms';

/**
 * An experiment's YAML text as plain JavaScript, short forms and synonyms read as their canonical values (like the
 * language service reads it). Throws the first YAML error, as `yaml.parse` would.
 */
export function parseExperiment(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) throw doc.errors[0]!;
  normalise(doc, 'Experiment');
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}
