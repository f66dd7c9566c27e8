/**
 * One line of delimited text into cells (RFC 4180 quotes: `"a, b"` and `""` inside quotes), trimmed. The
 * whitespace "delimiter" `' '` splits on runs of spaces and tabs. The slow, exact path: headers, cells shown in
 * the results table, and the cell an error message names.
 */

export function splitLine(line: string, delimiter: string): string[] {
  if (delimiter === ' ')
    return line
      .trim()
      .split(/[ \t]+/)
      .filter((c) => c !== '');
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || (line[i] === '\t' && delimiter !== '\t'))) i++;
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) {
          cell += line.slice(i);
          i = line.length;
          break;
        }
        cell += line.slice(i, q);
        if (line[q + 1] === '"') {
          cell += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      const next = line.indexOf(delimiter, i);
      i = next === -1 ? line.length : next;
    } else {
      const next = line.indexOf(delimiter, i);
      cell = line.slice(i, next === -1 ? line.length : next).trim();
      i = next === -1 ? line.length : next;
    }
    cells.push(cell);
    if (i >= line.length) break;
    i += delimiter.length;
    if (i === line.length) {
      cells.push('');
      break;
    }
  }
  return cells;
}

/**
 * The delimiter of a line: tab, comma, semicolon, else whitespace. Tabs mixed with spaces between numbers
 * (`1   2\t3`, aligned output) are whitespace, not TSV.
 */
export function guessDelimiter(line: string): string {
  if (line.includes('\t') && !line.split('\t').some((c) => /^\s*[-+.\d]\S*\s+[-+.\d]/.test(c))) return '\t';
  if (line.includes(',')) return ',';
  if (line.includes(';')) return ';';
  return ' ';
}
