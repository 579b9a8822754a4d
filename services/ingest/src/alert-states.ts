import { groupKeys } from '@tocsin/dispatcher';
import { isResolved } from '@tocsin/model';
import { ALERTS_QUEUE, type AlertsJobData } from '@tocsin/queues';
import type { Queue } from 'bullmq';
import { viewAlert } from './alert-view.js';
import type { IngestContext } from './ingest-context.js';

export const ALERT_STATES = ['active', 'suppressed', 'unprocessed'] as const;
export type AlertStateCounts = Record<(typeof ALERT_STATES)[number], number>;

// Pending `alerts` jobs read per scrape; a backlog beyond this is reported as far as it was read.
const MAX_PENDING_JOBS = 1000;

type Sources = Pick<IngestContext, 'store' | 'silences' | 'redis' | 'prefix' | 'now' | 'state' | 'hasState'>;

/**
 * `alertmanager_alerts{state}`: the firing alerts of the store (resolved ones are not counted,
 * as in Alertmanager), `unprocessed` while an `alerts` job carrying them still waits for a
 * dispatcher, otherwise `suppressed` when silenced, inhibited or time-muted as the API shows
 * them, else `active`. One store read; the group markers are read only when the config has
 * time intervals (nothing else can mute a group).
 */
export async function countAlertStates(ctx: Sources, queues: readonly Queue[]): Promise<AlertStateCounts> {
  const counts: AlertStateCounts = { active: 0, suppressed: 0, unprocessed: 0 };
  if (!ctx.hasState()) return counts;
  const now = ctx.now();
  const { config, routes, inhibitor } = ctx.state();
  const alertsQueue = queues.find((q) => q.name === ALERTS_QUEUE);
  const [listed, pending] = await Promise.all([
    ctx.store.list({ now }),
    alertsQueue ? pendingFingerprints(alertsQueue) : new Set<string>(),
  ]);
  inhibitor.index(listed, now);
  const firing = listed.filter((alert) => !isResolved(alert, now));
  const timeIntervals = config.time_intervals.length + config.mute_time_intervals.length > 0;
  const mutedBy = timeIntervals ? await groupMutes(ctx, firing, routes) : undefined;
  for (const alert of firing) {
    if (pending.has(alert.fingerprint)) {
      counts.unprocessed++;
      continue;
    }
    counts[viewAlert(alert, ctx.silences, inhibitor, now, mutedBy?.get(alert.fingerprint)).state]++;
  }
  return counts;
}

/** Fingerprints carried by `alerts` jobs no dispatcher has finished yet. */
async function pendingFingerprints(queue: Queue): Promise<Set<string>> {
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, MAX_PENDING_JOBS - 1);
  return new Set(jobs.flatMap((job) => (job?.data as AlertsJobData | undefined)?.fingerprints ?? []));
}

/** Per fingerprint, the time intervals that muted its groups at their last flush. */
async function groupMutes(
  ctx: Sources,
  alerts: readonly { fingerprint: string; labels: Record<string, string> }[],
  routes: ReturnType<IngestContext['state']>['routes'],
): Promise<Map<string, string[]>> {
  const groupsOf = alerts.map((alert) => routes.groupsFor(alert.labels).map((g) => g.id));
  const ids = [...new Set(groupsOf.flat())];
  const keys = groupKeys(ctx.prefix);
  const pipeline = ctx.redis.pipeline();
  for (const id of ids) pipeline.hget(keys.group(id), 'mutedBy');
  const replies = (await pipeline.exec()) ?? [];
  const byGroup = new Map<string, string[]>();
  ids.forEach((id, i) => {
    const raw = replies[i]?.[1];
    if (typeof raw === 'string') byGroup.set(id, JSON.parse(raw) as string[]);
  });
  const out = new Map<string, string[]>();
  alerts.forEach((alert, i) => {
    const names = [...new Set((groupsOf[i] ?? []).flatMap((id) => byGroup.get(id) ?? []))];
    if (names.length > 0) out.set(alert.fingerprint, names);
  });
  return out;
}
