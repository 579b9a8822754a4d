import { startRedisServer, testRedisUrl } from '@tocsin/test-support';
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

  it('redacts a password in the query and in what is not a URL', () => {
    expect(redactUrl('rediss://u:s3cret@host:6380/0?password=s3cret&family=6')).toBe(
      'rediss://u:***@host:6380/0?password=***&family=6',
    );
    expect(redactUrl('redis://:s3cret@[::1')).toBe('redis://***@[::1');
  });

  it('passes the URL’s password to Redis, and a wrong one fails without showing it', async () => {
    const server = await startRedisServer();
    try {
      // Set after start-up: the helper's readiness probe has no password.
      const admin = await connectRedis(server.url);
      await admin.config('SET', 'requirepass', 'pa55word');
      admin.disconnect();
      const url = `redis://:pa55word@127.0.0.1:${server.port}`;
      const redis = await connectRedis(url);
      expect(await redis.ping()).toBe('PONG');
      // What BullMQ workers and the pub/sub subscribers do: a duplicate keeps the credentials.
      const copy = redis.duplicate();
      expect(await copy.ping()).toBe('PONG');
      copy.disconnect();
      redis.disconnect();
      const wrong = connectRedis(`redis://:guess@127.0.0.1:${server.port}`, 2000);
      await expect(wrong).rejects.toThrow();
      await expect(wrong).rejects.not.toThrow(/guess/);
    } finally {
      await server.destroy();
    }
  }, 30_000);
});
