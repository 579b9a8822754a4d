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
export { createLogger, type Logger } from './logger.js';
export { checkRedisSettings, connectRedis } from './redis.js';
export { runService, SERVICE_FLAGS, SHUTDOWN_BOUND_MS } from './service.js';
export { externalUrl, listenAddress, routePrefix } from './web-address.js';
