import type { Config, IntegrationConfigs, IntegrationType } from '@tocsin/config';
import type { DeadLetters } from '@tocsin/dead-letters';
import { type NflogKey, type NotificationLog, needsUpdate } from '@tocsin/nflog';
import { type NotifyJobData, notifyQueue } from '@tocsin/queues';
import type { ReceiverStatus } from '@tocsin/receiver-status';
import type { Logger } from '@tocsin/runtime';
import { ATTR, contextFromCarrier, inSpan, SPAN, SpanKind } from '@tocsin/telemetry';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { idempotencyKey } from './idempotency-key.js';
import { findIntegrationConfig } from './integration-config.js';
import type { Notifier } from './notifier.js';
import { type FailureReason, NotifyError, RetryableError } from './notify-errors.js';
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
  /** Where a notification that fails finally is kept for replay. */
  deadLetters: DeadLetters;
  /** Records every attempt for `GET /api/tocsin/v1/receivers`. */
  status: ReceiverStatus;
  metrics: NotifyMetrics;
  logger: Logger;
  externalUrl: string;
  /** The current config and its hash. */
  config: () => { config: Config; hash: string | undefined };
  now?: () => number;
}

/** A failed attempt that BullMQ should retry after `retryDelayMs` (read by the Worker's backoff strategy). */
class RetryAttemptError extends Error {
  override readonly name = 'RetryAttemptError';

  constructor(
    message: string,
    readonly retryDelayMs: number,
  ) {
    super(message);
  }
}

/** The final failure of a notification: BullMQ does not retry it; `deadLettered` once it is filed. */
class FinalNotifyError extends UnrecoverableError {
  constructor(
    name: string,
    /** Why it gave up, in Alertmanager's words, without the integration name. */
    readonly detail: string,
    readonly reason: FailureReason,
    readonly deadLettered: boolean,
  ) {
    super(`${name}: ${detail}`);
  }
}

/** No attempt without a bound, even when the integration sets no timeout of its own. */
const MIN_ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * One notify job, Alertmanager's DedupStage re-check, RetryStage and SetNotifiesStage in order:
 * find the integration in the current config, ask the notification log whether it still has to
 * be sent, send one attempt, and log the success. A failure becomes a BullMQ retry, a delay of
 * this job only (429), or a final failure filed as a dead letter. A replayed dead letter skips
 * the log's checks (an operator asked for it) but still never moves the log back in time.
 */
export class NotificationProcessor {
  private readonly now: () => number;

  constructor(private readonly deps: ProcessorDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** One attempt of a notify job, in a span that is a child of the flush that queued it. */
  process(job: Job<NotifyJobData>, token: string | undefined, signal?: AbortSignal): Promise<NotifyOutcome> {
    const data = job.data;
    return inSpan(
      `${SPAN.notify} ${this.deps.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          [ATTR.messagingSystem]: 'bullmq',
          [ATTR.messagingDestination]: notifyQueue(this.deps.type),
          [ATTR.messagingOperation]: 'process',
          [ATTR.messagingMessageId]: job.id ?? '',
          [ATTR.receiver]: data.receiver,
          [ATTR.integration]: this.deps.type,
          [ATTR.groupKey]: data.groupKey,
          [ATTR.attempt]: job.attemptsStarted,
          [ATTR.alerts]: data.alerts.length,
        },
      },
      async (span) => {
        const outcome = await this.processJob(job, token, signal);
        span.setAttribute(ATTR.outcome, outcome);
        return outcome;
      },
      contextFromCarrier(data.traceContext),
    );
  }

  private async processJob(
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
      // An operator asked for this one: it goes back to the dead letters rather than vanish.
      if (data.replay) {
        await deps.deadLetters.record({
          notification: data,
          jobId: String(job.id),
          lastError: `${name}: not in the current configuration (removed by a reload)`,
          reason: 'other',
          attempts: 0,
          failedAt: this.now(),
        });
      }
      return 'dropped';
    }
    const key: NflogKey = {
      groupKey: data.groupKey,
      receiver: data.receiver,
      integration: deps.type,
      index: data.index,
    };
    const entry = await deps.nflog.query(key);
    if (data.replay) {
      log.info(
        { deadLetter: data.replay.deadLetterId, replays: data.replay.replays },
        'Replaying a dead letter',
      );
    } else if (entry && entry.timestamp > data.flushedAt) {
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
    if (!reason && !data.replay) {
      log.debug('Already notified, skipping');
      return 'already-sent';
    }
    let outcome: NotifyOutcome = 'sent';
    let statusRecorded: Promise<void> | undefined;
    if (!sendResolved && data.firing.length === 0) {
      // Nothing is sent, but the log must learn the alerts resolved (Alertmanager's RetryStage).
      outcome = 'resolved-only';
    } else {
      const alerts = sendResolved ? data.alerts : data.alerts.filter((a) => a.status === 'firing');
      ({ statusRecorded } = await this.attempt(job, token, signal, { ...data, alerts }, found, name, log));
    }
    // The receiver status and the log entry are written together: one round trip to wait for, not two.
    await Promise.all([
      statusRecorded,
      deps.nflog.log(
        key,
        { firing: data.firing, resolved: data.resolved, timestamp: data.flushedAt },
        data.repeatIntervalMs,
      ),
    ]);
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
  ): Promise<{ statusRecorded: Promise<void> }> {
    const { deps } = this;
    const now = this.now();
    // A replay gets a retry window of its own, counted from when it was asked for.
    const from = Math.max(notification.flushedAt, notification.replay?.replayedAt ?? 0);
    const deadline = retryDeadline(from, notification.groupIntervalMs);
    const configured = 'timeout' in config ? (config.timeout?.ms ?? 0) : 0;
    const window = Math.max(deadline - now, MIN_ATTEMPT_TIMEOUT_MS);
    const timeoutMs = configured > 0 ? Math.min(configured, window) : window;
    const started = performance.now();
    const startedAt = now;
    try {
      await deps.notifier.send(notification, config, {
        signal: signal ?? new AbortController().signal,
        timeoutMs,
        idempotencyKey: idempotencyKey(notification),
        externalUrl: deps.externalUrl,
        logger: log,
      });
    } catch (err) {
      const seconds = (performance.now() - started) / 1000;
      deps.metrics.request(deps.type, seconds, false);
      const failure =
        err instanceof NotifyError ? err : new RetryableError(String((err as Error)?.message ?? err));
      await this.recordAttempt(notification, startedAt, seconds, failure.message, log);
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
        // Filed before BullMQ hears of it: a crash in between re-runs the job, which files the
        // same dead letter again (one id per job) instead of losing it.
        const filed = await deps.deadLetters
          .record({
            notification: job.data,
            jobId: String(job.id),
            lastError: decision.message,
            reason: decision.reason,
            attempts: Math.max(1, job.attemptsStarted),
            failedAt: this.now(),
          })
          .then(
            () => true,
            (e: Error) => {
              log.warn(
                { err: e.message },
                'Could not file the dead letter yet, retrying on the failed event',
              );
              return false;
            },
          );
        throw new FinalNotifyError(name, decision.message, decision.reason, filed);
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
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.request(deps.type, seconds, true);
    // Alertmanager logs a first-try success at debug and one after retries at info.
    const level = job.attemptsStarted > 1 ? 'info' : 'debug';
    log[level]({ attempts: job.attemptsStarted, alerts: notification.alerts.length }, 'Notify success');
    // Not awaited here: the caller sends it with the notification log entry (it never rejects).
    // Wrapped: an async function would wait for a promise it returns bare.
    return { statusRecorded: this.recordAttempt(notification, startedAt, seconds, undefined, log) };
  }

  /** The receiver status is for people: failing to record it never fails a notification. */
  private async recordAttempt(
    n: NotifyJobData,
    at: number,
    seconds: number,
    error: string | undefined,
    log: Logger,
  ): Promise<void> {
    const ref = { receiver: n.receiver, integration: this.deps.type, index: n.index };
    await this.deps.status
      .record(ref, { at, durationMs: seconds * 1000, error })
      .catch((err: Error) => log.warn({ err: err.message }, 'Could not record the receiver status'));
  }

  /**
   * BullMQ's `failed` event: files the final failures the processor did not (a job stalled too
   * often, an error outside the send on its last attempt, a dead letter write that failed).
   */
  async failed(job: Job<NotifyJobData> | undefined, err: Error): Promise<void> {
    if (!job?.finishedOn || (err instanceof FinalNotifyError && err.deadLettered)) return;
    try {
      await this.deps.deadLetters.record({
        notification: job.data,
        jobId: String(job.id),
        lastError: err instanceof FinalNotifyError ? err.detail : err.message,
        reason: err instanceof FinalNotifyError ? err.reason : 'other',
        attempts: Math.max(1, job.attemptsStarted),
        failedAt: job.finishedOn,
      });
    } catch (e) {
      // BullMQ keeps the failed job (removeOnFail), so it is not lost, only not listed.
      this.deps.logger.error(
        { err: (e as Error).message, jobId: job.id, receiver: job.data.receiver },
        'Could not file a dead letter',
      );
    }
  }
}
