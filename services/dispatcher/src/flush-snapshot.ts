import { type Alert, GO_ZERO_TIME_MS, isResolved } from '@tocsin/model';
import { compareAlertLabels } from './alert-order.js';

/** An alert as one flush sees it: frozen at the tick time. */
export interface SnapshotAlert {
  /** A copy; a firing alert's endsAt is Go's zero time, so it cannot resolve as time moves on. */
  alert: Alert;
  resolved: boolean;
  /** The member's updatedAt: what deleting it after the flush compares (DeleteIfNotModified). */
  updatedAt: number;
}

/**
 * AM's `aggrGroup.flush` snapshot: every member, resolved when its endsAt is set and not after
 * `now` (the tick time), in AlertSlice order.
 */
export function snapshotAt(members: readonly Alert[], now: number): SnapshotAlert[] {
  return members
    .map((member) => {
      const resolved = isResolved(member, now);
      const alert = resolved ? { ...member } : { ...member, endsAt: GO_ZERO_TIME_MS };
      return { alert, resolved, updatedAt: member.updatedAt };
    })
    .sort((a, b) => compareAlertLabels(a.alert.labels, b.alert.labels));
}
