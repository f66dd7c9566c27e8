import type { Diagnosis, RunCost, RunIdentity, RunRecord } from '../../../core/src/runs';
import { formatCost, reasonText, stateText } from '../../../core/src/runs';
import type { Locale } from '../../../core/src/l10n';
import { english, type Tr } from '../panels/metrics/words';

/**
 * Markdown-escapes text from run.json (a workspace file anyone can write): every character Markdown or HTML could
 * read as markup is backslash-escaped, and line breaks become spaces, so a record renders as the text it holds —
 * never a link, image, command URI or heading.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%]/g, (c) => `\\${c}`);
}

/**
 * The Runs view's tooltip of a run, as Markdown with every run.json value escaped; for a failed run its cause, the
 * log lines that show it (escaped too: a log is the training script's output) and the fix; and what it cost. Its own
 * words through `tr` (the Runs view passes vscode.l10n.t), the run's reason in `locale` (run.json's `reasonCode`).
 */
export function runTooltipMarkdown(
  r: RunRecord,
  extra: { diagnosis?: Diagnosis; cost?: RunCost; identity?: RunIdentity; tr?: Tr; locale?: Locale } = {},
): string {
  const e = escapeMarkdown;
  const tr = extra.tr ?? english;
  const reason = reasonText(extra.locale, r);
  const d = extra.diagnosis;
  const cost = extra.cost;
  const name = extra.identity?.name;
  const notes = extra.identity?.notes;
  return [
    `**${e(r.experiment)}** — ${name ? `**${e(name)}** (${tr('run {0}', e(r.id))})` : tr('run {0}', e(r.id))}`,
    // Notes keep their lines (each escaped): a hard break between them.
    notes ? `${tr('Notes:')} ${notes.split('\n').map(e).join('  \n')}` : '',
    `${tr('State:')} **${e(stateText(extra.locale, r.state))}**${reason ? ` (${e(reason)})` : ''}`,
    `${tr('Command:')} ${e(r.command.join(' '))}`,
    r.git ? `Git: ${e(r.git.commit.slice(0, 10))}${r.git.dirty ? ` ${tr('(uncommitted changes)')}` : ''}` : '',
    `${tr('GPUs:')} ${r.resources.gpus}${r.resources.cudaVisibleDevices ? ` (CUDA\\_VISIBLE\\_DEVICES=${e(r.resources.cudaVisibleDevices)})` : ''}`,
    cost && (cost.gpuHours > 0 || cost.cpuHours > 0)
      ? `${tr('Cost:')} ${e(formatCost(cost))}${cost.gpuHours > 0 ? ` (${e(cost.cpuHours.toFixed(2))} CPU\\-h)` : ''}`
      : '',
    d ? `**${tr('Cause:')} ${e(d.title)}**\n\n${e(d.detail)}` : '',
    d && d.evidence.length ? d.evidence.map((ev) => `${e(ev.source)}: ${e(ev.text)}`).join('  \n') : '',
    d?.fix ? `${tr('Fix:')} ${e(d.fix.title)} ${tr('(right-click the run: Apply Fix and Re-run)')}` : '',
    ...(d?.alternatives ?? []).map((f) => `${tr('Or:')} ${e(f.title)}`),
  ]
    .filter(Boolean)
    .join('\n\n');
}
