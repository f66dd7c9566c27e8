import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { resolveChange, scenariosOf, type PlanPath } from '../../../../../core/src/plan';
import { say, t } from '../../../../../core/src/l10n';
import { diagnostic } from '../../diagnostic';
import type { ParsedFile, ParsedYamlDocument } from '../../parse';
import { at, keyedPairs, nodeAt, plain, rangeOf, seqItems } from '../../yaml-path';
import type { LiftoffDiagnostic } from '../../types';
import type { NamedRule, Rule, RuleContext } from '../rule';
import { isMap, isScalar, type Document, type Node } from 'yaml';

/** Scenarios checked per document: past this many, the rest are left unchecked (the preview still shows them). */
const MAX_CHECKED = 50;

/**
 * PLAN-018: every scenario (`scenarios[].changes`, see core/src/plan/scenarios) applies to the plan — each change's
 * path exists — and the plan with the scenario applied passes the same rules as the plan itself: an error or warning
 * that the scenario's plan has and the plan has not is reported on the scenario's name.
 * `rules` is the plan rule set (passed in, so this file does not import the set it belongs to).
 */
export function scenarioRules(rules: () => readonly NamedRule[]): Rule {
  return (ctx) => {
    const { file, yaml, settings } = ctx;
    const list = at(yaml.root, ['scenarios']);
    const items = seqItems(list?.node);
    if (!items.length) return [];
    const data = plain(yaml.doc, yaml.root);
    const out: LiftoffDiagnostic[] = [];
    const others = rules().filter((r) => r.id !== 'PLAN-018');
    let baseKeys: Set<string> | undefined;
    for (const scenario of scenariosOf(data).slice(0, MAX_CHECKED)) {
      const item = items[scenario.index];
      if (!isMap(item)) continue;
      const changesPair = item.items.find((p) => isScalar(p.key) && p.key.value === 'changes');
      const namePair = item.items.find((p) => isScalar(p.key) && p.key.value === 'name');
      const anchor = (namePair?.value ?? namePair?.key ?? item) as Node;
      let broken = false;
      for (const pair of keyedPairs(changesPair?.value)) {
        const r = resolveChange(data, String(pair.key.value));
        if ('problem' in r) {
          broken = true;
          out.push(
            diagnostic(
              settings,
              'PLAN-018',
              'warning',
              rangeOf(file, pair.key),
              t(settings.locale, 'Scenario `{0}`: {1}.', scenario.name, say(settings.locale, r.phrase)),
            ),
          );
        }
      }
      if (broken || !scenario.changes.length) continue;
      baseKeys ??= findingKeys(ctx, others);
      const applied = yaml.doc.clone();
      applied.delete('scenarios');
      for (const { key, value } of scenario.changes) {
        const r = resolveChange(data, key);
        if ('path' in r) applied.setIn(r.path as PlanPath as unknown[], value);
      }
      // The clone keeps the original nodes' ranges, so the scenario's findings sit where the plan's do (and a
      // finding on a changed value sits on that change's node); no re-serialising and re-parsing per scenario.
      const scenarioFile = file;
      const scenarioYaml: ParsedYamlDocument = {
        ...yaml,
        doc: applied as Document.Parsed,
        root: isMap(applied.contents) ? applied.contents : undefined,
      };
      const seen = new Set<string>();
      for (const rule of others) {
        for (const d of rule.check({ file: scenarioFile, yaml: scenarioYaml, settings })) {
          if (d.severity !== DiagnosticSeverity.Error && d.severity !== DiagnosticSeverity.Warning) continue;
          const key = findingKey(scenarioFile, scenarioYaml.doc.contents as Node, d);
          if (baseKeys.has(key) || seen.has(key)) continue;
          seen.add(key);
          out.push(
            diagnostic(
              settings,
              'PLAN-018',
              'warning',
              rangeOf(file, anchor),
              t(
                settings.locale,
                'Scenario `{0}` breaks {1}: {2}',
                scenario.name,
                String(d.code),
                typeof d.message === 'string' ? d.message : d.message.value,
              ),
            ),
          );
        }
      }
    }
    return out;
  };
}

function findingKey(file: ParsedFile, root: Node | null | undefined, d: LiftoffDiagnostic): string {
  const path = nodeAt(root, file.index.offsetAt(d.range.start))?.path ?? [];
  return `${String(d.code)}\u0000${JSON.stringify(path)}`;
}

function findingKeys(ctx: RuleContext, rules: readonly NamedRule[]): Set<string> {
  const keys = new Set<string>();
  for (const rule of rules)
    for (const d of rule.check(ctx)) keys.add(findingKey(ctx.file, ctx.yaml.doc.contents as Node, d));
  return keys;
}
