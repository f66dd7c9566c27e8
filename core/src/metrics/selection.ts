/**
 * Run selection and colour slots, shared by the host (panel.ts) and the page (webviews/metrics/main.ts) so both give
 * a newly selected run the same colour. No vscode or Node import: the webview bundle includes this file.
 */

/**
 * Colour slots for `selected`: a run keeps its slot; a newly selected run gets the lowest slot no selected run uses.
 * Slots of runs not selected are kept while `keep(run)` says so (default: always; the host drops runs that are gone).
 */
export function withColors(
  selected: readonly string[],
  colors: Readonly<Record<string, number>>,
  keep: (run: string) => boolean = () => true,
): Record<string, number> {
  const out = { ...colors };
  const used = new Set(selected.map((k) => out[k]).filter((c) => c !== undefined));
  let next = 0;
  for (const k of selected) {
    if (out[k] !== undefined) continue;
    while (used.has(next)) next++;
    out[k] = next;
    used.add(next);
  }
  for (const k of Object.keys(out)) if (!selected.includes(k) && !keep(k)) delete out[k];
  return out;
}

/** `keys` added to the selection after those already selected (no repeats), or replacing it. */
export function nextSelection(current: readonly string[], keys: readonly string[], replace: boolean): string[] {
  return replace ? [...keys] : [...current, ...keys.filter((k) => !current.includes(k))];
}
