import { loadConfigFile } from '@tocsin/config';
import { externalUrl, FlagError, flagUsage, listenAddress, parseFlags, SERVICE_FLAGS } from '@tocsin/runtime';
import { checkTemplateFiles } from '@tocsin/templates';
import { startEchoReceiver } from '../launcher/echo-receiver.js';
import { isListening, startLocalRedis } from '../launcher/local-redis.js';
import { type ServiceProcess, startService } from '../launcher/service-process.js';

const START_FLAGS = {
  'config.file': SERVICE_FLAGS['config.file'],
  'web.listen-address': { kind: 'string', help: 'Address the API listens on.', default: ':9093' },
  'web.external-url': { kind: 'string', help: 'The URL under which Tocsin is externally reachable.' },
  'web.route-prefix': { kind: 'string', help: 'Prefix for the API routes.' },
  'web.config.file': {
    kind: 'string',
    help: 'TLS and basic auth for the API (Prometheus exporter-toolkit format); given to every service.',
  },
  'data.retention': {
    kind: 'string',
    help: 'How long to keep silences and notification logs.',
    default: '120h',
  },
  'dead-letters.retention': {
    kind: 'string',
    help: 'How long the notifiers keep a notification that failed finally after its last failure.',
    default: '168h',
  },
  'redis.url': {
    kind: 'string',
    help: 'Redis to use; when absent, 127.0.0.1:6379, started here with AOF under ./data/redis if nothing answers.',
  },
  'redis.prefix': SERVICE_FLAGS['redis.prefix'],
  integration: {
    kind: 'list',
    help: 'Notifier processes to start, one per value: an integration type, or all (one process sending every integration).',
    default: 'all',
  },
  'log.level': { kind: 'string', help: 'Log level of every service.', default: 'info' },
  'log.format': { kind: 'string', help: 'Log format of every service: json or logfmt.', default: 'json' },
  'echo.listen-address': {
    kind: 'string',
    help: 'Also run a webhook receiver that prints what it gets (host:port).',
  },
} as const;

/**
 * `tocsin start`: the whole stack as separate processes on one machine (the local twin of
 * docker-compose.yml): ingest, dispatcher and the notifiers `--integration` names. Logs are prefixed,
 * signals forwarded; when one process dies the others are stopped and its exit code returned.
 */
export async function start(args: string[]): Promise<number | undefined> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`usage: tocsin start [flags]\n\n${flagUsage(START_FLAGS)}`);
    return 0;
  }
  let flags: ReturnType<typeof parseFlags<typeof START_FLAGS>>;
  try {
    flags = parseFlags(START_FLAGS, args);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`tocsin start: ${err.message}`);
    return 2;
  }
  try {
    const { config } = await loadConfigFile(flags['config.file']);
    await checkTemplateFiles(config.templates);
  } catch (err) {
    console.error(`tocsin start: invalid configuration ${flags['config.file']}: ${(err as Error).message}`);
    return 1;
  }
  const redis = await chooseRedis(flags['redis.url']);
  if ('error' in redis) {
    console.error(`tocsin start: ${redis.error}`);
    return 1;
  }
  const { url: redisUrl, stop: stopRedis } = redis;

  // The Redis URL may hold a password: it goes by environment, never on a command line `ps` shows.
  const env = { TOCSIN_REDIS_URL: redisUrl };
  const common = [
    `--config.file=${flags['config.file']}`,
    `--redis.prefix=${flags['redis.prefix']}`,
    `--log.level=${flags['log.level']}`,
    `--log.format=${flags['log.format']}`,
    `--data.retention=${flags['data.retention']}`,
  ];
  const web = [`--web.listen-address=${flags['web.listen-address']}`];
  if (flags['web.external-url']) web.push(`--web.external-url=${flags['web.external-url']}`);
  if (flags['web.route-prefix']) web.push(`--web.route-prefix=${flags['web.route-prefix']}`);
  // Every service gets it: it guards ingest, and the others' metrics servers when they listen.
  if (flags['web.config.file']) common.push(`--web.config.file=${flags['web.config.file']}`);
  // Notifiers put ingest's URL in every payload (`externalURL`), so they get the one ingest uses.
  const { port } = listenAddress(flags['web.listen-address']);
  const notifierArgs = [
    `--web.external-url=${externalUrl(flags['web.external-url'], port)}`,
    `--dead-letters.retention=${flags['dead-letters.retention']}`,
  ];

  const echoAddress = flags['echo.listen-address'];
  if (echoAddress) {
    const [host, port] = splitHostPort(echoAddress);
    await startEchoReceiver(host, port, (line) => process.stdout.write(`[echo] ${line}\n`));
    console.log(`[start] echo receiver listening on http://${host}:${port}/`);
  }

  const services: ServiceProcess[] = [
    startService('ingest', ['ingest', ...common, ...web], env),
    startService('dispatcher', ['dispatcher', ...common], env),
    ...flags.integration.map((type) =>
      startService(
        `notifier-${type}`,
        ['notifier', `--integration=${type}`, ...common, ...notifierArgs],
        env,
      ),
    ),
  ];
  return supervise(services, stopRedis);
}

type RedisChoice = { url: string; stop?: () => void } | { error: string };

async function chooseRedis(url: string | undefined): Promise<RedisChoice> {
  if (url) return { url };
  const local = 'redis://127.0.0.1:6379';
  if (await isListening('127.0.0.1', 6379)) return { url: local };
  const started = await startLocalRedis('data/redis');
  if (!started)
    return {
      error: 'no Redis answers on 127.0.0.1:6379 and redis-server is not installed; give --redis.url',
    };
  console.log(
    '[start] no Redis answered on 127.0.0.1:6379: started redis-server (AOF on, data in ./data/redis)',
  );
  return { url: local, stop: started.stop };
}

function splitHostPort(address: string): [string, number] {
  const i = address.lastIndexOf(':');
  return [address.slice(0, i) || '127.0.0.1', Number(address.slice(i + 1))];
}

/** Forwards signals; the first process to exit takes the others (and a Redis started here) down. */
async function supervise(services: ServiceProcess[], stopRedis?: () => void): Promise<number> {
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const s of services) if (s.child.exitCode === null) s.child.kill(signal);
  };
  const onStop = () => stopAll('SIGTERM');
  const onHup = () => {
    for (const s of services) s.child.kill('SIGHUP');
  };
  process.on('SIGINT', onStop);
  process.on('SIGTERM', onStop);
  process.on('SIGHUP', onHup);
  const first = await Promise.race(services.map(async (s) => ({ name: s.name, code: await s.exited })));
  const unexpected = !stopping;
  if (unexpected) {
    console.error(`[start] ${first.name} exited with code ${first.code}; stopping the stack`);
    stopAll('SIGTERM');
  }
  const killer = setTimeout(() => stopAll('SIGKILL'), 10_000);
  await Promise.all(services.map((s) => s.exited));
  clearTimeout(killer);
  stopRedis?.();
  process.off('SIGINT', onStop);
  process.off('SIGTERM', onStop);
  process.off('SIGHUP', onHup);
  return unexpected ? first.code || 1 : 0;
}
