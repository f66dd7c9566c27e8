/**
 * A small RFC 4180 CSV reader: a header row, comma separators, double-quoted fields with `""` escapes and line
 * breaks inside quotes, CRLF or LF, an optional UTF-8 BOM, blank lines skipped. Each record keeps the line it
 * starts on so errors can name it.
 */
import { phrase, PhrasedError } from '../l10n';

export interface CsvTable {
  /** Column names, trimmed. */
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** 1-based line number (in the file) where each row starts. */
  readonly lines: readonly number[];
}

export function parseCsv(text: string, fileLabel: string): CsvTable {
  const records: string[][] = [];
  const starts: number[] = [];
  let field = '';
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (record.length > 1 || record[0]!.trim() !== '') {
      records.push(record);
      starts.push(recordLine);
    }
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new PhrasedError(phrase('{0} line {1}: a quoted field is never closed', fileLabel, recordLine));
  if (field !== '' || record.length > 0) endRecord();

  const header = records.shift()?.map((h) => h.trim());
  starts.shift();
  if (!header)
    throw new PhrasedError(phrase('{0} is empty: it needs a header row and at least one data row', fileLabel));
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== '' && seen.has(h))
      throw new PhrasedError(phrase('{0}: the header names column "{1}" twice', fileLabel, h));
    seen.add(h);
  }
  records.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new PhrasedError(
        phrase(
          '{0} line {1}: {2} fields, but the header has {3} columns',
          fileLabel,
          starts[k]!,
          r.length,
          header.length,
        ),
      );
    }
  });
  return { header, rows: records, lines: starts };
}
