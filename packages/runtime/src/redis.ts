import { Redis } from 'ioredis';

/**
 * Connects to Redis and waits for it to answer, so a service that cannot reach Redis fails at
 * start-up with a message naming the URL instead of hanging in reconnect loops.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  // maxRetriesPerRequest null: BullMQ requires it, and commands wait for a reconnect instead of failing.
  const redis = new Redis(url, { maxRetriesPerRequest: null });
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

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
