/**
 * How deeply a YAML text nests, measured in one linear pass before parsing. The `yaml` parser recurses per level:
 * past a few hundred levels it runs out of stack (and reports it), and at 100,000 levels it spends seconds doing
 * so on the server's only thread. No Liftoff document comes near the limit; a hostile one is stopped here.
 */
export const MAX_NESTING = 500;

/**
 * The deepest nesting found, stopping as soon as it passes `limit`. Counts flow brackets (`[`, `{`) outside quotes
 * and comments, and block levels as a stack of indentations (a `- ` that opens a compact item counts as one more);
 * lines inside a flow collection or a quoted string do not open block levels.
 * Block scalars are counted like other lines: they only overestimate, and only when indented ever deeper.
 */
export function nestingDepth(text: string, limit = MAX_NESTING): number {
  let deepest = 0;
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let column = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      lineStart = !quote && flow === 0;
      column = 0;
      continue;
    }
    if (quote) {
      if (quote === '"' && c === 92 /* \ */) i++;
      else if (text[i] === quote) quote = undefined;
      continue;
    }
    if (lineStart) {
      if (c === 32 || c === 9) {
        column++;
        continue;
      }
      if (c === 45 /* - */ && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10)) {
        // `- - - x`: each dash opens a sequence one level deeper than the last.
        block(column);
        column += 1;
        continue;
      }
      if (c !== 35 /* # */ && c !== 13) block(column);
      lineStart = false;
    }
    if (c === 35 && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
    } else if ((c === 34 || c === 39) && (i === 0 || /[\s[{,:]/.test(text[i - 1] ?? ''))) {
      quote = text[i] as '"' | "'";
    } else if (c === 91 || c === 123) {
      flow++;
      deepest = Math.max(deepest, indents.length + flow);
    } else if ((c === 93 || c === 125) && flow > 0) {
      flow--;
    }
    if (deepest > limit) return deepest;
  }
  return deepest;

  function block(col: number): void {
    while (indents.length && (indents[indents.length - 1] ?? 0) >= col) indents.pop();
    indents.push(col);
    deepest = Math.max(deepest, indents.length);
  }
}
