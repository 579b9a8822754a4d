export {
  envName,
  type FlagDef,
  FlagError,
  type FlagKind,
  type Flags,
  flagUsage,
  parseFlags,
} from './flags.js';
export { type LogSink, silentLogger } from './log-sink.js';
export { logfmtKey, logfmtValue, toLogfmt } from './logfmt.js';
export {
  createLogger,
  LOG_FORMATS,
  type LogFormat,
  type Logger,
  type LoggerOptions,
  parseLogFormat,
} from './logger.js';
export { checkRedisSettings, connectRedis, REQUIRED_REDIS_SETTINGS, redactUrl } from './redis.js';
export { runService, SERVICE_FLAGS, SHUTDOWN_BOUND_MS } from './service.js';
export { externalUrl, listenAddress, routePrefix } from './web-address.js';
