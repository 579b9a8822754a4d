import type { RequestListener, Server } from 'node:http';
import { Coordinator, FleetMember, publishReload } from '@tocsin/coordinator';
import {
  checkRedisSettings,
  connectRedis,
  createLogger,
  externalUrl,
  type Logger,
  listenAddress,
  routePrefix,
  runService,
} from '@tocsin/runtime';
import { Silences } from '@tocsin/silences';
import { AlertStore } from '@tocsin/store';
import { applyTracingConfig, tracedStart, traceLogMixin } from '@tocsin/telemetry';
import { createWebServer } from '@tocsin/web-config';
import { Registry } from 'prom-client';
import { AlertsQueue } from './alerts-queue.js';
import { REDIS_COMMAND_TIMEOUT_MS } from './api/redis-availability.js';
import { createApp } from './app.js';
import { type IngestFlags, parseIngestFlags } from './flags.js';
import type { IngestContext } from './ingest-context.js';
import { buildIngestState, type IngestState } from './ingest-state.js';
import { IngestMetrics } from './metrics.js';

export class ConfigLoadError extends Error {}

export interface RunningIngest {
  server: Server;
  /** Base URL including the route prefix, e.g. `http://127.0.0.1:9093`. */
  url: string;
  context: IngestContext;
  close: () => Promise<void>;
}

/**
 * Starts an ingest service: loads the config (rejecting with ConfigLoadError when it is
 * invalid), joins fleet reloads, loads silences, listens. Tests call this in-process.
 */
export async function startIngest(
  flags: IngestFlags,
  logger: Logger = createLogger('ingest', flags['log.level']),
) {
  const prefix = flags['redis.prefix'];
  const { host, port } = listenAddress(flags['web.listen-address']);
  const external = externalUrl(flags['web.external-url'], port);
  const prefixPath = routePrefix(flags['web.route-prefix'], external);
  const base = prefixPath === '/' ? '' : prefixPath;
  // The web config is read first, so a bad one fails start-up before anything else starts.
  let app: RequestListener | undefined;
  const web = await createWebServer((req, res) => app?.(req, res), {
    webConfigFile: flags['web.config.file'],
    // Health checks stay open to load balancers and orchestrators (Alertmanager guards them too).
    publicPaths: [`${base}/-/healthy`, `${base}/-/ready`],
    logger,
  });
  // Commands wait at most this long for Redis, so requests fail with 503 instead of hanging.
  const redis = await connectRedis(flags['redis.url'], undefined, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  await checkRedisSettings(redis, logger);
  const registry = new Registry();
  const coordinator = new Coordinator(flags['config.file'], { logger, meter: registry });
  let state: IngestState | undefined;
  coordinator.subscribe(async (config) => {
    state = buildIngestState(config);
    await applyTracingConfig(config.tracing);
  });
  const fleet = await FleetMember.join(coordinator, redis, { prefix, service: 'ingest', logger });
  if (!state) {
    await fleet.leave();
    redis.disconnect();
    await web.close();
    throw new ConfigLoadError(`invalid configuration ${flags['config.file']}`);
  }
  const silences = new Silences(redis, {
    prefix,
    retentionMs: flags['data.retention'],
    logger,
    meter: registry,
    maintenanceIntervalMs: flags['data.maintenance-interval'],
  });
  await silences.start();
  const store = new AlertStore(redis, { prefix });
  // Resolved alerts leave the store after a grace period, so the dispatcher can still send them.
  const gc = setInterval(() => {
    store.gc(Date.now()).catch((err: Error) => logger.warn({ err: err.message }, 'Alert GC failed'));
  }, flags['alerts.gc-interval']);
  gc.unref();
  const alertsQueue = new AlertsQueue(redis, prefix);
  const context: IngestContext = {
    redis,
    prefix,
    store,
    silences,
    alertsQueue,
    state: () => {
      if (!state) throw new Error('no configuration loaded');
      return state;
    },
    hasState: () => state !== undefined,
    reload: async () => {
      const result = await fleet.reloadAndReport('api');
      if (result.ok) await publishReload(redis, prefix);
      return result;
    },
    registry,
    metrics: new IngestMetrics(registry, () => context),
    logger,
    externalUrl: external,
    maxBodyBytes: flags['web.max-body-bytes'],
    limits: {
      alerts: flags['api.max-alerts-per-request'],
      labels: flags['api.max-labels'],
      nameBytes: flags['api.max-label-name-bytes'],
      valueBytes: flags['api.max-label-value-bytes'],
      textBytes: flags['api.max-text-bytes'],
    },
    startedAt: new Date(),
    now: Date.now,
  };
  app = createApp(context, prefixPath);
  const bound = await web.listen(host, port);
  logger.info({ host, port: bound, externalUrl: external, scheme: web.scheme }, 'Listening');
  return {
    server: web.server,
    url: `${web.scheme}://${host ?? '127.0.0.1'}:${bound}${base}`,
    context,
    close: async () => {
      clearInterval(gc);
      await web.close();
      silences.stop();
      await fleet.leave();
      await alertsQueue.close();
      redis.disconnect();
    },
  } satisfies RunningIngest;
}

/** `tocsin ingest`: parses flags, starts, and stops cleanly on SIGTERM/SIGINT. */
export function runIngest(argv: readonly string[]): Promise<void> {
  return runService(
    'ingest',
    argv,
    parseIngestFlags,
    tracedStart('ingest', (flags: IngestFlags, logger: Logger) => startIngest(flags, logger)),
    {
      mixin: traceLogMixin,
    },
  );
}
