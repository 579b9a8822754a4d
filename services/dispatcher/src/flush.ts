import type { Alert } from '@tocsin/model';
import type { NflogKey } from '@tocsin/nflog';
import type { RouteNode } from '@tocsin/routing';
import type { DispatcherContext } from './dispatcher-context.js';
import { type DispatcherState, newInhibitor } from './dispatcher-state.js';
import { snapshotAt } from './flush-snapshot.js';
import type { FlushOutcome, GroupRecord } from './group-store.js';
import { applyMutes } from './mute-stages.js';
import { type FlushContext, notifyJob } from './notify-job.js';
import { notifySets, planNotifications } from './notify-plan.js';
import { receiverIntegrations } from './receiver-integrations.js';

export interface FlushResult {
  mutedBy: string[];
  /** What the flush must wait for before its resolved alerts may leave the group. */
  outcome: FlushOutcome;
}

/**
 * One flush of one group at tick time `now`, in AM's pipeline order (reference §3.7): snapshot,
 * inhibition, time intervals, silences, then per integration of the receiver the nflog check
 * and either a `notify.<integration>` job, an nflog entry (send_resolved off, only resolved
 * alerts), or nothing. Never sends anything itself.
 */
export async function flushGroup(
  ctx: DispatcherContext,
  state: DispatcherState,
  route: RouteNode,
  group: GroupRecord,
  members: readonly Alert[],
  tick: number,
  now: number,
): Promise<FlushResult> {
  const snapshot = snapshotAt(members, now);
  const resolved = snapshot
    .filter((a) => a.resolved)
    .map((a): [string, number] => [a.alert.fingerprint, a.updatedAt]);
  const outcome: FlushOutcome = { tick, at: now, resolved, pending: [] };

  const inhibitor =
    state.inhibitRules.length > 0
      ? newInhibitor(state).index(await ctx.inhibitSources.alerts(), now)
      : undefined;
  // Catches up with silences written elsewhere whose change message has not arrived yet.
  await ctx.silences.list({ states: [] });
  const muted = applyMutes(snapshot, {
    now,
    inhibitedBy: (labels) => inhibitor?.mutedBy(labels, now),
    silencedBy: (labels) => ctx.silences.mutes(labels, now),
    activeTimeIntervals: route.activeTimeIntervals,
    muteTimeIntervals: route.muteTimeIntervals,
    intervals: state.intervals,
  });
  ctx.metrics.countSuppressed(muted.suppressed);
  if (muted.kept.length === 0) return { mutedBy: muted.mutedBy, outcome };

  const receiver = state.receivers.get(route.receiver);
  if (!receiver) throw new Error(`receiver ${JSON.stringify(route.receiver)} is not in the config`);
  const integrations = receiverIntegrations(receiver);
  const slots: NflogKey[] = integrations.map((i) => ({
    groupKey: group.key,
    receiver: receiver.name,
    integration: i.type,
    index: i.index,
  }));
  const entries = await ctx.nflog.queryMany(slots);
  const plans = planNotifications({
    kept: muted.kept,
    integrations,
    entries,
    repeatIntervalMs: route.repeatInterval,
    now,
  });
  const sets = notifySets(muted.kept);
  const flush: FlushContext = {
    groupKey: group.key,
    receiver: receiver.name,
    groupLabels: group.labels,
    routeLabels: { ...route.labels },
    repeatIntervalMs: route.repeatInterval,
    groupIntervalMs: route.groupInterval,
    now,
    configHash: ctx.configHash(),
  };
  await Promise.all(
    plans.map(async (plan, i) => {
      const slot = slots[i] as NflogKey;
      if (plan.action === 'send') {
        await ctx.notifyQueues.enqueue(notifyJob(flush, plan.integration, plan.reason, plan.alerts, sets));
        outcome.pending.push(slot);
      } else if (plan.action === 'log') {
        await ctx.nflog.log(
          slot,
          { firing: [], resolved: sets.resolved, timestamp: now },
          route.repeatInterval,
        );
      }
    }),
  );
  return { mutedBy: muted.mutedBy, outcome };
}
