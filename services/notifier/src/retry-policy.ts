import { alertmanagerBackoff } from './backoff.js';
import { type FailureReason, type NotifyError, RateLimitedError } from './notify-errors.js';

/** Alertmanager's flush deadline is max(group_interval, 10s); its default group_interval is 5m. */
const MIN_RETRY_WINDOW_MS = 10_000;
const DEFAULT_GROUP_INTERVAL_MS = 5 * 60_000;

/**
 * Until when a notification may be retried: Alertmanager gives up at the flush deadline, so a
 * notification never outlives the next tick of its group (which would send a fresher one).
 */
export function retryDeadline(flushedAt: number, groupIntervalMs: number | undefined): number {
  return flushedAt + Math.max(groupIntervalMs ?? DEFAULT_GROUP_INTERVAL_MS, MIN_RETRY_WINDOW_MS);
}

export interface AttemptState {
  /** Failed attempts before this one (BullMQ's attemptsMade). */
  failedBefore: number;
  /** The job's `attempts` option. */
  maxAttempts: number;
  /** Attempts so far including this one, for messages. */
  attempts: number;
  now: number;
  deadline: number;
}

export type FailureDecision =
  | { action: 'retry'; delayMs: number }
  | { action: 'delay'; untilMs: number }
  | { action: 'fail'; message: string; reason: FailureReason };

/** What to do with a job whose attempt failed, in Alertmanager's words when it gives up. */
export function decideOnFailure(
  err: NotifyError,
  state: AttemptState,
  random: () => number = Math.random,
): FailureDecision {
  const { reason } = err;
  if (err.kind === 'unrecoverable') {
    return {
      action: 'fail',
      reason,
      message: `notify retry canceled due to unrecoverable error after ${state.attempts} attempts: ${err.message}`,
    };
  }
  const giveUp = (why = ''): FailureDecision => ({
    action: 'fail',
    reason,
    message: `notify retry canceled after ${state.attempts} attempts${why}: ${err.message}`,
  });
  if (err instanceof RateLimitedError && err.retryAfterMs !== undefined) {
    const untilMs = state.now + err.retryAfterMs;
    // Delays do not use up attempts; the deadline is what bounds them.
    return untilMs <= state.deadline
      ? { action: 'delay', untilMs }
      : giveUp(' (Retry-After is past the deadline)');
  }
  if (state.failedBefore + 1 >= state.maxAttempts) return giveUp();
  const delayMs = alertmanagerBackoff(state.failedBefore + 1, random);
  if (state.now + delayMs > state.deadline) return giveUp();
  return { action: 'retry', delayMs };
}
