/** Helpers for the plan view-model tests: build a model from a fixture or text, find blocks and figures. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService } from '../../../server/src/service';
import type { Block, Figure, PlanViewModel, SectionView } from '../../../core/src/plan/render/model';
import { FIXTURES, REPO_ROOT } from '../../support/fixtures';

export const service = createLanguageService();
export const EXAMPLE = path.join(REPO_ROOT, 'examples', 'medical-diagnosis', 'lung-nodule.plan.yaml');

export function planFixture(rel: string): string {
  return path.join(FIXTURES, 'plan-view', rel);
}

/** The view model of a text (validated first, as the server does), named like `file`. */
export async function modelOf(file: string, text = readFileSync(file, 'utf8')): Promise<PlanViewModel> {
  const doc = { uri: pathToFileURL(file).toString(), text, version: 1 };
  return service.planViewModel(doc, await service.validate(doc));
}

export function section(model: PlanViewModel, id: string): SectionView {
  const s = model.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id} in ${model.sections.map((x) => x.id).join(', ')}`);
  return s;
}

export function blockOf<K extends Block['kind']>(s: SectionView, kind: K): Extract<Block, { kind: K }> | undefined {
  return s.blocks.find((b): b is Extract<Block, { kind: K }> => b.kind === kind);
}

export function figure(figures: readonly Figure[], id: string): Figure {
  const f = figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id}`);
  return f;
}
