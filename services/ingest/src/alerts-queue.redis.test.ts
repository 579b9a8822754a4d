import { ALERTS_QUEUE, type AlertsJobData } from '@tocsin/queues';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertsQueue } from './alerts-queue.js';

describe('AlertsQueue', () => {
  let redis: Redis;
  const prefix = uniquePrefix('alerts-queue');

  beforeAll(async () => {
    redis = connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('shares one job among enqueues of the same tick and queues later ones behind it', async () => {
    const queue = new AlertsQueue(redis, prefix);
    const reader = new Queue<AlertsJobData>(ALERTS_QUEUE, { connection: redis, prefix });
    const first = [queue.enqueue(['a', 'b']), queue.enqueue(['b', 'c'])];
    await new Promise((resolve) => setImmediate(resolve)); // the first add is now in flight
    const second = [queue.enqueue(['d']), queue.enqueue(['e'])];
    await Promise.all(first);
    await Promise.all(second);
    await queue.close();
    const jobs = await reader.getJobs(['waiting']);
    const batches = jobs.map((j) => j.data.fingerprints).sort((x, y) => x.length - y.length);
    expect(batches).toEqual([
      ['d', 'e'],
      ['a', 'b', 'c'],
    ]);
    await reader.close();
  });

  it('resolves at once for no fingerprints', async () => {
    const queue = new AlertsQueue(redis, `${prefix}-empty`);
    await queue.enqueue([]);
    await queue.close();
  });
});
