import type { NextFunction, Request, Response } from 'express';
import type { IngestContext } from '../ingest-context.js';

/**
 * How long a Redis command may wait for its reply (or for a reconnect) before the request fails
 * with 503: ingest's connection sets it as ioredis' `commandTimeout`, so a request caught by a
 * dropped connection answers instead of hanging until Redis returns. Generous, because a
 * merge of a large batch on a busy machine can take a second. The connection (and its
 * duplicates, the pub/sub subscribers) must never run a blocking command such as a BullMQ
 * Worker's or QueueEvents' fetch: the timeout would cut it off.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 5000;

/** Seconds a client should wait before retrying a 503 (Prometheus retries on its own schedule). */
const RETRY_AFTER_S = 5;

/** Errors ioredis raises when Redis is unreachable or not yet serving, as opposed to bugs. */
const UNAVAILABLE =
  /Command timed out|Connection is closed|Stream isn't writeable|Reached the max retries|^LOADING|^MISCONF|^READONLY|ECONNREFUSED|ECONNRESET/;

/**
 * Answers 503 at once while the Redis connection is not ready (down, reconnecting, loading its
 * AOF), instead of queuing the request's commands until Redis is back. The client retries, as
 * Prometheus does; nothing was accepted, so nothing is lost.
 */
export function requireRedis(ctx: IngestContext) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (ctx.redis.status === 'ready') {
      next();
      return;
    }
    unavailable(res, `Redis connection is ${ctx.redis.status}`);
  };
}

/** A request whose Redis command failed because Redis went away mid-request: 503, not 500. */
export function redisErrorHandler(ctx: IngestContext) {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    const message = err instanceof Error ? err.message : String(err);
    if (UNAVAILABLE.test(message)) {
      ctx.logger.warn({ err: message }, 'Redis unavailable, answering 503');
      unavailable(res, message);
      return;
    }
    next(err);
  };
}

function unavailable(res: Response, why: string): void {
  res
    .status(503)
    .set('Retry-After', String(RETRY_AFTER_S))
    .json({ code: 503, message: `Redis is unavailable (${why}), retry later` });
}
