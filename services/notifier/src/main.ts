import type { Config } from '@tocsin/config';
import { Coordinator, FleetMember } from '@tocsin/coordinator';
import { DeadLetters, registerDeadLettersGauge } from '@tocsin/dead-letters';
import { NotificationLog } from '@tocsin/nflog';
import { ReceiverStatus } from '@tocsin/receiver-status';
import {
  checkRedisSettings,
  connectRedis,
  createLogger,
  externalUrl,
  type Logger,
  listenAddress,
  runService,
} from '@tocsin/runtime';
import { applyTracingConfig, tracedStart, traceLogMixin } from '@tocsin/telemetry';
import { createWebServer, type WebServer } from '@tocsin/web-config';
import type { Worker } from 'bullmq';
import { Registry } from 'prom-client';
import { type NotifierFlags, parseNotifierFlags, selectIntegrations } from './flags.js';
import { createNotifier } from './integrations/index.js';
import type { Notifier } from './notifier.js';
import { NotifierTemplates } from './notifier-templates.js';
import { NotifyMetrics } from './notify-metrics.js';
import { createNotifyWorker } from './notify-worker.js';
import { NotificationProcessor } from './process-notification.js';
import { serveMetrics } from './web.js';

export class ConfigLoadError extends Error {}

export interface RunningNotifier {
  registry: Registry;
  /** The queues consumed, e.g. `notify.webhook`. */
  queues: string[];
  /** The base URL of the metrics server when `--web.listen-address` is set. */
  url?: string;
  close: () => Promise<void>;
}

// Active sends get this long to finish at shutdown; then they are aborted and retried elsewhere.
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Starts a notifier: loads the config (rejecting with ConfigLoadError when it is invalid), joins
 * fleet reloads and consumes `notify.<type>` for every selected integration. Tests call this
 * in-process.
 */
export async function startNotifier(
  flags: NotifierFlags,
  logger: Logger = createLogger('notifier', flags['log.level']),
): Promise<RunningNotifier> {
  const types = selectIntegrations(flags.integration);
  const prefix = flags['redis.prefix'];
  const redis = await connectRedis(flags['redis.url']);
  await checkRedisSettings(redis, logger);
  const registry = new Registry();
  const coordinator = new Coordinator(flags['config.file'], { logger, meter: registry });
  const templates = new NotifierTemplates();
  const notifiers: Notifier[] = types.map((type) => createNotifier(type, { templates }));
  let current: Config | undefined;
  coordinator.subscribe(async (config) => {
    // Default templates plus config.templates; a file that fails to load fails the reload.
    await templates.reload(config);
    current = config;
    await applyTracingConfig(config.tracing);
    // TLS files or proxies may have changed: connection pools start over.
    for (const n of notifiers) n.configChanged?.();
  });
  const fleet = await FleetMember.join(coordinator, redis, { prefix, service: 'notifier', logger });
  if (!current) {
    await fleet.leave();
    redis.disconnect();
    throw new ConfigLoadError(`invalid configuration ${flags['config.file']}`);
  }
  const metrics = new NotifyMetrics(registry);
  const nflog = new NotificationLog(redis, { prefix, retentionMs: flags['data.retention'], meter: registry });
  const deadLetters = new DeadLetters(redis, { prefix, retentionMs: flags['dead-letters.retention'] });
  registerDeadLettersGauge(registry, deadLetters);
  // Writers trim on every write; this sweep also ages dead letters out while nothing fails.
  const trim = setInterval(() => void deadLetters.trim().catch(() => undefined), 15 * 60_000).unref();
  const status = new ReceiverStatus(redis, { prefix, retentionMs: flags['data.retention'] });
  // Alertmanager's default external URL names its own port; the notifier's peer is ingest on 9093.
  const external = externalUrl(flags['web.external-url'], 9093);
  const config = () => {
    if (!current) throw new Error('no configuration loaded');
    return { config: current, hash: coordinator.hash };
  };
  const workers: Worker[] = notifiers.map((notifier) =>
    createNotifyWorker({
      redis,
      prefix,
      type: notifier.type,
      concurrency: flags.concurrency,
      logger,
      processor: new NotificationProcessor({
        type: notifier.type,
        notifier,
        nflog,
        deadLetters,
        status,
        metrics,
        logger,
        externalUrl: external,
        config,
      }),
    }),
  );
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  metrics.jobs.watch(...workers);
  let web: WebServer | undefined;
  let url: string | undefined;
  if (flags['web.listen-address']) {
    const { host, port } = listenAddress(flags['web.listen-address']);
    // TLS and basic auth from --web.config.file guard /metrics; the health checks stay open.
    web = await createWebServer(
      serveMetrics(registry, () => current !== undefined),
      { webConfigFile: flags['web.config.file'], publicPaths: ['/-/healthy', '/-/ready'], logger },
    );
    const bound = await web.listen(host, port);
    url = `${web.scheme}://${host ?? '127.0.0.1'}:${bound}`;
  }
  const queues = workers.map((w) => w.name);
  logger.info(
    { queues, concurrency: flags.concurrency, externalUrl: external, metrics: url },
    'Notifier started',
  );
  return {
    registry,
    queues,
    url,
    close: async () => {
      clearInterval(trim);
      await web?.close();
      await Promise.all(workers.map((w) => closeWorker(w)));
      await Promise.all(notifiers.map((n) => n.close()));
      await fleet.leave();
      redis.disconnect();
    },
  };
}

/** Lets active jobs finish; after the grace period aborts them (they fail as retryable and come back). */
async function closeWorker(worker: Worker): Promise<void> {
  const closing = worker.close();
  const timer = setTimeout(() => worker.cancelAllJobs('shutdown'), SHUTDOWN_GRACE_MS);
  try {
    await closing;
  } finally {
    clearTimeout(timer);
  }
}

/** `tocsin notifier`: parses flags, starts, and stops cleanly on SIGTERM/SIGINT. */
export function runNotifier(argv: readonly string[]): Promise<void> {
  return runService(
    'notifier',
    argv,
    parseNotifierFlags,
    tracedStart('notifier', (flags: NotifierFlags, logger: Logger) => startNotifier(flags, logger)),
    { mixin: traceLogMixin },
  );
}
