import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeadLetters, type FinalFailure } from '@tocsin/dead-letters';
import { type NotifyJobData, notifyQueue } from '@tocsin/queues';
import { ReceiverStatus } from '@tocsin/receiver-status';
import { connectTestRedis, deleteKeysWithPrefix, testRedisUrl, uniquePrefix } from '@tocsin/test-support';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIngestFlags } from '../flags.js';
import { type RunningIngest, startIngest } from '../main.js';

const CONFIG = `route:
  receiver: team
receivers:
  - name: team
    webhook_configs:
      - url: 'http://127.0.0.1:9/first'
      - url: 'http://127.0.0.1:9/second'
        send_resolved: false
  - name: blackhole
`;
const T0 = Date.UTC(2026, 0, 1);

function failure(receiver: string, n: number, index = 0): FinalFailure {
  const notification: NotifyJobData = {
    receiver,
    integration: 'webhook',
    index,
    groupKey: `{}:{alertname="A${n}"}`,
    groupLabels: { alertname: `A${n}` },
    routeLabels: {},
    alerts: [],
    firing: [],
    resolved: [],
    repeatIntervalMs: 3_600_000,
    reason: 'first notification',
    flushedAt: T0,
    configHash: 'h',
  };
  return {
    notification,
    jobId: `notify.${n}`,
    lastError: `notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400 (${n})`,
    reason: 'clientError',
    attempts: 1,
    failedAt: T0 + n * 1000,
  };
}

describe('Tocsin API: dead letters and receivers (real Redis)', () => {
  const prefix = uniquePrefix('ingest-tocsin-api');
  let redis: Redis;
  let ingest: RunningIngest;
  let deadLetters: DeadLetters;
  let status: ReceiverStatus;
  const api = (p: string, init?: RequestInit) => fetch(`${ingest.url}/api/tocsin/v1${p}`, init);

  beforeAll(async () => {
    redis = connectTestRedis();
    const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-api-'));
    writeFileSync(path.join(dir, 'alertmanager.yml'), CONFIG);
    const flags = parseIngestFlags(
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--redis.url=${testRedisUrl()}`,
        `--redis.prefix=${prefix}`,
        '--web.listen-address=127.0.0.1:0',
      ],
      {},
    );
    ingest = await startIngest(flags, pino({ level: 'silent' }));
    deadLetters = new DeadLetters(redis, { prefix });
    status = new ReceiverStatus(redis, { prefix });
  });

  afterAll(async () => {
    await ingest?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it('lists dead letters newest first, filtered and limited, without their notification', async () => {
    const a = await deadLetters.record(failure('team', 1));
    const b = await deadLetters.record(failure('gone', 2));
    const c = await deadLetters.record(failure('team', 3, 1));
    const res = await api('/dead-letters');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const list = (await res.json()) as Record<string, unknown>[];
    expect(list.map((l) => l.id)).toEqual([c.id, b.id, a.id]);
    expect(list[2]).toEqual({
      id: a.id,
      receiver: 'team',
      integration: 'webhook',
      index: 0,
      groupKey: '{}:{alertname="A1"}',
      groupLabels: { alertname: 'A1' },
      alertCount: 0,
      lastError:
        'notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400 (1)',
      reason: 'clientError',
      attempts: 1,
      replays: 0,
      firstFailedAt: '2026-01-01T00:00:01.000Z',
      lastFailedAt: '2026-01-01T00:00:01.000Z',
      jobId: 'notify.1',
    });
    const ids = async (q: string) =>
      ((await (await api(`/dead-letters?${q}`)).json()) as { id: string }[]).map((l) => l.id);
    expect(await ids('receiver=team')).toEqual([c.id, a.id]);
    expect(await ids('receiver=team&limit=1')).toEqual([c.id]);
    expect(await ids('integration=webhook&receiver=gone')).toEqual([b.id]);
    expect(await ids('integration=email')).toEqual([]);
    for (const id of [a.id, b.id, c.id]) await deadLetters.discard(id);
  });

  it('rejects a bad limit or integration with 400 and a message naming it', async () => {
    for (const [q, phrase] of [
      ['limit=0', 'limit must be an integer'],
      ['limit=ten', 'limit must be an integer'],
      ['limit=100000', 'limit must be an integer'],
      ['integration=carrier-pigeon', 'unknown integration "carrier-pigeon"'],
    ] as const) {
      const res = await api(`/dead-letters?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { code: number; message: string };
      expect(body.code).toBe(400);
      expect(body.message).toContain(phrase);
    }
  });

  it('shows one dead letter with its notification, and 404s an unknown id with a clear message', async () => {
    const f = failure('team', 4);
    const letter = await deadLetters.record(f);
    const res = await api(`/dead-letters/${letter.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; notification: unknown };
    expect(body.id).toBe(letter.id);
    expect(body.notification).toEqual(f.notification);
    for (const [method, p] of [
      ['GET', '/dead-letters/nope'],
      ['POST', '/dead-letters/nope/replay'],
      ['DELETE', '/dead-letters/nope'],
    ] as const) {
      const missing = await api(p, { method });
      expect(missing.status, `${method} ${p}`).toBe(404);
      expect(await missing.json()).toEqual({
        code: 404,
        message: 'dead letter "nope" not found (discarded, replayed, or past the retention)',
      });
    }
    await deadLetters.discard(letter.id);
  });

  it('replays onto notify.<integration> with a replay marker and takes the letter off', async () => {
    const f = failure('team', 5, 1);
    const letter = await deadLetters.record(f);
    const res = await api(`/dead-letters/${letter.id}/replay`, { method: 'POST' });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; jobId: string; queue: string };
    expect(body).toMatchObject({ id: letter.id, queue: 'notify.webhook' });
    const queue = new Queue<NotifyJobData>(notifyQueue('webhook'), { connection: redis, prefix });
    try {
      const job = await queue.getJob(body.jobId);
      expect(job?.data).toMatchObject({ ...f.notification, replay: { deadLetterId: letter.id, replays: 1 } });
    } finally {
      await queue.close();
    }
    expect((await api(`/dead-letters/${letter.id}`)).status).toBe(404);
  });

  it('refuses with 409 to replay a dead letter whose integration is no longer configured', async () => {
    const gone = await deadLetters.record(failure('gone', 6));
    const noIndex = await deadLetters.record(failure('team', 7, 2));
    for (const letter of [gone, noIndex]) {
      const res = await api(`/dead-letters/${letter.id}/replay`, { method: 'POST' });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toContain(
        `has no webhook integration at index ${letter.index} in the current configuration`,
      );
      expect((await api(`/dead-letters/${letter.id}`)).status).toBe(200);
    }
    await deadLetters.discard(gone.id);
    await deadLetters.discard(noIndex.id);
  });

  it('serves tocsin_dead_letters per integration on /metrics, read from Redis at scrape time', async () => {
    const gauge = async () =>
      /^tocsin_dead_letters\{integration="webhook"\} (\d+)$/m.exec(
        await (await fetch(`${ingest.url}/metrics`)).text(),
      )?.[1];
    const before = Number(await gauge());
    const a = await deadLetters.record(failure('team', 9));
    const b = await deadLetters.record(failure('team', 10));
    expect(Number(await gauge())).toBe(before + 2);
    await api(`/dead-letters/${a.id}`, { method: 'DELETE' });
    expect(Number(await gauge())).toBe(before + 1);
    await deadLetters.discard(b.id);
    expect(await (await fetch(`${ingest.url}/metrics`)).text()).toContain(
      'tocsin_dead_letters{integration="email"} 0',
    );
  });

  it('discards a dead letter', async () => {
    const letter = await deadLetters.record(failure('team', 8));
    const res = await api(`/dead-letters/${letter.id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: letter.id, discarded: true });
    expect(await deadLetters.get(letter.id)).toBeUndefined();
  });

  it('lists every receiver integration of the config with its status, nulls when never attempted', async () => {
    await status.record({ receiver: 'team', integration: 'webhook', index: 0 }, { at: T0, durationMs: 250 });
    await status.record(
      { receiver: 'team', integration: 'webhook', index: 0 },
      { at: T0 + 60_000, durationMs: 1500, error: 'unexpected status code 503' },
    );
    const res = await api('/receivers');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      {
        name: 'team',
        integrations: [
          {
            integration: 'webhook',
            index: 0,
            sendResolved: true,
            lastAttemptAt: '2026-01-01T00:01:00.000Z',
            lastAttemptDurationSeconds: 1.5,
            lastSuccessAt: '2026-01-01T00:00:00.000Z',
            lastErrorAt: '2026-01-01T00:01:00.000Z',
            lastError: 'unexpected status code 503',
            attempts: 2,
            failures: 1,
          },
          {
            integration: 'webhook',
            index: 1,
            sendResolved: false,
            lastAttemptAt: null,
            lastAttemptDurationSeconds: null,
            lastSuccessAt: null,
            lastErrorAt: null,
            lastError: null,
            attempts: 0,
            failures: 0,
          },
        ],
      },
      { name: 'blackhole', integrations: [] },
    ]);
  });
});
