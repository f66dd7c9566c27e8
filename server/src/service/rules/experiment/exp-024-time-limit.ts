import { diagnostic } from '../../diagnostic';
import { at, num, str, valueRange } from '../../yaml-path';
import type { AsyncRule } from '../rule';
import { t } from '../../../../../core/src/l10n';
import { replace, withFixes } from './edits';

/** `HH:MM:SS` or `D-HH:MM:SS` → seconds. */
export function parseTimeLimit(value: string): number | undefined {
  const m = /^\s*(?:(\d+)-)?(\d+):([0-5]\d):([0-5]\d)\s*$/.exec(value);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/** Seconds → `HH:MM:SS` (or `D-HH:MM:SS` from one day on). */
export function formatTimeLimit(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  const days = Math.floor(s / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days ? `${days}-${clock}` : clock;
}

function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * EXP-024 (warning): `resources.time_limit` is shorter than the median duration of this experiment's past successful
 * runs (preferring runs with the same GPU count), so the run would likely be stopped before it finishes.
 */
export const timeLimit: AsyncRule = async ({ file, yaml, settings, host }) => {
  const entry = at(yaml.root, ['resources', 'time_limit']);
  const limitText = str(entry);
  const name = str(at(yaml.root, ['metadata', 'name']));
  const limit = limitText === undefined ? undefined : parseTimeLimit(limitText);
  if (!entry?.node || limit === undefined || !name) return [];
  const succeeded = (await host.pastRuns(name)).filter(
    (r) => r.state === 'succeeded' && Number.isFinite(r.durationSec),
  );
  const gpus = num(at(yaml.root, ['resources', 'gpus']));
  const sameGpus = succeeded.filter((r) => r.gpus !== undefined && r.gpus === gpus);
  const runs = sameGpus.length ? sameGpus : succeeded;
  if (!runs.length) return [];
  const typical = median(runs.map((r) => r.durationSec));
  if (limit >= typical) return [];
  const suggested = formatTimeLimit(Math.ceil((typical * 1.25) / 300) * 300);
  const l = settings.locale;
  const which =
    runs.length === 1 ? t(l, 'the last successful run') : t(l, 'the median of {0} past successful runs', runs.length);
  const withGpus = !sameGpus.length ? '' : gpus === 1 ? t(l, ' with {0} GPU', gpus) : t(l, ' with {0} GPUs', gpus);
  const d = diagnostic(
    settings,
    'EXP-024',
    'warning',
    valueRange(file, entry),
    t(
      l,
      '`resources.time_limit` is {0}, shorter than {1} of `{2}`{3} ({4}): the run would likely be stopped before it finishes. Allow some margin, e.g. "{5}".',
      formatTimeLimit(limit),
      which,
      name,
      withGpus,
      formatTimeLimit(typical),
      suggested,
    ),
  );
  return [
    withFixes(d, [{ title: t(l, 'Change to "{0}"', suggested), edits: [replace(file, entry.node, `"${suggested}"`)] }]),
  ];
};
