/**
 * Posting only what changed (issue 18): the host remembers, per section, the JSON of the model it last posted to the
 * webview; the next model goes out with every section that did not change replaced by a stub `{ unchanged: id }`.
 * The webview keeps the sections of the model it shows and puts them back (`applyDelta`), so a section that did not
 * change is the very same object there, and its HTML is not rendered again. Pure and browser-safe: the host
 * (client/src/panels/plan-preview/panel.ts), the webview and the bench share it.
 */
import type { PlanViewModel, SectionView } from './model';

/** A section the webview already has, as the host last posted it. */
export interface UnchangedSection {
  readonly unchanged: string;
}

/** A view model whose unchanged sections are stubs. */
export type PlanModelDelta = Omit<PlanViewModel, 'sections'> & {
  readonly sections: ReadonlyArray<SectionView | UnchangedSection>;
};

/** What the host remembers of the last model it posted: each section's JSON, by id. */
export type PostedSections = ReadonlyMap<string, string>;

export function isUnchanged(s: SectionView | UnchangedSection): s is UnchangedSection {
  return typeof (s as Partial<UnchangedSection>).unchanged === 'string';
}

/**
 * The delta to post after `posted` (undefined: the webview has nothing yet, post every section) and what to remember
 * for the next one. A section's JSON is compared whole, so any change in it (a figure, a diagnostic, a thread) sends it.
 */
export function modelDelta(
  model: PlanViewModel,
  posted: PostedSections | undefined,
): { delta: PlanModelDelta; posted: Map<string, string>; sent: number } {
  const next = new Map<string, string>();
  let sent = 0;
  const sections = model.sections.map((s): SectionView | UnchangedSection => {
    const json = JSON.stringify(s);
    next.set(s.id, json);
    if (posted?.get(s.id) === json) return { unchanged: s.id };
    sent++;
    return s;
  });
  return { delta: { ...model, sections }, posted: next, sent };
}

/**
 * The full model from a delta and the sections the webview shows (by id). Undefined when a stub names a section
 * the webview does not have (it reloaded meanwhile): it then asks for the whole model again.
 */
export function applyDelta(delta: PlanModelDelta, shown: ReadonlyMap<string, SectionView>): PlanViewModel | undefined {
  const sections: SectionView[] = [];
  for (const s of delta.sections) {
    if (!isUnchanged(s)) sections.push(s);
    else {
      const kept = shown.get(s.unchanged);
      if (!kept) return undefined;
      sections.push(kept);
    }
  }
  return { ...delta, sections };
}
