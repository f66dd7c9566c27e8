import type { Locale } from '../../l10n';
/**
 * The plan view model: plain JSON that describes what the plan preview and the exports show. Built by the
 * language service (server/src/service/plan-view/) from a BusinessPlan document and its diagnostics; rendered by
 * the pure renderers next to this file (HTML for the webview and the HTML export, Markdown for the Markdown export).
 * Every number in it comes from core/src/plan, so the preview shows the figures the rules check.
 * Display strings are formatted by the builder; renderers only lay them out (and compute chart geometry).
 */

/** Keys and indices from the document root to a YAML node, e.g. `['risks', 3, 'likelihood']`. */
export type YamlPath = ReadonlyArray<string | number>;

/** A zero-based LSP-style range (UTF-16 columns). */
export interface SourceRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

/** Where an element of the view comes from: clicking it reveals `range` in the editor. */
export interface SourceRef {
  readonly path: YamlPath;
  readonly range?: SourceRange;
}

export type ViewSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface DiagnosticView {
  readonly severity: ViewSeverity;
  readonly code?: string;
  readonly message: string;
  readonly ref: SourceRef;
}

/** good / bad / warn colour a figure or a row; neutral is the default. */
export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

export interface Figure {
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
  readonly tone?: Tone;
  /** A stable name tests and the bench look for (`data-figure`), e.g. `runway`. */
  readonly id?: string;
  readonly ref?: SourceRef;
}

export interface TextBlock {
  readonly kind: 'text';
  readonly label?: string;
  readonly text: string;
  readonly ref: SourceRef;
}
export interface ListBlock {
  readonly kind: 'list';
  readonly label?: string;
  readonly items: ReadonlyArray<{ readonly text: string; readonly ref: SourceRef }>;
  readonly more?: number;
  readonly ref: SourceRef;
}
export interface FieldsBlock {
  readonly kind: 'fields';
  readonly label?: string;
  readonly items: ReadonlyArray<{ readonly label: string; readonly value: string; readonly ref: SourceRef }>;
}
export interface FiguresBlock {
  readonly kind: 'figures';
  readonly items: readonly Figure[];
}

export interface TableColumn {
  readonly label: string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
  /** Short values (dates, ids) that must not wrap. */
  readonly nowrap?: boolean;
}
export interface TableRow {
  readonly cells: readonly string[];
  readonly ref: SourceRef;
  readonly tone?: Tone;
}
export interface TableBlock {
  readonly kind: 'table';
  readonly label?: string;
  /** A stable name for tests and styling (`data-table`), e.g. `risks`. */
  readonly id?: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
  /** Rows left out (a cap keeps huge lists readable). */
  readonly more?: number;
  readonly ref: SourceRef;
}

/** TAM → SAM → SOM, largest first. Bar widths are stepped, not to scale; each level shows its share of the one above. */
export interface FunnelBlock {
  readonly kind: 'funnel';
  readonly levels: ReadonlyArray<{
    readonly label: string;
    readonly amount?: number;
    readonly display: string;
    /** "12 % of TAM" */
    readonly ratio?: string;
    readonly detail?: string;
    readonly ref: SourceRef;
  }>;
}

export interface DonutBlock {
  readonly kind: 'donut';
  readonly id: string;
  readonly title: string;
  readonly slices: ReadonlyArray<{
    readonly label: string;
    readonly value: number;
    readonly display: string;
    readonly ref: SourceRef;
  }>;
  /** The sum of the slices (100 when the shares are right). */
  readonly total: number;
  readonly centre: string;
  readonly ref: SourceRef;
}

export interface PeriodView {
  readonly label: string;
  readonly revenue?: number;
  readonly costs?: number;
  readonly profit?: number;
  readonly revenueDisplay: string;
  readonly costsDisplay: string;
  readonly profitDisplay: string;
  /** False when the written profit differs from revenue − Σ costs (PLAN-005). */
  readonly profitMatches?: boolean;
  readonly ref: SourceRef;
}

export interface PeriodsBlock {
  readonly kind: 'periods';
  readonly periods: readonly PeriodView[];
  /** Index of the first period with profit ≥ 0. */
  readonly breakEvenIndex?: number;
  /** Axis labels, already formatted (currency and scale). */
  readonly axis: ReadonlyArray<{ readonly value: number; readonly label: string }>;
}

export interface TeamMemberView {
  readonly name: string;
  readonly title?: string;
  readonly status?: string;
  readonly start?: string;
  readonly responsibilities: readonly string[];
  readonly ref: SourceRef;
}
export interface TeamBlock {
  readonly kind: 'team';
  readonly groups: ReadonlyArray<{ readonly role: string; readonly members: readonly TeamMemberView[] }>;
}

export interface GanttBar {
  readonly id: string;
  readonly label: string;
  readonly phase?: string;
  /** Fractional month indexes (see core `monthIndex`): start of the bar and its end (exclusive). */
  readonly start: number;
  readonly end: number;
  readonly startDisplay: string;
  readonly dueDisplay: string;
  readonly status?: string;
  readonly owner?: string;
  readonly dependsOn: readonly string[];
  readonly ref: SourceRef;
}
export interface GanttBlock {
  readonly kind: 'gantt';
  /** Whole month indexes bounding the axis: [from, to). */
  readonly from: number;
  readonly to: number;
  /** The plan date as a fractional month index, drawn as a "plan date" line. */
  readonly planDate?: number;
  readonly bars: readonly GanttBar[];
}

export interface HeatCell {
  readonly likelihood: number;
  readonly impact: number;
  readonly count: number;
  readonly score: number;
  readonly level: 'high' | 'medium' | 'low';
  /** Up to 12 ids of the risks in the cell (for the tooltip), and the first risk's ref (clicking reveals it). */
  readonly riskIds: readonly string[];
  readonly ref?: SourceRef;
}
export interface HeatMapBlock {
  readonly kind: 'heatmap';
  readonly cells: readonly HeatCell[];
  readonly rated: number;
  readonly unrated: number;
}

export interface KpiView {
  readonly id?: string;
  readonly name: string;
  readonly unit?: string;
  readonly baseline?: number;
  readonly target?: number;
  readonly baselineDisplay: string;
  readonly targetDisplay: string;
  readonly direction?: 'increase' | 'decrease';
  /** False when the target does not move from the baseline in the KPI's direction (PLAN-014). */
  readonly consistent?: boolean;
  readonly deadline?: string;
  readonly owner?: string;
  readonly measuredBy?: string;
  readonly ref: SourceRef;
}
export interface KpiBlock {
  readonly kind: 'kpis';
  readonly items: readonly KpiView[];
}

export interface ScoresBlock {
  readonly kind: 'scores';
  readonly items: ReadonlyArray<{
    readonly label: string;
    readonly score?: number;
    readonly evidence?: string;
    readonly ref: SourceRef;
  }>;
}

/** Runway against ±N % in each driver (a tornado chart); the sensitivity table holds the same numbers. */
export interface TornadoBlock {
  readonly kind: 'tornado';
  readonly title: string;
  readonly pct: number;
  /** The plan's runway in months, and as shown. */
  readonly base: number;
  readonly baseDisplay: string;
  readonly bars: ReadonlyArray<{
    readonly label: string;
    /** Runway months with the driver at −N % and at +N %. */
    readonly low: number;
    readonly high: number;
    readonly lowDisplay: string;
    readonly highDisplay: string;
    readonly ref: SourceRef;
  }>;
}

/** Something the preview could not show, and why (bad values, unknown currency, too many items). */
export interface NoteBlock {
  readonly kind: 'note';
  readonly level: 'info' | 'warning';
  readonly text: string;
  readonly ref?: SourceRef;
}

export type Block =
  | TextBlock
  | ListBlock
  | FieldsBlock
  | FiguresBlock
  | TableBlock
  | FunnelBlock
  | DonutBlock
  | PeriodsBlock
  | TeamBlock
  | GanttBlock
  | HeatMapBlock
  | KpiBlock
  | ScoresBlock
  | TornadoBlock
  | NoteBlock;

export interface SectionView {
  /** The top-level key (`market`), unique within the plan. */
  readonly id: string;
  /** 1-based, in the order the plan preview shows sections. */
  readonly number: number;
  readonly title: string;
  readonly ref: SourceRef;
  readonly blocks: readonly Block[];
  /** Diagnostics whose range starts inside this section. */
  readonly diagnostics: readonly DiagnosticView[];
  /** Review threads anchored inside this section (from the plan's `.review.yaml`; see core/src/plan/review). */
  readonly threads?: readonly ThreadView[];
}

/** One review thread as the preview and the export show it. */
export interface ThreadView {
  readonly id: string;
  /** The anchor as written in the review file (`risks[r-data].impact`). */
  readonly path: string;
  readonly status: 'open' | 'resolved';
  /** The path no longer exists in the plan: shown apart, with the quote of what it was about. */
  readonly outdated: boolean;
  readonly quote?: string;
  readonly comments: ReadonlyArray<{ readonly author: string; readonly date: string; readonly body: string }>;
  /** Where it sits now (clicking reveals it); absent when outdated. */
  readonly ref?: SourceRef;
}

/** The plan's review file, as far as the views go. */
export interface ReviewView {
  /** Threads whose path disappeared from the plan (never dropped). */
  readonly outdated: readonly ThreadView[];
  readonly open: number;
  readonly resolved: number;
  /** What could not be read from the review file (it is then left as it is). */
  readonly problems: readonly string[];
  /** The review file's name, for messages. */
  readonly fileName: string;
}

export type PlanViewStatus = 'ok' | 'syntax-error' | 'not-a-plan' | 'too-big';

export interface PlanViewModel {
  /** Bumped when the shape changes. */
  readonly schema: 1;
  readonly uri: string;
  readonly version?: number;
  readonly status: PlanViewStatus;
  /** Why the status is not ok, in words a user can act on. */
  readonly message?: string;
  readonly title: string;
  /** Company, stage, sector, date, currency. */
  readonly facts: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  readonly currency?: string;
  /** Headline figures shown above the sections (SOM, runway, break-even, high risks). */
  readonly summary: readonly Figure[];
  readonly sections: readonly SectionView[];
  /** Diagnostics outside every section (header, missing sections). */
  readonly diagnostics: readonly DiagnosticView[];
  readonly counts: { readonly errors: number; readonly warnings: number; readonly infos: number };
  /** Core sections the plan lacks, by title. */
  readonly missing: readonly string[];
  /** What could not be rendered anywhere in the plan (also shown as notes in the sections concerned). */
  readonly notes: readonly string[];
  /** Review comments (threads sit in their sections); absent when the plan has no review file. */
  readonly review?: ReviewView;
  /** The language the labels are in (absent: English); the renderer writes its own words in the same one. */
  readonly locale?: Locale;
  /** The scenario switcher (absent when the plan has no scenarios and none was asked for). */
  readonly scenarios?: ScenarioSwitchView;
}

/**
 * The preview's scenario switcher: the plan's scenario names, and which one the figures, charts and rules show
 * (absent: the plan as written). `missing`: the scenario asked for is not in the plan (renamed or removed), so the
 * plan as written is shown.
 */
export interface ScenarioSwitchView {
  readonly names: readonly string[];
  readonly shown?: string;
  readonly missing?: string;
}

/** The stable attribute value for an element's path (`data-path`), also the key the host looks ranges up by. */
export function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}
