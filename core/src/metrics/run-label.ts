/** How a page names a run: the name its user gave it (Rename Run), else the time and suffix of its id. Browser-safe. */

/** The names users gave runs (Rename Run), by run id: the page's model keeps it current with the host's run list. */
const runNames = new Map<string, string>();
export function setRunNames(runs: Iterable<{ readonly key: string; readonly name?: string }>): void {
  runNames.clear();
  for (const r of runs) if (r.name) runNames.set(r.key, r.name);
}

export function runLabel(run: string): string {
  const name = runNames.get(run);
  if (name) return name;
  // Run ids are `YYYYMMDD-HHMMSS-xxxx`: the time and suffix tell runs apart.
  const m = /^\d{8}-(\d{2})(\d{2})(\d{2})-([0-9a-f]+)$/.exec(run);
  return m ? `${m[1]}:${m[2]}:${m[3]} ${m[4]}` : run;
}
