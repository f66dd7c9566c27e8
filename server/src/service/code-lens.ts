import type { CodeLens } from 'vscode-languageserver-types';
import { parseFile, type ParsedFile } from './parse';
import { findPair } from './parse';
import type { SourceDocument } from './types';
import { t, type Locale } from '../../../core/src/l10n';

/** Commands the lenses call, implemented by the client (see client/src/commands.ts). */
export const TRAIN_COMMAND = 'liftoff.train';
export const SHOW_METRICS_COMMAND = 'liftoff.showMetrics';

/** "▶ Train" and "Show metrics" above the `run:` key of every Experiment in the file. */
export function codeLenses(
  doc: SourceDocument,
  parse: (doc: SourceDocument) => ParsedFile = parseFile,
  locale?: Locale,
): CodeLens[] {
  const file = parse(doc);
  const lenses: CodeLens[] = [];
  for (const yaml of file.documents) {
    if (yaml.kind !== 'Experiment') continue;
    const run = findPair(yaml.root, 'run');
    const r = run?.key?.range;
    if (!r) continue;
    const range = file.index.range(r[0], r[1]);
    lenses.push({ range, command: { title: t(locale, '▶ Train'), command: TRAIN_COMMAND, arguments: [doc.uri] } });
    lenses.push({
      range,
      command: { title: t(locale, 'Show metrics'), command: SHOW_METRICS_COMMAND, arguments: [doc.uri] },
    });
  }
  return lenses;
}
