import { parseAllDocuments, isMap, isScalar, type Document, type YAMLMap, type Node, type Pair } from 'yaml';
import { TextIndex } from './text-index';
import { keyedPairs, pairOf } from './yaml-path';
import { isKnownKind, kindFromKeys, kindFromUriOrModeline } from './kind';
import type { DocumentKind, SourceDocument } from './types';
import { normalise, type ShortFormNote } from '../../../core/src/vocabulary';

/** One YAML document of a file (files may hold several, separated by `---`). */
export interface ParsedYamlDocument {
  readonly doc: Document.Parsed;
  /** The top-level mapping, when the document is one. */
  readonly root: YAMLMap | undefined;
  /** The kind named by its `kind:` key, if that is a known kind. */
  readonly declaredKind: DocumentKind | undefined;
  /** The kind we treat it as: declared, else implied by file name / modeline, else by its keys. */
  readonly kind: DocumentKind | undefined;
  /** Enum values written as a synonym and read as their canonical value (the tree holds the canonical one). */
  readonly shortForms: readonly ShortFormNote[];
}

export interface ParsedFile {
  readonly source: SourceDocument;
  readonly index: TextIndex;
  readonly documents: readonly ParsedYamlDocument[];
  /** Kind implied by the file name or a `$schema` modeline. */
  readonly impliedKind: DocumentKind | undefined;
}

export function topLevelKeys(root: YAMLMap | undefined): string[] {
  return keyedPairs(root)
    .map((p) => String(p.key.value))
    .filter(Boolean);
}

export function findPair(map: YAMLMap | undefined, key: string): Pair<Node, Node | null> | undefined {
  return pairOf(map, key) as Pair<Node, Node | null> | undefined;
}

export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function parseFile(source: SourceDocument): ParsedFile {
  const index = new TextIndex(source.text);
  const impliedKind = kindFromUriOrModeline(source.uri, source.text);
  const documents = parseAllDocuments(source.text, { uniqueKeys: true, prettyErrors: false }).map((doc) => {
    const root = isMap(doc.contents) ? doc.contents : undefined;
    const kindValue = scalarValue(findPair(root, 'kind')?.value);
    const declaredKind = isKnownKind(kindValue) ? kindValue : undefined;
    const kind = declaredKind ?? impliedKind ?? kindFromKeys(topLevelKeys(root));
    // Short forms are rewritten into the canonical shape once, here, so every reader of the tree sees one form.
    const shortForms = kind && doc.errors.length === 0 ? normalise(doc, kind) : [];
    return { doc, root: isMap(doc.contents) ? doc.contents : undefined, declaredKind, kind, shortForms };
  });
  return { source, index, documents, impliedKind };
}
