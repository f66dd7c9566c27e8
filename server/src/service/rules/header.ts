import { isMap, isScalar, type Node } from 'yaml';
import { API_VERSION, HEADER_RULE, KNOWN_KINDS } from '../kind';
import { findPair } from '../parse';
import { diagnostic, type Fix } from '../diagnostic';
import type { RuleContext } from './rule';
import type { DocumentKind, LiftoffDiagnostic, ServiceSettings } from '../types';
import type { Range } from 'vscode-languageserver-types';
import { t } from '../../../../core/src/l10n';

/**
 * EXP-001 / PLAN-000: a Liftoff document starts with `apiVersion: liftoff/v1` and a known `kind`.
 * Reported on the offending value when there is one, else on the document's first line, with a fix
 * that inserts (or corrects) the header.
 */
export function checkHeader(ctx: RuleContext): LiftoffDiagnostic[] {
  const { file, yaml, settings } = ctx;
  const kind = yaml.kind;
  if (!kind) return [];
  const code = HEADER_RULE[kind];
  const { index } = file;
  const root = yaml.root;
  const contents = yaml.doc.contents as Node | null;
  const out: LiftoffDiagnostic[] = [];

  if (!root) {
    // A document with nothing after its `---` (or only comments) has an empty plain scalar as its contents: it is
    // empty, not a single value; its header goes on the line after the `---`.
    const blank = isScalar(contents) && contents.value === null && !contents.source;
    if (contents && !isMap(contents) && !blank) {
      const [s, , e] = contents.range ?? [0, 0, 0];
      out.push(
        diagnostic(
          settings,
          code,
          'error',
          index.range(s, e),
          isScalar(contents)
            ? t(
                settings.locale,
                'A {0} document must be a mapping that starts with `apiVersion: {1}` and `kind: {0}`; this one is a single value.',
                kind,
                API_VERSION,
              )
            : t(
                settings.locale,
                'A {0} document must be a mapping that starts with `apiVersion: {1}` and `kind: {0}`; this one is a list.',
                kind,
                API_VERSION,
              ),
        ),
      );
      return out;
    }
    let at = index.positionAt(blank ? (contents.range?.[0] ?? yaml.doc.range[0]) : yaml.doc.range[0]);
    if (at.character > 0 && at.line + 1 < index.lineCount) at = { line: at.line + 1, character: 0 };
    return [emptyFile(kind, settings, { start: at, end: at })];
  }

  const first = root.items[0]?.key as Node | undefined;
  const firstStart = first?.range?.[0] ?? root.range?.[0] ?? 0;
  const firstPos = index.positionAt(firstStart);
  const indent = ' '.repeat(firstPos.character);
  const insertAt = index.range(firstStart, firstStart);
  const flow = root.flow === true;

  const api = findPair(root, 'apiVersion');
  const kindPair = findPair(root, 'kind');
  const missing: string[] = [];
  if (!api) missing.push(`apiVersion: ${API_VERSION}`);
  if (!kindPair) missing.push(`kind: ${kind}`);
  if (missing.length) {
    const lineRange = index.lineRange(firstPos.line);
    const fix: Fix | undefined = flow
      ? undefined
      : {
          title:
            missing.length > 1
              ? t(settings.locale, 'Insert `{0}` and `{1}`', ...missing)
              : t(settings.locale, 'Insert `{0}`', ...missing),
          edits: [
            { range: insertAt, newText: missing.map((m, i) => (i === 0 ? m : indent + m)).join('\n') + '\n' + indent },
          ],
        };
    out.push(
      diagnostic(
        settings,
        code,
        'error',
        lineRange,
        missing.length > 1
          ? t(
              settings.locale,
              'Missing `{0}` and `{1}`: every {2} document starts with this header so Liftoff (and other tools) know what it is.',
              ...missing,
              kind,
            )
          : t(
              settings.locale,
              'Missing `{0}`: every {1} document starts with this header so Liftoff (and other tools) know what it is.',
              ...missing,
              kind,
            ),
        fix,
      ),
    );
  }
  const l = settings.locale;
  if (api)
    out.push(
      ...checkValue(ctx, code, api.value, API_VERSION, (found) =>
        t(l, 'apiVersion must be `{0}`, found {1}.', API_VERSION, found),
      ),
    );
  if (kindPair)
    out.push(
      ...checkValue(ctx, code, kindPair.value, kind, (found) =>
        t(l, 'Unknown kind: expected one of {0}, found {1}.', KNOWN_KINDS.join(', '), found),
      ),
    );
  return out;
}

/** A file (or document) with nothing in it that its name says is a Liftoff document. */
export function emptyFile(
  kind: DocumentKind,
  settings: ServiceSettings,
  at: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
): LiftoffDiagnostic {
  return diagnostic(
    settings,
    HEADER_RULE[kind],
    'error',
    at,
    t(settings.locale, 'Empty {0} document: it needs at least `apiVersion: {1}` and `kind: {0}`.', kind, API_VERSION),
    {
      title: t(settings.locale, 'Insert the {0} header', kind),
      edits: [{ range: at, newText: `apiVersion: ${API_VERSION}\nkind: ${kind}\n` }],
    },
  );
}

function checkValue(
  ctx: RuleContext,
  code: string,
  node: Node | null,
  expected: string,
  message: (found: string) => string,
): LiftoffDiagnostic[] {
  const value = isScalar(node) ? node.value : undefined;
  if (
    value === expected ||
    (expected !== API_VERSION && typeof value === 'string' && (KNOWN_KINDS as readonly string[]).includes(value))
  )
    return [];
  const { index } = ctx.file;
  const [s, e] = node?.range ? [node.range[0], node.range[1]] : [0, 0];
  const range = index.range(s, e);
  const shown = value === undefined || value === null ? t(ctx.settings.locale, 'nothing') : `\`${String(value)}\``;
  return [
    diagnostic(ctx.settings, code, 'error', range, message(shown), {
      title: t(ctx.settings.locale, 'Change to `{0}`', expected),
      edits: [{ range, newText: expected }],
    }),
  ];
}
