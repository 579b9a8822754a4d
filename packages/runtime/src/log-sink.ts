/**
 * The slice of a logger that libraries log through, so they take a pino logger without
 * depending on pino, and tests can pass `silentLogger`.
 */
export interface LogSink {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export const silentLogger: LogSink = {
  info() {},
  warn() {},
  error() {},
};
