import type { Alert } from '@tocsin/model';
import type { RouteNode } from '@tocsin/routing';
import type { DispatcherContext } from './dispatcher-context.js';
import type { DispatcherState } from './dispatcher-state.js';
import type { GroupRecord, Membership } from './group-store.js';
import { nextFlushAt } from './group-timing.js';
import { startChains } from './start-chains.js';

/**
 * After a reload, the members of `group` that the current routes no longer put there (route
 * gone, matchers or group_by changed). AM rebuilds every group on reload; Tocsin keeps its
 * groups and moves only these.
 */
export function misplacedMembers(
  state: DispatcherState,
  group: GroupRecord,
  members: readonly Alert[],
): Alert[] {
  return members.filter((alert) => !state.routes.groupsFor(alert.labels).some((g) => g.id === group.groupId));
}

/**
 * Puts alerts into the groups the current routes give them. A group created here waits its
 * group_wait: the immediate flush is for alerts that just arrived, not for alerts a reload
 * moved (AM #2492, #3407).
 */
export async function rehome(
  ctx: DispatcherContext,
  state: DispatcherState,
  alerts: readonly Alert[],
): Promise<void> {
  const memberships: Membership[] = [];
  const routes = new Map<string, RouteNode>();
  const now = ctx.now();
  for (const alert of alerts) {
    for (const group of state.routes.groupsFor(alert.labels)) {
      const first = nextFlushAt({
        kind: 'created',
        now,
        startsAt: alert.startsAt,
        groupWaitMs: group.route.groupWait,
        moved: true,
      });
      memberships.push({ group, alert, firstFlushOffsetMs: first - now });
      routes.set(group.id, group.route);
    }
  }
  const created = await ctx.groups.addMembers(memberships, now);
  await startChains(ctx, created, routes);
}
