import { createHash } from 'node:crypto';
import type { NotifyJobData } from '@tocsin/queues';

/**
 * A notification that failed finally (an unrecoverable error, or retries past the deadline or
 * the attempts). It holds the frozen job data, which by design carries no secret: the notifier
 * takes credentials from its own config, so a dead letter can be shown and replayed as is.
 */
export interface DeadLetter {
  id: string;
  receiver: string;
  integration: string;
  /** Position of the integration among the receiver's configs of its type. */
  index: number;
  groupKey: string;
  /** The notification as the flush froze it (without any replay marker). */
  notification: NotifyJobData;
  /** The notifier's final message: why it gave up and the receiver's last error. */
  lastError: string;
  /** Alertmanager's failure reason of the last attempt (clientError, serverError, ...). */
  reason: string;
  /** Attempts made by the last job (the original, or the last replay). */
  attempts: number;
  /** ms since the epoch. */
  firstFailedAt: number;
  lastFailedAt: number;
  /** How often it was replayed and failed again. */
  replays: number;
  /** The BullMQ job that failed last, in queue `notify.<integration>`. */
  jobId: string;
}

/** What the notifier knows when a job fails finally. */
export interface FinalFailure {
  notification: NotifyJobData;
  jobId: string;
  lastError: string;
  reason: string;
  attempts: number;
  /** ms since the epoch. */
  failedAt: number;
}

/**
 * The id of a failed job's dead letter: the same for every re-run of that job (so a crash after
 * the write and before BullMQ's ack files it once), and the same for every replay of it.
 */
export function deadLetterId(failure: Pick<FinalFailure, 'notification' | 'jobId'>): string {
  const replayed = failure.notification.replay?.deadLetterId;
  if (replayed) return replayed;
  return createHash('sha1')
    .update(`${failure.notification.integration}\u0000${failure.jobId}`)
    .digest('hex')
    .slice(0, 20);
}

/** The record to store for a final failure. */
export function deadLetterOf(failure: FinalFailure): DeadLetter {
  const { replay, ...notification } = failure.notification;
  return {
    id: deadLetterId(failure),
    receiver: notification.receiver,
    integration: notification.integration,
    index: notification.index,
    groupKey: notification.groupKey,
    notification,
    lastError: failure.lastError,
    reason: failure.reason,
    attempts: failure.attempts,
    firstFailedAt: replay?.firstFailedAt ?? failure.failedAt,
    lastFailedAt: failure.failedAt,
    replays: replay?.replays ?? 0,
    jobId: failure.jobId,
  };
}
