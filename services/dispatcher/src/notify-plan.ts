import type { NflogEntry } from '@tocsin/nflog';
import { needsUpdate } from '@tocsin/nflog';
import type { NotificationReason } from '@tocsin/queues';
import type { SnapshotAlert } from './flush-snapshot.js';
import type { ReceiverIntegration } from './receiver-integrations.js';

/**
 * What a flush does for one integration:
 * - `send`: enqueue a notification with `alerts`;
 * - `log`: send_resolved is off and only resolved alerts changed: nothing is sent but the
 *   nflog entry is written (AM's RetryStage reports success, SetNotifiesStage logs);
 * - `skip`: the nflog says nothing needs sending.
 */
export type IntegrationPlan =
  | { action: 'send'; integration: ReceiverIntegration; reason: NotificationReason; alerts: SnapshotAlert[] }
  | { action: 'log'; integration: ReceiverIntegration; reason: NotificationReason }
  | { action: 'skip'; integration: ReceiverIntegration };

export interface NotifySets {
  /** Fingerprints of the alerts left after muting, as the nflog records them. */
  firing: string[];
  resolved: string[];
}

export function notifySets(kept: readonly SnapshotAlert[]): NotifySets {
  const firing: string[] = [];
  const resolved: string[] = [];
  for (const a of kept) (a.resolved ? resolved : firing).push(a.alert.fingerprint);
  return { firing, resolved };
}

/**
 * AM's DedupStage and the send_resolved part of its RetryStage (reference §3.7, §3.8), per
 * integration: `entries[i]` is the nflog entry of `integrations[i]`, `now` the tick time.
 */
export function planNotifications(opts: {
  kept: readonly SnapshotAlert[];
  integrations: readonly ReceiverIntegration[];
  entries: readonly (NflogEntry | undefined)[];
  repeatIntervalMs: number;
  now: number;
}): IntegrationPlan[] {
  const sets = notifySets(opts.kept);
  const firing = new Set(sets.firing);
  const resolved = new Set(sets.resolved);
  return opts.integrations.map((integration, i): IntegrationPlan => {
    const reason = needsUpdate(opts.entries[i], {
      firing,
      resolved,
      sendResolved: integration.sendResolved,
      repeatIntervalMs: opts.repeatIntervalMs,
      now: opts.now,
    });
    if (!reason) return { action: 'skip', integration };
    if (integration.sendResolved) return { action: 'send', integration, reason, alerts: [...opts.kept] };
    if (firing.size === 0) return { action: 'log', integration, reason };
    return { action: 'send', integration, reason, alerts: opts.kept.filter((a) => !a.resolved) };
  });
}
