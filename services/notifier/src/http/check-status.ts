import {
  RateLimitedError,
  RetryableError,
  reasonForStatus,
  UnrecoverableNotifyError,
} from '../notify-errors.js';
import type { HttpResponse } from './http-client.js';
import { parseRetryAfter } from './retry-after.js';

export interface StatusPolicy {
  /** Extra statuses to retry besides 5xx (Alertmanager's `Retrier.RetryCodes`). */
  retryCodes?: readonly number[];
}

/**
 * Alertmanager's `Retrier.Check`: 2xx is success, 5xx (and `retryCodes`) are retried, anything
 * else fails at once, with `unexpected status code N: <body>`. Unlike Alertmanager, a 429 is
 * retried after its Retry-After (or with backoff when it has none), delaying only this job.
 */
export function checkStatus(res: HttpResponse, policy: StatusPolicy = {}, now = Date.now()): void {
  const { status } = res;
  if (status >= 200 && status < 300) return;
  const message =
    res.body === '' ? `unexpected status code ${status}` : `unexpected status code ${status}: ${res.body}`;
  if (status === 429) throw new RateLimitedError(message, parseRetryAfter(res.headers['retry-after'], now));
  const reason = reasonForStatus(status);
  if ((status >= 500 && status < 600) || policy.retryCodes?.includes(status)) {
    throw new RetryableError(message, reason);
  }
  throw new UnrecoverableNotifyError(message, reason);
}
