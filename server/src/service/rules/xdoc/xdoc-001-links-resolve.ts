import * as path from 'node:path';
import { distance } from 'fastest-levenshtein';
import { diagnostic } from '../../diagnostic';
import { describeFileType } from '../../host';
import type { DocumentKind, LiftoffDiagnostic } from '../../types';
import { rangeOf } from '../../yaml-path';
import { replace, withFixes } from '../experiment/edits';
import { yamlString } from '../experiment/exp-008-data-paths';
import type { AsyncRule, AsyncRuleContext } from '../rule';
import { t, type Locale } from '../../../../../core/src/l10n';
import {
  articleIn,
  experimentLinks,
  fsPathOf,
  loadLinked,
  planLink,
  whereIn,
  relativeLink,
  resolveLink,
  type LinkRef,
  type Loaded,
} from './linked';

/**
 * XDOC-001 (error): the documents a plan links (`solution.linked_experiments`, `milestones[].linked_experiment`,
 * `kpis[].measured_by.experiment`) are Experiments, and an experiment's `metadata.linked_plan` is a BusinessPlan:
 * the file exists (relative to this document's folder) and holds a document of that kind. Offers the workspace's
 * similarly named document of the right kind, if there is one.
 */
export const planLinksResolve: AsyncRule = (ctx) => checkLinks(ctx, experimentLinks(ctx.yaml.root), 'Experiment');

/** XDOC-001 on the experiment side: `metadata.linked_plan`. */
export const linkedPlanResolves: AsyncRule = (ctx) => {
  const link = planLink(ctx.yaml.root);
  return checkLinks(ctx, link ? [link] : [], 'BusinessPlan');
};

async function checkLinks(
  ctx: AsyncRuleContext,
  links: readonly LinkRef[],
  want: DocumentKind,
): Promise<LiftoffDiagnostic[]> {
  if (!ctx.docPath || !links.length) return [];
  const out: LiftoffDiagnostic[] = [];
  for (const link of links) {
    const abs = resolveLink(ctx.docPath, link.value);
    if (!abs) continue;
    const loaded = await loadLinked(ctx.host, abs, want);
    const l = ctx.settings.locale;
    const problem = explain(loaded, want, l);
    if (!problem) continue;
    const guess = await similar(ctx, abs, want);
    const d = diagnostic(
      ctx.settings,
      'XDOC-001',
      'error',
      rangeOf(ctx.file, link.node),
      t(
        l,
        '{0} links `{1}`, which {2}.{3}',
        whereIn(link, l),
        link.value,
        problem,
        guess
          ? t(l, ' Did you mean `{0}`?', guess)
          : loaded.status === 'missing'
            ? t(l, " Links are relative to this file's folder.")
            : '',
      ),
    );
    out.push(
      guess
        ? withFixes(d, [
            { title: t(l, 'Change to `{0}`', guess), edits: [replace(ctx.file, link.node, yamlString(guess))] },
          ])
        : d,
    );
  }
  return out;
}

/** What is wrong with the linked file, or undefined when it is fine (or too large to check). */
function explain(loaded: Loaded, want: DocumentKind, l: Locale | undefined): string | undefined {
  const a = articleIn(want, l);
  switch (loaded.status) {
    case 'ok':
    case 'too-large':
      return undefined;
    case 'missing':
      return t(l, 'does not exist (looked for {0})', loaded.path);
    case 'directory':
      return t(l, 'is a folder, not {0} document', a);
    case 'unreadable':
      return t(l, 'cannot be read ({0})', loaded.path);
    case 'special':
      return t(l, 'is {0}, not {1} document: Liftoff reads only regular files', describeFileType(loaded.type, l), a);
    case 'not-liftoff':
      return t(l, 'is not a Liftoff document (it has no `kind: {0}`): link {1} document', want, a);
    case 'wrong-kind':
      return t(
        l,
        'is {0}, not {1}: link {1} document (`kind: {2}`)',
        loaded.kinds.map((k) => articleIn(k, l)).join(t(l, ' and ')),
        a,
        want,
      );
  }
}

/** `nodule.experiment.yaml` → `nodule`. */
function stem(p: string): string {
  return path
    .basename(p)
    .toLowerCase()
    .replace(/\.(ya?ml)$/, '')
    .replace(/\.(experiment|plan)$/, '');
}

/**
 * The workspace document of kind `want` whose name is closest to the broken link's (same name in another folder,
 * or a small typo), as a path relative to this document; undefined when none is close or two are equally close.
 */
async function similar(ctx: AsyncRuleContext, abs: string, want: DocumentKind): Promise<string | undefined> {
  if (!ctx.docPath) return undefined;
  const self = path.normalize(ctx.docPath);
  const target = path.normalize(abs);
  const wanted = stem(target);
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  const scored = [
    ...new Set(
      (await ctx.host.documentsOfKind(want))
        .map((d) => fsPathOf(d.uri))
        .filter((p): p is string => p !== undefined && p !== self && p !== target),
    ),
  ]
    .map((p) => ({ p, score: distance(wanted, stem(p)) }))
    .filter((c) => c.score <= limit)
    .sort((a, b) => a.score - b.score || depth(self, a.p) - depth(self, b.p));
  const [best, next] = scored;
  if (!best || (next && next.score === best.score && depth(self, next.p) === depth(self, best.p))) return undefined;
  return relativeLink(path.dirname(self), best.p);
}

/** How many folders apart two files are (`a/b.yaml` from `c.yaml`: 1). */
function depth(from: string, to: string): number {
  return relativeLink(path.dirname(from), to).split('/').length;
}
