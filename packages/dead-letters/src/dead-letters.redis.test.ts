import { type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { connectTestRedis, deleteKeysWithPrefix, uniquePrefix } from '@tocsin/test-support';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalFailure } from './dead-letter.js';
import { DeadLetters } from './dead-letters.js';
import { registerDeadLettersGauge } from './dead-letters-gauge.js';

const HOUR = 3600_000;
const T0 = Date.UTC(2026, 0, 1);

function notification(receiver: string, integration: 'webhook' | 'email', n: number): NotifyJobData {
  return {
    receiver,
    integration,
    index: 0,
    groupKey: `{}:{alertname="A${n}"}`,
    groupLabels: { alertname: `A${n}` },
    routeLabels: {},
    alerts: [],
    firing: [`fp${n}`],
    resolved: [],
    repeatIntervalMs: 4 * HOUR,
    reason: 'first notification',
    flushedAt: T0 + n,
    groupIntervalMs: 300_000,
    configHash: 'h',
  };
}

function failure(
  receiver: string,
  integration: 'webhook' | 'email',
  n: number,
  over: Partial<FinalFailure> = {},
): FinalFailure {
  return {
    notification: notification(receiver, integration, n),
    jobId: `notify.job${n}`,
    lastError: `notify retry canceled after 3 attempts: unexpected status code 500 (${n})`,
    reason: 'serverError',
    attempts: 3,
    failedAt: T0 + n * 1000,
    ...over,
  };
}

describe('DeadLetters (real Redis)', () => {
  const root = uniquePrefix('dead-letters');
  let redis: Redis;
  let n = 0;
  const fresh = (retentionMs = 10 * HOUR) => {
    const prefix = `${root}:${++n}`;
    return { prefix, letters: new DeadLetters(redis, { prefix, retentionMs }) };
  };

  beforeAll(() => {
    redis = connectTestRedis();
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, root);
    redis.disconnect();
  });

  it('keeps a record with everything the failure knew, and gets it back by id', async () => {
    const { letters } = fresh();
    const f = failure('team', 'webhook', 1);
    const letter = await letters.record(f);
    expect(letter.id).toMatch(/^[0-9a-f]{20}$/);
    expect(await letters.get(letter.id)).toEqual({
      id: letter.id,
      receiver: 'team',
      integration: 'webhook',
      index: 0,
      groupKey: '{}:{alertname="A1"}',
      notification: f.notification,
      lastError: f.lastError,
      reason: 'serverError',
      attempts: 3,
      firstFailedAt: f.failedAt,
      lastFailedAt: f.failedAt,
      replays: 0,
      jobId: 'notify.job1',
    });
    expect(await letters.get('nope')).toBeUndefined();
  });

  it('files a re-run of the same failed job once', async () => {
    const { letters } = fresh();
    const a = await letters.record(failure('team', 'webhook', 1));
    const b = await letters.record(failure('team', 'webhook', 1, { failedAt: T0 + 5000, attempts: 4 }));
    expect(b.id).toBe(a.id);
    expect(await letters.list()).toHaveLength(1);
    expect(await letters.countByIntegration()).toEqual({ webhook: 1 });
    expect((await letters.get(a.id))?.attempts).toBe(4);
  });

  it('lists newest first, filtered by receiver and integration, up to a limit', async () => {
    const { letters } = fresh();
    await letters.record(failure('a', 'webhook', 1));
    await letters.record(failure('b', 'webhook', 2));
    await letters.record(failure('a', 'email', 3));
    await letters.record(failure('a', 'webhook', 4));
    const groups = (list: { groupKey: string }[]) => list.map((l) => l.groupKey.slice(-4, -2));
    expect(groups(await letters.list())).toEqual(['A4', 'A3', 'A2', 'A1']);
    expect(groups(await letters.list({ receiver: 'a' }))).toEqual(['A4', 'A3', 'A1']);
    expect(groups(await letters.list({ integration: 'webhook' }))).toEqual(['A4', 'A2', 'A1']);
    expect(groups(await letters.list({ receiver: 'a', integration: 'webhook', limit: 1 }))).toEqual(['A4']);
    expect(await letters.list({ receiver: 'nobody' })).toEqual([]);
    expect(await letters.countByIntegration()).toEqual({ webhook: 3, email: 1 });
  });

  it('reads past the first page when filtering, and matches receiver names with spaces exactly', async () => {
    const { letters } = fresh();
    await letters.record(failure('rare one', 'webhook', 0));
    await letters.record(failure('rare', 'email', 1));
    for (let i = 2; i <= 1200; i++) await letters.record(failure('busy', 'webhook', i));
    const rare = await letters.list({ receiver: 'rare one' });
    expect(rare.map((l) => l.receiver)).toEqual(['rare one']);
    expect((await letters.list({ receiver: 'rare' })).map((l) => l.integration)).toEqual(['email']);
    expect(await letters.list({ receiver: 'rare', integration: 'webhook' })).toEqual([]);
    expect(await letters.list({ limit: 2000 })).toHaveLength(1201);
    const busy = await letters.list({ receiver: 'busy', limit: 600 });
    expect(busy).toHaveLength(600);
    expect(busy[599]?.groupKey).toBe('{}:{alertname="A601"}');
  });

  it('discards one by id and says when there was none', async () => {
    const { letters } = fresh();
    const a = await letters.record(failure('a', 'webhook', 1));
    const b = await letters.record(failure('a', 'email', 2));
    expect(await letters.discard(a.id)).toBe(true);
    expect(await letters.discard(a.id)).toBe(false);
    expect(await letters.get(a.id)).toBeUndefined();
    expect((await letters.list()).map((l) => l.id)).toEqual([b.id]);
    expect(await letters.countByIntegration()).toEqual({ email: 1 });
  });

  it('trims what is past the retention when it writes, and on trim()', async () => {
    const { letters, prefix } = fresh(10_000);
    const old = await letters.record(failure('a', 'webhook', 1)); // failed at T0 + 1s
    const kept = await letters.record(failure('a', 'webhook', 5)); // T0 + 5s
    // Written at T0 + 12s: the one from T0 + 1s is older than 10s, the one from T0 + 5s is not.
    const newest = await letters.record(failure('a', 'email', 12));
    expect((await letters.list()).map((l) => l.id)).toEqual([newest.id, kept.id]);
    expect(await letters.get(old.id)).toBeUndefined();
    expect(await letters.countByIntegration()).toEqual({ webhook: 1, email: 1 });
    // A reader with another retention trims by its own clock only when asked to.
    const reader = new DeadLetters(redis, { prefix, retentionMs: 10_000 });
    expect(await reader.trim(T0 + 20_000)).toBe(1);
    expect((await letters.list()).map((l) => l.id)).toEqual([newest.id]);
    expect(await reader.trim(T0 + 100_000)).toBe(1);
    expect(await letters.countByIntegration()).toEqual({});
    // Nothing is left behind.
    for (const key of Object.values(letters.keys)) expect(await redis.exists(key), key).toBe(0);
  });

  it('replays on notify.<integration> with a fresh job id and a replay marker, and takes the letter off', async () => {
    const { letters, prefix } = fresh();
    const f = failure('team', 'webhook', 7, { jobId: 'notify.original' });
    const letter = await letters.record(f);
    const replayed = await letters.replay(letter.id, T0 + HOUR);
    expect(replayed?.queue).toBe('notify.webhook');
    expect(replayed?.jobId).toMatch(/^replay\.[0-9a-f]{40}$/);
    expect(await letters.get(letter.id)).toBeUndefined();
    expect(await letters.countByIntegration()).toEqual({});
    const queue = new Queue<NotifyJobData>(notifyQueue('webhook'), { connection: redis, prefix });
    try {
      const job = await queue.getJob(replayed?.jobId ?? '');
      expect(job?.data).toEqual({
        ...f.notification,
        replay: { deadLetterId: letter.id, replayedAt: T0 + HOUR, replays: 1, firstFailedAt: f.failedAt },
      });
      expect(job?.opts.attempts).toBeGreaterThan(1);
      expect(await letters.replay(letter.id)).toBeUndefined();

      // The replay fails again: same id, first failure kept, one replay counted; the next
      // replay gets another job id.
      const again = await letters.record({
        ...f,
        notification: job?.data as NotifyJobData,
        jobId: replayed?.jobId ?? '',
        failedAt: T0 + 2 * HOUR,
        attempts: 1,
      });
      expect(again).toMatchObject({
        id: letter.id,
        firstFailedAt: f.failedAt,
        lastFailedAt: T0 + 2 * HOUR,
        replays: 1,
        attempts: 1,
        notification: f.notification,
      });
      const second = await letters.replay(letter.id, T0 + 3 * HOUR);
      expect(second?.jobId).not.toBe(replayed?.jobId);
      expect((await queue.getJob(second?.jobId ?? ''))?.data.replay?.replays).toBe(2);
    } finally {
      await queue.close();
    }
    // The shared connection is still usable after the replay's queue closed.
    expect(await redis.ping()).toBe('PONG');
  });

  it('serves tocsin_dead_letters per integration from Redis at scrape time', async () => {
    const { letters } = fresh();
    const registry = new Registry();
    registerDeadLettersGauge(registry, letters);
    const value = async (integration: string) =>
      (await registry.getSingleMetric('tocsin_dead_letters')?.get())?.values.find(
        (v) => v.labels.integration === integration,
      )?.value;
    expect(await value('webhook')).toBe(0);
    expect(await value('email')).toBe(0);
    await letters.record(failure('a', 'webhook', 1));
    await letters.record(failure('a', 'webhook', 2));
    await letters.record(failure('a', 'email', 3));
    expect(await value('webhook')).toBe(2);
    expect(await value('email')).toBe(1);
    expect(await registry.metrics()).toContain('tocsin_dead_letters{integration="webhook"} 2');
  });
});
