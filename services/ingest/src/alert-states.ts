import { groupKeys } from '@tocsin/dispatcher';
import { isResolved } from '@tocsin/model';
import { viewAlert } from './alert-view.js';
import type { IngestContext } from './ingest-context.js';

export const ALERT_STATES = ['active', 'suppressed', 'unprocessed'] as const;
export type AlertStateCounts = Record<(typeof ALERT_STATES)[number], number>;

/**
 * `alertmanager_alerts{state}` at scrape time: the firing alerts of the store, counted as the
 * API shows them (silenced, inhibited or time-muted is `suppressed`), and `unprocessed` while no
 * dispatcher has put the alert into any of its aggregation groups yet. Resolved alerts are not
 * counted, as in Alertmanager. One store read plus one pipelined round trip.
 */
export async function countAlertStates(
  ctx: Pick<IngestContext, 'store' | 'silences' | 'redis' | 'prefix' | 'now' | 'state' | 'hasState'>,
): Promise<AlertStateCounts> {
  const counts: AlertStateCounts = { active: 0, suppressed: 0, unprocessed: 0 };
  if (!ctx.hasState()) return counts;
  const now = ctx.now();
  const { routes, inhibitor } = ctx.state();
  const listed = await ctx.store.list({ now });
  inhibitor.index(listed, now);
  const firing = listed.filter((alert) => !isResolved(alert, now));
  if (firing.length === 0) return counts;
  const keys = groupKeys(ctx.prefix);
  const groupsOf = firing.map((alert) => routes.groupsFor(alert.labels).map((g) => g.id));
  const groupIds = [...new Set(groupsOf.flat())];
  const pipeline = ctx.redis.pipeline();
  for (const id of groupIds) pipeline.hget(keys.group(id), 'mutedBy');
  firing.forEach((alert, i) => {
    for (const id of groupsOf[i] ?? []) pipeline.hexists(keys.members(id), alert.fingerprint);
  });
  const replies = (await pipeline.exec()) ?? [];
  const mutedBy = new Map<string, string[]>();
  groupIds.forEach((id, i) => {
    const raw = replies[i]?.[1];
    if (typeof raw === 'string') mutedBy.set(id, JSON.parse(raw) as string[]);
  });
  let next = groupIds.length;
  firing.forEach((alert, i) => {
    const ids = groupsOf[i] ?? [];
    let member = false;
    for (const _ of ids) if (replies[next++]?.[1] === 1) member = true;
    if (!member) {
      counts.unprocessed++;
      return;
    }
    const muted = [...new Set(ids.flatMap((id) => mutedBy.get(id) ?? []))];
    counts[viewAlert(alert, ctx.silences, inhibitor, now, muted).state]++;
  });
  return counts;
}
