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
import { readRegular, readRegularSync } from './safe-read';

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

/** The same with blocking reads, for a host over files that do not change (`snapshot`: `liftoff validate`). */
export function readDocumentFactsSync(file: string, folder: string | undefined): WorkspaceDocument[] {
  let text: string;
  try {
    text = readRegularSync(file, MAX_INDEXED_BYTES, true).toString('utf8');
  } catch {
    return [];
  }
  return documentFacts(file, text, folder);
}

/**
 * The same from text already read. Parsing stops at the first document the YAML library cannot handle.
 *
 * The index reads only a few top-level sections (`kind`, `metadata`, `metrics`, `evaluation` and a plan's links),
 * and parsing is most of a scan's cost: a plain single document is cut down to those sections first (see
 * `indexedSections`), which gives the same facts as parsing it whole (a property test holds the two together).
 */
export function documentFacts(file: string, text: string, folder: string | undefined): WorkspaceDocument[] {
  const implied = kindFromUriOrModeline(pathToFileURL(file).toString(), text.slice(0, 4096));
  return factsOf(file, indexedSections(text) ?? text, folder, implied);
}

/** The same by parsing the whole text (the reference the cut-down path is tested against). */
export function documentFactsWhole(file: string, text: string, folder: string | undefined): WorkspaceDocument[] {
  const implied = kindFromUriOrModeline(pathToFileURL(file).toString(), text.slice(0, 4096));
  return factsOf(file, text, folder, implied);
}

/** Top-level keys whose sections hold what the index keeps. */
const INDEXED_KEYS = new Set(['kind', 'metadata', 'metrics', 'evaluation', 'solution', 'milestones', 'kpis']);
/** The indentation, sequence dashes and simple key of a nested line: what is left must be a plain value. */
const NESTED_KEY = /^\s*(?:-\s+)*(?:[\w.$/-]+:(?=\s|$))?/;
const TOP_KEY = /^([A-Za-z_][\w-]*):(?=[ \t\r]|$)/;
/**
 * Characters the YAML parser does not read as plain text: a byte-order mark after the start (a document marker in a
 * stream), control characters other than tab, LF and CR, non-characters and lone surrogates. In a section the cut
 * leaves out, the parse error they make can change how the later sections parse (a BOM in `data:` cost the whole
 * parse its `metrics:`, CI 2026-12-07), so the whole parse reads such text.
 */
const UNUSUAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The text of the indexed top-level sections, each copied line for line, or undefined when the text is not a plain
 * block mapping that can be cut at its top-level keys without changing what those sections parse to: several
 * documents or directives (`---`, `...`, `%`), anchors, aliases or tags anywhere (`&`, `*`, `!`), a top-level line
 * that is not a simple `key:` (a quoted or flow key, a sequence, a flow or quote left open on that line), a
 * repeated top-level key, content indented before the first key, a tab or lone CR where a line starts, a character
 * the parser does not read as text (UNUSUAL). Those take the whole parse.
 */
export function indexedSections(text: string): string | undefined {
  if (/[&*!%]|\r(?!\n)/.test(text) || UNUSUAL.test(text)) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  let keep = false;
  /** The indentation of the current section's first content line: no later line of it may be less indented. */
  let base = -1;
  /** The current top-level key has a value on its own line. */
  let inline = false;
  for (const line of text.split('\n')) {
    const c = line.charCodeAt(0);
    if (line === '' || line === '\r' || c === 32 || c === 35 /* space, # */) {
      if (c === 32 && !/^\s*(#|$)/.test(line)) {
        // Content before the first top-level key: the document's root is indented, the cut would read it differently.
        if (seen.size === 0) return undefined;
        // Each line must stay inside its section whatever errors it holds, so that the cut parses each kept section
        // as the whole parse does: no shallower than the section's first line, no flow or quote running on to the
        // next line, no second `key: ` on the line.
        const indent = line.length - line.trimStart().length;
        if (base < 0) base = indent;
        // Under a key with its value on its own line (`key: value`, `key: |`): a continuation or a block scalar.
        if (inline) return undefined;
        if (indent < base || !closedOnItsLine(line.replace(NESTED_KEY, ''))) return undefined;
      }
      if (keep) out.push(line.replace(/\r$/, ''));
      continue;
    }
    base = -1;
    const m = TOP_KEY.exec(line);
    const rest = line.slice(m?.[0].length ?? 0);
    if (!m || !closedOnItsLine(rest)) return undefined;
    inline = !/^\s*(#.*)?\r?$/.test(rest);
    const key = m[1]!;
    if (seen.has(key)) return undefined;
    seen.add(key);
    keep = INDEXED_KEYS.has(key);
    // Lines are kept without their CR: a CRLF line kept before a line left out would end the cut in a lone CR,
    // which the parser reads differently (`kind: Experiment⏎  \r` lost its kind: CI 2026-12-07).
    if (keep) out.push(line.replace(/\r$/, ''));
  }
  if (seen.size === 0) return undefined;
  return out.length ? out.join('\n') : '{}';
}

/**
 * The rest of a line after its key is plain: no bracket, brace or quote left open at its end (the value may not run
 * on to the next line), nothing but a comment after a flow collection that closes it, and, outside them, no further
 * `key: ` (a compact mapping the parser refuses, which can cost the whole document). A ` #` outside quotes ends the
 * line.
 */
function closedOnItsLine(rest: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      // A flow collection that ends the value may be followed only by a comment (`{a: 1}|` is an error that can
      // change how the lines after it parse); one closed more often than opened is an error too.
      if (depth < 0 || (depth === 0 && !/^\s*(#.*)?\r?$/.test(rest.slice(i + 1)))) return false;
    } else if (ch === '#' && (i === 0 || rest[i - 1] === ' ' || rest[i - 1] === '\t')) break;
    else if (ch === ':' && depth === 0 && (i + 1 === rest.length || /[\s]/.test(rest[i + 1]!))) return false;
  }
  return depth === 0 && quote === '';
}

function factsOf(
  file: string,
  text: string,
  folder: string | undefined,
  implied: WorkspaceDocument['kind'] | undefined,
): WorkspaceDocument[] {
  const uri = pathToFileURL(file).toString();
  const relativePath = folder ? path.relative(folder, file).split(path.sep).join('/') : undefined;
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
