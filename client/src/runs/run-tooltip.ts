import type { Diagnosis, RunCost, RunIdentity, RunRecord } from '../../../core/src/runs';
import { formatCost } from '../../../core/src/runs';

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
 * log lines that show it (escaped too: a log is the training script's output) and the fix; and what it cost.
 */
export function runTooltipMarkdown(
  r: RunRecord,
  extra: { diagnosis?: Diagnosis; cost?: RunCost; identity?: RunIdentity } = {},
): string {
  const e = escapeMarkdown;
  const d = extra.diagnosis;
  const cost = extra.cost;
  const name = extra.identity?.name;
  const notes = extra.identity?.notes;
  return [
    `**${e(r.experiment)}** — ${name ? `**${e(name)}** (run ${e(r.id)})` : `run ${e(r.id)}`}`,
    // Notes keep their lines (each escaped): a hard break between them.
    notes ? `Notes: ${notes.split('\n').map(e).join('  \n')}` : '',
    `State: **${e(r.state)}**${r.reason ? ` (${e(r.reason)})` : ''}`,
    `Command: ${e(r.command.join(' '))}`,
    r.git ? `Git: ${e(r.git.commit.slice(0, 10))}${r.git.dirty ? ' (uncommitted changes)' : ''}` : '',
    `GPUs: ${r.resources.gpus}${r.resources.cudaVisibleDevices ? ` (CUDA\\_VISIBLE\\_DEVICES=${e(r.resources.cudaVisibleDevices)})` : ''}`,
    cost && (cost.gpuHours > 0 || cost.cpuHours > 0)
      ? `Cost: ${e(formatCost(cost))}${cost.gpuHours > 0 ? ` (${e(cost.cpuHours.toFixed(2))} CPU\\-h)` : ''}`
      : '',
    d ? `**Cause: ${e(d.title)}**\n\n${e(d.detail)}` : '',
    d && d.evidence.length ? d.evidence.map((ev) => `${e(ev.source)}: ${e(ev.text)}`).join('  \n') : '',
    d?.fix ? `Fix: ${e(d.fix.title)} (right-click the run: Apply Fix and Re-run)` : '',
    ...(d?.alternatives ?? []).map((f) => `Or: ${e(f.title)}`),
  ]
    .filter(Boolean)
    .join('\n\n');
}
