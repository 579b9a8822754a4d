import { createHash } from 'node:crypto';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NflogKey, NotificationLog, stateKey } from './notification-log.js';

describe('NotificationLog (real Redis)', () => {
  const prefix = uniquePrefix('nflog');
  let redis: Redis;
  let log: NotificationLog;
  const key: NflogKey = {
    groupKey: '{}:{alertname="A"}',
    receiver: 'team',
    integration: 'webhook',
    index: 0,
  };

  beforeAll(() => {
    redis = connectTestRedis();
    log = new NotificationLog(redis, { prefix, retentionMs: 60_000 });
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it("uses Alertmanager's state key shape", () => {
    expect(stateKey(key)).toBe('{}:{alertname="A"}:team/webhook/0');
  });

  it('returns nothing for a slot never written, and what was logged after a write', async () => {
    expect(await log.query(key)).toBeUndefined();
    expect(await log.log(key, { firing: ['f1'], resolved: [], timestamp: 1000 }, 3_600_000)).toBe(true);
    expect(await log.query(key)).toEqual({ firing: ['f1'], resolved: [], timestamp: 1000 });
  });

  it('keeps slots apart by receiver, integration and index', async () => {
    const other = { ...key, index: 1 };
    await log.log(other, { firing: ['x'], resolved: [], timestamp: 2000 }, 3_600_000);
    const [a, b, c] = await log.queryMany([key, other, { ...key, integration: 'email' }]);
    expect(a?.firing).toEqual(['f1']);
    expect(b?.firing).toEqual(['x']);
    expect(c).toBeUndefined();
  });

  it('never overwrites a newer entry with an older one (clock-skew guard)', async () => {
    await log.log(key, { firing: ['new'], resolved: [], timestamp: 5000 }, 3_600_000);
    expect(await log.log(key, { firing: ['old'], resolved: [], timestamp: 4000 }, 3_600_000)).toBe(false);
    expect((await log.query(key))?.firing).toEqual(['new']);
  });

  it('expires entries after min(retention, 2 × repeat_interval)', async () => {
    const short = { ...key, receiver: 'short' };
    await log.log(short, { firing: ['a'], resolved: [], timestamp: 1 }, 10_000);
    const ttlShort = await redis.pttl(`${prefix}:nflog:${sha1(stateKey(short))}`);
    expect(ttlShort).toBeGreaterThan(15_000);
    expect(ttlShort).toBeLessThanOrEqual(20_000);
    const long = { ...key, receiver: 'long' };
    await log.log(long, { firing: ['a'], resolved: [], timestamp: 1 }, 3_600_000);
    const ttlLong = await redis.pttl(`${prefix}:nflog:${sha1(stateKey(long))}`);
    expect(ttlLong).toBeGreaterThan(50_000);
    expect(ttlLong).toBeLessThanOrEqual(60_000);
  });
});

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
