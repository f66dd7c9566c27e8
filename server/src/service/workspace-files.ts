import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceHost } from './host';

/** The folder of a `file:` document, against which its relative paths resolve. */
export function documentDir(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** Column names from a CSV/TSV header (first line; quotes stripped). Reads at most 64 KB through the host. */
export async function csvColumns(host: ServiceHost, csvPath: string): Promise<string[]> {
  const head = await host.readHead(csvPath, 65_536);
  const first = head?.split(/\r?\n/, 1)[0];
  if (!first) return [];
  const sep = csvPath.endsWith('.tsv') || (first.includes('\t') && !first.includes(',')) ? '\t' : ',';
  return first
    .split(sep)
    .map((c) => c.trim().replace(/^"(.*)"$/, '$1'))
    .filter(Boolean);
}
