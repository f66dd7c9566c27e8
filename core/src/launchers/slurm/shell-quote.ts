/** Quotes one word for a POSIX shell (sbatch scripts, the remote shell behind `ssh`): plain words stay as they are. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Quotes one value of an `#SBATCH` line: sbatch splits those lines on spaces and understands double quotes only. */
export function directiveQuote(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value;
}
