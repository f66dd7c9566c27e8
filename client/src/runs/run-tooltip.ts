import type { RunRecord } from '../../../core/src/runs';

/**
 * Markdown-escapes text from run.json (a workspace file anyone can write): every character Markdown or HTML could
 * read as markup is backslash-escaped, and line breaks become spaces, so a record renders as the text it holds —
 * never a link, image, command URI or heading.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&:"'=$%]/g, (c) => `\\${c}`);
}

/** The Runs view's tooltip of a run, as Markdown with every run.json value escaped. */
export function runTooltipMarkdown(r: RunRecord): string {
  const e = escapeMarkdown;
  return [
    `**${e(r.experiment)}** — run ${e(r.id)}`,
    `State: **${e(r.state)}**${r.reason ? ` (${e(r.reason)})` : ''}`,
    `Command: ${e(r.command.join(' '))}`,
    r.git ? `Git: ${e(r.git.commit.slice(0, 10))}${r.git.dirty ? ' (uncommitted changes)' : ''}` : '',
    `GPUs: ${r.resources.gpus}${r.resources.cudaVisibleDevices ? ` (CUDA\\_VISIBLE\\_DEVICES=${e(r.resources.cudaVisibleDevices)})` : ''}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}
