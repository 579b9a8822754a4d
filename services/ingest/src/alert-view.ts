import type { Inhibitor } from '@tocsin/inhibit';
import type { Alert, AlertState } from '@tocsin/model';
import type { Silences } from '@tocsin/silences';

export interface AlertView {
  state: AlertState;
  silencedBy: string[];
  inhibitedBy: string[];
  mutedBy: string[];
}

/**
 * An alert's status as Alertmanager computes it at query time: silences and inhibition are
 * asked now, so the API agrees with what the next flush would do; `mutedBy` (time intervals)
 * is what the dispatcher recorded for the alert's groups at their last flush.
 */
export function viewAlert(
  alert: Alert,
  silences: Silences,
  inhibitor: Inhibitor,
  now: number,
  mutedBy: readonly string[] = [],
): AlertView {
  const silencedBy = silences.mutes(alert.labels, now);
  const source = inhibitor.mutedBy(alert.labels, now);
  const inhibitedBy = source === undefined ? [] : [source];
  // AM ≥0.28 reports time-interval muting as `suppressed` with `mutedBy`; 0.25 showed such
  // alerts as `active`. Tocsin follows 0.34 here.
  const suppressed = silencedBy.length > 0 || inhibitedBy.length > 0 || mutedBy.length > 0;
  return { state: suppressed ? 'suppressed' : 'active', silencedBy, inhibitedBy, mutedBy: [...mutedBy] };
}

export interface StateFilter {
  active: boolean;
  silenced: boolean;
  inhibited: boolean;
}

/** AM's `alertFilter`: `active=false` hides active alerts, and so on. */
export function passesStateFilter(view: AlertView, filter: StateFilter): boolean {
  if (!filter.active && view.state === 'active') return false;
  if (!filter.silenced && view.silencedBy.length > 0) return false;
  if (!filter.inhibited && view.inhibitedBy.length > 0) return false;
  return true;
}
