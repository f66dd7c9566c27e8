/**
 * New from template: which templates exist, and what files a new experiment or plan made from one consists of.
 * The templates are files under `templates/` (experiments with their small synthetic data, plans); this module
 * decides names and places, so the VS Code command and any other caller make the same document.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export type TemplateKind = 'Experiment' | 'BusinessPlan';

export interface TemplateInfo {
  readonly id: string;
  readonly kind: TemplateKind;
  /** The case, as the picker shows it. */
  readonly title: string;
  /** One line on what it models and how it trains. */
  readonly detail: string;
  /** The template's folder (experiments) or file (plans), relative to the templates root. */
  readonly source: string;
  /** The main document, relative to `source` for experiments (plans: the file itself). */
  readonly main: string;
}

const exp = (id: string, title: string, detail: string): TemplateInfo => ({
  id,
  kind: 'Experiment',
  title,
  detail,
  source: `experiments/${id}`,
  main: `${id}.experiment.yaml`,
});
const plan = (id: string, title: string, detail: string): TemplateInfo => ({
  id,
  kind: 'BusinessPlan',
  title,
  detail,
  source: `plans/${id}.plan.yaml`,
  main: `${id}.plan.yaml`,
});

/** Every template, in the order the pickers list them. */
export const TEMPLATES: readonly TemplateInfo[] = [
  exp(
    'credit-risk',
    'Credit risk (tabular classification)',
    '12-month default on loan applications; built-in CPU trainer, synthetic data included',
  ),
  exp(
    'medical-imaging',
    'Medical imaging triage (radiomics features)',
    'Suspicious lung nodules from CT features, split by patient; built-in trainer, synthetic data, privacy block',
  ),
  exp(
    'demand-forecasting',
    'Demand forecasting (regression on lag features)',
    "Next-day unit sales from last week's sales, price and promotions; built-in trainer, time-ordered split",
  ),
  exp(
    'defect-detection',
    'Manufacturing defect detection (process sensors)',
    'Defective parts from in-line sensor readings; built-in CPU trainer, synthetic data included',
  ),
  exp(
    'customer-service',
    'Customer-service intent routing (NLP)',
    'Intent classification of messages; a Python-only naive Bayes train.py as the baseline to beat',
  ),
  exp(
    'education',
    'Education: dropout early warning',
    'Learners at risk of dropping out from platform activity; built-in trainer, personal-data privacy block',
  ),
  plan(
    'credit-risk',
    'Credit-risk scoring for lenders',
    'Fintech B2B SaaS plan: market, pricing, team, financing, compliance risks',
  ),
  plan(
    'medical-imaging',
    'AI imaging triage for hospitals',
    'Healthcare plan with device registration, data protection and hospital pilots',
  ),
  plan(
    'demand-forecasting',
    'Demand forecasting for retailers',
    'Retail SaaS plan: usage pricing, integrations, seasonal pilots',
  ),
  plan(
    'defect-detection',
    'Defect detection for factories',
    'Manufacturing plan: on-prem licence plus integration services, line pilots',
  ),
  plan('customer-service', 'Customer-service automation', 'B2B SaaS plan for intent routing and self-service answers'),
  plan(
    'education',
    'Dropout early warning for online courses',
    'Education plan selling to universities and course platforms',
  ),
];

export function templatesOf(kind: TemplateKind): TemplateInfo[] {
  return TEMPLATES.filter((t) => t.kind === kind);
}

/** A file name from a document name: lower case, words joined by `-`, nothing outside [a-z0-9-]. */
export function slugOf(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'untitled'
  );
}

/** Why a name cannot be used, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Give the new document a name.';
  if (name.length > 80) return 'Keep the name under 80 characters.';
  if (/[\n\r\t]/.test(name)) return 'The name must be one line.';
  return undefined;
}

/** One file of the new document: where it goes (absolute) and its bytes. */
export interface NewFile {
  readonly path: string;
  readonly content: Buffer;
}

export interface NewDocument {
  /** The document to open. */
  readonly main: string;
  /** Files to write, the main one first; none of them exists yet. */
  readonly files: readonly NewFile[];
}

/** Every file of a template folder, relative to it, in a stable order. */
function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel))
    .sort()
    .flatMap((f) => {
      const r = rel ? `${rel}/${f}` : f;
      return statSync(path.join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
    });
}

/** `metadata.name` in the template's text set to `name` (quoted when YAML needs it), everything else untouched. */
export function withName(text: string, name: string): string {
  const safe = /^[A-Za-z0-9][A-Za-z0-9 _.()-]*$/.test(name) && !/^(true|false|null|yes|no|on|off|~)$/i.test(name);
  const value = safe ? name : JSON.stringify(name);
  return text.replace(
    /^(metadata:\s*\n(?:[ \t]+#.*\n)*[ \t]+name:[ \t]*)(.*)$/m,
    (_, head: string) => `${head}${value}`,
  );
}

/**
 * The files of a new document made from template `t` in folder `parent`, named `name`: an experiment becomes a
 * folder `<slug>/` with `<slug>.experiment.yaml` (`metadata.name: <slug>`) and the template's data and scripts; a plan
 * becomes `<slug>.plan.yaml` with `metadata.name: <name>`. A taken name gets `-2`, `-3`, … so nothing is overwritten.
 */
export function newDocument(
  templatesRoot: string,
  t: TemplateInfo,
  parent: string,
  name: string,
  exists: (p: string) => boolean = existsSync,
): NewDocument {
  const slug = slugOf(name);
  const free = (make: (suffix: string) => string): string => {
    for (let i = 1; ; i++) {
      const p = make(i === 1 ? '' : `-${i}`);
      if (!exists(p)) return p;
    }
  };
  if (t.kind === 'BusinessPlan') {
    const main = free((s) => path.join(parent, `${slug}${s}.plan.yaml`));
    const text = readFileSync(path.join(templatesRoot, t.source), 'utf8');
    return { main, files: [{ path: main, content: Buffer.from(withName(text, name)) }] };
  }
  const folder = free((s) => path.join(parent, `${slug}${s}`));
  const src = path.join(templatesRoot, t.source);
  const main = path.join(folder, `${path.basename(folder)}.experiment.yaml`);
  const files: NewFile[] = [];
  for (const rel of filesUnder(src)) {
    const bytes = readFileSync(path.join(src, rel));
    // An experiment's name names its run folders: letters, digits, `.`, `_`, `-` (the schema's pattern), so the slug.
    const text = () => withName(bytes.toString('utf8'), path.basename(folder));
    if (rel === t.main) files.unshift({ path: main, content: Buffer.from(text()) });
    else files.push({ path: path.join(folder, rel), content: bytes });
  }
  return { main, files };
}
