/**
 * The checks that keep English and Simplified Chinese in step (test/unit/l10n.test.ts): each takes the texts it
 * compares and returns the problems, one sentence each, so a test can also show a check failing on a string added
 * in one language only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** `{0}`, `{1}`… of a text, sorted (a translation may reorder them, never drop or add one). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[0]).sort();
}

/** Backquoted code (`training.loss`, `${…}`) of a text, sorted: what the user types must stay as written. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).sort();
}

/** Command links of a manifest string (`command:liftoff.openExample?…`): a translation keeps every button. */
export function commandLinks(text: string): string[] {
  return [...text.matchAll(/\(command:[^)]+\)/g)].map((m) => m[0]).sort();
}

const same = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);

/** A translation's problems against its English: placeholders, code spans and command links must match. */
export function translationProblems(where: string, english: string, translated: string, chinese = true): string[] {
  const out: string[] = [];
  if (!same(placeholders(english), placeholders(translated)))
    out.push(`${where}: placeholders ${placeholders(english).join(' ')} ≠ ${placeholders(translated).join(' ')}`);
  if (!same(codeSpans(english), codeSpans(translated)))
    out.push(
      `${where}: backquoted code differs (${codeSpans(english).join(', ')} vs ${codeSpans(translated).join(', ')})`,
    );
  if (!same(commandLinks(english), commandLinks(translated))) out.push(`${where}: command links differ`);
  if (chinese && /[A-Za-z]{3}/.test(english) && !/[\u4e00-\u9fff]/.test(translated) && english === translated)
    out.push(`${where}: the zh-cn text is the English text`);
  return out;
}

/** package.json's `%key%` references against package.nls.json (English) and package.nls.zh-cn.json. */
export function manifestProblems(
  manifest: string,
  english: Readonly<Record<string, string>>,
  chinese: Readonly<Record<string, string>>,
): string[] {
  const out: string[] = [];
  const refs = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
  for (const k of refs) {
    if (!(k in english)) out.push(`package.json uses %${k}%, which package.nls.json lacks`);
    if (!(k in chinese)) out.push(`package.json uses %${k}%, which package.nls.zh-cn.json lacks`);
  }
  for (const k of Object.keys(english)) {
    if (!(k in chinese)) out.push(`package.nls.json has ${k}, package.nls.zh-cn.json does not`);
    if (!refs.has(k)) out.push(`package.nls.json has ${k}, which package.json never uses`);
  }
  for (const k of Object.keys(chinese))
    if (!(k in english)) out.push(`package.nls.zh-cn.json has ${k}, package.nls.json does not`);
  for (const [k, v] of Object.entries(chinese))
    if (k in english) out.push(...translationProblems(`package.nls.zh-cn.json ${k}`, english[k]!, v));
  return out;
}

/** Every English key used in code against a bundle (English text → Chinese), both ways. */
export function bundleProblems(
  name: string,
  used: ReadonlySet<string>,
  bundle: Readonly<Record<string, string>>,
  options: { readonly unusedAllowed?: boolean } = {},
): string[] {
  const out: string[] = [];
  for (const k of used) if (!(k in bundle)) out.push(`${name} lacks ${JSON.stringify(k)}`);
  if (!options.unusedAllowed)
    for (const k of Object.keys(bundle))
      if (!used.has(k)) out.push(`${name} has ${JSON.stringify(k)}, which no code uses`);
  for (const [k, v] of Object.entries(bundle))
    out.push(...translationProblems(`${name} ${JSON.stringify(k)}`, k, v, false));
  return out;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

export interface CallLiterals {
  /** The literal texts of the chosen argument of matching calls. */
  readonly literals: Set<string>;
  /** `file:line` of matching calls whose argument is not a literal (so cannot be checked). */
  readonly dynamic: string[];
}

/**
 * The string literals passed to calls named `callee` (`vscode.l10n.t`, `t`, `w`) in `files`, argument `argIndex`.
 * Template literals with substitutions count as dynamic. `imports`: only files whose text matches (the ones that
 * import the l10n function, not another function of the same name).
 */
export function callLiterals(
  files: readonly string[],
  callee: string,
  argIndex: number,
  imports: RegExp = /./,
): CallLiterals {
  const literals = new Set<string>();
  const dynamic: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes(callee.split('.').pop()!) || !imports.test(text)) continue;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.expression.getText(sf) === callee) {
        const a = n.arguments[argIndex];
        if (a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a))) literals.add(a.text);
        else dynamic.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

/** The string elements of an exported `const NAME = [ … ]` array in a file (read, not imported: it may import vscode). */
export function arrayLiteral(file: string, name: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  let out: string[] | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && n.name.getText(sf) === name && n.initializer) {
      let init: ts.Expression = n.initializer;
      if (ts.isAsExpression(init)) init = init.expression;
      if (ts.isArrayLiteralExpression(init)) out = init.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  if (!out) throw new Error(`${file} has no array ${name}`);
  return out;
}

/** The VS Code calls whose text a user reads, and which of their options objects' properties are such text. */
const MESSAGE_CALLS = /(^|\.)show(Error|Warning|Information)Message$/;
const OPTION_CALLS =
  /(^|\.)(showQuickPick|showInputBox|withProgress|showOpenDialog|showSaveDialog|showWorkspaceFolderPick)$/;
const USER_PROPS = new Set(['title', 'placeHolder', 'prompt', 'openLabel', 'saveLabel']);
/** Progress reports and messages to a webview page: their `message`, `text` and `reason` are shown as they are. */
const SHOWN_CALLS = /(^|\.)(report|post|postMessage)$/;
const SHOWN_PROPS = new Set(['message', 'text', 'reason']);
/** Properties set on a QuickPick/InputBox made with createQuickPick/createInputBox. */
const USER_ASSIGNED = new Set(['placeholder', 'prompt']);

/** A text written in place: a string or template literal, possibly behind `?:`, `??`, `||`, `+` or parentheses. */
function bareText(e: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(e)) return bareText(e.expression);
  if (ts.isStringLiteralLike(e) || ts.isTemplateExpression(e)) return /[A-Za-z]{2}/.test(e.getText());
  if (ts.isConditionalExpression(e)) return bareText(e.whenTrue) || bareText(e.whenFalse);
  if (ts.isBinaryExpression(e))
    return (
      [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(
        e.operatorToken.kind,
      ) &&
      (bareText(e.left) || bareText(e.right))
    );
  return false;
}

/**
 * `file:line: what` for each English text written in place (not through `vscode.l10n.t`) where VS Code shows it to
 * the user: a show{Error,Warning,Information}Message text or button; the title, placeHolder or prompt of a quick
 * pick, input box or progress notification; a created quick pick's placeholder or prompt; the `message`, `text` or
 * `reason` of a progress report or of a message posted to a webview page.
 */
export function untranslatedUiText(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const at = (n: ts.Node, what: string) =>
      out.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: ${what}`);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression.getText(sf);
        if (MESSAGE_CALLS.test(callee))
          n.arguments.forEach((a, i) => {
            if (bareText(a)) at(a, `${callee} ${i === 0 ? 'text' : 'button'} ${a.getText(sf).slice(0, 60)}`);
          });
        // Options objects whose listed properties are shown as they are.
        const props = SHOWN_CALLS.test(callee) ? SHOWN_PROPS : OPTION_CALLS.test(callee) ? USER_PROPS : undefined;
        if (props)
          for (const a of n.arguments)
            if (ts.isObjectLiteralExpression(a))
              for (const p of a.properties)
                if (ts.isPropertyAssignment(p) && props.has(p.name.getText(sf)) && bareText(p.initializer))
                  at(p, `${callee} ${p.name.getText(sf)} ${p.initializer.getText(sf).slice(0, 60)}`);
      }
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        USER_ASSIGNED.has(n.left.name.text) &&
        bareText(n.right)
      )
        at(n, `${n.left.getText(sf)} = ${n.right.getText(sf).slice(0, 60)}`);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * English prose a webview page writes in place, not through `w('…')`: string literals and the text of template
 * literals with two or more English words (`'No runs selected'`, `` `${n} of ${m} runs` ``), outside `w(…)` calls,
 * `console.*`, imports, and the DOM's own names (attribute names, selectors, event types, class names). Returns
 * `file:line text` for each.
 */
export function inPlaceWebviewProse(files: readonly string[]): string[] {
  const out: string[] = [];
  const PROSE = /[A-Za-z][a-z]*(?:[ ]+[a-z][a-z]*)+|\b[A-Z][a-z]{2,}\b/;
  /** DOM calls whose arguments are names (selectors, attributes, events, classes, CSS properties), not prose. */
  const CODE_CALLS =
    /(^|\.)(querySelector|querySelectorAll|closest|getElementById|addEventListener|removeEventListener|setAttribute|removeAttribute|getAttribute|hasAttribute|toggleAttribute|createElement|classList\.(add|remove|toggle|contains|replace)|postMessage|getPropertyValue|setProperty|matchMedia|getContext)$/;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const report = (n: ts.Node, s: string) => {
      if (!PROSE.test(s) || !/[a-z]{2}/.test(s)) return;
      out.push(`${file}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${s.trim().slice(0, 60)}`);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
      if (ts.isLiteralTypeNode(n) || ts.isTypeNode(n)) return;
      if (ts.isCallExpression(n)) {
        const callee = n.expression.getText(sf);
        // w('…') and core's t(locale, '…') are the translated forms; console output is for developers.
        if (/^[wt]$/.test(callee) || /^console\./.test(callee)) return;
        // el(tag, className, text): the tag and the class names are not prose.
        if (/^el$/.test(callee)) return n.arguments.slice(2).forEach(visit);
        if (CODE_CALLS.test(callee)) {
          // Only the value of an attribute a user reads (aria-label, title, placeholder, alt) is prose.
          const name = n.arguments[0];
          if (
            callee.endsWith('setAttribute') &&
            name &&
            ts.isStringLiteral(name) &&
            /^(aria-label|aria-description|title|placeholder|alt|label)$/.test(name.text)
          )
            n.arguments.slice(1).forEach(visit);
          return;
        }
      }
      if (ts.isElementAccessExpression(n)) return;
      // Class names: `x.className = 'a b'`.
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        /\.className$/.test(n.left.getText(sf))
      )
        return;
      if (ts.isBinaryExpression(n) && /^(===|!==|==|!=)$/.test(n.operatorToken.getText(sf))) return;
      if (ts.isPropertyAssignment(n) && ts.isStringLiteral(n.name)) return visit(n.initializer);
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) report(n, n.text);
      else if (ts.isTemplateExpression(n)) {
        report(n, [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' '));
        n.templateSpans.forEach((s) => visit(s.expression));
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}
