/**
 * Where the cursor is in a YAML document that may be half-typed: the key path of the mapping it is in, and
 * whether it is typing a key or a value. Line- and indentation-based (like yaml-language-server's completion),
 * because the text around a cursor is rarely valid YAML yet.
 */
export interface CursorContext {
  /** Keys (and `0` for list items) from the root to the mapping or list the cursor is in. */
  readonly path: (string | number)[];
  /** 'key': typing a key; 'value': typing the value of `key`; 'item': typing a list item of `path`. */
  readonly mode: 'key' | 'value' | 'item';
  readonly key?: string;
  /** What is typed so far (the word being completed). */
  readonly prefix: string;
  /** Column where the typed word starts. */
  readonly prefixStart: number;
  /** Column of the current line's first non-blank character (its indentation). */
  readonly indent: number;
}

const KEY_LINE = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?):(?:\s+(.*))?$/;

function indentOf(line: string): number {
  const m = /^(\s*)(-\s+)?/.exec(line);
  return (m?.[1]?.length ?? 0) + (m?.[2]?.length ?? 0);
}

/** The key path of the block that contains a line with the given indentation, scanning upwards. */
export function parentPath(lines: readonly string[], lineNo: number, indent: number): (string | number)[] {
  const path: (string | number)[] = [];
  let limit = indent;
  for (let i = lineNo - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i] ?? '';
    if (!line.trim() || line.trim().startsWith('#') || line.trim() === '---') continue;
    const lead = /^\s*/.exec(line)![0].length;
    const dash = /^\s*-\s+/.exec(line);
    if (dash && lead < limit && dash[0].length <= limit) {
      // A list item that contains our block: `- key: value` continues a mapping inside the item.
      path.unshift(0);
      limit = lead;
      continue;
    }
    if (lead < limit) {
      const m = KEY_LINE.exec(line);
      if (m) {
        path.unshift(m[2]!.trim());
        limit = lead;
      }
    }
  }
  return path;
}

export function cursorContext(text: string, line: number, character: number): CursorContext {
  const lines = text.split(/\r?\n/);
  const current = (lines[line] ?? '').slice(0, character);
  const indent = indentOf(current);
  const item = /^(\s*)-\s*([^:]*)$/.exec(current);
  const keyValue = /^(\s*)(?:-\s+)?([^\s:#][^:#]*?):\s+(.*)$/.exec(current);
  if (keyValue) {
    const value = keyValue[3] ?? '';
    const flowItem = /[[,]\s*([^,[\]]*)$/.exec(value);
    const prefix = flowItem ? (flowItem[1] ?? '') : value.replace(/^["']/, '');
    const path = parentPath(lines, line, /^\s*/.exec(current)![0].length + (/^\s*-\s+/.exec(current) ? 1 : 0));
    if (/^\s*-\s+/.test(current)) path.push(0);
    return { path, mode: 'value', key: keyValue[2]!.trim(), prefix, prefixStart: character - prefix.length, indent };
  }
  if (item && !/:/.test(item[2] ?? '')) {
    const lead = item[1]!.length;
    const path = parentPath(lines, line, lead + 1);
    const prefix = item[2] ?? '';
    // `- ` directly under `key:` at the same or deeper indentation is an item of that key's list.
    return { path, mode: 'item', prefix, prefixStart: character - prefix.length, indent };
  }
  const word = /([\w.-]*)$/.exec(current)?.[1] ?? '';
  const path = parentPath(lines, line, indent);
  if (/^\s*-\s+/.test(current)) path.push(0);
  return { path, mode: 'key', prefix: word, prefixStart: character - word.length, indent };
}

/** Keys already present in the mapping the cursor is in (same key column, same block or list item). */
export function siblingKeys(text: string, line: number, indent: number): Set<string> {
  const lines = text.split(/\r?\n/);
  const keys = new Set<string>();
  const visit = (i: number): 'stop' | 'go' => {
    const l = lines[i] ?? '';
    if (!l.trim() || l.trim().startsWith('#')) return 'go';
    const col = indentOf(l);
    if (col < indent) return 'stop';
    if (col > indent) return 'go';
    const m = KEY_LINE.exec(l);
    if (m) keys.add(m[2]!.trim());
    return 'go';
  };
  const startsItem = (i: number) => {
    const l = lines[i] ?? '';
    return /^\s*-\s+/.test(l) && indentOf(l) === indent;
  };
  for (let i = line - 1; i >= 0; i--) {
    if (visit(i) === 'stop') break;
    if (startsItem(i)) break;
  }
  for (let i = line + 1; i < lines.length; i++) {
    if (startsItem(i)) break;
    if (visit(i) === 'stop') break;
  }
  return keys;
}
