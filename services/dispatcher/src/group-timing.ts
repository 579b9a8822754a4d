/**
 * What just happened to an aggregation group, as far as its timer cares:
 * - `created`: an alert created the group (`now`), `startsAt` is that first alert's;
 *   `moved` when a reload moved the alert here from a group the new routes no longer give it;
 * - `ticked`: the tick due at `dueAt` started running at `now`.
 */
export type TimingEvent =
  | { kind: 'created'; now: number; startsAt: number; groupWaitMs: number; moved?: boolean }
  | { kind: 'ticked'; now: number; dueAt: number; groupIntervalMs: number };

/**
 * Every timer rule of an aggregation group (reference §3.4), in one place: when its next flush
 * is due. `repeat_interval` is not a timer: each tick asks the notification log, so a repeat
 * goes out on the first tick at least repeat_interval after the last notification.
 *
 * - A new group flushes after group_wait, or at once when its first alert's
 *   `startsAt + group_wait` is already past (AM's immediate flush, `Before(now)`: strictly).
 *   Only a genuinely new group gets here: an existing group's timer is never touched, so an
 *   alert joining it waits for the next tick, and a config reload changes no timer. A group
 *   created for alerts a reload moved waits group_wait whatever their age: the immediate
 *   flush of rebuilt groups is what sends AM's early partial notifications (#2492, #3407).
 * - Each tick is followed by one group_interval later, on the grid of the previous due time
 *   (so lateness never accumulates), under the group_interval in force now (a reload may
 *   change it). A tick that starts so late that later grid points have passed skips them:
 *   as AM resets its timer from the moment it fires, missed ticks never run back to back.
 */
export function nextFlushAt(event: TimingEvent): number {
  if (event.kind === 'created') {
    const overdue = !event.moved && event.startsAt + event.groupWaitMs < event.now;
    return overdue ? event.now : event.now + event.groupWaitMs;
  }
  const interval = Math.max(1, event.groupIntervalMs);
  const steps = Math.max(1, Math.ceil((event.now - event.dueAt) / interval));
  return event.dueAt + steps * interval;
}
