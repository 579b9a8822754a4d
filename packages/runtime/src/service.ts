import { FlagError } from './flags.js';
import { createLogger, type Logger, type LoggerOptions, parseLogFormat } from './logger.js';

/** Flags every service takes, with Alertmanager's names where it has one. */
export const SERVICE_FLAGS = {
  'config.file': {
    kind: 'string',
    help: 'Alertmanager configuration file name.',
    default: 'alertmanager.yml',
  },
  'data.retention': {
    kind: 'duration',
    help: 'How long to keep silences and notification logs.',
    default: '120h',
  },
  'redis.url': {
    kind: 'string',
    help: 'Redis to keep state and queues in.',
    default: 'redis://127.0.0.1:6379',
  },
  'redis.prefix': {
    kind: 'string',
    help: 'Prefix of every Redis key and queue of this stack.',
    default: 'tocsin',
  },
  'log.level': {
    kind: 'string',
    help: 'Only log messages with the given severity or above.',
    default: 'info',
  },
  'log.format': {
    kind: 'string',
    help: 'Output format of log messages: json (one pino object per line) or logfmt.',
    default: 'json',
  },
  // Read by @tocsin/telemetry's tracedStart; OTEL_* variables and the config file's tracing block also work.
  'tracing.endpoint': {
    kind: 'string',
    help: 'OTLP/HTTP endpoint to export traces to, e.g. http://127.0.0.1:4318 (off when unset, unless OTEL_EXPORTER_OTLP_ENDPOINT or the config file enables tracing).',
  },
  'tracing.sampling-fraction': {
    kind: 'string',
    help: 'Share of new traces to record, from 0 to 1 (default: OTEL_TRACES_SAMPLER, else all).',
  },
} as const;

/**
 * How long a service may take to close after SIGTERM: the notifier lets sends in hand run for
 * 10 s before aborting them (they then go back to the queue), and closing queues and
 * connections takes well under a second; Kubernetes' default grace period is 30 s.
 */
export const SHUTDOWN_BOUND_MS = 20_000;

/**
 * `tocsin <service>`: parses flags (exit 2 on a bad one), starts (exit 1 when start-up fails,
 * e.g. on an invalid config), and on SIGTERM/SIGINT closes (each service's close stops taking
 * jobs, finishes or hands back those in hand, closes its connections) and exits 0, or 1 when
 * closing fails or takes longer than SHUTDOWN_BOUND_MS.
 */
export async function runService<F extends { 'log.level': string; 'log.format': string }>(
  name: string,
  argv: readonly string[],
  parse: (argv: readonly string[]) => F,
  start: (flags: F, logger: Logger) => Promise<{ close: () => Promise<void> }>,
  /** E.g. the trace-id mixin of @tocsin/telemetry. */
  loggerOptions: Pick<LoggerOptions, 'mixin'> = {},
): Promise<void> {
  let flags: F;
  let format: ReturnType<typeof parseLogFormat>;
  try {
    flags = parse(argv);
    format = parseLogFormat(flags['log.format']);
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    console.error(`tocsin ${name}: ${err.message}`);
    process.exit(2);
  }
  const logger = createLogger(name, flags['log.level'], { format, ...loggerOptions });
  let running: { close: () => Promise<void> };
  try {
    running = await start(flags, logger);
  } catch (err) {
    logger.error({ err: (err as Error).message }, 'Start-up failed, exiting');
    process.exit(1);
  }
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    // A second signal while closing ends the process at once.
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    // close() may hang when Redis drops mid-close (BullMQ #2430): jobs still held then stall and
    // come back on another worker, so giving up after the bound loses nothing.
    const timer = setTimeout(() => {
      logger.error({ boundMs: SHUTDOWN_BOUND_MS }, 'Shutdown did not finish in time, exiting');
      process.exit(1);
    }, SHUTDOWN_BOUND_MS);
    try {
      await running.close();
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'Shutdown failed');
      process.exit(1);
    }
    clearTimeout(timer);
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
