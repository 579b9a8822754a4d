import { connectTestRedis, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisScript } from './redis-script.js';
import { recordCommands } from './store.fixture.js';

describe('RedisScript', () => {
  let redis: Redis;

  beforeAll(async () => {
    redis = connectTestRedis();
    await redis.ping(); // so the connection handshake is not counted
  });

  afterAll(() => {
    redis.disconnect();
  });

  it('falls back to EVAL once when the server does not know the script, then uses EVALSHA', async () => {
    // A source no server has seen (SCRIPT FLUSH would disturb every other user of the server).
    const script = new RedisScript(`-- ${uniquePrefix('script')}\nreturn {KEYS[1], ARGV[1], #ARGV}`);
    const log = recordCommands(redis);
    try {
      expect(await script.run(redis, ['k'], ['a', 'b'])).toEqual(['k', 'a', 2]);
      expect(await script.run(redis, ['k'], ['c'])).toEqual(['k', 'c', 1]);
      expect(log.sent.map((c) => c.name)).toEqual(['evalsha', 'eval', 'evalsha']);
    } finally {
      log.restore();
    }
  });

  it('passes other errors through', async () => {
    const script = new RedisScript(`-- ${uniquePrefix('script')}\nreturn redis.error_reply('boom')`);
    await expect(script.run(redis, [], [])).rejects.toThrow(/boom/);
  });
});
