/**
 * What to tell people when a run ends: whether to tell them at all (the `liftoff.runs.notify` setting: every end,
 * failures only, or nothing), and the one-line message — the primary metric of a run that succeeded, the cause and
 * the fix of one that did not. The editor shows it as a notification with buttons; the words are decided here.
 */
import { t, type Locale } from '../l10n';
import { formatCost, type RunCost } from './cost';
import type { Diagnosis } from './diagnose';
import type { RunRecord } from './run-record';
import { reasonText, stateText } from './run-reason';

export type NotifyWhen = 'all' | 'failure' | 'none';

export const NOTIFY_WHEN: readonly NotifyWhen[] = ['all', 'failure', 'none'];

/** The setting's value, checked: anything unknown reads as the default, failures only. */
export function notifyWhen(v: unknown): NotifyWhen {
  return NOTIFY_WHEN.includes(v as NotifyWhen) ? (v as NotifyWhen) : 'failure';
}

export interface RunEndMessage {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  /** The fix's title, when the failure has one (the notification offers it as a button). */
  readonly fix?: string;
}

const shortNumber = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0)
    ? v.toExponential(3)
    : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');

/**
 * The message for a run that ended, or undefined when the setting says not to tell (or it has not ended); in
 * `extra.locale` (the diagnosis is said there already: core's diagnosisIn), English by default.
 */
export function runEndMessage(
  r: Pick<RunRecord, 'id' | 'experiment' | 'state' | 'reason' | 'reasonCode'>,
  when: NotifyWhen,
  extra: {
    diagnosis?: Diagnosis;
    primary?: { name: string; value: number };
    cost?: RunCost;
    locale?: Locale;
  } = {},
): RunEndMessage | undefined {
  if (when === 'none') return undefined;
  const locale = extra.locale;
  const cost =
    extra.cost && (extra.cost.gpuHours > 0 || extra.cost.cpuHours > 0)
      ? t(locale, ' ({0})', formatCost(extra.cost))
      : '';
  if (r.state === 'succeeded') {
    if (when !== 'all') return undefined;
    const p = extra.primary;
    return {
      severity: 'info',
      message: p
        ? t(locale, 'Run {0} of {1} succeeded: {2} {3}{4}.', r.id, r.experiment, p.name, shortNumber(p.value), cost)
        : t(locale, 'Run {0} of {1} succeeded{2}.', r.id, r.experiment, cost),
    };
  }
  if (r.state !== 'failed' && r.state !== 'cancelled') return undefined;
  const d = extra.diagnosis;
  // A stop the user asked for is no news to them.
  if (d?.cause === 'stopped-by-user') return undefined;
  const cause = d ? d.title : (reasonText(locale, r) ?? stateText(locale, r.state));
  const ended =
    r.state === 'failed'
      ? t(locale, 'Run {0} of {1} failed: {2}.', r.id, r.experiment, cause)
      : t(locale, 'Run {0} of {1} cancelled: {2}.', r.id, r.experiment, cause);
  return {
    severity: r.state === 'failed' ? 'error' : 'warning',
    message: `${ended}${d?.fix ? t(locale, ' Fix: {0}.', d.fix.title) : ''}`,
    ...(d?.fix ? { fix: d.fix.title } : {}),
  };
}
