/**
 * What the workspace index knows of one file: the kind, `metadata.name`, links and metric names of each Liftoff
 * document in it (a file may hold several, split by `---`). Read through the safe reader: a FIFO or device named
 * like a document, or a symlink to one, yields no documents and never blocks.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import type { WorkspaceDocument } from '../service/host';
import { isKnownKind, kindFromUriOrModeline } from '../service/kind';
import { experimentLinks, planLink, resolveLink } from '../service/rules/xdoc/linked';
import { readRegular } from './safe-read';

/** Workspace documents larger than this are not indexed (the validation limit's default). */
export const MAX_INDEXED_BYTES = 2 * 1024 * 1024;

/** Documents of `file`; `folder` is the workspace folder holding it (for `relativePath`). Never throws. */
export async function readDocumentFacts(file: string, folder: string | undefined): Promise<WorkspaceDocument[]> {
  let text: string;
  try {
    text = (await readRegular(file, MAX_INDEXED_BYTES, true)).toString('utf8');
  } catch {
    return [];
  }
  return documentFacts(file, text, folder);
}

/** The same from text already read. Parsing stops at the first document the YAML library cannot handle. */
export function documentFacts(file: string, text: string, folder: string | undefined): WorkspaceDocument[] {
  const uri = pathToFileURL(file).toString();
  const relativePath = folder ? path.relative(folder, file).split(path.sep).join('/') : undefined;
  const implied = kindFromUriOrModeline(uri, text.slice(0, 4096));
  const out: WorkspaceDocument[] = [];
  try {
    for (const doc of parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false })) {
      const root = isMap(doc.contents) ? doc.contents : undefined;
      const declared = scalar(root?.get('kind', true));
      const kind = isKnownKind(declared) ? declared : implied;
      if (!kind) continue;
      const name = scalar(doc.getIn(['metadata', 'name'], true) as Node | undefined);
      const refs = kind === 'BusinessPlan' ? experimentLinks(root) : [planLink(root)].filter((l) => l !== undefined);
      const links = [
        ...new Set(refs.map((r) => resolveLink(file, r.value)).filter((p): p is string => p !== undefined)),
      ];
      const metrics =
        kind === 'Experiment'
          ? metricNames(
              doc.getIn(['metrics', 'track'], true) as Node | undefined,
              doc.getIn(['metrics', 'primary', 'name'], true) as Node | undefined,
              doc.getIn(['evaluation', 'metrics'], true) as Node | undefined,
            )
          : [];
      out.push({
        uri,
        kind,
        ...(name ? { name } : {}),
        ...(relativePath ? { relativePath } : {}),
        ...(links.length ? { links } : {}),
        ...(metrics.length ? { metrics } : {}),
      });
    }
  } catch {
    return out; // a document the parser gives up on (alias bombs are limited by the parser): keep what came before
  }
  return out;
}

function scalar(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function metricNames(...nodes: Array<Node | undefined>): string[] {
  const names = nodes.flatMap((n) => (isSeq(n) ? n.items : [n])).map(scalar);
  return [...new Set(names.filter((v): v is string => v !== undefined && v !== ''))];
}
