import type { Alert } from './alert.js';
import type { AlertState, AlertStatus, GettableAlert } from './api-types.js';
import { sortedLabelSet } from './labels.js';
import { formatApiTime } from './time.js';

export interface AlertStatusInput {
  /** Defaults to `unprocessed` (no marker yet). */
  state?: AlertState;
  silencedBy?: readonly string[];
  inhibitedBy?: readonly string[];
  mutedBy?: readonly string[];
}

/**
 * The API form of a stored alert (`AlertToOpenAPIAlert`): times in RFC3339
 * millis (UTC), endsAt as stored, label keys in Go's order, generatorURL
 * omitted when empty, state forced to `suppressed` when mutedBy is non-empty.
 */
export function toGettableAlert(
  alert: Alert,
  receivers: readonly string[],
  status: AlertStatusInput = {},
): GettableAlert {
  const mutedBy = [...(status.mutedBy ?? [])];
  const apiStatus: AlertStatus = {
    inhibitedBy: [...(status.inhibitedBy ?? [])],
    mutedBy,
    silencedBy: [...(status.silencedBy ?? [])],
    state: mutedBy.length > 0 ? 'suppressed' : (status.state ?? 'unprocessed'),
  };
  const out: GettableAlert = {
    annotations: sortedLabelSet(alert.annotations),
    endsAt: formatApiTime(alert.endsAt),
    fingerprint: alert.fingerprint,
    receivers: receivers.map((name) => ({ name })),
    startsAt: formatApiTime(alert.startsAt),
    status: apiStatus,
    updatedAt: formatApiTime(alert.updatedAt),
    labels: sortedLabelSet(alert.labels),
  };
  if (alert.generatorURL !== '') out.generatorURL = alert.generatorURL;
  return out;
}
