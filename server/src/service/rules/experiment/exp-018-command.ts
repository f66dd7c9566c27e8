import * as path from 'node:path';
import { isSeq } from 'yaml';
import { closest, distance } from 'fastest-levenshtein';
import { diagnostic } from '../../diagnostic';
import { at, has, list, mapOf, entries, rangeOf, spanOf, str, valueRange, type Item } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { Node } from 'yaml';
import type { AsyncRule, AsyncRuleContext } from '../rule';
import { replace, withFixes } from './edits';
import { localPath } from './exp-008-data-paths';
import { describeFileType, isSpecialFile } from '../../host';
import { t } from '../../../../../core/src/l10n';

export const COMMAND_VARIABLES = ['config', 'run_dir', 'metrics_file', 'workspace', 'gpus'] as const;
const KNOWN: ReadonlySet<string> = new Set(COMMAND_VARIABLES);
const VARS_TEXT = COMMAND_VARIABLES.map((v) => `\`\${${v}}\``).join(', ');
/** Python options that take a value as the next argument. */
const PY_VALUE_OPTS = new Set(['-W', '-X', '-Q', '--check-hash-based-pycs']);

/**
 * The script a command runs, as its index in `args`: for `python [opts] script.py` the argument after the
 * interpreter's options (none for `-m module` or `-c code`); otherwise the first argument ending in `.py` or `.sh`.
 */
export function scriptIndex(args: ReadonlyArray<string | undefined>): number | undefined {
  const program = path.basename(args[0] ?? '');
  if (/^python(\d+(\.\d+)?)?(\.exe)?$/i.test(program)) {
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a === undefined) return undefined;
      if (a === '-m' || a === '-c' || a.startsWith('-m') || a.startsWith('-c') || a === '-') return undefined;
      if (PY_VALUE_OPTS.has(a)) {
        i++;
        continue;
      }
      if (!a.startsWith('-')) return i;
    }
    return undefined;
  }
  const i = args.findIndex((a) => a !== undefined && /\.(py|sh)$/i.test(a));
  return i < 0 ? undefined : i;
}

/**
 * EXP-018: `run.trainer: command` needs a non-empty `run.command` argument array of strings; the script it runs
 * exists (relative to `run.working_dir`, or this file's folder); every `${…}` variable is one the launcher knows.
 */
export const commandRule: AsyncRule = async (ctx) => {
  const { file, yaml, settings } = ctx;
  const trainer = at(yaml.root, ['run', 'trainer']);
  if (str(trainer) !== 'command' || !trainer) return [];
  const out: LiftoffDiagnostic[] = [];
  const command = at(yaml.root, ['run', 'command']);
  const items = list(command);
  if (!command || !has(command) || (items && items.length === 0)) {
    out.push(
      diagnostic(
        settings,
        'EXP-018',
        'error',
        command ? valueRange(file, command) : valueRange(file, trainer),
        t(
          settings.locale,
          '`run.trainer: command` needs `run.command`, the program and its arguments as a list, e.g. `[python, train.py, --config, "${config}"]`.',
        ),
      ),
    );
    return out;
  }
  if (!items) {
    const text = str(command);
    const d = diagnostic(
      settings,
      'EXP-018',
      'error',
      valueRange(file, command),
      t(
        settings.locale,
        '`run.command` must be an argument array (no shell is involved), not one string: write `[python, train.py, --config, "${config}"]`.',
      ),
    );
    const words = text?.trim().split(/\s+/);
    const splittable = text !== undefined && !/["'\\|&;<>()`]/.test(text) && words !== undefined && words.length > 0;
    out.push(
      splittable && command.node
        ? withFixes(d, [
            {
              title: t(settings.locale, 'Split into an argument list'),
              edits: [replace(file, command.node, `[${words.map(flowItem).join(', ')}]`)],
            },
          ])
        : d,
    );
    out.push(...variables(ctx, command.node));
    return out;
  }
  items.forEach((item) => {
    if (typeof item.value !== 'string') {
      const shown = file.index.text.slice(...spanOf(file, item.node));
      out.push(
        withFixes(
          diagnostic(
            settings,
            'EXP-018',
            'error',
            rangeOf(file, item.node),
            shown
              ? t(settings.locale, 'Every `run.command` argument is a string; `{0}` is not: quote it.', shown)
              : t(settings.locale, 'Every `run.command` argument is a string: remove the empty item.'),
          ),
          [
            {
              title: t(settings.locale, 'Quote `{0}`', shown),
              edits: shown && isScalarLike(item) ? [replace(file, item.node, JSON.stringify(shown))] : [],
            },
          ],
        ),
      );
    }
    out.push(...variables(ctx, item.node));
  });
  const envMap = mapOf(at(yaml.root, ['run', 'env']));
  for (const e of envMap ? entries(envMap) : []) if (e.node) out.push(...variables(ctx, e.node));
  const script = await missingScript(ctx, items);
  if (script) out.push(script);
  return out;
};

function isScalarLike(item: Item): boolean {
  return item.value !== undefined && !isSeq(item.node);
}

function flowItem(word: string): string {
  return /^[A-Za-z0-9_./=-]+$/.test(word) && !/^(true|false|null|~|[-+]?\d[\d.e+-]*)$/i.test(word)
    ? word
    : JSON.stringify(word);
}

/** Unknown `${name}` variables inside a scalar node, each reported on its own span. */
function variables(ctx: AsyncRuleContext, node: Node | null): LiftoffDiagnostic[] {
  if (!node || isSeq(node)) return [];
  const [start, end] = spanOf(ctx.file, node);
  const source = ctx.file.index.text.slice(start, end);
  const out: LiftoffDiagnostic[] = [];
  for (const m of source.matchAll(/\$\{([^}\s]*)\}/g)) {
    const name = m[1] ?? '';
    if (KNOWN.has(name)) continue;
    const s = start + (m.index ?? 0);
    const range = ctx.file.index.range(s, s + m[0].length);
    const best = closest(name.toLowerCase(), [...COMMAND_VARIABLES]);
    const guess = distance(name.toLowerCase(), best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
    const d = diagnostic(
      ctx.settings,
      'EXP-018',
      'error',
      range,
      guess
        ? t(
            ctx.settings.locale,
            'Unknown variable `{0}`: the launcher substitutes {1}; did you mean `{2}`?',
            m[0],
            VARS_TEXT,
            `\${${guess}}`,
          )
        : t(ctx.settings.locale, 'Unknown variable `{0}`: the launcher substitutes {1}.', m[0], VARS_TEXT),
    );
    out.push(
      guess
        ? withFixes(d, [
            {
              title: t(ctx.settings.locale, 'Change to `{0}`', `\${${guess}}`),
              edits: [{ range, newText: `\${${guess}}` }],
            },
          ])
        : d,
    );
  }
  return out;
}

async function missingScript(ctx: AsyncRuleContext, items: readonly Item[]): Promise<LiftoffDiagnostic | undefined> {
  if (!ctx.docPath) return undefined;
  const args = items.map((i) => (typeof i.value === 'string' ? i.value : undefined));
  const index = scriptIndex(args);
  const script = index === undefined ? undefined : args[index];
  const item = index === undefined ? undefined : items[index];
  if (!script || !item) return undefined;
  const docDir = path.dirname(ctx.docPath);
  const workingEntry = at(ctx.yaml.root, ['run', 'working_dir']);
  const working = str(workingEntry);
  const workDir = working === undefined ? undefined : localPath(docDir, working);
  if (working !== undefined && !workDir) return undefined; // `${workspace}/…`: only the launcher knows
  const candidates = [...new Set([workDir, docDir].filter((d): d is string => d !== undefined))];
  for (const dir of candidates) {
    const abs = localPath(dir, script);
    if (!abs) return undefined;
    const info = await ctx.host.stat(abs);
    if (info && isSpecialFile(info)) {
      return diagnostic(
        ctx.settings,
        'EXP-018',
        'error',
        rangeOf(ctx.file, item.node),
        t(
          ctx.settings.locale,
          'Script `{0}` is {1} ({2}), not a script file: the run would wait on it forever. Point it at the script itself.',
          script,
          describeFileType(info.type, ctx.settings.locale),
          abs,
        ),
      );
    }
    if (info && !info.isDirectory) return undefined;
  }
  return diagnostic(
    ctx.settings,
    'EXP-018',
    'error',
    rangeOf(ctx.file, item.node),
    workDir && workDir !== docDir
      ? t(
          ctx.settings.locale,
          "Script `{0}` is not found in `run.working_dir` ({1}) or this file's folder ({2}). Fix the path, or set `run.working_dir` to the folder that holds it.",
          script,
          workDir,
          docDir,
        )
      : t(
          ctx.settings.locale,
          "Script `{0}` is not found in this file's folder ({1}). Fix the path, or set `run.working_dir` to the folder that holds it.",
          script,
          docDir,
        ),
  );
}
