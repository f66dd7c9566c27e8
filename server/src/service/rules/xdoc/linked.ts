/**
 * Cross-document links (XDOC-…): where a plan names experiments and an experiment names its plan, and how the
 * linked file is read through the host (cached by mtime, recorded as a dependency) and parsed.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMap, isScalar, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import { isSpecialFile, type FileType, type ServiceHost } from '../../host';
import { isKnownKind, kindFromUriOrModeline } from '../../kind';
import { MAX_NESTING, nestingDepth } from '../../nesting';
import type { DocumentKind } from '../../types';
import { at, field, list, mapItems, str } from '../../yaml-path';
import { localPath } from '../experiment/exp-008-data-paths';
import { label } from '../plan/read';
import type { AsyncRuleContext } from '../rule';
import { t, type Locale } from '../../../../../core/src/l10n';

/** Linked documents larger than this are not read (the validation limit's default). */
export const MAX_LINKED_BYTES = 2 * 1024 * 1024;

/** One place in a document that names another document. */
export interface LinkRef {
  /** The scalar holding the path. */
  readonly node: Node;
  readonly value: string;
  /** Where it is, for messages (see `whereIn`): the field and the item it belongs to. */
  readonly field: string;
  readonly of?: { readonly what: 'milestone' | 'KPI'; readonly label: string };
}

/** Where a link sits ("`linked_experiment` of milestone `m-model`"), in the reader's language. */
export function whereIn(link: LinkRef, l: Locale | undefined): string {
  if (link.of?.what === 'milestone') return t(l, '`{0}` of milestone `{1}`', link.field, link.of.label);
  if (link.of?.what === 'KPI') return t(l, '`{0}` of KPI `{1}`', link.field, link.of.label);
  return `\`${link.field}\``;
}

/** "an Experiment", "a BusinessPlan", in the reader's language. */
export function articleIn(kind: DocumentKind, l: Locale | undefined): string {
  return kind === 'Experiment' ? t(l, 'an Experiment') : t(l, 'a BusinessPlan');
}

/** Every link from a plan to an experiment, in document order of the sections: solution, milestones, KPIs. */
export function experimentLinks(root: YAMLMap | undefined): LinkRef[] {
  const out: LinkRef[] = [];
  const add = (node: Node | null | undefined, place: Pick<LinkRef, 'field' | 'of'>) => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim())
      out.push({ node, value: node.value, ...place });
  };
  for (const item of list(at(root, ['solution', 'linked_experiments'])) ?? [])
    add(item.node, { field: 'solution.linked_experiments' });
  for (const m of mapItems(at(root, ['milestones'])))
    add(field(m.node, 'linked_experiment')?.node, {
      field: 'linked_experiment',
      of: { what: 'milestone', label: label(m) },
    });
  for (const k of mapItems(at(root, ['kpis'])))
    add(at(k.node, ['measured_by', 'experiment'])?.node, {
      field: 'measured_by.experiment',
      of: { what: 'KPI', label: label(k) },
    });
  return out;
}

/** `metadata.linked_plan` of an experiment. */
export function planLink(root: YAMLMap | undefined): LinkRef | undefined {
  const e = at(root, ['metadata', 'linked_plan']);
  const value = str(e);
  return e?.node && value?.trim() ? { node: e.node, value, field: 'metadata.linked_plan' } : undefined;
}

/** The file a link names, resolved against the document's folder; undefined for URIs, `${…}` and unsaved documents. */
export function resolveLink(docPath: string | undefined, value: string): string | undefined {
  return docPath ? localPath(path.dirname(docPath), value) : undefined;
}

/** One YAML document of a linked file. */
export interface LinkedDocument {
  readonly kind: DocumentKind | undefined;
  readonly root: YAMLMap | undefined;
}

export type Loaded =
  | { readonly status: 'ok'; readonly path: string; readonly root: YAMLMap | undefined }
  | { readonly status: 'missing' | 'directory' | 'too-large' | 'unreadable' | 'not-liftoff'; readonly path: string }
  | { readonly status: 'wrong-kind'; readonly path: string; readonly kinds: readonly DocumentKind[] }
  | { readonly status: 'special'; readonly path: string; readonly type: FileType };

/** Parsed files by path, reused while the text is the same (the host re-reads only on a new mtime). */
const parsed = new Map<string, { text: string; docs: LinkedDocument[] }>();
const MAX_PARSED = 64;

function parse(fsPath: string, text: string): LinkedDocument[] {
  const hit = parsed.get(fsPath);
  if (hit && hit.text === text) return hit.docs;
  const implied = kindFromUriOrModeline(pathToFileURL(fsPath).toString(), text.slice(0, 4096));
  let docs: LinkedDocument[] = [];
  try {
    // A linked file past the nesting limit is not parsed (it would cost seconds): it reads as not a Liftoff document.
    if (nestingDepth(text) <= MAX_NESTING)
      docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false }).map((doc) => {
        const root = isMap(doc.contents) ? doc.contents : undefined;
        const declared = str(at(root, ['kind']));
        return { kind: isKnownKind(declared) ? declared : implied, root };
      });
  } catch {
    docs = [];
  }
  parsed.delete(fsPath);
  parsed.set(fsPath, { text, docs });
  if (parsed.size > MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
  return docs;
}

/** Reads the linked file and returns its first document of kind `want`, or why there is none. */
export async function loadLinked(host: ServiceHost, fsPath: string, want: DocumentKind): Promise<Loaded> {
  const info = await host.stat(fsPath);
  if (!info) return { status: 'missing', path: fsPath };
  if (info.isDirectory) return { status: 'directory', path: fsPath };
  if (isSpecialFile(info)) return { status: 'special', path: fsPath, type: info.type }; // never opened
  if (info.size > MAX_LINKED_BYTES) return { status: 'too-large', path: fsPath };
  const text = await host.readHead(fsPath, MAX_LINKED_BYTES);
  if (text === undefined) return { status: 'unreadable', path: fsPath };
  const docs = parse(fsPath, text);
  const match = docs.find((d) => d.kind === want);
  if (match) return { status: 'ok', path: fsPath, root: match.root };
  const kinds = [...new Set(docs.map((d) => d.kind).filter((k): k is DocumentKind => k !== undefined))];
  return kinds.length ? { status: 'wrong-kind', path: fsPath, kinds } : { status: 'not-liftoff', path: fsPath };
}

/** A linked experiment, loaded: the links that name it (first one first) and its document. */
export interface LinkedExperiment {
  readonly path: string;
  readonly refs: readonly LinkRef[];
  readonly root: YAMLMap | undefined;
  readonly shown: string;
}

/** The experiments a plan links that resolve to an Experiment document, each once (broken links are XDOC-001's). */
export async function linkedExperiments(ctx: AsyncRuleContext): Promise<LinkedExperiment[]> {
  const byPath = new Map<string, LinkRef[]>();
  for (const ref of experimentLinks(ctx.yaml.root)) {
    const abs = resolveLink(ctx.docPath, ref.value);
    if (!abs) continue;
    const refs = byPath.get(abs) ?? [];
    refs.push(ref);
    byPath.set(abs, refs);
  }
  const out: LinkedExperiment[] = [];
  for (const [abs, refs] of byPath) {
    const loaded = await loadLinked(ctx.host, abs, 'Experiment');
    if (loaded.status === 'ok') out.push({ path: abs, refs, root: loaded.root, shown: refs[0]?.value ?? abs });
  }
  return out;
}

/** A file-system path of a `file:` URI (normalised), or undefined. */
export function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** `to` relative to the folder `fromDir`, with forward slashes (as written in YAML). */
export function relativeLink(fromDir: string, to: string): string {
  return path.relative(fromDir, to).split(path.sep).join('/');
}
