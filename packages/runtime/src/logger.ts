import { hostname } from 'node:os';
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** One JSON line per event, tagged with the service and the instance that wrote it. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service, instance: `${hostname()}:${process.pid}` },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
