import type { ErrorObject } from 'ajv';

/**
 * Ajv with `allErrors` reports every failed branch of a `oneOf`/`anyOf`, which is how generic YAML tooling ends up
 * saying "does not match oneOf". We keep one explanation per place:
 * - when a branch failed only deeper inside the value (the value had the right shape), report those deeper errors;
 * - otherwise report the `oneOf`/`anyOf` itself, described by its branches;
 * - `if` wrappers are dropped (their `then` errors remain), and duplicates of the same place and keyword merge.
 */
export function pickErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const dropped = new Set<ErrorObject>();
  // Innermost unions first, so an outer union sees the decisions made inside it.
  for (const u of [...unions].sort((a, b) => b.schemaPath.length - a.schemaPath.length)) {
    const branchErrors = errors.filter(
      (e) =>
        e !== u &&
        !dropped.has(e) &&
        e.schemaPath.startsWith(`${u.schemaPath}/`) &&
        e.instancePath.startsWith(u.instancePath),
    );
    const deeper = branchErrors.filter(
      (e) => e.instancePath.length > u.instancePath.length && e.keyword !== 'oneOf' && e.keyword !== 'anyOf',
    );
    if (deeper.length > 0) {
      // Keep the errors of the branch that got furthest (most specific), drop the rest and the union itself.
      const best = branchOf(
        deeper.reduce((a, b) => (b.instancePath.length > a.instancePath.length ? b : a)),
        u.schemaPath,
      );
      for (const e of branchErrors)
        if (branchOf(e, u.schemaPath) !== best || e.instancePath === u.instancePath) dropped.add(e);
      dropped.add(u);
    } else {
      branchErrors.forEach((e) => dropped.add(e));
    }
  }
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (dropped.has(e) || e.keyword === 'if') return false;
    const extra =
      e.keyword === 'additionalProperties'
        ? (e.params as { additionalProperty: string }).additionalProperty
        : e.keyword === 'required'
          ? (e.params as { missingProperty: string }).missingProperty
          : '';
    const key = `${e.instancePath}|${e.keyword}|${extra}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function branchOf(e: ErrorObject, unionPath: string): string {
  return e.schemaPath.slice(unionPath.length + 1).split('/')[0] ?? '';
}
