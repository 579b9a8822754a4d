import type { LabelSet } from '@tocsin/model';
import { jobId, type NotifyAlert, type NotifyJobData } from '@tocsin/queues';
import type { SnapshotAlert } from './flush-snapshot.js';
import type { NotifySets } from './notify-plan.js';
import type { ReceiverIntegration } from './receiver-integrations.js';

/** What a flush knows about its group when it builds a notification. */
export interface FlushContext {
  groupKey: string;
  receiver: string;
  groupLabels: LabelSet;
  routeLabels: LabelSet;
  repeatIntervalMs: number;
  groupIntervalMs: number;
  /** The tick time. */
  now: number;
  configHash: string;
}

export interface NotifyJob {
  data: NotifyJobData;
  /** One per (group, receiver, integration, tick): a re-run of the same flush is refused. */
  id: string;
  /**
   * One per (group, receiver, integration, alert sets): while a notification with these sets is
   * still waiting or retrying, a later tick does not queue a second copy of it.
   */
  deduplicationId: string;
}

export function notifyJob(
  ctx: FlushContext,
  integration: ReceiverIntegration,
  reason: NotifyJobData['reason'],
  alerts: readonly SnapshotAlert[],
  sets: NotifySets,
): NotifyJob {
  const slot = [ctx.groupKey, ctx.receiver, integration.type, integration.index] as const;
  const data: NotifyJobData = {
    receiver: ctx.receiver,
    integration: integration.type,
    index: integration.index,
    groupKey: ctx.groupKey,
    groupLabels: ctx.groupLabels,
    routeLabels: ctx.routeLabels,
    alerts: alerts.map(toNotifyAlert),
    firing: sets.firing,
    resolved: sets.resolved,
    repeatIntervalMs: ctx.repeatIntervalMs,
    groupIntervalMs: ctx.groupIntervalMs,
    reason,
    flushedAt: ctx.now,
    configHash: ctx.configHash,
  };
  return {
    data,
    id: jobId('notify', ...slot, ctx.now),
    deduplicationId: jobId(
      'notify-sets',
      ...slot,
      [...sets.firing].sort().join(','),
      [...sets.resolved].sort().join(','),
    ),
  };
}

function toNotifyAlert({ alert, resolved }: SnapshotAlert): NotifyAlert {
  return {
    fingerprint: alert.fingerprint,
    status: resolved ? 'resolved' : 'firing',
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: alert.startsAt,
    endsAt: alert.endsAt,
    generatorURL: alert.generatorURL,
  };
}
