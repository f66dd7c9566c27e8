/**
 * What the panel skipped or could not show, said in words above the charts: the host's notices (deleted runs,
 * unreadable lines) and the page's own (NaN/Infinity values, runs without points, paginated charts, runs without
 * epochs on an epoch axis). The panel never goes blank: an empty state always says why.
 */
import type { Notice } from '../../client/src/panels/metrics/contract';
import { AXIS_NAMES } from '../../core/src/metrics/metric-names';
import { runLabel } from './chart-env';
import { el } from './chart-view';
import { formatCount } from './format';
import type { Model } from './model';
import { w } from '../shared/l10n';

export interface PageInfo {
  readonly total: number;
  readonly from: number;
  readonly to: number;
  readonly pages: number;
}

export function pageNotices(model: Model, page: PageInfo): Notice[] {
  const out: Notice[] = [];
  const skipped: Array<[string, number]> = [];
  let nonFinite = 0;
  for (const run of model.settings.selected) {
    for (const [name, s] of model.seriesOf(run) ?? []) {
      if (s.nonFinite > 0 && !AXIS_NAMES.has(name)) {
        nonFinite += s.nonFinite;
        skipped.push([`${runLabel(run)} ${name}`, s.nonFinite]);
      }
    }
  }
  if (nonFinite > 0) {
    const list = skipped
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([n, c]) => `${n} (${formatCount(c)})`)
      .join(', ');
    out.push({
      key: 'nonfinite',
      level: 'warning',
      text:
        nonFinite === 1
          ? w('Not drawn: 1 NaN/Infinity value — {0}{1}.', list, skipped.length > 4 ? ', …' : '')
          : w(
              'Not drawn: {0} NaN/Infinity values — {1}{2}.',
              formatCount(nonFinite),
              list,
              skipped.length > 4 ? ', …' : '',
            ),
    });
  }
  if (!model.loading) {
    const empty = model.settings.selected.filter((r) => model.runs.has(r) && model.pointsOf(r) === 0);
    if (empty.length) {
      const live = empty.filter((r) => ['running', 'queued'].includes(model.runs.get(r)?.state ?? ''));
      const names = empty.slice(0, 3).map(runLabel).join(', ');
      out.push({
        key: 'empty',
        level: 'info',
        text: emptyText(empty.length, live.length > 0, names, empty.length > 3 ? ', …' : ''),
      });
    }
  }
  if (page.pages > 1) {
    out.push({
      key: 'paged',
      level: 'info',
      text: w(
        '{0} charts: showing {1} per page (charts {2}–{3}). Filter metrics by name to find one; use the pager below the charts for the rest.',
        formatCount(page.total),
        page.to - page.from + 1,
        formatCount(page.from),
        formatCount(page.to),
      ),
    });
  }
  if (model.settings.xAxis === 'epoch') {
    const noEpoch = model.settings.selected.filter((r) => model.pointsOf(r) > 0 && !model.epochOf(r));
    if (noEpoch.length)
      out.push({
        key: 'noepoch',
        level: 'info',
        text:
          noEpoch.length === 1
            ? w('1 run records no epoch: it is drawn by step.')
            : w('{0} runs record no epoch: they are drawn by step.', noEpoch.length),
      });
  }
  if (model.settings.xAxis === 'relative' || model.settings.xAxis === 'wall') {
    const noTime = model.settings.selected.filter((r) => {
      const series = [...(model.seriesOf(r)?.values() ?? [])].filter((s) => s.length > 0);
      return series.length > 0 && series.every((s) => Number.isNaN(s.times[0]));
    });
    if (noTime.length)
      out.push({
        key: 'notime',
        level: 'info',
        text:
          noTime.length === 1
            ? w('1 run records no wall-clock times (a saved log without them): switch the x axis to step to see it.')
            : w(
                '{0} runs record no wall-clock times (a saved log without them): switch the x axis to step to see them.',
                noTime.length,
              ),
      });
  }
  return out;
}

export function renderNotices(target: HTMLElement, notices: readonly Notice[]): void {
  target.replaceChildren(
    ...notices.map((n) => {
      const p = el('p', `notice ${n.level}`);
      p.dataset.notice = n.key.split(':')[0];
      p.append(el('span', 'notice-icon', n.level === 'warning' ? '⚠' : 'ℹ'), el('span', 'notice-text', n.text));
      return p;
    }),
  );
  target.hidden = notices.length === 0;
}

/** "2 selected runs have no points yet (still running: …): a, b." */
function emptyText(n: number, live: boolean, names: string, more: string): string {
  if (n === 1)
    return live
      ? w('1 selected run has no points yet (still running: waiting for its first metrics): {0}{1}.', names, more)
      : w('1 selected run has no points: {0}{1}.', names, more);
  return live
    ? w(
        '{0} selected runs have no points yet (still running: waiting for their first metrics): {1}{2}.',
        n,
        names,
        more,
      )
    : w('{0} selected runs have no points: {1}{2}.', n, names, more);
}
