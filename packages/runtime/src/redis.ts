import { Redis, type RedisOptions } from 'ioredis';
import type { LogSink } from './log-sink.js';

/**
 * Connects to Redis and waits for it to answer, so a service that cannot reach Redis fails at
 * start-up with a message naming the URL instead of hanging in reconnect loops.
 */
export async function connectRedis(
  url: string,
  timeoutMs = 5000,
  options: Pick<RedisOptions, 'commandTimeout'> = {},
): Promise<Redis> {
  // maxRetriesPerRequest null: BullMQ requires it, and commands wait for a reconnect instead of
  // failing (unless `commandTimeout` bounds the wait, as ingest's does).
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis at ${redactUrl(url)} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([redis.ping(), timeout]);
    return redis;
  } catch (err) {
    redis.disconnect();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The URL without its secrets, for messages and logs: the password, and query parameters that
 * ioredis would take as one (`?password=`). A string that is not a URL loses whatever stands
 * before an "@", where a password would be.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()])
      if (/pass|secret|token|key/i.test(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return url.replace(
      /^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i,
      (_m, scheme: string | undefined) => `${scheme ?? ''}***@`,
    );
  }
}

/**
 * The Redis settings Tocsin's guarantees rest on: without AOF a Redis restart loses every alert,
 * queue and lock written since the last snapshot; any eviction policy but `noeviction` may evict
 * BullMQ's lock and marker keys (jobs run twice or vanish) and alerts under memory pressure.
 */
const REQUIRED_REDIS_SETTINGS = { appendonly: 'yes', 'maxmemory-policy': 'noeviction' } as const;

/**
 * Reads REQUIRED_REDIS_SETTINGS with CONFIG GET at start-up and logs a warning naming each
 * setting that differs. Managed Redis often disables CONFIG: then it logs that it could not
 * check and carries on. Resolves with the warnings, for tests.
 */
export async function checkRedisSettings(redis: Redis, logger: LogSink): Promise<string[]> {
  const warnings: string[] = [];
  for (const [setting, wanted] of Object.entries(REQUIRED_REDIS_SETTINGS)) {
    let actual: string | undefined;
    try {
      actual = configValue(await redis.call('CONFIG', 'GET', setting), setting);
    } catch (err) {
      logger.info(
        { setting, err: (err as Error).message },
        'Could not read the Redis setting (CONFIG disabled?); make sure it is set',
      );
      continue;
    }
    if (actual === undefined || actual === wanted) continue;
    const warning = `Redis ${setting} is ${JSON.stringify(actual)}, Tocsin needs ${JSON.stringify(wanted)}`;
    warnings.push(warning);
    logger.warn({ setting, actual, wanted }, warning);
  }
  return warnings;
}

/** CONFIG GET answers `[name, value]` (RESP2) or `{name: value}` (RESP3). */
function configValue(reply: unknown, setting: string): string | undefined {
  if (Array.isArray(reply)) {
    const i = reply.findIndex((v) => String(v).toLowerCase() === setting);
    return i >= 0 && reply[i + 1] !== undefined ? String(reply[i + 1]) : undefined;
  }
  if (reply && typeof reply === 'object') {
    const value = (reply as Record<string, unknown>)[setting];
    return value === undefined ? undefined : String(value);
  }
  return undefined;
}
