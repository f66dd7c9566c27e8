/**
 * Runs a document's rules so that no single rule can cost the user the others: a rule that throws becomes one
 * LIFTOFF-INTERNAL diagnostic naming it, and rules that read the outside world share one deadline per document,
 * after which each rule still waiting becomes one LIFTOFF-TIMEOUT diagnostic naming it and what it waited for.
 */
import { isAbsolute } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { diagnostic } from './diagnostic';
import type { ServiceHost } from './host';
import type { AsyncRule, AsyncRuleContext, NamedRule, RuleContext } from './rules/rule';
import type { LiftoffDiagnostic, ServiceSettings } from './types';
import { scalarAtPath } from './yaml-path';
import { t, type Locale } from '../../../core/src/l10n';

export const INTERNAL_CODE = 'LIFTOFF-INTERNAL';
export const TIMEOUT_CODE = 'LIFTOFF-TIMEOUT';

/** Runs `check` and turns a throw into one diagnostic that names `id` (the rest of the document is unaffected). */
export function guarded(
  id: string,
  ctx: Pick<RuleContext, 'settings'>,
  check: () => LiftoffDiagnostic[],
): LiftoffDiagnostic[] {
  try {
    return check();
  } catch (err) {
    return [internalError(id, ctx.settings, err)];
  }
}

/** The document-only rules, each isolated. */
export function runRules(rules: readonly NamedRule[], ctx: RuleContext): LiftoffDiagnostic[] {
  return rules.flatMap((rule) => guarded(rule.id, ctx, () => rule.check(ctx)));
}

/**
 * The rules that read files, the workspace or probes, in parallel. Two deadlines (`Date.now()` values shared by every
 * YAML document of the file): at `deadlines.files`, a rule still waiting for a path the document names (a FIFO, a
 * device, a hung mount) is cut off; a rule waiting only for the host's own work (the workspace index, the GPU probe,
 * Slurm), which is bounded but can be slow the first time, gets until `deadlines.probes`. Each rule sees the host
 * through a view that remembers what it is still waiting for, so a rule cut off is reported with what held it up.
 */
export async function runAsyncRules(
  rules: ReadonlyArray<NamedRule<AsyncRule>>,
  ctx: AsyncRuleContext,
  deadlines: { readonly files: number; readonly probes: number },
): Promise<LiftoffDiagnostic[]> {
  const runs = rules.map((rule) => {
    const pending = new Map<string, boolean>();
    const host = tracked(ctx.host, pending);
    let settled = false;
    const done = Promise.resolve()
      .then(() => rule.check({ ...ctx, host }))
      .catch((err: unknown) => [internalError(rule.id, ctx.settings, err)])
      .finally(() => {
        settled = true;
      });
    return { rule, pending, done, settled: () => settled };
  });
  await until(Promise.all(runs.map((r) => r.done)), deadlines.files);
  const onProbes = runs.filter((r) => !r.settled() && ![...r.pending.values()].some((isPath) => isPath));
  if (onProbes.length) await until(Promise.all(onProbes.map((r) => r.done)), deadlines.probes);
  const out: LiftoffDiagnostic[] = [];
  for (const r of runs) {
    // A rule that finished reports its own findings; one that did not reports why it was cut off.
    if (r.settled()) out.push(...(await r.done));
    else out.push(timedOut(r.rule.id, ctx, [...r.pending.keys()]));
  }
  return out;
}

/** Waits for `work` or until the `Date.now()` value `deadline`, whichever comes first. */
async function until(work: Promise<unknown>, deadline: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
  });
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

function internalError(id: string, settings: ServiceSettings, err: unknown): LiftoffDiagnostic {
  const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return diagnostic(
    settings,
    INTERNAL_CODE,
    'warning',
    ZERO,
    t(
      settings.locale,
      "Liftoff's rule {0} failed on this document ({1}), so its check was skipped; the other checks ran. This is a bug in Liftoff: please report it with the document (or a copy that still shows the problem).",
      id,
      clip(what),
    ),
  );
}

function timedOut(id: string, ctx: AsyncRuleContext, pending: string[]): LiftoffDiagnostic {
  const path = pending.map((p) => /^\S+ (\/.*)$/.exec(p)?.[1]).find((p): p is string => p !== undefined);
  const range = (path && ctx.docPath ? scalarAtPath(ctx.file, ctx.yaml, ctx.docPath, path) : undefined) ?? ZERO;
  const l = ctx.settings.locale;
  const waiting = pending.length
    ? t(
        l,
        ' while {0}',
        pending
          .slice(0, 3)
          .map((p) => doingIn(l, p))
          .join(t(l, ', ')),
      )
    : '';
  return diagnostic(
    ctx.settings,
    TIMEOUT_CODE,
    'warning',
    range,
    t(
      l,
      "Liftoff's rule {0} did not finish within the validation deadline{1}, so its check was skipped; the other checks ran. A path that names a pipe, a device or a slow network mount does this: point it at a regular file.",
      id,
      waiting,
    ),
  );
}

/** A pending call's description (`checking /abs/path`, `probing the GPUs`) in the reader's language. */
function doingIn(l: Locale | undefined, what: string): string {
  const m = /^(checking|reading|listing) (.*)$/.exec(what);
  if (m?.[1] === 'checking') return t(l, 'checking {0}', m[2]!);
  if (m?.[1] === 'reading') return t(l, 'reading {0}', m[2]!);
  if (m?.[1] === 'listing') return t(l, 'listing {0}', m[2]!);
  if (what === 'indexing the workspace') return t(l, 'indexing the workspace');
  if (what === 'probing the GPUs') return t(l, 'probing the GPUs');
  if (what === 'asking Slurm for partitions') return t(l, 'asking Slurm for partitions');
  return what;
}

/** What a host call is doing, for the time-out message: `checking /abs/path`, `probing the GPUs`, … */
const DOING: Record<string, string> = {
  stat: 'checking',
  readHead: 'reading',
  readBytes: 'reading',
  listDir: 'listing',
  workspaceDocuments: 'indexing the workspace',
  gpus: 'probing the GPUs',
  slurmPartitions: 'asking Slurm for partitions',
};

/**
 * A host view that keeps, in `pending`, a description of every call that has not answered yet, and whether it
 * touches a path (its first argument is an absolute path). It wraps whatever
 * methods the host has (a Proxy), so a method added to ServiceHost is tracked without a change here.
 */
function tracked(host: ServiceHost, pending: Map<string, boolean>): ServiceHost {
  return new Proxy(host, {
    get(target, prop, receiver) {
      const member: unknown = Reflect.get(target, prop, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]): unknown => {
        const name = String(prop);
        const subject = typeof args[0] === 'string' ? ` ${args[0]}` : '';
        const what = DOING[name] ? `${DOING[name]}${DOING[name].includes(' ') ? '' : subject}` : `${name}${subject}`;
        const result: unknown = (member as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        pending.set(what, typeof args[0] === 'string' && isAbsolute(args[0]));
        return result.finally(() => pending.delete(what));
      };
    },
  });
}

function clip(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
