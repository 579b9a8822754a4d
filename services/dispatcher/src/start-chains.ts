import type { RouteNode } from '@tocsin/routing';
import type { DispatcherContext } from './dispatcher-context.js';
import type { CreatedGroup } from './group-store.js';

/** Schedules tick 0 of each group just created; `routes` maps a group id to its route. */
export async function startChains(
  ctx: DispatcherContext,
  created: readonly CreatedGroup[],
  routes: ReadonlyMap<string, RouteNode>,
): Promise<void> {
  await Promise.all(
    created.map((g) =>
      ctx.flushQueue.schedule(
        { groupId: g.groupId, epoch: g.epoch, tick: 0, dueAt: g.firstDue },
        routes.get(g.groupId)?.groupInterval ?? 0,
        ctx.now(),
      ),
    ),
  );
}
