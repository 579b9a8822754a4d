import type { IntegrationConfigs, IntegrationType } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import type { Logger } from '@tocsin/runtime';

/** What a Notifier needs besides the notification and its config. */
export interface NotifyContext {
  /** Aborts the send: the attempt's timeout, or the worker shutting down. */
  signal: AbortSignal;
  /** The longest one attempt may take (the integration's `timeout`, bounded by the deadline). */
  timeoutMs: number;
  /** The same on every attempt of one notification, so receivers can drop repeats. */
  idempotencyKey: string;
  /** `--web.external-url`, for `externalURL` in payloads and links. */
  externalUrl: string;
  logger: Logger;
}

/**
 * One integration type (webhook, email, ...). `send` makes one attempt; it resolves on success
 * and throws a RetryableError, UnrecoverableNotifyError or RateLimitedError otherwise. Retries,
 * the notification log and metrics are the caller's business. `notification.alerts` are the
 * alerts to send: resolved ones are already dropped when `send_resolved` is false.
 */
export interface Notifier<T extends IntegrationType = IntegrationType> {
  readonly type: T;
  send(notification: NotifyJobData, config: IntegrationConfigs[T], ctx: NotifyContext): Promise<void>;
  /** Releases connections; called once at shutdown. */
  close(): Promise<void>;
  /** A reload may have changed or removed configs: drop anything cached for them. */
  configChanged?(): void;
}
