import { testRedisUrl } from '@tocsin/test-support';
import { describe, expect, it } from 'vitest';
import { connectRedis, redactUrl } from './redis.js';

describe('connectRedis', () => {
  it('returns a connection that answers', async () => {
    const redis = await connectRedis(testRedisUrl());
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });

  it('fails with the URL (password hidden) when nothing answers', async () => {
    await expect(connectRedis('redis://:hunter2@127.0.0.1:1', 300)).rejects.toThrow(
      'Redis at redis://:***@127.0.0.1:1 did not answer within 300 ms',
    );
  });

  it('redacts only the password', () => {
    expect(redactUrl('redis://user:pw@host:6379/0')).toBe('redis://user:***@host:6379/0');
    expect(redactUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});
