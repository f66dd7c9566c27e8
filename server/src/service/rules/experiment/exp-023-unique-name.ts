import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { diagnostic } from '../../diagnostic';
import { at, str, valueRange } from '../../yaml-path';
import type { AsyncRule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { replace, withFixes } from './edits';
import { yamlString } from './exp-008-data-paths';

function fsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/**
 * EXP-023: `metadata.name` is unique among the workspace's experiments: it names the runs (`.liftoff/runs/<name>/`),
 * the metrics view and cross-document links, so two experiments with one name would share a history.
 */
export const uniqueName: AsyncRule = async ({ file, yaml, settings, host, docPath }) => {
  const entry = at(yaml.root, ['metadata', 'name']);
  const name = str(entry);
  if (!entry?.node || !name) return [];
  const self = docPath ? path.normalize(docPath) : undefined;
  const isSelf = (uri: string) => uri === file.source.uri || (self !== undefined && fsPath(uri) === self);
  // Asked of the workspace index by name (never a scan): a change elsewhere re-runs this only if it touches the name.
  const named = async (n: string) => (await host.documentsNamed('Experiment', n)).filter((d) => !isSelf(d.uri));
  const clashes = await named(name);
  if (!clashes.length) return [];
  const shown = (doc: { uri: string; relativePath?: string }) => {
    if (doc.relativePath) return doc.relativePath;
    const uri = doc.uri;
    const p = fsPath(uri);
    if (!p) return uri;
    const rel = self ? path.relative(path.dirname(self), p) : p;
    return rel.split(path.sep).join('/');
  };
  let n = 2;
  while ((await named(`${name}-${n}`)).length) n++;
  const relatedInformation: DiagnosticRelatedInformation[] = clashes.map((d) => ({
    location: { uri: d.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    message: t(settings.locale, 'Experiment `{0}` is also defined here.', name),
  }));
  const d = diagnostic(
    settings,
    'EXP-023',
    'error',
    valueRange(file, entry),
    t(
      settings.locale,
      'Experiment name `{0}` is also used by {1}: each experiment needs its own name, since runs, metrics and links are keyed by it.',
      name,
      clashes.map((c) => `\`${shown(c)}\``).join(', '),
    ),
  );
  d.relatedInformation = relatedInformation;
  return [
    withFixes(d, [
      {
        title: t(settings.locale, 'Rename to `{0}`', `${name}-${n}`),
        edits: [replace(file, entry.node, yamlString(`${name}-${n}`))],
      },
    ]),
  ];
};
