import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  // Commands wait at most this long for Redis, so requests fail with 503 instead of hanging.
  const redis = await connectRedis(flags['redis.url'], undefined, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  await checkRedisSettings(redis, logger);
  const registry = new Registry();
  const coordinator = new Coordinator(flags['config.file'], { logger, meter: registry });
  let state: IngestState | undefined;
  coordinator.subscribe((config) => {
    state = buildIngestState(config);
  });
  const fleet = await FleetMember.join(coordinator, redis, { prefix, service: 'ingest', logger });
  if (!state) {
    await fleet.leave();
    redis.disconnect();
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
  const { host, port } = listenAddress(flags['web.listen-address']);
  const external = externalUrl(flags['web.external-url'], port);
  const prefixPath = routePrefix(flags['web.route-prefix'], external);
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
    startedAt: new Date(),
    now: Date.now,
  };
  const server = createServer(createApp(context, prefixPath));
  await new Promise<void>((resolve) => server.listen({ host, port }, resolve));
  const bound = (server.address() as AddressInfo).port;
  logger.info({ host, port: bound, externalUrl: external }, 'Listening');
  const base = prefixPath === '/' ? '' : prefixPath;
  return {
    server,
    url: `http://${host ?? '127.0.0.1'}:${bound}${base}`,
    context,
    close: async () => {
      clearInterval(gc);
      await new Promise((resolve) => server.close(resolve));
      silences.stop();
      await fleet.leave();
      await alertsQueue.close();
      redis.disconnect();
    },
  } satisfies RunningIngest;
}

/** `tocsin ingest`: parses flags, starts, and stops cleanly on SIGTERM/SIGINT. */
export function runIngest(argv: readonly string[]): Promise<void> {
  return runService('ingest', argv, parseIngestFlags, startIngest);
}
