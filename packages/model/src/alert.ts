import type { LabelSet } from './labels.js';
import { isZeroTime } from './time.js';

/** An alert as the store keeps it (Alertmanager's `alert.Alert`); times are epoch ms. */
export interface Alert {
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: number;
  /** Always set after ingest; GO_ZERO_TIME_MS would mean "unset". */
  endsAt: number;
  generatorURL: string;
  /** The authoritative timestamp: when Alertmanager last received this alert. */
  updatedAt: number;
  /** True when endsAt was derived from resolve_timeout rather than sent by the client. */
  timeout: boolean;
  /** fingerprint(labels), cached. */
  fingerprint: string;
}

/** `Alert.Resolved()`: endsAt is set and not after `now`. */
export function isResolved(alert: Alert, now: number): boolean {
  return !isZeroTime(alert.endsAt) && alert.endsAt <= now;
}

/**
 * The overlap rule of the in-memory provider's Put: the incoming alert's
 * endsAt or startsAt lies strictly inside (existing.startsAt, existing.endsAt).
 * Note a re-post with the same startsAt and a later endsAt does NOT overlap.
 */
export function activityOverlaps(existing: Alert, incoming: Alert): boolean {
  return (
    (incoming.endsAt > existing.startsAt && incoming.endsAt < existing.endsAt) ||
    (incoming.startsAt > existing.startsAt && incoming.startsAt < existing.endsAt)
  );
}

/**
 * `Alert.Merge` (labels assumed equal). The alert with the later updatedAt
 * (the second argument on a tie) supplies every field, annotations and
 * timeout flag included, except:
 * - startsAt: the earlier of the two;
 * - endsAt: if the newer one is resolved (at `now`), the older endsAt when the
 *   older is resolved too and ends later; if the newer one is firing, the older
 *   endsAt when it is later and not timeout-derived.
 */
export function alertMerge(a: Alert, b: Alert, now: number): Alert {
  const [older, newer] = b.updatedAt < a.updatedAt ? [b, a] : [a, b];
  const res: Alert = { ...newer };
  if (older.startsAt < newer.startsAt) res.startsAt = older.startsAt;
  if (isResolved(newer, now)) {
    if (isResolved(older, now) && older.endsAt > newer.endsAt) res.endsAt = older.endsAt;
  } else if (older.endsAt > newer.endsAt && !older.timeout) {
    res.endsAt = older.endsAt;
  }
  return res;
}

/**
 * What the store keeps when `incoming` arrives for a fingerprint that already
 * holds `existing` (provider/mem `Alerts.Put`): `alertMerge(existing, incoming)`
 * when `activityOverlaps(existing, incoming)`, otherwise `incoming` unchanged
 * (a re-fire after resolution starts fresh). `now` decides "resolved" in the merge.
 */
export function mergeAlerts(existing: Alert, incoming: Alert, now: number = Date.now()): Alert {
  return activityOverlaps(existing, incoming) ? alertMerge(existing, incoming, now) : incoming;
}
