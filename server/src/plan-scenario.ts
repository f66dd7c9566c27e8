/**
 * The plan preview's scenario switcher, server side (liftoff/planViewModel with `scenario`): the view model of the
 * plan as a named scenario changes it — its figures, charts and rules (the scenario's text validated by the same
 * rules) — with the Scenarios section (all scenarios side by side) kept as the plan itself has it, and the list of
 * scenario names for the switcher. Built on the language service's public API only: the scenario's text is
 * validated under a URI of its own (so the open document's incremental state is left alone) and forgotten after.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { parse } from 'yaml';
import { scenariosOf, scenarioText } from '../../core/src/plan';
import type { DiagnosticView, PlanViewModel, SectionView } from '../../core/src/plan/render';
import type { LanguageService } from './service';
import type { SourceDocument } from './service/types';

/** Scenario names offered by the switcher, at most (a plan with more still compares them all in its table). */
export const MAX_SWITCHER_SCENARIOS = 500;

/** Cheap test before parsing the whole text again: a top-level `scenarios` key. */
const HAS_SCENARIOS = /^scenarios\s*:/m;

function namesOf(text: string): string[] | undefined {
  if (!HAS_SCENARIOS.test(text)) return undefined;
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  const names = scenariosOf(data).map((s) => s.name);
  return names.length ? names : undefined;
}

/**
 * The view model of `source`, or of its scenario `scenario` (a name) when given and present. `diagnostics` are the
 * plan's own (as published). A scenario that is gone (renamed while typing) shows the plan with a note saying so.
 */
export async function planViewModelFor(
  service: LanguageService,
  source: SourceDocument,
  diagnostics: readonly Diagnostic[],
  scenario: string | undefined,
  validate: (doc: SourceDocument) => Promise<readonly Diagnostic[]> = (d) => service.validate(d),
): Promise<PlanViewModel> {
  const model = service.planViewModel(source, diagnostics);
  if (model.status !== 'ok' && model.status !== 'syntax-error') return model;
  const names = namesOf(source.text);
  if (!names) return scenario ? { ...model, scenarios: { names: [], missing: scenario } } : model;
  const list = names.slice(0, MAX_SWITCHER_SCENARIOS);
  const index = scenario === undefined ? -1 : names.indexOf(scenario);
  if (scenario === undefined || index < 0 || model.status !== 'ok')
    return { ...model, scenarios: { names: list, ...(scenario !== undefined && { missing: scenario }) } };
  const data = parse(source.text, { maxAliasCount: 100 }) as unknown;
  const chosen = scenariosOf(data)[index]!;
  const text = scenarioText(source.text, chosen);
  if (text === undefined) return { ...model, scenarios: { names: list, missing: scenario } };
  const uri = `${source.uri}${source.uri.includes('?') ? '&' : '?'}liftoff-scenario=${encodeURIComponent(scenario)}`;
  const doc: SourceDocument = { uri, text, ...(source.version !== undefined && { version: source.version }) };
  let shown: PlanViewModel;
  try {
    shown = service.planViewModel(doc, await validate(doc));
  } finally {
    service.forget(uri);
  }
  if (shown.status !== 'ok') return { ...model, scenarios: { names: list, missing: scenario } };
  return mergeScenario(model, shown, list, scenario);
}

/**
 * The scenario's model with the plan's own Scenarios section (the side-by-side table is about the plan, not about
 * a scenario applied twice), the plan's URI, and counts of what it shows.
 */
function mergeScenario(plan: PlanViewModel, shown: PlanViewModel, names: string[], name: string): PlanViewModel {
  const own = plan.sections.find((s) => s.id === 'scenarios');
  const sections: SectionView[] = shown.sections.map((s) => (s.id === 'scenarios' && own ? own : s));
  const all: DiagnosticView[] = [...shown.diagnostics, ...sections.flatMap((s) => s.diagnostics)];
  const count = (sev: DiagnosticView['severity']) => all.filter((d) => d.severity === sev).length;
  return {
    ...shown,
    uri: plan.uri,
    ...(plan.version !== undefined && { version: plan.version }),
    sections,
    counts: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    ...(plan.review && { review: plan.review }),
    scenarios: { names, shown: name },
  };
}
