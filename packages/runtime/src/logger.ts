import { hostname } from 'node:os';
import { type DestinationStream, type Logger, pino } from 'pino';
import { FlagError } from './flags.js';
import { toLogfmt } from './logfmt.js';

export type { Logger } from 'pino';

const LOG_FORMATS = ['json', 'logfmt'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  /** `json` (pino's own lines, the default) or `logfmt` (Alertmanager's default format). */
  format?: LogFormat;
  /** Fields merged into every event, e.g. the active trace id once tracing is on. */
  mixin?: () => object;
  /** Where lines go (stdout when absent). */
  destination?: { write(line: string): void };
}

/** `--log.format` checked once at start-up, so a typo fails with the flag's name. */
export function parseLogFormat(value: string): LogFormat {
  if ((LOG_FORMATS as readonly string[]).includes(value)) return value as LogFormat;
  throw new FlagError(`--log.format: ${JSON.stringify(value)} is not one of ${LOG_FORMATS.join(', ')}`);
}

/** One event per line, tagged with the service and the instance that wrote it. */
export function createLogger(service: string, level = 'info', options: LoggerOptions = {}): Logger {
  const config = {
    level,
    base: { service, instance: `${hostname()}:${process.pid}` },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(options.mixin ? { mixin: options.mixin } : {}),
  };
  const out = options.destination;
  if (options.format === 'logfmt') {
    const write = out ? (line: string) => out.write(line) : (line: string) => process.stdout.write(line);
    // pino writes one JSON object per call; it is rewritten as one logfmt line.
    const stream: DestinationStream = { write: (json: string) => write(`${toLogfmt(JSON.parse(json))}\n`) };
    return pino(config, stream);
  }
  return out ? pino(config, out as DestinationStream) : pino(config);
}
