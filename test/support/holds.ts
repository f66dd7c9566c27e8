/**
 * Asserts that something stays true for a while (that nothing starts, nothing is written): polls `probe` every
 * `intervalMs` for `ms` and throws with `what` at the first time it is false. The only way tests check an absence.
 */
export async function holdsFor(
  probe: () => boolean | Promise<boolean>,
  opts: { ms: number; intervalMs?: number; what: string },
): Promise<void> {
  const end = Date.now() + opts.ms;
  for (;;) {
    if (!(await probe())) throw new Error(`no longer true: ${opts.what}`);
    if (Date.now() >= end) return;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}
