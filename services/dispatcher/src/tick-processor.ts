import type { Alert } from '@tocsin/model';
import { linksFromCarriers, trace } from '@tocsin/telemetry';
import type { DispatcherContext } from './dispatcher-context.js';
import { flushGroup } from './flush.js';
import type { TickJobData } from './flush-queue.js';
import type { FlushOutcome } from './group-store.js';
import { nextFlushAt } from './group-timing.js';
import { misplacedMembers, rehome } from './rehome.js';

/** How a tick ended; logged, and what tests look at. */
export type TickResult =
  | 'gone' // the group no longer exists, or exists with another epoch
  | 'stale' // a later tick of the chain already started
  | 'dropped' // the group's route is gone from the config
  | 'deleted' // no member was left
  | 'done' // this tick's flush had already finished (a re-run)
  | 'flushed';

/**
 * One tick of a group's chain: schedule the next tick first (so a crash from here on cannot
 * break the chain), claim the tick, let the previous flush's resolved alerts go if its
 * notifications went out, re-place members after a reload, then flush.
 */
export async function processTick(ctx: DispatcherContext, job: TickJobData): Promise<TickResult> {
  const state = ctx.state();
  const { groupId, epoch, tick, dueAt } = job;
  const timer = await ctx.groups.timer(groupId);
  if (!timer || timer.epoch !== epoch) return 'gone';
  if (timer.tick !== undefined && timer.tick > tick) return 'stale';
  const route = state.routes.byId(timer.route);
  if (!route) {
    const stored = await ctx.groups.read(groupId);
    if (!stored || stored.group.epoch !== epoch) return 'gone';
    await rehome(ctx, state, stored.members);
    await ctx.groups.drop(stored.group);
    return 'dropped';
  }

  const nextDue = nextFlushAt({
    kind: 'ticked',
    now: ctx.now(),
    dueAt,
    groupIntervalMs: route.groupInterval,
  });
  await ctx.flushQueue.schedule(
    { groupId, epoch, tick: tick + 1, dueAt: nextDue },
    route.groupInterval,
    ctx.now(),
  );
  // The flush span links to the `alerts process` spans that added to the group since the last
  // claim (read only while it records): the notifications it queues carry their alerts.
  const span = trace.getActiveSpan();
  const takeLinks = span?.isRecording() === true;
  const claim = await ctx.groups.claim({
    groupId,
    epoch,
    tick,
    dueAt,
    nextDue,
    receiver: route.receiver,
    takeLinks,
  });
  if (claim.status !== 'ok') return claim.status;
  if (takeLinks && claim.links.length > 0) span?.addLinks(linksFromCarriers(claim.links));
  const { group } = claim;
  if (group.flushed !== undefined && group.flushed >= tick) return 'done';

  let members = claim.members;
  if (group.outcome && group.outcome.tick < tick && (await delivered(ctx, group.outcome))) {
    if ((await ctx.groups.removeMembers(group, group.outcome.resolved)) <= 0) return 'deleted';
    members = without(members, group.outcome.resolved);
  }
  const configHash = ctx.configHash();
  if (group.config !== configHash) {
    const misplaced = misplacedMembers(state, group, members);
    if (misplaced.length > 0) {
      await rehome(ctx, state, misplaced);
      const moved = misplaced.map((a): [string, number] => [a.fingerprint, a.updatedAt]);
      if ((await ctx.groups.removeMembers(group, moved)) <= 0) return 'deleted';
      members = without(members, moved);
    }
  }

  const { mutedBy, outcome } = await flushGroup(ctx, state, route, group, members, tick, dueAt);
  if (outcome.pending.length > 0) {
    await ctx.groups.finish(group, tick, outcome, mutedBy, configHash);
    return 'flushed';
  }
  // Nothing in flight: the flush already succeeded, so its resolved alerts go now (AM: on
  // success, DeleteIfNotModified; an empty group is destroyed).
  await ctx.groups.finish(group, tick, undefined, mutedBy, configHash);
  if (outcome.resolved.length > 0 && (await ctx.groups.removeMembers(group, outcome.resolved)) <= 0) {
    return 'deleted';
  }
  return 'flushed';
}

/**
 * Whether every notification of a flush went out: the notifier logs an entry stamped with the
 * flush's tick time (or a later one) only after a successful send.
 */
async function delivered(ctx: DispatcherContext, outcome: FlushOutcome): Promise<boolean> {
  if (outcome.pending.length === 0) return true;
  const entries = await ctx.nflog.queryMany(outcome.pending);
  return entries.every((entry) => entry !== undefined && entry.timestamp >= outcome.at);
}

function without(members: readonly Alert[], removed: readonly [string, number][]): Alert[] {
  const gone = new Set(removed.map(([fp, updatedAt]) => `${fp}|${updatedAt}`));
  return members.filter((a) => !gone.has(`${a.fingerprint}|${a.updatedAt}`));
}
