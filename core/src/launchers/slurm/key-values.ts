/**
 * `Key=Value Key=Value …` as printed by `scontrol show … -o` and the jobcomp/filetxt log. Values may hold spaces
 * (`OS=Linux 6.1 #1 SMP`), so a new pair starts only where a space is followed by `Key=`.
 */
export function parseKeyValues(line: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /(?:^|\s)([A-Za-z][A-Za-z0-9_/:.]*)=/g;
  const starts: Array<{ key: string; keyAt: number; valueAt: number }> = [];
  for (let m = re.exec(line); m; m = re.exec(line))
    starts.push({ key: m[1]!, keyAt: m.index, valueAt: m.index + m[0].length });
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.keyAt : line.length;
    if (!out.has(s.key)) out.set(s.key, line.slice(s.valueAt, end).trim());
  });
  return out;
}

/** Slurm's time formats (`infinite`, `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM`, `D-HH:MM:SS`) → seconds; undefined for none/unlimited. */
export function parseSlurmTime(value: string | undefined): number | undefined {
  const v = value?.trim();
  if (!v || /^(infinite|unlimited|none|n\/a)$/i.test(v)) return undefined;
  const m = /^(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?$/.exec(v);
  if (!m) return undefined;
  const [, d, a, b, c] = m;
  const days = Number(d ?? 0);
  if (d !== undefined) return days * 86400 + Number(a) * 3600 + Number(b ?? 0) * 60 + Number(c ?? 0);
  if (c !== undefined) return Number(a) * 3600 + Number(b) * 60 + Number(c);
  if (b !== undefined) return Number(a) * 60 + Number(b);
  return Number(a) * 60;
}
