/**
 * Rule reuse of incremental validation (issue 18; see ./incremental.ts): a rule's diagnostics of the last run are
 * reused when the top-level sections it read (recorded as it runs: every read of a top-level pair's value is seen) are
 * unchanged, shifting their positions by the lines the edit added or removed before them. A rule that reads the raw
 * text, or whose messages name line numbers, is re-run unless nothing moved.
 */
import type { Pair } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import type { ParsedFile } from './parse';
import type { LiftoffDiagnostic, ServiceSettings } from './types';
import type { NamedRule, RuleContext } from './rules/rule';
import { guarded } from './rule-runner';
import type { Layout } from './incremental-splice';

/** Rules whose messages name line numbers of other nodes: their output moves with any line shift. */
const POSITIONAL_RULES = new Set(['PLAN-008']);

/** Which top-level pairs a rule read: the root pairs report reads of their value while a rule runs. */
let reading: Set<Pair> | undefined;
let rawRead = false;
const tracked = new WeakSet<Pair>();

/** Makes reads of `pair.value` visible to the rule that runs (idempotent). */
export function trackReads(pair: Pair): void {
  if (tracked.has(pair)) return;
  tracked.add(pair);
  let value: unknown = pair.value;
  Object.defineProperty(pair, 'value', {
    configurable: true,
    enumerable: true,
    get() {
      reading?.add(pair);
      return value;
    },
    set(v: unknown) {
      value = v;
    },
  });
}

/** Runs `fn` with reads of tracked pairs not counted as a rule's (e.g. the schema check making JavaScript values). */
export function untracked<T>(fn: () => T): T {
  const prevReading = reading;
  reading = undefined;
  try {
    return fn();
  } finally {
    reading = prevReading;
  }
}

export interface RuleStats {
  rulesRun: number;
  rulesReused: number;
}

interface RuleMemo {
  /** Section keys read, with their text then; undefined: the rule read the raw text. */
  readonly reads: Map<string, string> | undefined;
  readonly diagnostics: LiftoffDiagnostic[];
}

/** The rule results of one document's last run, per rule. */
export class RuleMemos {
  private memos = new Map<string, RuleMemo>();
  private memoSettings: ServiceSettings | undefined;
  private memoLayout: Layout | undefined;

  /**
   * Runs `rules` like runRules, reusing a rule's last diagnostics when what it read has not changed. `layout` is that
   * of `ctx.file` when it is a spliced parse (else nothing is reused or remembered).
   */
  run(
    rules: readonly NamedRule[],
    ctx: RuleContext,
    layout: Layout | undefined,
    stats: RuleStats,
  ): LiftoffDiagnostic[] {
    if (!layout || this.memoSettings !== ctx.settings || this.memoLayout?.keys !== layout.keys) this.memos.clear();
    const before = this.memoLayout;
    this.memoSettings = ctx.settings;
    this.memoLayout = layout;
    const texts = new Map<string, string>(layout?.sections.map((s) => [s.key, s.text]));
    const out: LiftoffDiagnostic[] = [];
    const file = layout ? watchRaw(ctx.file) : ctx.file;
    const rctx: RuleContext = { ...ctx, file };
    for (const rule of rules) {
      const memo = layout && before ? this.memos.get(rule.id) : undefined;
      const reused = memo && before && layout ? reuse(rule.id, memo, before, layout, texts) : undefined;
      if (reused) {
        stats.rulesReused++;
        this.memos.set(rule.id, { reads: memo!.reads, diagnostics: reused });
        out.push(...reused);
        continue;
      }
      stats.rulesRun++;
      const pairs = new Set<Pair>();
      const prevReading = reading;
      reading = pairs;
      rawRead = false;
      let found: LiftoffDiagnostic[];
      try {
        found = guarded(rule.id, rctx, () => rule.check(rctx));
      } finally {
        reading = prevReading;
      }
      if (layout) {
        const reads = rawRead
          ? undefined
          : new Map(
              [...pairs].map((p) => [
                String((p.key as { value?: unknown }).value),
                texts.get(String((p.key as { value?: unknown }).value)) ?? '',
              ]),
            );
        this.memos.set(rule.id, { reads, diagnostics: found });
      }
      out.push(...found);
    }
    return out;
  }
}

/** A view of the file that notes when a rule reads the raw text (its findings may then depend on any line). */
function watchRaw(file: ParsedFile): ParsedFile {
  const index = file.index;
  const indexView = new Proxy(index, {
    get(target, prop) {
      if (prop === 'text') rawRead = true;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return {
    get source() {
      rawRead = true;
      return file.source;
    },
    index: indexView,
    documents: file.documents,
    impliedKind: file.impliedKind,
  };
}

/** The memo's diagnostics moved to the new layout, or undefined when the rule must run again. */
function reuse(
  id: string,
  memo: RuleMemo,
  before: Layout,
  now: Layout,
  texts: ReadonlyMap<string, string>,
): LiftoffDiagnostic[] | undefined {
  if (!memo.reads) return undefined;
  for (const [key, text] of memo.reads) if (texts.get(key) !== text) return undefined;
  // Line shift per old section: usable only where the section itself is unchanged.
  const n = before.sections.length;
  if (now.sections.length !== n) return undefined;
  const delta: Array<number | undefined> = before.sections.map((s, i) => {
    const t = now.sections[i]!;
    return t.key === s.key && t.text === s.text ? t.line - s.line : undefined;
  });
  const moved = delta.some((d) => d !== 0);
  if (moved && POSITIONAL_RULES.has(id)) return undefined;
  if (!moved) return memo.diagnostics;
  const at = (p: Position): Position | undefined => {
    let i = n - 1;
    while (i > 0 && before.sections[i]!.line > p.line) i--;
    // A position on a section's first line at column 0 may be the end of the previous section's range.
    const d = delta[i];
    if (d === undefined) return undefined;
    if (p.line === before.sections[i]!.line && p.character === 0 && i > 0 && delta[i - 1] !== d) return undefined;
    return d === 0 ? p : { line: p.line + d, character: p.character };
  };
  const range = (r: Range): Range | undefined => {
    const s = at(r.start);
    const e = at(r.end);
    return s && e ? { start: s, end: e } : undefined;
  };
  const out: LiftoffDiagnostic[] = [];
  for (const d of memo.diagnostics) {
    const r = range(d.range);
    if (!r) return undefined;
    let data = d.data;
    if (data) {
      const fixes = [];
      for (const f of data.fixes) {
        const edits = [];
        for (const e of f.edits) {
          const er = range(e.range);
          if (!er) return undefined;
          edits.push({ ...e, range: er });
        }
        fixes.push({ ...f, edits });
      }
      data = { ...data, fixes };
    }
    if (d.relatedInformation) return undefined;
    out.push(data ? { ...d, range: r, data } : { ...d, range: r });
  }
  return out;
}
