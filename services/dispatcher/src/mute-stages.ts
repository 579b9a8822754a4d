import { type TimeIntervalSpec, timeIntervalsContain } from '@tocsin/config';
import type { LabelSet } from '@tocsin/model';
import type { SnapshotAlert } from './flush-snapshot.js';

/** `alertmanager_notifications_suppressed_total{reason}` label values. */
export type SuppressedReason = 'inhibition' | 'active_time_interval' | 'mute_time_interval' | 'silence';

export interface MuteInput {
  /** The tick time. */
  now: number;
  /** Fingerprint of the alert inhibiting these labels, if any. */
  inhibitedBy: (labels: Readonly<LabelSet>) => string | undefined;
  /** Ids of the silences muting these labels. */
  silencedBy: (labels: Readonly<LabelSet>) => readonly string[];
  /** The route's own interval names. */
  activeTimeIntervals: readonly string[];
  muteTimeIntervals: readonly string[];
  /** Every named interval of the config. */
  intervals: ReadonlyMap<string, TimeIntervalSpec[]>;
}

export interface MuteOutcome {
  /** What is left to notify about. */
  kept: SnapshotAlert[];
  /** The time intervals muting the whole group now (AM's group marker); empty when none. */
  mutedBy: string[];
  suppressed: Partial<Record<SuppressedReason, number>>;
}

/**
 * The mute stages of AM's pipeline, in its order (reference §3.7): inhibition, then
 * active_time_intervals (outside all of them mutes everything), then mute_time_intervals
 * (inside any mutes everything), then silences. Resolved alerts are muted like firing ones.
 * The group's `mutedBy` is worked out every time, so it is current even when an earlier stage
 * already left nothing.
 */
export function applyMutes(alerts: readonly SnapshotAlert[], input: MuteInput): MuteOutcome {
  const suppressed: MuteOutcome['suppressed'] = {};
  const drop = (reason: SuppressedReason, n: number) => {
    if (n > 0) suppressed[reason] = (suppressed[reason] ?? 0) + n;
  };
  const at = new Date(input.now);
  const inside = (name: string) => timeIntervalsContain(input.intervals.get(name) ?? [], at);
  const active = input.activeTimeIntervals;
  const outsideActive = active.length > 0 && !active.some(inside);
  const muting = input.muteTimeIntervals.filter(inside);
  const mutedBy = outsideActive ? [...active] : muting;

  let kept = alerts.filter((a) => input.inhibitedBy(a.alert.labels) === undefined);
  drop('inhibition', alerts.length - kept.length);
  if (outsideActive) {
    drop('active_time_interval', kept.length);
    kept = [];
  }
  if (muting.length > 0) {
    drop('mute_time_interval', kept.length);
    kept = [];
  }
  const unsilenced = kept.filter((a) => input.silencedBy(a.alert.labels).length === 0);
  drop('silence', kept.length - unsilenced.length);
  return { kept: unsilenced, mutedBy, suppressed };
}
