import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEVER_ATTEMPTED, ReceiverStatus } from './receiver-status.js';

describe('ReceiverStatus (real Redis)', () => {
  const prefix = uniquePrefix('receiver-status');
  let redis: Redis;
  let status: ReceiverStatus;
  const hook = { receiver: 'team-a', integration: 'webhook', index: 0 };

  beforeAll(() => {
    redis = connectTestRedis();
    status = new ReceiverStatus(redis, { prefix, retentionMs: 60_000 });
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('reads nulls and zero counts for an integration never attempted', async () => {
    expect(await status.read([hook])).toEqual([NEVER_ATTEMPTED]);
    expect(await status.read([])).toEqual([]);
  });

  it('keeps the last attempt, success, error and duration, and counts attempts and failures', async () => {
    await status.record(hook, { at: 1000, durationMs: 12.5 });
    await status.record(hook, { at: 2000, durationMs: 30, error: 'unexpected status code 500' });
    expect(await status.read([hook])).toEqual([
      {
        lastAttemptAt: 2000,
        lastAttemptDurationMs: 30,
        lastSuccessAt: 1000,
        lastErrorAt: 2000,
        lastError: 'unexpected status code 500',
        attempts: 2,
        failures: 1,
      },
    ]);
    await status.record(hook, { at: 3000, durationMs: 5 });
    const [after] = await status.read([hook]);
    // A success does not clear the last error: both times tell which came last.
    expect(after).toMatchObject({ lastAttemptAt: 3000, lastSuccessAt: 3000, lastErrorAt: 2000, attempts: 3 });
  });

  it('keeps receivers, integration types and indexes apart, and expires after the retention', async () => {
    const others = [
      { ...hook, index: 1 },
      { ...hook, integration: 'email' },
      { ...hook, receiver: 'team-b' },
      { ...hook, receiver: 'team-a}{odd:name' },
    ];
    await status.record(others[3] as (typeof others)[3], { at: 5, durationMs: 1 });
    const read = await status.read(others);
    expect(read.slice(0, 3)).toEqual([NEVER_ATTEMPTED, NEVER_ATTEMPTED, NEVER_ATTEMPTED]);
    expect(read[3]).toMatchObject({ lastAttemptAt: 5, attempts: 1 });
    const ttl = await redis.pttl(status.key(hook));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
