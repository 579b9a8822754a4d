/** Alertmanager's `notifications_failed_total{reason}` values (notify/util.go `Reason`). */
export const FAILURE_REASONS = [
  'other',
  'clientError',
  'serverError',
  'contextCanceled',
  'contextDeadlineExceeded',
  'authError',
  'rateLimited',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** What a Notifier throws when a send fails; the kind decides what happens to the job. */
export abstract class NotifyError extends Error {
  abstract readonly kind: 'retryable' | 'unrecoverable' | 'rate-limited';

  constructor(
    message: string,
    readonly reason: FailureReason = 'other',
  ) {
    super(message);
  }
}

/** Worth another attempt with backoff: 5xx, network errors, timeouts. */
export class RetryableError extends NotifyError {
  override readonly name = 'RetryableError';
  readonly kind = 'retryable';
}

/** Retrying cannot help: a 4xx, a config the notifier cannot use. The job fails at once. */
export class UnrecoverableNotifyError extends NotifyError {
  override readonly name = 'UnrecoverableNotifyError';
  readonly kind = 'unrecoverable';
}

/** The receiver asked us to slow down: only this job waits, for `retryAfterMs` when known. */
export class RateLimitedError extends NotifyError {
  override readonly name = 'RateLimitedError';
  readonly kind = 'rate-limited';

  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, 'rateLimited');
  }
}

/** Alertmanager's `GetFailureReasonFromStatusCode`. */
export function reasonForStatus(status: number): FailureReason {
  if (status === 401 || status === 403) return 'authError';
  if (status === 429) return 'rateLimited';
  if (status >= 400 && status < 500) return 'clientError';
  if (status >= 500 && status < 600) return 'serverError';
  return 'other';
}
