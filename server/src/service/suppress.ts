import type { LiftoffDiagnostic } from './types';

const NEXT_LINE = /#\s*liftoff-disable-next-line\b([^\n]*)/;
const FILE = /#\s*liftoff-disable(?!-)\b([^\n]*)/;

function codes(rest: string): Set<string> | 'all' {
  const list = rest.split(/[\s,]+/).filter((c) => /^[A-Z]+-\d{3}$/.test(c));
  return list.length ? new Set(list) : 'all';
}

function matches(set: Set<string> | 'all' | undefined, code: string): boolean {
  return set === 'all' || (set !== undefined && set.has(code));
}

/**
 * Honours `# liftoff-disable-next-line CODE…` (the following line) and `# liftoff-disable CODE…` (the whole file).
 * Without codes, the comment silences every rule in its scope.
 */
export function applySuppressions(text: string, diagnostics: LiftoffDiagnostic[]): LiftoffDiagnostic[] {
  if (!text.includes('liftoff-disable')) return diagnostics;
  const lines = text.split(/\r?\n|\r/);
  let fileWide: Set<string> | 'all' | undefined;
  const byLine = new Map<number, Set<string> | 'all'>();
  lines.forEach((line, i) => {
    const next = NEXT_LINE.exec(line);
    if (next) {
      byLine.set(i + 1, codes(next[1] ?? ''));
      return;
    }
    const file = FILE.exec(line);
    if (file) {
      const c = codes(file[1] ?? '');
      fileWide = c === 'all' || fileWide === 'all' ? 'all' : new Set([...(fileWide ?? []), ...c]);
    }
  });
  return diagnostics.filter((d) => {
    const code = String(d.code ?? '');
    return !matches(fileWide, code) && !matches(byLine.get(d.range.start.line), code);
  });
}
