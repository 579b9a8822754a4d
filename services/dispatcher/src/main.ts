import { Coordinator, FleetMember } from '@tocsin/coordinator';
import { NotificationLog } from '@tocsin/nflog';
import { ALERTS_QUEUE, type AlertsJobData, GROUPS_QUEUE, WORKER_OPTIONS } from '@tocsin/queues';
import { checkRedisSettings, connectRedis, createLogger, type Logger, runService } from '@tocsin/runtime';
import { Silences } from '@tocsin/silences';
import { AlertStore } from '@tocsin/store';
import {
  ATTR,
  applyTracingConfig,
  contextFromCarrier,
  inSpan,
  linksFromCarriers,
  SPAN,
  SpanKind,
  tracedStart,
  traceLogMixin,
} from '@tocsin/telemetry';
import { Queue, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import { processAlerts } from './alerts-processor.js';
import type { DispatcherContext } from './dispatcher-context.js';
import { buildDispatcherState, type DispatcherState } from './dispatcher-state.js';
import { type DispatcherFlags, parseDispatcherFlags } from './flags.js';
import { FlushQueue, type TickJobData } from './flush-queue.js';
import { GroupStore } from './group-store.js';
import { InhibitSources } from './inhibit-sources.js';
import { DispatcherMetrics } from './metrics.js';
import { serveMetrics } from './metrics-server.js';
import { NotifyQueues } from './notify-queues.js';
import { Sweeper, type SweepOptions } from './sweep.js';
import { processTick } from './tick-processor.js';

export class ConfigLoadError extends Error {}

/** Knobs tests turn; the defaults suit production. */
export interface DispatcherOptions {
  sweep?: Partial<SweepOptions>;
  /** Concurrent `alerts` jobs per process (default 4). */
  alertsConcurrency?: number;
  /** Concurrent flushes per process (default 16). */
  flushConcurrency?: number;
}

export interface RunningDispatcher {
  /** `/metrics` of this process. */
  registry: Registry;
  /** Where /metrics is served, when `--web.listen-address` is set. */
  metricsUrl: string | undefined;
  groups: GroupStore;
  /** Runs one sweep now (see Sweeper). */
  sweep: () => Promise<number>;
  /** The hash of the config in force (the Coordinator's). */
  configHash: () => string | undefined;
  close: () => Promise<void>;
}

/**
 * Starts a dispatcher: loads the config (rejecting with ConfigLoadError when it is invalid),
 * joins fleet reloads, follows silences, and consumes `alerts` and `groups`. Tests call this
 * in-process; several may share one Redis prefix.
 */
export async function startDispatcher(
  flags: DispatcherFlags,
  logger: Logger = createLogger('dispatcher', flags['log.level']),
  options: DispatcherOptions = {},
): Promise<RunningDispatcher> {
  const prefix = flags['redis.prefix'];
  const redis = await connectRedis(flags['redis.url']);
  await checkRedisSettings(redis, logger);
  const registry = new Registry();
  const coordinator = new Coordinator(flags['config.file'], { logger, meter: registry });
  let state: DispatcherState | undefined;
  coordinator.subscribe(async (config) => {
    state = buildDispatcherState(config);
    await applyTracingConfig(config.tracing);
  });
  const fleet = await FleetMember.join(coordinator, redis, { prefix, service: 'dispatcher', logger });
  if (!state) {
    await fleet.leave();
    redis.disconnect();
    throw new ConfigLoadError(`invalid configuration ${flags['config.file']}`);
  }
  const silences = new Silences(redis, { prefix, retentionMs: flags['data.retention'], logger });
  await silences.start();
  const store = new AlertStore(redis, { prefix });
  const groups = new GroupStore(redis, prefix);
  const flushQueue = new FlushQueue(redis, prefix);
  const notifyQueues = new NotifyQueues(redis, prefix);
  const ctx: DispatcherContext = {
    store,
    groups,
    flushQueue,
    notifyQueues,
    nflog: new NotificationLog(redis, { prefix, retentionMs: flags['data.retention'], meter: registry }),
    silences,
    inhibitSources: new InhibitSources(redis, store),
    metrics: new DispatcherMetrics(registry, () => redis.zcard(groups.keys.due)),
    logger,
    state: () => {
      if (!state) throw new Error('no configuration loaded');
      return state;
    },
    configHash: () => coordinator.hash ?? '',
    now: Date.now,
  };
  const alertsQueue = new Queue<AlertsJobData>(ALERTS_QUEUE, { connection: redis, prefix });
  const sweeper = new Sweeper(ctx, redis, {
    intervalMs: options.sweep?.intervalMs ?? 30_000,
    graceMs: options.sweep?.graceMs ?? 5_000,
    batch: options.sweep?.batch,
    alerts: alertsQueue,
  });

  const alertsWorker = new Worker<AlertsJobData>(
    ALERTS_QUEUE,
    (job) =>
      // A child of the ingest's `alerts publish`: the trace of the request(s) it carries goes on.
      inSpan(
        SPAN.alertsProcess,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            [ATTR.messagingSystem]: 'bullmq',
            [ATTR.messagingDestination]: ALERTS_QUEUE,
            [ATTR.messagingOperation]: 'process',
            [ATTR.messagingMessageId]: job.id ?? '',
            [ATTR.fingerprints]: job.data.fingerprints.length,
          },
        },
        async () => {
          const end = ctx.metrics.processingSeconds.startTimer();
          try {
            await processAlerts(ctx, sweeper, job.data, job.attemptsStarted > 1);
          } finally {
            end();
          }
        },
        contextFromCarrier(job.data.traceContext),
      ),
    { connection: redis, prefix, concurrency: options.alertsConcurrency ?? 4, ...WORKER_OPTIONS },
  );
  const groupsWorker = new Worker<TickJobData>(
    GROUPS_QUEUE,
    (job) =>
      // Tick 0 continues the trace of the `alerts` job that created the group; a later tick
      // starts a trace of its own, linked to the tick that scheduled it (a chain of ticks as
      // one trace would grow for as long as the group lives).
      inSpan(
        SPAN.flush,
        {
          kind: SpanKind.CONSUMER,
          links: job.data.tick === 0 ? [] : linksFromCarriers([job.data.traceContext]),
          attributes: {
            [ATTR.messagingSystem]: 'bullmq',
            [ATTR.messagingDestination]: GROUPS_QUEUE,
            [ATTR.messagingOperation]: 'process',
            [ATTR.messagingMessageId]: job.id ?? '',
            [ATTR.groupId]: job.data.groupId,
            [ATTR.tick]: job.data.tick,
          },
        },
        async (span) => {
          const result = await processTick(ctx, job.data);
          span.setAttribute(ATTR.flushResult, result);
          if (result !== 'flushed')
            logger.debug({ groupId: job.data.groupId, tick: job.data.tick, result }, 'Tick');
          return result;
        },
        contextFromCarrier(job.data.tick === 0 ? job.data.traceContext : undefined),
      ),
    { connection: redis, prefix, concurrency: options.flushConcurrency ?? 16, ...WORKER_OPTIONS },
  );
  for (const [name, worker] of [
    ['alerts', alertsWorker],
    ['groups', groupsWorker],
  ] as const) {
    worker.on('failed', (job, err) =>
      logger.error(
        { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        'Job failed',
      ),
    );
    worker.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'Worker error'));
  }
  ctx.metrics.jobs.watch(alertsWorker, groupsWorker);
  sweeper.start();
  let web: Awaited<ReturnType<typeof serveMetrics>> | undefined;
  if (flags['web.listen-address'])
    web = await serveMetrics(flags['web.listen-address'], registry, {
      webConfigFile: flags['web.config.file'],
      logger,
    });
  logger.info({ prefix, metrics: web?.url }, 'Dispatching');

  return {
    registry,
    metricsUrl: web?.url,
    groups,
    sweep: () => sweeper.sweep(),
    configHash: () => coordinator.hash,
    close: async () => {
      sweeper.stop();
      await web?.close();
      await Promise.all([alertsWorker.close(), groupsWorker.close()]);
      await Promise.all([flushQueue.close(), notifyQueues.close(), alertsQueue.close()]);
      silences.stop();
      await fleet.leave();
      redis.disconnect();
    },
  };
}

/** `tocsin dispatcher`: parses flags, starts, and stops cleanly on SIGTERM/SIGINT. */
export function runDispatcher(argv: readonly string[]): Promise<void> {
  return runService(
    'dispatcher',
    argv,
    parseDispatcherFlags,
    tracedStart('dispatcher', (flags: DispatcherFlags, logger: Logger) => startDispatcher(flags, logger)),
    { mixin: traceLogMixin },
  );
}
