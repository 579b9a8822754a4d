import { createServer } from 'node:http';
import { Coordinator, FleetMember, publishReload } from '@tocsin/coordinator';
import { createLogger, FlagError } from '@tocsin/runtime';
import { Silences } from '@tocsin/silences';
import { AlertStore } from '@tocsin/store';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { AlertsQueue } from './alerts-queue.js';
import { createApp } from './app.js';
import { parseIngestFlags } from './flags.js';
import { buildIngestState, type IngestState } from './ingest-state.js';
import { listenAddress, resolveWebUrls } from './listen.js';
import { IngestMetrics } from './metrics.js';

/** Starts the ingest service; resolves once it listens. Exits the process on a bad start. */
export async function runIngest(argv: readonly string[]): Promise<void> {
  let flags: ReturnType<typeof parseIngestFlags>;
  try {
    flags = parseIngestFlags(argv);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`tocsin ingest: ${err.message}`);
    process.exit(2);
  }
  const logger = createLogger('ingest', flags['log.level']);
  const prefix = flags['redis.prefix'];
  const redis = new Redis(flags['redis.url'], { maxRetriesPerRequest: null });
  const registry = new Registry();
  const coordinator = new Coordinator(flags['config.file'], { logger, meter: registry });
  let state: IngestState | undefined;
  coordinator.subscribe((config) => {
    state = buildIngestState(config);
  });
  const fleet = await FleetMember.join(coordinator, redis, { prefix, service: 'ingest', logger });
  if (!state) {
    logger.error({ file: flags['config.file'] }, 'Invalid configuration, exiting');
    process.exit(1);
  }
  const silences = new Silences(redis, {
    prefix,
    retentionMs: flags['data.retention'],
    logger,
    meter: registry,
  });
  await silences.start();
  const alertsQueue = new AlertsQueue(redis, prefix);
  const { host, port } = listenAddress(flags['web.listen-address']);
  const { externalUrl, routePrefix } = resolveWebUrls(
    flags['web.external-url'],
    flags['web.route-prefix'],
    port,
  );
  const app = createApp(
    {
      redis,
      prefix,
      store: new AlertStore(redis, { prefix }),
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
      metrics: new IngestMetrics(registry),
      logger,
      externalUrl,
      maxBodyBytes: flags['web.max-body-bytes'],
      startedAt: new Date(),
      now: Date.now,
    },
    routePrefix,
  );
  const server = createServer(app);
  server.listen({ host, port }, () => logger.info({ host, port, externalUrl }, 'Listening'));
  const shutdown = async () => {
    server.close();
    silences.stop();
    await fleet.leave();
    await alertsQueue.close();
    redis.disconnect();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
