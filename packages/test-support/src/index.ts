import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis tests use: 127.0.0.1:6379 unless TOCSIN_TEST_REDIS_URL says otherwise. */
export function testRedisUrl(): string {
  return process.env.TOCSIN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A key prefix no other test file or run shares, so tests run in parallel on one server. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export function connectTestRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: 3 });
}

/** Deletes every key under `prefix:`; tests clean up after themselves and never FLUSHALL. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 5000, intervalMs = 20, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
export { type RedisServer, startRedisServer } from './redis-server.js';
export { selfSignedCertificate } from './self-signed-certificate.js';
export { type StandInReply, type StandInRequest, VendorStandIn } from './vendor-stand-in.js';
