import { isSeq, type Node } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { diagnostic } from '../../diagnostic';
import type { ParsedFile } from '../../parse';
import { at, field, keyRange, mapItems, rangeOf, spanOf, str, text } from '../../yaml-path';
import { withFixes } from '../experiment/edits';
import { appendToRoot } from '../plan/edits';
import { mitigationFix, suggestions } from '../plan/mitigation-stub';
import { isEmptySection, label, textOf } from '../plan/read';
import type { AsyncRule } from '../rule';
import { t, type Locale } from '../../../../../core/src/l10n';
import { linkedExperiments } from './linked';

const SENSITIVE: ReadonlySet<string> = new Set(['personal', 'health', 'financial']);

/**
 * XDOC-003 (warning): when a linked experiment trains on personal, health or financial data (`data.sensitivity`),
 * the plan has a risk with `category: data` and a non-empty `mitigation`. Reported on the `risks` key, or on the
 * link to the experiment when the plan has no `risks` section.
 */
export const dataRisk: AsyncRule = async (ctx) => {
  if (!ctx.docPath) return [];
  const { file, yaml, settings } = ctx;
  const sensitive = (await linkedExperiments(ctx))
    .map((e) => ({ e, level: str(at(e.root, ['data', 'sensitivity'])) }))
    .filter((x): x is typeof x & { level: string } => x.level !== undefined && SENSITIVE.has(x.level));
  const first = sensitive[0];
  const ref = first?.e.refs[0];
  if (!first || !ref) return [];
  const risks = at(yaml.root, ['risks']);
  const dataRisks = mapItems(risks).filter((r) => str(field(r.node, 'category')) === 'data');
  if (dataRisks.some((r) => textOf(field(r.node, 'mitigation')) !== '')) return [];
  const l = settings.locale;
  const TITLE = t(l, 'Sensitive training data exposed or misused');
  const uses = sensitive.map((x, i) =>
    i === 0
      ? t(l, '`{0}` trains on {1} data', x.e.shown, levelName(x.level, l))
      : t(l, '`{0}` on {1} data', x.e.shown, levelName(x.level, l)),
  );
  const lead = t(
    l,
    '{0} (`data.sensitivity`)',
    uses.length > 1
      ? t(l, '{0} and {1}', uses.slice(0, -1).join(t(l, ', ')), uses[uses.length - 1] ?? '')
      : (uses[0] ?? ''),
  );
  const firstRisk = dataRisks[0];
  const mitigations = suggestions('data', l).join(t(l, ', '));
  if (!risks || isEmptySection(risks)) {
    const range = risks ? keyRange(file, risks) : rangeOf(file, ref.node);
    const d = diagnostic(
      settings,
      'XDOC-003',
      'warning',
      range,
      t(
        l,
        '{0}, but the plan has no risks: add a `risks` section with a `category: data` risk (privacy, security, access) and its mitigation.',
        lead,
      ),
    );
    const block = [
      'risks:',
      '  - id: r-data',
      `    title: ${TITLE}`,
      '    category: data',
      '    likelihood: 2',
      '    impact: 4',
      '    response: mitigate',
      `    mitigation: [${mitigations}]  # ${t(l, 'suggested for a {0} risk: adapt to your plan', 'data')}`,
      '',
    ].join('\n');
    return [
      risks || !yaml.root
        ? d
        : withFixes(d, [
            { title: t(l, 'Add a data risk with a mitigation stub'), edits: [appendToRoot(file, yaml.root, block)] },
          ]),
    ];
  }
  if (firstRisk) {
    const d = diagnostic(
      settings,
      'XDOC-003',
      'warning',
      keyRange(file, risks),
      dataRisks.length > 1
        ? t(
            l,
            '{0}, but none of its data risks ({1}) has a mitigation: say how the data is protected (e.g. {2}).',
            lead,
            dataRisks.map((r) => `\`${label(r)}\``).join(', '),
            mitigations.toLowerCase(),
          )
        : t(
            l,
            '{0}, but data risk `{1}` has no mitigation: say how the data is protected (e.g. {2}).',
            lead,
            label(firstRisk),
            mitigations.toLowerCase(),
          ),
    );
    return [withFixes(d, [mitigationFix(file, firstRisk.node, 'data', l)])];
  }
  const d = diagnostic(
    settings,
    'XDOC-003',
    'warning',
    keyRange(file, risks),
    t(
      l,
      '{0}, but no risk has `category: data`: add a data risk (privacy, security, access) with its mitigation.',
      lead,
    ),
  );
  const ids = new Set(mapItems(risks).map((r) => text(field(r.node, 'id'))));
  let id = 'r-data';
  for (let n = 2; ids.has(id); n++) id = `r-data-${n}`;
  const item = `{id: ${id}, title: ${TITLE}, category: data, likelihood: 2, impact: 4, response: mitigate, mitigation: [${mitigations}]}`;
  return [
    withFixes(d, [
      { title: t(l, 'Add a data risk with a mitigation stub'), edits: [appendItem(file, risks.node, item)] },
    ]),
  ];
};

/** A `data.sensitivity` level in the reader's language. */
function levelName(level: string, l: Locale | undefined): string {
  if (level === 'personal') return t(l, 'personal');
  if (level === 'health') return t(l, 'health');
  if (level === 'financial') return t(l, 'financial');
  return level;
}

/** Appends `- item` after the last item of a block sequence, at its indentation; undefined for flow sequences. */
function appendItem(file: ParsedFile, seq: Node | null, item: string): TextEdit | undefined {
  if (!isSeq(seq) || seq.flow) return undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last) return undefined;
  const [start, end] = spanOf(file, last);
  const lineStart = file.index.offsetAt({ line: file.index.positionAt(start).line, character: 0 });
  const dash = /^(\s*)-\s+$/.exec(file.index.text.slice(lineStart, start));
  if (!dash) return undefined;
  const line = file.index.positionAt(end).line;
  const at =
    line + 1 < file.index.lineCount ? file.index.offsetAt({ line: line + 1, character: 0 }) : file.index.text.length;
  const newText = `${dash[1] ?? ''}- ${item}\n`;
  const atEof = at === file.index.text.length && !file.index.text.endsWith('\n');
  return { range: file.index.range(at, at), newText: atEof ? `\n${newText}` : newText };
}
