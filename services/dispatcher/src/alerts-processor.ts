import type { Alert } from '@tocsin/model';
import type { AlertsJobData } from '@tocsin/queues';
import type { RouteNode } from '@tocsin/routing';
import { trace, traceCarrier } from '@tocsin/telemetry';
import type { DispatcherContext } from './dispatcher-context.js';
import type { Membership } from './group-store.js';
import { nextFlushAt } from './group-timing.js';
import { startChains } from './start-chains.js';
import type { Sweeper } from './sweep.js';

/**
 * One `alerts` job (AM's processAlert for each alert): read the alerts the ingest stored, route
 * them, put each into one group per matching route, and start the timer chain of every group
 * this created. A re-run (`retry`) also revives chains its first run may have created the
 * group for but not started.
 */
export async function processAlerts(
  ctx: DispatcherContext,
  sweeper: Sweeper,
  data: AlertsJobData,
  retry: boolean,
): Promise<void> {
  const state = ctx.state();
  const stored = await ctx.store.getMany([...new Set(data.fingerprints)]);
  const now = ctx.now();
  const memberships: Membership[] = [];
  const routes = new Map<string, RouteNode>();
  for (const alert of stored.filter((a): a is Alert => a !== undefined)) {
    for (const group of state.routes.groupsFor(alert.labels)) {
      const first = nextFlushAt({
        kind: 'created',
        now,
        startsAt: alert.startsAt,
        groupWaitMs: group.route.groupWait,
      });
      memberships.push({ group, alert, firstFlushOffsetMs: first - now });
      routes.set(group.id, group.route);
    }
  }
  // While the `alerts process` span records, groups that already exist keep its context for
  // their next flush to link to: that flush, not this job's trace, sends the new alerts.
  const recording = trace.getActiveSpan()?.isRecording() === true;
  const created = await ctx.groups.addMembers(memberships, now, recording ? traceCarrier() : undefined);
  await startChains(ctx, created, routes);
  if (retry) for (const groupId of routes.keys()) await sweeper.revive(groupId);
}
