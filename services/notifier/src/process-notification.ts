import type { Config, IntegrationConfigs, IntegrationType } from '@tocsin/config';
import { type NflogKey, type NotificationLog, needsUpdate } from '@tocsin/nflog';
import type { NotifyJobData } from '@tocsin/queues';
import type { Logger } from '@tocsin/runtime';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { idempotencyKey } from './idempotency-key.js';
import { findIntegrationConfig } from './integration-config.js';
import type { Notifier } from './notifier.js';
import { NotifyError, RetryableError } from './notify-errors.js';
import type { NotifyMetrics } from './notify-metrics.js';
import { decideOnFailure, retryDeadline } from './retry-policy.js';

/** How a job ended, as its BullMQ return value (handy in tests and dashboards). */
export type NotifyOutcome =
  | 'sent'
  /** send_resolved is false and nothing fires: logged as notified, nothing sent (Alertmanager's RetryStage). */
  | 'resolved-only'
  /** The notification log says this was already sent (by another worker or an earlier run). */
  | 'already-sent'
  /** A newer notification of the group was already sent; this one is stale. */
  | 'superseded'
  /** A reload removed the receiver or integration. */
  | 'dropped';

export interface ProcessorDeps {
  type: IntegrationType;
  notifier: Notifier;
  nflog: NotificationLog;
  metrics: NotifyMetrics;
  logger: Logger;
  externalUrl: string;
  /** The current config and its hash. */
  config: () => { config: Config; hash: string | undefined };
  now?: () => number;
}

/** A failed attempt that BullMQ should retry after `retryDelayMs` (read by the Worker's backoff strategy). */
export class RetryAttemptError extends Error {
  override readonly name = 'RetryAttemptError';

  constructor(
    message: string,
    readonly retryDelayMs: number,
  ) {
    super(message);
  }
}

/** No attempt without a bound, even when the integration sets no timeout of its own. */
const MIN_ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * One notify job, Alertmanager's DedupStage re-check, RetryStage and SetNotifiesStage in order:
 * find the integration in the current config, ask the notification log whether it still has to
 * be sent, send one attempt, and log the success. A failure becomes a BullMQ retry, a delay of
 * this job only (429), or a final failure that stays in the failed set.
 */
export class NotificationProcessor {
  private readonly now: () => number;

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? Date.now;
  }

  async process(
    job: Job<NotifyJobData>,
    token: string | undefined,
    signal?: AbortSignal,
  ): Promise<NotifyOutcome> {
    const { deps } = this;
    const data = job.data;
    const name = `${data.receiver}/${deps.type}[${data.index}]`;
    const log = deps.logger.child({ integration: name, groupKey: data.groupKey, jobId: job.id });
    const { config, hash } = deps.config();
    const found = findIntegrationConfig(config, data.receiver, deps.type, data.index);
    if (!found) {
      log.info(
        { configHash: hash, jobConfigHash: data.configHash },
        'Integration not in the current configuration, dropping the notification',
      );
      return 'dropped';
    }
    const key: NflogKey = {
      groupKey: data.groupKey,
      receiver: data.receiver,
      integration: deps.type,
      index: data.index,
    };
    const entry = await deps.nflog.query(key);
    if (entry && entry.timestamp > data.flushedAt) {
      log.info(
        { logged: entry.timestamp, flushedAt: data.flushedAt },
        'A newer notification was already sent, dropping this one',
      );
      return 'superseded';
    }
    const sendResolved = found.send_resolved;
    const reason = needsUpdate(entry, {
      firing: new Set(data.firing),
      resolved: new Set(data.resolved),
      sendResolved,
      repeatIntervalMs: data.repeatIntervalMs,
      now: data.flushedAt,
    });
    if (!reason) {
      log.debug('Already notified, skipping');
      return 'already-sent';
    }
    let outcome: NotifyOutcome = 'sent';
    if (!sendResolved && data.firing.length === 0) {
      // Nothing is sent, but the log must learn the alerts resolved (Alertmanager's RetryStage).
      outcome = 'resolved-only';
    } else {
      const alerts = sendResolved ? data.alerts : data.alerts.filter((a) => a.status === 'firing');
      await this.attempt(job, token, signal, { ...data, alerts }, found, name, log);
    }
    await deps.nflog.log(
      key,
      { firing: data.firing, resolved: data.resolved, timestamp: data.flushedAt },
      data.repeatIntervalMs,
    );
    deps.metrics.notification(deps.type);
    return outcome;
  }

  private async attempt(
    job: Job<NotifyJobData>,
    token: string | undefined,
    signal: AbortSignal | undefined,
    notification: NotifyJobData,
    config: IntegrationConfigs[IntegrationType],
    name: string,
    log: Logger,
  ): Promise<void> {
    const { deps } = this;
    const now = this.now();
    const deadline = retryDeadline(notification.flushedAt, notification.groupIntervalMs);
    const configured = 'timeout' in config ? (config.timeout?.ms ?? 0) : 0;
    const window = Math.max(deadline - now, MIN_ATTEMPT_TIMEOUT_MS);
    const timeoutMs = configured > 0 ? Math.min(configured, window) : window;
    const started = performance.now();
    try {
      await deps.notifier.send(notification, config, {
        signal: signal ?? new AbortController().signal,
        timeoutMs,
        idempotencyKey: idempotencyKey(notification),
        externalUrl: deps.externalUrl,
        logger: log,
      });
    } catch (err) {
      deps.metrics.request(deps.type, (performance.now() - started) / 1000, false);
      const failure =
        err instanceof NotifyError ? err : new RetryableError(String((err as Error)?.message ?? err));
      const decision = decideOnFailure(failure, {
        failedBefore: job.attemptsMade,
        maxAttempts: Math.max(1, job.opts.attempts ?? 1),
        attempts: Math.max(1, job.attemptsStarted),
        now: this.now(),
        deadline,
      });
      if (decision.action === 'fail') {
        deps.metrics.notification(deps.type, decision.reason);
        log.error({ err: decision.message, reason: decision.reason }, 'Notify failed');
        throw new UnrecoverableError(`${name}: ${decision.message}`);
      }
      if (decision.action === 'delay') {
        log.warn(
          { err: failure.message, retryAt: new Date(decision.untilMs).toISOString() },
          'Notify rate limited, delaying this notification',
        );
        await job.moveToDelayed(decision.untilMs, token);
        throw new DelayedError();
      }
      log.warn(
        { err: failure.message, attempts: job.attemptsStarted, retryInMs: decision.delayMs },
        'Notify attempt failed, will retry later',
      );
      throw new RetryAttemptError(failure.message, decision.delayMs);
    }
    deps.metrics.request(deps.type, (performance.now() - started) / 1000, true);
    // Alertmanager logs a first-try success at debug and one after retries at info.
    const level = job.attemptsStarted > 1 ? 'info' : 'debug';
    log[level]({ attempts: job.attemptsStarted, alerts: notification.alerts.length }, 'Notify success');
  }
}
